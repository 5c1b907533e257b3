// lectern: the reading window. `lectern [--db PATH] [FILES...]` opens the library (creating it
// on first run) and imports the files or folders given, in the background.
#include "libraryopener.h"
#include "mainwindow.h"
#include "settings.h"
#include "store/library.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QIcon>
#include <QMessageBox>

using namespace Qt::StringLiterals;

int main(int argc, char *argv[]) {
    QApplication app(argc, argv);
    QApplication::setApplicationName(u"Lectern"_s);
    QApplication::setOrganizationName(u"Lectern"_s);
    QApplication::setApplicationVersion(QStringLiteral(PROJECT_VERSION_STRING));
    QApplication::setDesktopFileName(u"io.github.lectern.Lectern"_s);

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QApplication::translate("main", "Reader and annotator for arXiv digests"));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption dbOption(
        u"db"_s, QApplication::translate("main", "Library database to use."), u"PATH"_s);
    parser.addOption(dbOption);
    parser.addPositionalArgument(u"files"_s,
                                 QApplication::translate("main", "Digests or folders to import."),
                                 u"[FILES...]"_s);
    parser.process(app);

    const QString dbPath =
        parser.isSet(dbOption) ? parser.value(dbOption) : lectern::Library::defaultPath();
    lectern::Library library;
    if (!lectern::LibraryOpener::open(&library, dbPath)) // creates, or recovers, only if asked
        return 1;
    const auto libraryLock = lectern::LibraryOpener::lock(dbPath); // lectern-cli restore waits
    lectern::Settings settings;
    lectern::MainWindow window(&library, &settings);
    QApplication::setWindowIcon(window.windowIcon());
    window.show();

    QStringList paths;
    for (const QString &arg : parser.positionalArguments())
        paths << QFileInfo(arg).absoluteFilePath();
    window.importPaths(paths);
    return app.exec();
}
