// Triage progress and resume (issue 12 §1), offscreen: the sidebar's read/total per digest with
// its bar and check mark, the view's progress in the status bar and the title (after import,
// mark read, mark all read and undo), `c` (continue), the last paper of each view across a
// restart, and the end-of-digest summary in any view with "next digest" (n / Enter).
#include "digestprogressdelegate.h"
#include "filterbar.h"
#include "guitestsupport.h"
#include "mainwindow.h"
#include "paperlistmodel.h"
#include "paperroles.h"
#include "readingclock.h"
#include "settings.h"
#include "sidebar.h"
#include "store/library.h"
#include "testsupport.h"
#include "triagesummary.h"

#include <catch2/catch_test_macros.hpp>

#include <QAction>
#include <QLabel>
#include <QPushButton>
#include <QStatusBar>
#include <QTableView>
#include <QTest>
#include <QTreeWidget>
#include <QUndoStack>

using namespace Qt::StringLiterals;
using namespace lectern;
using namespace lectern::test;

namespace {

// A digest of `count` papers dated `date`, arXiv ids 2503.(10000 + first + i).
QByteArray progressDigest(const QString &date, int first, int count) {
    QString text = u"# "_s + date + u"\n\n"_s;
    for (int i = first; i < first + count; ++i)
        text += u"## Progress paper %1\n\n>Authors: Ann Author\n\n>"_s.arg(i) + date +
                u"\n\n> http://arxiv.org/abs/2503."_s + QString::number(10000 + i) +
                u"v1\n\nAn abstract.\n\n\n"_s;
    return text.toUtf8();
}

// Moving past a paper does not mark it read (the tests mark explicitly).
struct Window : TestWindow {
    Window(const QString &name, const QList<QByteArray> &digests)
        : TestWindow(name, digests, /*markReadOnMove=*/false) {}

    QString digestText(const QString &date) const {
        const QTreeWidgetItem *item = w->sidebar()->digestItem(date);
        return item ? item->text(1) : QString();
    }
    bool waitDigest(const QString &date, const QString &text) const {
        return waitUntil([&] { return digestText(date) == text; }, 10000);
    }
    bool waitProgress(const QString &text) const {
        return waitUntil([&] { return w->progressLabel()->text() == text; }, 10000);
    }
    void selectRow(int row) const {
        w->paperList()->setCurrentIndex(w->model()->index(row, PaperListModel::StarColumn));
    }
    // The first row of the list whose paper is unread, -1 when none.
    int firstUnreadRow() const {
        for (int r = 0; r < w->model()->rowCount(); ++r)
            if (!w->model()->data(w->model()->index(r, 0), ReadRole).toBool())
                return r;
        return -1;
    }
};

QModelIndex sidebarIndex(const Sidebar *sidebar, const QString &text) {
    const QModelIndexList found =
        sidebar->model()->match(sidebar->model()->index(0, 0), Qt::DisplayRole, text, 1,
                                Qt::MatchExactly | Qt::MatchRecursive);
    return found.isEmpty() ? QModelIndex() : found.first();
}

} // namespace

TEST_CASE("the sidebar shows read/total per digest; counts follow import, marks and undo",
          "[gui][progress]") {
    Window t(u"progress-counts"_s,
             {progressDigest(u"2025-03-05"_s, 1, 3), progressDigest(u"2025-03-06"_s, 11, 4)});
    Sidebar *sidebar = t.w->sidebar();
    REQUIRE(t.waitDigest(u"2025-03-05"_s, u"0/3"_s));
    REQUIRE(t.waitDigest(u"2025-03-06"_s, u"0/4"_s));
    CHECK(t.waitProgress(u"0/7 read"_s)); // the view: All
    CHECK(t.w->windowTitle().contains(u"All: 0/7 read"_s));

    REQUIRE(sidebar->select(u"digest:2025-03-06"_s));
    CHECK(t.waitProgress(u"0/4 read"_s));
    CHECK(waitUntil([&] { return t.w->windowTitle().contains(u"2025-03-06: 0/4 read"_s); }));

    // Mark read: the digest, the view and the title follow.
    t.selectRow(0);
    t.w->action(u"toggleRead"_s)->trigger();
    CHECK(t.waitDigest(u"2025-03-06"_s, u"1/4"_s));
    CHECK(t.waitProgress(u"1/4 read"_s));
    CHECK(waitUntil([&] { return t.w->windowTitle().contains(u"2025-03-06: 1/4 read"_s); }));
    CHECK(t.digestText(u"2025-03-05"_s) == u"0/3"_s);
    const QModelIndex digest6 = sidebarIndex(sidebar, u"2025-03-06"_s);
    REQUIRE(digest6.isValid());
    CHECK(DigestProgressDelegate::fraction(digest6) == 0.25);
    CHECK_FALSE(DigestProgressDelegate::isDone(digest6));

    // The bar is painted: the highlight colour fills the first quarter of the row's bottom.
    sidebar->clearSelection();
    sidebar->setCurrentItem(nullptr);
    const QRect rect = sidebar->visualItemRect(sidebar->digestItem(u"2025-03-06"_s));
    const QImage shot = sidebar->viewport()->grab().toImage();
    const QColor highlight = sidebar->palette().color(QPalette::Highlight);
    int highlighted = 0;
    for (int y = rect.bottom() - DigestProgressDelegate::BarHeight; y <= rect.bottom(); ++y)
        for (int x = rect.left(); x < rect.left() + rect.width() / 8; ++x)
            highlighted += shot.pixelColor(x, y).rgb() == highlight.rgb();
    CHECK(highlighted > 0);
    REQUIRE(sidebar->select(u"digest:2025-03-06"_s));

    // Mark all read: done, with the check mark; undo brings the counts back.
    t.w->action(u"markAllRead"_s)->trigger();
    CHECK(t.waitDigest(u"2025-03-06"_s, u"4/4"_s));
    CHECK(t.waitProgress(u"4/4 read"_s));
    CHECK(DigestProgressDelegate::isDone(sidebarIndex(sidebar, u"2025-03-06"_s)));
    t.w->undoStack()->undo();
    CHECK(t.waitDigest(u"2025-03-06"_s, u"1/4"_s));
    CHECK(t.waitProgress(u"1/4 read"_s));
    CHECK_FALSE(DigestProgressDelegate::isDone(sidebarIndex(sidebar, u"2025-03-06"_s)));
    t.w->undoStack()->undo(); // the single mark
    CHECK(t.waitDigest(u"2025-03-06"_s, u"0/4"_s));

    // An import adds its digest with its progress.
    const QString file = t.dir + u"/d7.md"_s;
    writeFile(file, progressDigest(u"2025-03-07"_s, 21, 2));
    t.w->importPaths({file});
    CHECK(t.waitDigest(u"2025-03-07"_s, u"0/2"_s));
    REQUIRE(sidebar->select(u"view:all"_s));
    CHECK(t.waitProgress(u"0/9 read"_s));
    CHECK(waitUntil([&] { return t.w->windowTitle().contains(u"All: 0/9 read"_s); }));

    // Screenshots of the sidebar with progress (a partly read digest, a done one).
    REQUIRE(t.lib.markRead(u"digest:2025-03-05"_s));
    const QList<PaperRow> rows = t.lib.query(u"digest:2025-03-06"_s).rows;
    REQUIRE(t.lib.setRead({rows[0].id, rows[1].id, rows[2].id}, true));
    const QString file8 = t.dir + u"/d8.md"_s; // an import reloads the counts
    writeFile(file8, progressDigest(u"2025-03-08"_s, 31, 1));
    t.w->importPaths({file8});
    CHECK(t.waitDigest(u"2025-03-08"_s, u"0/1"_s));
    CHECK(t.waitDigest(u"2025-03-05"_s, u"3/3"_s));
    CHECK(t.waitDigest(u"2025-03-06"_s, u"3/4"_s));
    saveScreenshot(sidebar, u"progress-sidebar-light"_s);
    QApplication::setPalette(darkPalette());
    QTest::qWait(20);
    saveScreenshot(sidebar, u"progress-sidebar-dark"_s);
    QApplication::setPalette(lightPalette());
}

TEST_CASE("c continues at the oldest digest with unread papers, at its first unread paper",
          "[gui][progress]") {
    Window t(u"progress-continue"_s,
             {progressDigest(u"2025-03-05"_s, 1, 2), progressDigest(u"2025-03-06"_s, 11, 3),
              progressDigest(u"2025-03-07"_s, 21, 2)});
    REQUIRE(t.lib.markRead(u"digest:2025-03-05"_s));
    // The first paper of the list of 2025-03-06 is read.
    REQUIRE(t.w->sidebar()->select(u"digest:2025-03-06"_s));
    REQUIRE(t.lib.setRead({t.w->model()->idAt(0)}, true));
    REQUIRE(t.w->sidebar()->select(u"view:all"_s));
    t.w->model()->reload();
    t.selectRow(0);
    REQUIRE(t.w->action(u"continue"_s) != nullptr);
    CHECK(t.w->action(u"continue"_s)->shortcuts().contains(QKeySequence(Qt::Key_C)));

    t.key(Qt::Key_C);
    CHECK(t.w->currentQuery() == u"digest:2025-03-06"_s);
    CHECK(t.w->sidebar()->currentKey() == u"digest:2025-03-06"_s);
    const int row = t.firstUnreadRow();
    REQUIRE(row == 1);
    CHECK(t.w->paperList()->currentIndex().row() == row);
    CHECK(t.w->currentPaperId() == t.w->model()->idAt(row));
    CHECK(t.status().contains(u"Digest 2025-03-06: 2 unread"_s));

    // A search is cleared, so the paper is in the list.
    REQUIRE(t.lib.markRead(u"digest:2025-03-06"_s));
    REQUIRE(t.w->sidebar()->select(u"view:all"_s));
    t.w->filterBar()->setText(u"abstract"_s);
    REQUIRE(t.w->currentQuery() == u"abstract"_s);
    t.key(Qt::Key_C);
    CHECK(t.w->filterBar()->text().isEmpty());
    CHECK(t.w->currentQuery() == u"digest:2025-03-07"_s);
    CHECK(t.w->currentPaperId() == t.w->model()->idAt(0));

    REQUIRE(t.lib.markRead(QString()));
    t.key(Qt::Key_C);
    CHECK(t.status().contains(u"every digest is read"_s));
}

TEST_CASE("each view's last paper is remembered across a restart", "[gui][progress]") {
    QList<qint64> shown;
    QString dir;
    {
        Window t(u"progress-resume"_s,
                 {progressDigest(u"2025-03-05"_s, 1, 4), progressDigest(u"2025-03-06"_s, 11, 4)});
        dir = t.dir;
        REQUIRE(t.w->sidebar()->select(u"digest:2025-03-05"_s));
        t.selectRow(2);
        shown << t.w->currentPaperId();
        REQUIRE(t.w->sidebar()->select(u"digest:2025-03-06"_s));
        t.selectRow(3);
        shown << t.w->currentPaperId();
        REQUIRE(t.w->sidebar()->select(u"view:all"_s));
        t.selectRow(5);
        shown << t.w->currentPaperId();
        // Reopening a view in the same session returns to its paper too.
        REQUIRE(t.w->sidebar()->select(u"digest:2025-03-05"_s));
        CHECK(t.w->currentPaperId() == shown[0]);
        REQUIRE(t.w->sidebar()->select(u"view:all"_s));
        CHECK(t.w->currentPaperId() == shown[2]);
        REQUIRE(t.w->close());
        t.w.reset();
    }
    REQUIRE(shown.size() == 3);
    REQUIRE(shown[0] != shown[1]);
    // A new window on the same library and settings file.
    Library lib;
    REQUIRE(lib.open(dir + u"/library.sqlite"_s));
    Settings settings(dir + u"/settings.ini"_s);
    MainWindow w(&lib, &settings);
    w.show();
    CHECK(w.sidebar()->currentKey() == u"view:all"_s);
    CHECK(w.currentPaperId() == shown[2]);
    REQUIRE(w.sidebar()->select(u"digest:2025-03-06"_s));
    CHECK(w.currentPaperId() == shown[1]);
    REQUIRE(w.sidebar()->select(u"digest:2025-03-05"_s));
    CHECK(w.currentPaperId() == shown[0]);
    // Another library in the same settings file has its own memory.
    Library other;
    REQUIRE(other.open(dir + u"/other.sqlite"_s));
    CHECK(settings.lastPaperInView(other.path(), u"digest:2025-03-05"_s) == 0);
    CHECK(settings.lastPaperInView(lib.path(), u"digest:2025-03-05"_s) == shown[0]);
}

TEST_CASE("the end of a digest shows its summary in any view; n and Enter go on",
          "[gui][progress]") {
    Window t(u"progress-summary"_s,
             {progressDigest(u"2025-03-05"_s, 1, 2), progressDigest(u"2025-03-06"_s, 11, 3)});
    TriageSummary *summary = t.w->triageSummary();
    REQUIRE(t.w->sidebar()->select(u"digest:2025-03-06"_s));
    t.selectRow(0);
    t.w->action(u"star"_s)->trigger();
    t.w->action(u"toggleRead"_s)->trigger();
    t.selectRow(2);
    t.w->action(u"toggleRead"_s)->trigger();
    CHECK_FALSE(summary->isVisible());

    // Moving past the last paper of a digest view: counted on the worker (not on the UI thread,
    // which goes on at once), then shown.
    t.key(Qt::Key_J);
    CHECK_FALSE(summary->isVisible());
    REQUIRE(waitUntil([&] { return summary->isVisible(); }, 10000));
    CHECK(summary->summary().digest == QDate(2025, 3, 6));
    CHECK(summary->text().contains(u"End of digest 2025-03-06"_s));
    CHECK(summary->text().contains(u"2 of 3 read, 1 starred, 0 with notes"_s));
    CHECK(summary->text().contains(u"in this session"_s));
    CHECK(summary->summary().next == QDate(2025, 3, 5));
    CHECK(summary->nextButton()->isEnabled());
    t.key(Qt::Key_Escape);
    CHECK_FALSE(summary->isVisible());

    // n with nothing unread below: the summary, not a jump; n again: the next digest.
    REQUIRE(t.lib.markRead(u"digest:2025-03-06"_s));
    t.w->model()->reload();
    t.selectRow(0);
    t.key(Qt::Key_N);
    CHECK(waitUntil([&] { return summary->isVisible(); }, 10000));
    CHECK(t.w->currentQuery() == u"digest:2025-03-06"_s);
    CHECK(summary->text().contains(u"3 of 3 read"_s));
    t.key(Qt::Key_N);
    CHECK_FALSE(summary->isVisible());
    CHECK(t.w->currentQuery() == u"digest:2025-03-05"_s);
    CHECK(t.w->currentPaperId() == t.w->model()->idAt(0));

    // In the All view: the end of the list is the end of the last paper's digest; Enter goes
    // to the next digest with unread papers.
    QList<qint64> everything;
    for (const PaperRow &r : t.lib.query(QString()).rows)
        everything << r.id;
    REQUIRE(t.lib.setRead(everything, false));
    REQUIRE(t.w->sidebar()->select(u"view:all"_s));
    const int last = t.w->model()->rowCount() - 1;
    t.selectRow(last);
    const std::optional<LibraryPaper> paper = t.lib.paper(t.w->model()->idAt(last));
    REQUIRE(paper);
    const QDate digest = paper->digests.last();
    t.key(Qt::Key_J);
    REQUIRE(waitUntil([&] { return summary->isVisible(); }, 10000));
    CHECK(summary->summary().digest == digest);
    const QDate next = t.lib.nextDigestWithUnread(digest);
    CHECK(summary->summary().next == next);
    REQUIRE(next.isValid());
    QList<QUrl> opened;
    t.w->setUrlOpener([&](const QUrl &url) { opened << url; });
    t.key(Qt::Key_Return);
    CHECK(opened.isEmpty()); // Enter went to the digest, it did not open the paper
    CHECK_FALSE(summary->isVisible());
    CHECK(t.w->currentQuery() == u"digest:"_s + next.toString(Qt::ISODate));
    // Without the summary Enter opens the paper as before.
    t.key(Qt::Key_Return);
    CHECK(opened.size() == 1);

    // Nothing left anywhere: the summary says so, its button is off.
    REQUIRE(t.lib.markRead(QString()));
    t.w->model()->reload();
    t.selectRow(t.w->model()->rowCount() - 1);
    t.key(Qt::Key_J);
    REQUIRE(waitUntil([&] { return summary->isVisible(); }, 10000));
    CHECK_FALSE(summary->summary().next.isValid());
    CHECK_FALSE(summary->nextButton()->isEnabled());
    CHECK(summary->text().contains(u"No other digest has unread papers"_s));
}

TEST_CASE("the reading clock counts the time a digest's papers are shown", "[gui][progress]") {
    qint64 now = 1000;
    ReadingClock clock([&] { return now; });
    const QDate a(2025, 3, 5), b(2025, 3, 6);
    clock.paperShown({a});
    now += 30'000;
    CHECK(clock.msIn(a) == 30'000); // the paper shown now counts
    clock.paperShown({a, b});
    now += 20'000;
    clock.paperShown({b});
    now += 2 * ReadingClock::MaxPerPaperMs; // left on screen: capped
    clock.paperShown({});
    CHECK(clock.msIn(a) == 50'000);
    CHECK(clock.msIn(b) == 20'000 + ReadingClock::MaxPerPaperMs);
    CHECK(ReadingClock::format(45'000) == u"45 s"_s);
    CHECK(ReadingClock::format(12 * 60'000 + 5'000) == u"12 min"_s);
    CHECK(ReadingClock::format(65 * 60'000) == u"1 h 5 min"_s);
}

TEST_CASE("the remembered papers are kept per library, the most recent views first",
          "[gui][progress]") {
    const QString dir = scratchDir(u"progress-settings"_s);
    const QString lib = dir + u"/a.sqlite"_s;
    {
        Settings settings(dir + u"/settings.ini"_s);
        for (int i = 1; i <= Settings::MaxRememberedViews + 5; ++i)
            settings.setLastPaperInView(lib, u"kw:word%1"_s.arg(i), i);
        settings.setLastPaperInView(lib, u"kw:word10"_s, 1010); // used again: kept, updated
        settings.setLastPaperInView(dir + u"/b.sqlite"_s, u"kw:word10"_s, 7);
        settings.sync();
    }
    Settings settings(dir + u"/settings.ini"_s);
    CHECK(settings.lastPaperInView(lib, u"kw:word10"_s) == 1010);
    CHECK(settings.lastPaperInView(dir + u"/b.sqlite"_s, u"kw:word10"_s) == 7);
    CHECK(settings.lastPaperInView(lib, u"kw:word%1"_s.arg(Settings::MaxRememberedViews + 5)) ==
          Settings::MaxRememberedViews + 5);
    CHECK(settings.lastPaperInView(lib, u"kw:word1"_s) == 0); // the oldest were dropped
    CHECK(settings.lastPaperInView(lib, u"kw:word5"_s) == 0);
    CHECK(settings.lastPaperInView(lib, u"kw:word6"_s) == 6);
    CHECK(settings.lastPaperInView(lib, u"view:none"_s) == 0);
}

TEST_CASE("a counts refresh updates the sidebar's entries in place; a new digest rebuilds them",
          "[gui][progress]") {
    guiApp();
    Sidebar sidebar;
    Counts counts;
    counts.all = 3;
    counts.unread = 2;
    counts.digests = {{u"2025-05-07"_s, 2, 2}, {u"2025-05-06"_s, 1, 0}};
    counts.keywords = {{u"llm"_s, 3, 0}};
    sidebar.setCounts(counts);
    REQUIRE(sidebar.digestItem(u"2025-05-07"_s));
    CHECK(sidebar.digestItem(u"2025-05-07"_s)->text(1) == u"0/2"_s);
    CHECK(sidebar.digestItem(u"2025-05-07"_s)->font(0).bold());
    REQUIRE(sidebar.select(u"digest:2025-05-07"_s));
    // A mark the refresh must keep: the same entry, not a new one (10,000 digests at 1M).
    constexpr int Mark = Qt::UserRole + 77;
    sidebar.digestItem(u"2025-05-07"_s)->setData(0, Mark, true);

    counts.unread = 0;
    counts.digests[0].unread = 0;
    counts.keywords[0].total = 4;
    sidebar.setCounts(counts);
    QTreeWidgetItem *item = sidebar.digestItem(u"2025-05-07"_s);
    REQUIRE(item);
    CHECK(item->data(0, Mark).toBool());
    CHECK(item->text(1) == u"2/2"_s);
    CHECK(item->data(0, DigestProgressDelegate::ReadRole).toInt() == 2);
    CHECK(item->toolTip(0) == u"2025-05-07: 2 of 2 read"_s);
    CHECK_FALSE(item->font(0).bold());
    CHECK(sidebar.currentItem() == item);
    CHECK(sidebarIndex(&sidebar, u"llm"_s).siblingAtColumn(1).data().toString() == u"4"_s);

    counts.digests.prepend({u"2025-05-08"_s, 1, 1});
    sidebar.setCounts(counts);
    REQUIRE(sidebar.digestItem(u"2025-05-08"_s));
    CHECK(sidebar.digestItem(u"2025-05-08"_s)->text(1) == u"0/1"_s);
    CHECK(sidebar.digestItem(u"2025-05-07"_s)->text(1) == u"2/2"_s);
    CHECK(sidebar.currentKey() == u"digest:2025-05-07"_s);
}
