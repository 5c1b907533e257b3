#include "guitestsupport.h"
#include "testsupport.h"

#include "noteeditor.h"
#include "readingpane.h"
#include <catch2/catch_test_macros.hpp>

#include <QDir>
#include <QFile>
#include <QPlainTextEdit>
#include <QRegularExpression>
#include <QStatusBar>
#include <QStyle>
#include <QStyleFactory>
#include <QTableView>
#include <QTest>
#include <QTextBlock>
#include <QTextDocument>
#include <QTextLayout>
#include <QWidget>

using namespace Qt::StringLiterals;

static void initUiResources() {
    Q_INIT_RESOURCE(resources);
}

namespace lectern::test {

QApplication *guiApp() {
    static int argc = 1;
    static char name[] = "lectern-gui-test";
    static char *argv[] = {name, nullptr};
    static QApplication *app = [] {
        // The test main (GUI flag) made the application; a program without one gets its own.
        auto *a = qobject_cast<QApplication *>(QCoreApplication::instance());
        if (!a)
            a = new QApplication(argc, argv);
        initUiResources();
        QApplication::setStyle(QStyleFactory::create(u"Fusion"_s));
        QApplication::setPalette(lightPalette());
        return a;
    }();
    return app;
}

QPalette lightPalette() {
    return QStyleFactory::create(u"Fusion"_s)->standardPalette();
}

QPalette darkPalette() {
    QPalette p;
    const QColor window(0x2b, 0x2d, 0x30), base(0x1e, 0x1f, 0x22), text(0xe6, 0xe6, 0xe6);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, QColor(0x26, 0x28, 0x2b));
    p.setColor(QPalette::ToolTipBase, QColor(0x3a, 0x3d, 0x41));
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, QColor(0x9a, 0x9a, 0x9a));
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, window);
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, Qt::white);
    p.setColor(QPalette::Highlight, QColor(0x3d, 0x6e, 0xb4));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, QColor(0x7c, 0xb7, 0xff));
    p.setColor(QPalette::Mid, QColor(0x44, 0x46, 0x4a));
    p.setColor(QPalette::Dark, QColor(0x18, 0x19, 0x1b));
    p.setColor(QPalette::Light, QColor(0x50, 0x52, 0x56));
    p.setColor(QPalette::Disabled, QPalette::Text, QColor(0x80, 0x80, 0x80));
    p.setColor(QPalette::Disabled, QPalette::WindowText, QColor(0x80, 0x80, 0x80));
    p.setColor(QPalette::Disabled, QPalette::ButtonText, QColor(0x80, 0x80, 0x80));
    return p;
}

QString saveScreenshot(QWidget *widget, const QString &name) {
    const QString dir = QStringLiteral(LECTERN_TEST_OUTPUT_DIR "/screenshots");
    QDir().mkpath(dir);
    const QString path = dir + u'/' + name + u".png"_s;
    widget->grab().save(path);
    return path;
}

QByteArray sampleDigest() {
    QFile f(u":/lectern/sample-digest.md"_s);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QStringList highlightBackgrounds(const ReadingPane *pane) {
    static const QRegularExpression re(u"background-color:(#[0-9a-fA-F]{6})"_s);
    QStringList colours;
    auto it = re.globalMatch(pane->document()->toHtml());
    while (it.hasNext())
        colours << it.next().captured(1);
    return colours;
}

QColor noteHeadingColour(const NoteEditor *notes) {
    for (QTextBlock b = notes->editor()->document()->firstBlock(); b.isValid(); b = b.next()) {
        if (!b.text().startsWith(u'#'))
            continue;
        for (const QTextLayout::FormatRange &r : b.layout()->formats())
            if (r.format.hasProperty(QTextFormat::ForegroundBrush))
                return r.format.foreground().color();
    }
    return {};
}

TestWindow::TestWindow(const QString &name, const QList<QByteArray> &digests, bool markReadOnMove)
    : dir(scratchDir(name)) {
    guiApp();
    QApplication::setPalette(lightPalette());
    REQUIRE(lib.open(dir + QStringLiteral("/library.sqlite")));
    for (int n = 0; n < digests.size(); ++n)
        REQUIRE(
            lib.importData(dir + QStringLiteral("/d") + QString::number(n) + QStringLiteral(".md"),
                           digests.at(n))
                .imported);
    settings = std::make_unique<Settings>(dir + QStringLiteral("/settings.ini"));
    settings->setMarkReadDelayMs(0);
    settings->setMarkReadOnMove(markReadOnMove);
    w = std::make_unique<MainWindow>(&lib, settings.get());
    w->show();
    (void)QTest::qWaitForWindowExposed(w.get(), 100);
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
    QApplication::setActiveWindow(w.get());
#pragma GCC diagnostic pop
    REQUIRE(QApplication::activeWindow() == w.get());
    w->paperList()->setFocus();
}

void TestWindow::key(Qt::Key k, Qt::KeyboardModifiers mods) {
    QWidget *target = QApplication::focusWidget() ? QApplication::focusWidget() : w.get();
    QTest::keyClick(target, k, mods);
}

QString TestWindow::status() const {
    return w->statusBar()->currentMessage();
}

} // namespace lectern::test
