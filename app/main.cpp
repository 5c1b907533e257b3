// lectern: the reading window. `lectern [--db PATH] [FILES...]` opens the library (creating it
// on first run) and imports the files or folders given, in the background. When Lectern already
// runs on that library, the files go to its window instead (SingleInstance) and this process
// exits: 0 handed off, 2 usage error, 3 the running instance did not answer.
#include "libraryopener.h"
#include "mainwindow.h"
#include "settings.h"
#include "singleinstance.h"
#include "store/library.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QIcon>
#include <QMessageBox>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace {

constexpr int kExitUsage = 2;
constexpr int kExitUnresponsive = 3;
constexpr int kHandOffTimeoutMs = 2000;

const QCommandLineOption &dbOption() {
    static const QCommandLineOption option(
        u"db"_s, QCoreApplication::translate("main", "Library database to use."), u"PATH"_s);
    return option;
}

// The options of both parses; help and version are answered by the parser.
void describe(QCommandLineParser &parser) {
    parser.setApplicationDescription(
        QCoreApplication::translate("main", "Reader and annotator for arXiv digests"));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOption(dbOption());
    parser.addPositionalArgument(
        u"files"_s, QCoreApplication::translate("main", "Digests or folders to import."),
        u"[FILES...]"_s);
}

void printErr(const QString &text) {
    std::fputs(text.toLocal8Bit().constData(), stderr);
}

// --help and --version need no display: answered before the GUI starts (they exit).
void answerHelpOrVersion(int &argc, char **argv) {
    QStringList raw;
    for (int i = 0; i < argc; ++i)
        raw << QString::fromLocal8Bit(argv[i]);
    QCommandLineParser parser;
    describe(parser);
    if (!parser.parse(raw))
        return; // perhaps Qt's own options (-platform …): QApplication takes them out first
    const bool help = parser.isSet(u"help"_s) || parser.isSet(u"help-all"_s);
    if (!help && !parser.isSet(u"version"_s))
        return;
    QCoreApplication core(argc, argv);
    if (help)
        parser.showHelp(0);
    parser.showVersion();
}

void bringToFront(QWidget *window) {
    window->show();
    window->setWindowState((window->windowState() & ~Qt::WindowMinimized) | Qt::WindowActive);
    window->raise();
    window->activateWindow();
}

} // namespace

int main(int argc, char *argv[]) {
    QApplication::setApplicationName(u"Lectern"_s);
    QApplication::setOrganizationName(u"Lectern"_s);
    QApplication::setApplicationVersion(QStringLiteral(PROJECT_VERSION_STRING));
    QApplication::setDesktopFileName(u"io.github.lectern.Lectern"_s);
    answerHelpOrVersion(argc, argv);

    QApplication app(argc, argv);
    QCommandLineParser parser;
    describe(parser);
    if (!parser.parse(QApplication::arguments())) {
        printErr(parser.errorText() + u"\n\n"_s + parser.helpText());
        return kExitUsage;
    }

    const QString dbPath =
        parser.isSet(dbOption()) ? parser.value(dbOption()) : lectern::Library::defaultPath();
    QStringList paths;
    for (const QString &arg : parser.positionalArguments())
        paths << QFileInfo(arg).absoluteFilePath();

    // Nothing opens the library before this process knows it is the only one on it.
    lectern::SingleInstance instance(lectern::SingleInstance::canonicalDbPath(dbPath));
    switch (instance.start(paths, kHandOffTimeoutMs)) {
    case lectern::SingleInstance::Result::HandedOff:
        return 0;
    case lectern::SingleInstance::Result::Unresponsive:
        printErr(u"lectern: "_s + instance.errorString() + u"; the library was not opened\n"_s);
        return kExitUnresponsive;
    case lectern::SingleInstance::Result::Failed:
        printErr(u"lectern: warning: "_s + instance.errorString() +
                 u"; a second Lectern will not find this one\n"_s);
        break;
    case lectern::SingleInstance::Result::Primary:
        break;
    }

    lectern::Library library;
    if (!lectern::LibraryOpener::open(&library, dbPath)) // creates, or recovers, only if asked
        return 1;
    const auto libraryLock = lectern::LibraryOpener::lock(dbPath); // lectern-cli restore waits
    lectern::Settings settings;
    lectern::MainWindow window(&library, &settings);
    QApplication::setWindowIcon(window.windowIcon());
    window.show();
    // A second `lectern FILE…` on this library: as if the files had been dropped on the window.
    QObject::connect(&instance, &lectern::SingleInstance::activationRequested, &window,
                     [&window](const QStringList &files) {
                         bringToFront(&window);
                         window.importPaths(files);
                     });
    window.importPaths(paths);
    return app.exec();
}
