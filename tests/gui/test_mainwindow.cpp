// GUI tests of the reading window, run offscreen: keyboard sessions checked against the library,
// restart, drag-and-drop import, the filter bar, and screenshots in light and dark palettes.
#include "filterbar.h"
#include "guitestsupport.h"
#include "helpoverlay.h"
#include "importer.h"
#include "layoutfixtures.h"
#include "mainwindow.h"
#include "noteeditor.h"
#include "paperlistmodel.h"
#include "paperroles.h"
#include "problemspanel.h"
#include "readingpane.h"
#include "settings.h"
#include "sidebar.h"
#include "store/library.h"
#include "testsupport.h"

#include <catch2/catch_test_macros.hpp>

#include <QAction>
#include <QDropEvent>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStatusBar>
#include <QTableView>
#include <QTest>
#include <QUndoStack>

using namespace Qt::StringLiterals;
using namespace lectern;
using namespace lectern::test;

namespace {

struct Fixture {
    QString dir;
    QString dbPath;
    QString iniPath;
    explicit Fixture(const QString &name)
        : dir(scratchDir(name))
        , dbPath(dir + u"/library.sqlite"_s)
        , iniPath(dir + u"/settings.ini"_s) {
        guiApp();
        QApplication::setPalette(lightPalette());
        Settings settings(iniPath);
        settings.setMarkReadDelayMs(0); // the timer would make the session depend on speed
    }
};

void showWindow(MainWindow &w) {
    w.show();
    // The offscreen platform of this Qt build never reports windows as exposed nor activates
    // them by itself; shortcuts need an active window, so make it active directly.
    (void)QTest::qWaitForWindowExposed(&w, 100);
    w.activateWindow();
    if (!QTest::qWaitForWindowActive(&w, 100)) {
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
        QApplication::setActiveWindow(&w);
#pragma GCC diagnostic pop
    }
    REQUIRE(QApplication::activeWindow() == &w);
    w.paperList()->setFocus();
}

void key(MainWindow &w, Qt::Key k, Qt::KeyboardModifiers mods = Qt::NoModifier) {
    QWidget *target = QApplication::focusWidget() ? QApplication::focusWidget() : &w;
    QTest::keyClick(target, k, mods);
}

bool isRead(const Library &lib, qint64 id) {
    return lib.paper(id).value().read;
}

QList<qint64> viewIds(const MainWindow &w) {
    PaperListModel *m = w.model();
    QList<qint64> ids;
    for (int r = 0; r < m->rowCount(); ++r)
        ids << m->idAt(r);
    return ids;
}

// The session of the issue: j x5, s, n, e + typing, Esc, Shift+A, Ctrl+Z; then a restart.
void keyboardSession(const QString &name, const QString &digestPath, const QByteArray &data) {
    Fixture fx(name);
    QList<qint64> ids;
    QString digestKey;
    qint64 noteId = 0;
    {
        Library lib;
        REQUIRE(lib.open(fx.dbPath));
        const ImportFileResult imported = lib.importData(digestPath, data);
        for (const Diagnostic &d : imported.diagnostics)
            UNSCOPED_INFO(d.line << ": " << d.message.toStdString());
        REQUIRE(imported.imported);
        const Counts counts = lib.counts().value();
        REQUIRE(counts.digests.size() == 1);
        digestKey = u"digest:"_s + counts.digests.first().name;

        Settings settings(fx.iniPath);
        MainWindow w(&lib, &settings);
        showWindow(w);
        REQUIRE(w.sidebar()->select(digestKey));
        ids = viewIds(w);
        REQUIRE(ids.size() >= 8);
        REQUIRE(lib.query(w.currentQuery()).total == ids.size());
        w.paperList()->setCurrentIndex(w.model()->index(0, 1));
        w.paperList()->setFocus();
        REQUIRE(w.currentPaperId() == ids[0]);

        for (int i = 0; i < 5; ++i)
            key(w, Qt::Key_J);
        CHECK(w.currentPaperId() == ids[5]);
        CHECK(w.readingPane()->paperId() == ids[5]);
        for (int i = 0; i < 5; ++i)
            CHECK(isRead(lib, ids[i])); // moved past
        CHECK_FALSE(isRead(lib, ids[5]));

        key(w, Qt::Key_S);
        CHECK(lib.paper(ids[5])->starred);
        CHECK(w.model()->data(w.model()->index(5, 0), StarredRole).toBool());

        key(w, Qt::Key_N);
        CHECK(w.currentPaperId() == ids[6]);
        CHECK(isRead(lib, ids[5]));

        key(w, Qt::Key_E);
        REQUIRE(QApplication::focusWidget() == w.noteEditor()->editor());
        QTest::keyClicks(w.noteEditor()->editor(), u"Worth *reading*: the bound."_s);
        key(w, Qt::Key_Escape);
        CHECK(QApplication::focusWidget() == w.paperList());
        noteId = ids[6];
        CHECK(lib.paper(noteId)->note == u"Worth *reading*: the bound."_s);
        CHECK(w.model()->data(w.model()->index(6, 0), HasNoteRole).toBool());

        key(w, Qt::Key_A, Qt::ShiftModifier);
        CHECK(lib.query(w.currentQuery() + u" is:unread"_s).total == 0);
        for (int r = 0; r < w.model()->rowCount(); ++r)
            CHECK(w.model()->data(w.model()->index(r, 0), ReadRole).toBool());

        key(w, Qt::Key_Z, Qt::ControlModifier);
        for (int i = 0; i < ids.size(); ++i) {
            INFO("row " << i);
            CHECK(isRead(lib, ids[i]) == (i <= 5));
            CHECK(w.model()->data(w.model()->index(i, 0), ReadRole).toBool() == (i <= 5));
        }
        CHECK(lib.paper(ids[5])->starred); // undo touched only the mark-all change
        CHECK(lib.paper(noteId)->note == u"Worth *reading*: the bound."_s);
        CHECK(w.currentPaperId() == ids[6]);

        // The end of the digest: the status bar says so, with the summary.
        w.paperList()->setCurrentIndex(w.model()->index(int(ids.size()) - 1, 1));
        key(w, Qt::Key_J);
        CHECK(waitUntil([&] { return w.statusBar()->currentMessage().contains(u"End of"_s); }));
        const QString status = w.statusBar()->currentMessage();
        CHECK(status.contains(u"End of digest"_s));
        CHECK(status.contains(u"1 starred"_s));
        CHECK(status.contains(u"1 with notes"_s));
        w.paperList()->setCurrentIndex(w.model()->index(6, 1));
        saveScreenshot(&w, name + u"-session"_s);
        w.close();
    }
    // Restart on the same library and settings: the view, the paper and the state are back.
    {
        Library lib;
        REQUIRE(lib.open(fx.dbPath));
        Settings settings(fx.iniPath);
        MainWindow w(&lib, &settings);
        showWindow(w);
        CHECK(w.sidebar()->currentKey() == digestKey);
        CHECK(w.currentPaperId() == ids[6]);
        CHECK(w.noteEditor()->editor()->toPlainText() == u"Worth *reading*: the bound."_s);
        for (int i = 0; i < ids.size(); ++i) {
            const int row = w.model()->rowForId(ids[i]);
            REQUIRE(row >= 0);
            // 0-5 were passed or marked; the last one was passed at the end of the digest.
            const bool read = i <= 5 || i == ids.size() - 1;
            CHECK(w.model()->data(w.model()->index(row, 0), ReadRole).toBool() == read);
        }
        CHECK(w.model()
                  ->data(w.model()->index(w.model()->rowForId(ids[5]), 0), StarredRole)
                  .toBool());
    }
}

QByteArray miniDigest(const QString &date, int first, int count) {
    QString text = u"# "_s + date + u"\n\n# Table of Contents\n"_s;
    for (int i = first; i < first + count; ++i)
        text += u"* [Paper number %1](#Paper-number-%1)\n"_s.arg(i);
    text += u"\n\n"_s;
    for (int i = first; i < first + count; ++i)
        text += u"## Paper number %1\n\n>Authors: Ann Author, Ben Writer\n\n>%2\n\n"
                u"> http://arxiv.org/abs/2501.%3v1\n\nAn abstract about **topic%1** and "
                u"$x^2$ things.\n\n"_s.arg(i)
                    .arg(date)
                    .arg(i + 10000, 5, 10, QLatin1Char('0'));
    return text.toUtf8();
}

} // namespace

TEST_CASE("keyboard session over the sample digest, then restart", "[gui]") {
    guiApp();
    keyboardSession(u"gui-session-sample"_s, u"sample-digest.md"_s, sampleDigest());
}

TEST_CASE("keyboard session over a seed digest, then restart", "[gui]") {
    const QString seed = seedPath(u"000"_s);
    if (seed.isEmpty())
        SKIP("../shared/seeds is absent");
    keyboardSession(u"gui-session-seed"_s, seed, readFile(seed));
}

TEST_CASE("a drop of two files imports them in the background", "[gui]") {
    Fixture fx(u"gui-drop"_s);
    writeFile(fx.dir + u"/a/2025-01-02.md"_s, miniDigest(u"2025-01-02"_s, 1, 3));
    writeFile(fx.dir + u"/b/2025-01-03.md"_s, miniDigest(u"2025-01-03"_s, 4, 5));
    Library lib;
    REQUIRE(lib.open(fx.dbPath));
    Settings settings(fx.iniPath);
    MainWindow w(&lib, &settings);
    showWindow(w);
    CHECK(w.isShowingWelcome());
    // The explanation is shown whole, below the title (it used to be squeezed to 1.5 lines).
    const auto *title = w.findChild<QLabel *>(u"welcomeTitle"_s);
    const auto *text = w.findChild<QLabel *>(u"welcomeText"_s);
    REQUIRE(title);
    REQUIRE(text);
    CHECK(text->width() >= 300);
    CHECK(text->height() >= text->heightForWidth(text->width()));
    CHECK(text->geometry().top() >= title->geometry().bottom());
    saveScreenshot(&w, u"welcome-light"_s);

    QMimeData mime;
    mime.setUrls({QUrl::fromLocalFile(fx.dir + u"/a/2025-01-02.md"_s),
                  QUrl::fromLocalFile(fx.dir + u"/b/2025-01-03.md"_s)});
    QDragEnterEvent enter(QPoint(200, 200), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(&w, &enter);
    CHECK(enter.isAccepted());
    QDropEvent drop(QPointF(200, 200), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(&w, &drop);
    CHECK(drop.isAccepted());
    REQUIRE(w.importer()->waitForFinished());
    CHECK(lib.counts().value().all == 8);
    CHECK(lib.counts().value().digests.size() == 2);
    CHECK(w.model()->total() == 8);
    CHECK(w.model()->rowCount() == 8);
    CHECK_FALSE(w.isShowingWelcome());
    CHECK(w.problemsPanel()->problems().isEmpty());
    CHECK(w.filterBar()->countText().contains(u"8"_s));

    // A file that is not a digest: reported as file:line: message, the good one still lands.
    writeFile(fx.dir + u"/c/notes.md"_s, "just some notes\nnothing like a digest\n");
    writeFile(fx.dir + u"/c/2025-01-04.md"_s, miniDigest(u"2025-01-04"_s, 20, 2));
    w.importPaths({fx.dir + u"/c"_s});
    REQUIRE(w.importer()->waitForFinished());
    CHECK(lib.counts().value().all == 10);
    CHECK(w.model()->total() == 10);
    const QStringList problems = w.problemsPanel()->problems();
    REQUIRE_FALSE(problems.isEmpty());
    CHECK(problems.first().contains(u"notes.md"_s));
    CHECK(w.problemsPanel()->isVisible());
    saveScreenshot(&w, u"problems-light"_s);
}

TEST_CASE("typing a query updates the count; a malformed one shows its message", "[gui]") {
    Fixture fx(u"gui-filter"_s);
    Library lib;
    REQUIRE(lib.open(fx.dbPath));
    REQUIRE(lib.importData(u"sample-digest.md"_s, sampleDigest()).imported);
    Settings settings(fx.iniPath);
    MainWindow w(&lib, &settings);
    showWindow(w);
    const int all = lib.counts().value().all;
    CHECK(w.model()->total() == all);

    key(w, Qt::Key_Slash);
    REQUIRE(QApplication::focusWidget() == w.filterBar()->lineEdit());
    QTest::keyClicks(w.filterBar()->lineEdit(), u"quantization"_s);
    const int expected = lib.query(u"quantization"_s).total;
    REQUIRE(expected > 0);
    REQUIRE(expected < all);
    REQUIRE(QTest::qWaitFor([&] { return w.model()->total() == expected; }, 2000));
    CHECK(w.model()->rowCount() == expected);
    CHECK(w.filterBar()->countText().contains(QString::number(expected)));
    CHECK(w.filterBar()->errorText().isEmpty());
    // The search term is highlighted in the pane.
    CHECK(w.readingPane()->toHtml().contains(u"uantization"_s));

    w.filterBar()->lineEdit()->clear();
    QTest::keyClicks(w.filterBar()->lineEdit(), u"\"unclosed phrase"_s);
    const QString error = lib.query(u"\"unclosed phrase"_s).error;
    REQUIRE_FALSE(error.isEmpty());
    REQUIRE(QTest::qWaitFor([&] { return !w.filterBar()->errorText().isEmpty(); }, 2000));
    CHECK(w.filterBar()->errorText().contains(error));
    CHECK(w.model()->rowCount() == expected); // the last valid result stays
    saveScreenshot(&w, u"filter-error-light"_s);

    w.filterBar()->lineEdit()->clear();
    QTest::keyClicks(w.filterBar()->lineEdit(), u"is:bogus"_s);
    REQUIRE(QTest::qWaitFor([&] { return !w.filterBar()->errorText().isEmpty(); }, 2000));

    key(w, Qt::Key_Escape); // clears the search, back to the list
    CHECK(w.filterBar()->text().isEmpty());
    CHECK(w.filterBar()->errorText().isEmpty());
    CHECK(w.model()->total() == all);
    CHECK(QApplication::focusWidget() == w.paperList());
}

TEST_CASE("views, unread-only, links and help from the keyboard", "[gui]") {
    Fixture fx(u"gui-keys"_s);
    Library lib;
    REQUIRE(lib.open(fx.dbPath));
    REQUIRE(lib.importData(u"sample-digest.md"_s, sampleDigest()).imported);
    Settings settings(fx.iniPath);
    MainWindow w(&lib, &settings);
    QList<QUrl> opened;
    w.setUrlOpener([&](const QUrl &url) { opened << url; });
    showWindow(w);
    const int all = lib.counts().value().all;

    key(w, Qt::Key_S); // star the first paper
    key(w, Qt::Key_G);
    key(w, Qt::Key_S);
    CHECK(w.sidebar()->currentKey() == u"view:starred"_s);
    CHECK(w.model()->total() == 1);
    key(w, Qt::Key_G);
    key(w, Qt::Key_A);
    CHECK(w.sidebar()->currentKey() == u"view:all"_s);
    CHECK(w.model()->total() == all);

    key(w, Qt::Key_R); // read
    key(w, Qt::Key_U); // unread only
    CHECK(w.currentQuery().contains(u"is:unread"_s));
    CHECK(w.model()->total() == all - 1);
    key(w, Qt::Key_U);
    CHECK(w.model()->total() == all);

    const qint64 id = w.currentPaperId();
    const LibraryPaper paper = *lib.paper(id);
    key(w, Qt::Key_V);
    key(w, Qt::Key_V, Qt::ShiftModifier);
    key(w, Qt::Key_Return);
    REQUIRE(opened.size() == 3);
    CHECK(opened[0] == QUrl(u"https://arxiv.org/abs/"_s + paper.paper.arxivId));
    CHECK(opened[1].toString().startsWith(u"https://arxiv.org/pdf/"_s + paper.paper.arxivId));
    CHECK(opened[2] == opened[0]);

    // The pane forwards http(s) links only, and never loads anything from outside.
    Q_EMIT w.readingPane()->anchorClicked(QUrl(u"file:///etc/passwd"_s));
    Q_EMIT w.readingPane()->anchorClicked(QUrl(u"javascript:alert(1)"_s));
    CHECK(opened.size() == 3);
    Q_EMIT w.readingPane()->anchorClicked(QUrl(u"https://example.org/x"_s));
    CHECK(opened.size() == 4);
    // Refused resources are empty (not null: on null QTextDocument reads local files itself).
    CHECK(w.readingPane()
              ->loadResource(QTextDocument::ImageResource,
                             QUrl(u"https://img.shields.io/badge/x-FF0000"_s))
              .toByteArray()
              .isEmpty());
    CHECK(w.readingPane()
              ->loadResource(QTextDocument::ImageResource, QUrl(u"file:///etc/hostname"_s))
              .toByteArray()
              .isEmpty());
    CHECK(w.readingPane()
              ->document()
              ->resource(QTextDocument::ImageResource, QUrl(u"file:///etc/hostname"_s))
              .toByteArray()
              .isEmpty());

    // Tags with completion-ready list, saved on Enter.
    key(w, Qt::Key_T);
    REQUIRE(QApplication::focusWidget() == w.noteEditor()->tagsEdit());
    QTest::keyClicks(w.noteEditor()->tagsEdit(), u"to-read, survey"_s);
    QTest::keyClick(w.noteEditor()->tagsEdit(), Qt::Key_Return);
    CHECK(lib.paper(id)->tags == QStringList({u"survey"_s, u"to-read"_s}));
    key(w, Qt::Key_Escape);
    CHECK(QApplication::focusWidget() == w.paperList());

    // Notes autosave within a second without leaving the editor.
    key(w, Qt::Key_E);
    QTest::keyClicks(w.noteEditor()->editor(), u"# Idea"_s);
    CHECK(QTest::qWaitFor([&] { return lib.paper(id)->note == u"# Idea"_s; }, 1500));

    key(w, Qt::Key_Escape);
    key(w, Qt::Key_Question);
    CHECK(w.helpOverlay()->isVisible());
    saveScreenshot(&w, u"help-light"_s);
    QTest::keyClick(w.helpOverlay(), Qt::Key_Escape);
    CHECK_FALSE(w.helpOverlay()->isVisible());
}

TEST_CASE("screenshots of the main window in light and dark palettes", "[gui]") {
    Fixture fx(u"gui-screens"_s);
    Library lib;
    REQUIRE(lib.open(fx.dbPath));
    const QString seed = seedPath(u"000"_s);
    if (!seed.isEmpty())
        REQUIRE(lib.importFile(seed).imported);
    REQUIRE(lib.importData(u"sample-digest.md"_s, sampleDigest()).imported);
    Settings settings(fx.iniPath);
    MainWindow w(&lib, &settings);
    showWindow(w);
    key(w, Qt::Key_J);
    key(w, Qt::Key_J);
    key(w, Qt::Key_S);
    key(w, Qt::Key_E);
    for (const QString &line : {u"## Why it matters"_s, QString(), u"- **fast** and `simple`"_s}) {
        QTest::keyClicks(w.noteEditor()->editor(), line);
        QTest::keyClick(w.noteEditor()->editor(), Qt::Key_Return);
    }
    key(w, Qt::Key_Escape);
    key(w, Qt::Key_T);
    QTest::keyClicks(w.noteEditor()->tagsEdit(), u"to-read"_s);
    key(w, Qt::Key_Escape);
    QTest::qWait(50);
    CHECK_FALSE(w.paperList()->isColumnHidden(PaperListModel::StarColumn));
    CHECK(w.paperList()->columnWidth(PaperListModel::StarColumn) >= 20);
    CHECK(w.paperList()->horizontalHeader()->visualIndex(PaperListModel::StarColumn) == 0);
    saveScreenshot(&w, u"mainwindow-light"_s);
    const QStringList lightBackgrounds = highlightBackgrounds(w.readingPane());
    const QColor lightHeading = noteHeadingColour(w.noteEditor());
    QApplication::setPalette(darkPalette());
    QTest::qWait(50);
    saveScreenshot(&w, u"mainwindow-dark"_s);
    // The dark half asserts what the picture shows: the pane re-rendered its keyword
    // highlights dark (no light patches on the dark page), and the note's Markdown heading
    // switched to the dark theme, readable on the dark editor.
    const QStringList darkBackgrounds = highlightBackgrounds(w.readingPane());
    REQUIRE_FALSE(lightBackgrounds.isEmpty());
    REQUIRE_FALSE(darkBackgrounds.isEmpty());
    for (const QString &c : lightBackgrounds)
        CHECK(QColor(c).lightness() > 160);
    for (const QString &c : darkBackgrounds)
        CHECK(QColor(c).lightness() < 96);
    const QColor darkBase = w.noteEditor()->editor()->palette().color(QPalette::Base);
    CHECK(darkBase.lightness() < 128);
    const QColor darkHeading = noteHeadingColour(w.noteEditor());
    REQUIRE(lightHeading.isValid());
    REQUIRE(darkHeading.isValid());
    CHECK(darkHeading != lightHeading);
    CHECK(darkHeading.lightness() > darkBase.lightness() + 60);
    QApplication::setPalette(lightPalette());
}

namespace {
void clickHeader(QHeaderView *header, int section) {
    const QPoint at(header->sectionViewportPosition(section) + header->sectionSize(section) / 2,
                    header->height() / 2);
    QTest::mouseClick(header->viewport(), Qt::LeftButton, Qt::NoModifier, at);
}
} // namespace

TEST_CASE("the paper list fits its columns, sorts only what the library can sort", "[gui]") {
    Fixture fx(u"gui-columns"_s);
    Library lib;
    REQUIRE(lib.open(fx.dbPath));
    REQUIRE(lib.importData(u"sample-digest.md"_s, sampleDigest()).imported);
    int authorsWidth = 0;
    {
        Settings settings(fx.iniPath);
        MainWindow w(&lib, &settings);
        showWindow(w);
        QTableView *list = w.paperList();
        QHeaderView *header = list->horizontalHeader();
        QTest::qWait(20);
        // Every column is on screen at the default size: the title takes what is left.
        CHECK(header->length() <= list->viewport()->width());
        CHECK(header->sectionViewportPosition(PaperListModel::KeywordsColumn) +
                  header->sectionSize(PaperListModel::KeywordsColumn) <=
              list->viewport()->width());
        CHECK(header->sectionSize(PaperListModel::TitleColumn) >= 150);
        CHECK_FALSE(list->horizontalScrollBar()->isVisible());

        // Star, authors and keywords have no order in the library: clicks leave the sort alone.
        for (const int column :
             {int(PaperListModel::StarColumn), int(PaperListModel::AuthorsColumn),
              int(PaperListModel::KeywordsColumn)}) {
            clickHeader(header, column);
            CHECK(header->sortIndicatorSection() == -1);
            CHECK(w.model()->sortOrder() == SortOrder::Digest);
        }
        clickHeader(header, PaperListModel::TitleColumn);
        CHECK(header->sortIndicatorSection() == PaperListModel::TitleColumn);
        CHECK(w.model()->sortOrder() == SortOrder::Title);
        clickHeader(header, PaperListModel::AuthorsColumn);
        CHECK(header->sortIndicatorSection() == PaperListModel::TitleColumn);
        CHECK(w.model()->sortOrder() == SortOrder::Title);
        clickHeader(header, PaperListModel::DateColumn);
        CHECK(w.model()->sortOrder() == SortOrder::Date);

        // A width the user gives a column is kept across a restart; the title still stretches.
        header->resizeSection(PaperListModel::AuthorsColumn, 171);
        authorsWidth = header->sectionSize(PaperListModel::AuthorsColumn);
        w.close();
    }
    Settings settings(fx.iniPath);
    MainWindow w(&lib, &settings);
    showWindow(w);
    QHeaderView *header = w.paperList()->horizontalHeader();
    QTest::qWait(20);
    CHECK(header->sectionSize(PaperListModel::AuthorsColumn) == authorsWidth);
    // The offscreen screen is 800 px wide and restoreGeometry clamps to it: size back up.
    w.resize(1300, 800);
    QTest::qWait(20);
    CHECK(header->sectionResizeMode(PaperListModel::TitleColumn) == QHeaderView::Stretch);
    CHECK(header->sortIndicatorSection() == PaperListModel::DateColumn);
    CHECK(w.model()->sortOrder() == SortOrder::Date);
    CHECK(header->length() <= w.paperList()->viewport()->width());
}

TEST_CASE("the keyboard overlay shows keys as they are typed, from the actions", "[gui]") {
    guiApp();
    using K = QKeySequence;
    CHECK(HelpOverlay::keyText(K(Qt::Key_J)) == u"j"_s);
    CHECK(HelpOverlay::keyText(K(Qt::SHIFT | Qt::Key_A)) == u"Shift+A"_s);
    CHECK(HelpOverlay::keyText(K(Qt::Key_G, Qt::Key_A)) == u"g a"_s);
    CHECK(HelpOverlay::keyText(K(Qt::CTRL | Qt::Key_O)) == u"Ctrl+O"_s);
    CHECK(HelpOverlay::keyText(K(Qt::Key_Question)) == u"?"_s);
    CHECK(HelpOverlay::keyText(K(Qt::Key_Space)) == u"Space"_s);

    Fixture fx(u"gui-help"_s);
    Library lib;
    REQUIRE(lib.open(fx.dbPath));
    REQUIRE(lib.importData(u"sample-digest.md"_s, sampleDigest()).imported);
    Settings settings(fx.iniPath);
    MainWindow w(&lib, &settings);
    showWindow(w);
    key(w, Qt::Key_Question);
    REQUIRE(w.helpOverlay()->isVisible());
    const QString text = w.helpOverlay()->text();
    // Every listed action with keys appears with its keys as typed.
    for (QAction *a : w.keyboardActions()) {
        QStringList keys;
        for (const QKeySequence &k : a->shortcuts())
            keys << HelpOverlay::keyText(k).toHtmlEscaped();
        if (!keys.isEmpty())
            CHECK(text.contains(u"<tt>"_s + keys.join(u" / "_s) + u"</tt>"_s));
    }
    CHECK(text.contains(u"<tt>j</tt>"_s));
    CHECK(text.contains(u"<tt>g a</tt>"_s));
    CHECK(text.contains(u"<tt>Shift+A</tt>"_s));
    CHECK_FALSE(text.contains(u"<tt>J</tt>"_s));
    saveScreenshot(&w, u"help-overlay-light"_s);
    QApplication::setPalette(darkPalette());
    QTest::qWait(20);
    saveScreenshot(&w, u"help-overlay-dark"_s);
    QApplication::setPalette(lightPalette());
    QTest::keyClick(w.helpOverlay(), Qt::Key_Escape);
    CHECK_FALSE(w.helpOverlay()->isVisible());
}

TEST_CASE("papers a crash left out of the search index are indexed when the window opens",
          "[gui]") {
    Fixture f(u"gui-pending-index"_s);
    {
        Library lib;
        REQUIRE(lib.open(f.dbPath));
        REQUIRE(lib.importData(f.dir + u"/old.md"_s, kOldClassic).imported);
    }
    {
        // The state a SIGKILL between an import's commit and its indexing phase leaves: the
        // papers are in, their full-text entries are not, and the queue says so.
        QSqlDatabase raw = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"raw-pending"_s);
        raw.setDatabaseName(f.dbPath);
        REQUIRE(raw.open());
        QSqlQuery q(raw);
        REQUIRE(q.exec(u"INSERT INTO fts(fts) VALUES('delete-all')"_s));
        REQUIRE(q.exec(u"INSERT INTO fts_pending(paper_id) SELECT id FROM papers"_s));
        q.finish();
        raw.close();
    }
    QSqlDatabase::removeDatabase(u"raw-pending"_s);

    Library lib;
    REQUIRE(lib.open(f.dbPath));
    REQUIRE(lib.pendingIndexCount() == 2);
    CHECK(lib.query(u"older"_s).total == 0);
    Settings settings(f.iniPath);
    MainWindow w(&lib, &settings);
    for (int i = 0; i < 200 && lib.pendingIndexCount() > 0; ++i)
        QTest::qWait(25);
    CHECK(lib.pendingIndexCount() == 0);
    CHECK(lib.query(u"older"_s).total == 1);
}
