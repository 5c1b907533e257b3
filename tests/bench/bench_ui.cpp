// bench_ui [N] [WORKDIR]: the reading window over a library of N synthetic papers (default
// 100000; the library is generated and imported once, then reused). Prints:
//   start -> window shown with the list filled (target < 1 s), and the sidebar's counts shown;
//   resident memory (VmRSS, and the peak VmHWM) after the start, after scrolling through the
//   list and after the filter keystrokes (target at 1M: <= 150 MB);
//   filter keystroke -> list updated (the work after the 150 ms debounce) over a typed sequence:
//   words letter by letter, a kw: term, backspaces, clearing; p50/p95, split into the model's
//   Library::query (the query's share) and the rest (the window's share) (target p95 <= 50 ms);
//   `j` -> next paper shown (median < 16 ms), the sidebar counts refresh, and
//   `n` -> the next unread paper shown when all N-1 papers before it are read (< 50 ms),
//   locate -> the row of a paper deep in the view (< 50 ms), Shift+A over all N papers and its
//   undo (Ctrl+Z): how long the UI thread is held, and when the change is done.
// LECTERN_BENCH_REUSE=1: WORKDIR/library-N.sqlite must exist and is used as it is, never
// imported (for the 1M library: copy /var/tmp/lectern-bench/library-1000000.sqlite into your
// own WORKDIR first); `n`, locate and Shift+A then run on that file and its read marks are put
// back at the end, instead of on a copy.
// LECTERN_BENCH_COUNT_CAP=N: the list's count cap while typing (0: exact counts, as before).
// LECTERN_BENCH_EACH=1: each keystroke's query share, for comparing two runs keystroke by
// keystroke. LECTERN_BENCH_SOFT_HEAP_MB=N: sqlite3_soft_heap_limit64 of N MB (a memory experiment;
// glibc's MALLOC_ARENA_MAX is the other). LECTERN_BENCH_WINDOW_ONLY=1: stop after `j` (no `n`,
// locate or Shift+A, which mark up to every paper read and back: minutes at a million papers). Run
// offscreen: QT_QPA_PLATFORM=offscreen build/tests/bench/bench_ui
#include "digestgenerator.h"
#include "filterbar.h"
#include "mainwindow.h"
#include "paperlistmodel.h"
#include "readingpane.h"
#include "settings.h"
#include "sidebar.h"
#include "store/backupmanager.h"
#include "store/library.h"

#include <QApplication>
#include <QDeadlineTimer>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QLabel>
#include <QScrollBar>
#include <QTableView>
#include <QTest>
#include <QTextStream>
#include <QUndoStack>

#include <malloc.h>
#include <sqlite3.h>

#include <algorithm>
#include <functional>
#include <memory>

using namespace lectern;
using namespace Qt::StringLiterals;

namespace {

QTextStream &out() {
    static QTextStream s(stdout);
    s.flush(); // what was printed before, so a long run shows its progress
    return s;
}

double percentile(QList<double> v, double p) {
    if (v.isEmpty())
        return 0;
    std::sort(v.begin(), v.end());
    return v.at(std::min<qsizetype>(v.size() - 1, qsizetype(p * double(v.size()))));
}

double median(const QList<double> &v) {
    return percentile(v, 0.5);
}

double maxOf(const QList<double> &v) {
    return v.isEmpty() ? 0 : *std::max_element(v.begin(), v.end());
}

double ms(const QElapsedTimer &t) {
    return double(t.nsecsElapsed()) / 1e6;
}

void activate(QWidget *w) {
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
    QApplication::setActiveWindow(w);
#pragma GCC diagnostic pop
}

// "VmRSS 93 MB, VmHWM 120 MB, RssAnon 60 MB, RssFile 30 MB" of this process
// (/proc/self/status): RssFile counts the library's pages mapped by SQLite's mmap.
QString memory() {
    QFile f(u"/proc/self/status"_s);
    if (!f.open(QIODevice::ReadOnly))
        return u"(no /proc/self/status)"_s;
    QStringList parts;
    for (const QByteArray &line : f.readAll().split('\n'))
        if (line.startsWith("VmRSS:") || line.startsWith("VmHWM:") || line.startsWith("RssAnon:") ||
            line.startsWith("RssFile:")) {
            const QList<QByteArray> f2 = line.simplified().split(' ');
            parts << QString::fromLatin1(f2.at(0).chopped(1)) + u' ' +
                         QString::number(f2.at(1).toLongLong() / 1024) + u" MB"_s;
        }
    // Where the anonymous memory is: SQLite's heap (every connection of the process) and
    // malloc's, in use and free but kept in its arenas (malloc_trim would return it).
    const struct mallinfo2 heap = mallinfo2();
    auto mb = [](qint64 bytes) { return QString::number(bytes / (1024 * 1024)) + u" MB"_s; };
    parts << u"SQLite heap "_s + mb(sqlite3_memory_used()) + u" (peak "_s +
                 mb(sqlite3_memory_highwater(0)) + u')';
    parts << u"malloc in use "_s + mb(qint64(heap.uordblks + heap.hblkhd)) + u", free kept "_s +
                 mb(qint64(heap.fordblks));
    return parts.join(u", "_s);
}

bool waitUntil(const std::function<bool()> &done, int timeoutMs) {
    QDeadlineTimer deadline(timeoutMs);
    while (!done()) {
        if (deadline.hasExpired())
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents | QEventLoop::WaitForMoreEvents, 5);
    }
    return true;
}

bool reuseMode() {
    return qEnvironmentVariableIntValue("LECTERN_BENCH_REUSE") == 1;
}

// The library at dbPath, with n papers: generated and imported unless it holds them already
// (or, reusing, as it is).
bool prepareLibrary(const QString &work, const QString &dbPath, int n) {
    Library lib;
    QString error;
    if (reuseMode() ? !lib.openExisting(dbPath, &error) : !lib.open(dbPath, &error)) {
        out() << error << '\n';
        return false;
    }
    int all = lib.total(QString()).value_or(0);
    if (!reuseMode() && all < n) {
        const QString digests = work + u"/digests-%1"_s.arg(n);
        if (!QDir(digests).exists())
            lectern::bench::generateDigests(digests, n);
        QElapsedTimer t;
        t.start();
        const ImportStats s = lib.importPaths({digests});
        out() << "imported " << s.newPapers << " papers in " << t.elapsed() << " ms (setup)\n";
        all = lib.total(QString()).value_or(0);
    }
    out() << "library: " << all << " papers" << (reuseMode() ? " (reused as it is)" : "") << '\n';
    return true;
}

// 1. Start: open the library, build the window, show it with the first rows and a paper.
void benchStart(const QString &dbPath, const QString &iniPath) {
    QList<double> starts, opens, checks;
    for (int run = 0; run < 3; ++run) {
        {
            // The open's quick check alone (the window's open runs it).
            QElapsedTimer c;
            c.start();
            {
                Library unchecked;
                unchecked.openExisting(dbPath, nullptr, Library::Check::Skip);
            }
            const double skip = ms(c);
            c.restart();
            {
                Library checked;
                checked.open(dbPath);
            }
            checks << ms(c) - skip;
        }
        QElapsedTimer t;
        t.start();
        Library lib;
        lib.open(dbPath);
        opens << ms(t);
        Settings settings(iniPath);
        settings.setMarkReadDelayMs(0);
        MainWindow w(&lib, &settings);
        w.show();
        QCoreApplication::processEvents();
        const bool filled = w.model()->rowCount() > 0 && w.readingPane()->paperId() != 0;
        starts << ms(t);
        if (!filled)
            out() << "  (run " << run << ": list not filled!)\n";
        Sidebar *sidebar = w.sidebar();
        const bool counted =
            waitUntil([sidebar] { return sidebar->topLevelItem(1)->childCount() > 0; }, 60000);
        if (run == 0)
            out() << "sidebar counts shown: " << ms(t) << " ms after the start"
                  << (counted ? "" : " (NOT SHOWN)") << "; memory " << memory() << '\n';
        w.close();
    }
    out() << "start -> window shown, list filled: first " << starts.first() << " ms, median "
          << median(starts) << " ms (target < 1000); of which Library::open " << median(opens)
          << " ms (its quick check " << median(checks) << " ms)\n";
}

// Sidebar::setCounts on the UI thread with the library's counts (10,000 digests at 1M).
void benchSidebar(MainWindow &w, const Library &lib) {
    const std::optional<Counts> counts = lib.counts();
    if (!counts)
        return;
    QList<double> times;
    for (int i = 0; i < 5; ++i) {
        QElapsedTimer t;
        t.start();
        w.sidebar()->setCounts(*counts);
        QCoreApplication::processEvents(); // the layout of the new items
        times << ms(t);
    }
    out() << "sidebar setCounts (" << counts->digests.size()
          << " digests) on the UI thread, the same entries again (a refresh): median "
          << median(times) << " ms, max " << maxOf(times) << " ms\n";
    Counts fewer = *counts; // one digest less: every entry made anew
    fewer.digests.removeLast();
    QElapsedTimer t;
    t.start();
    w.sidebar()->setCounts(fewer);
    QCoreApplication::processEvents();
    out() << "sidebar setCounts with a digest less (entries made anew): " << ms(t) << " ms\n";
    w.sidebar()->setCounts(*counts);
}

// Scrolling: to the end, page by page from the top, and to 40 places across the list.
void benchScroll(MainWindow &w) {
    QTableView *list = w.paperList();
    list->setFocus();
    QElapsedTimer t;
    t.start();
    QTest::keyClick(list, Qt::Key_End);
    for (int i = 0; i < 20; ++i)
        QTest::keyClick(list, Qt::Key_PageUp);
    QTest::keyClick(list, Qt::Key_Home);
    for (int i = 0; i < 20; ++i)
        QTest::keyClick(list, Qt::Key_PageDown);
    QScrollBar *bar = list->verticalScrollBar();
    for (int i = 1; i <= 40; ++i) {
        bar->setValue(int(qint64(bar->maximum()) * i / 41));
        QCoreApplication::processEvents();
    }
    out() << "scrolling (End, 20 PageUp, Home, 20 PageDown, 40 jumps): " << ms(t) << " ms; memory "
          << memory() << '\n';
}

// What a user types: words letter by letter, a second word, backspaces, a kw: term, clearing.
QStringList typedSequence() {
    QStringList typed;
    auto type = [&typed](const QString &prefix, const QString &word) {
        for (int i = 1; i <= word.size(); ++i)
            typed << prefix + word.left(i);
    };
    const QString w3 = lectern::bench::vocabularyWord(3);
    const QString w40 = lectern::bench::vocabularyWord(40);
    type(QString(), w3);
    type(w3 + u' ', w40);
    for (int i = 1; i <= 3; ++i) // backspaces
        typed << QString(w3 + u' ' + w40).chopped(i);
    typed << QString(); // cleared
    type(QString(), u"kw:diffusion"_s);
    typed << QString();
    type(QString(), lectern::bench::vocabularyWord(400));
    const QString two =
        lectern::bench::vocabularyWord(5) + u' ' + lectern::bench::vocabularyWord(60);
    typed << QString();
    type(QString(), two);
    typed << QString();
    return typed;
}

// 2. Filter: each keystroke applied as after the debounce; the model's own Library::query
// time is the query's share, the rest is the window's.
void benchFilter(MainWindow &w) {
    QList<double> total, query, window;
    int capped = 0; // keystrokes whose count stopped at the cap (the exact one on the worker)
    const QStringList typed = typedSequence();
    for (const QString &q : typed) {
        QElapsedTimer t;
        t.start();
        w.filterBar()->setText(q); // what the debounce timer does
        QCoreApplication::processEvents();
        total << ms(t);
        capped += w.model()->isTotalExact() ? 0 : 1;
        query << double(w.model()->lastQueryNs()) / 1e6;
        window << total.last() - query.last();
    }
    auto line = [](const char *what, const QList<double> &v) {
        out() << "  " << what << ": p50 " << percentile(v, 0.5) << " ms, p95 "
              << percentile(v, 0.95) << " ms, max " << maxOf(v) << " ms\n";
    };
    out() << "filter keystroke -> list updated (" << typed.size()
          << " keystrokes: words typed letter by letter, backspaces, kw:, clearing; excluding "
             "the 150 ms debounce) (target p95 <= 50):\n";
    line("total          ", total);
    line("Library::query ", query);
    line("window (rest)  ", window);
    int slowest = 0;
    for (int i = 1; i < total.size(); ++i)
        if (total.at(i) > total.at(slowest))
            slowest = i;
    if (qEnvironmentVariableIntValue("LECTERN_BENCH_EACH") == 1) // each keystroke's query share
        for (int i = 0; i < typed.size(); ++i)
            out() << "    \"" << typed.at(i) << "\" " << int(query.at(i)) << " ms\n";
    out() << "  " << capped << " of " << typed.size() << " counts capped at "
          << w.model()->countCap() << " (exact total counted on the worker after)\n";
    out() << "  slowest: \"" << typed.at(slowest) << "\" " << total.at(slowest) << " ms (query "
          << query.at(slowest) << " ms)\n";
    w.filterBar()->setText(QString());
    out() << "after the keystrokes: memory " << memory() << '\n';
    // The exact totals of capped keystrokes are counted on the worker: let it finish.
    waitUntil([&w] { return w.model()->isTotalExact(); }, 120000);
    out() << "after the worker's counts: memory " << memory() << '\n';
    // The window gives the heap back MemoryTrimmer::DelayMs after the last query and count.
    QElapsedTimer idle;
    idle.start();
    waitUntil([&idle] { return idle.elapsed() > 3000; }, 10000);
    out() << "3 s later (the window's MemoryTrimmer has run): memory " << memory() << '\n';
    QElapsedTimer trim;
    trim.start();
    malloc_trim(0);
    out() << "malloc_trim(0) itself: " << ms(trim) << " ms\n";
    out() << "after malloc_trim(0): memory " << memory() << '\n';
    // A broad search left standing: its exact total is counted on the worker (FTS5 merges
    // every word under "qu": the memory peak of the process).
    QElapsedTimer broad;
    broad.start();
    w.filterBar()->setText(QStringLiteral("qu"));
    QCoreApplication::processEvents();
    waitUntil([&w] { return w.model()->isTotalExact(); }, 120000);
    out() << "\"qu\" left standing: exact total " << w.model()->total() << " after " << ms(broad)
          << " ms; memory " << memory() << '\n';
    // The view's progress (read of total) is counted on the worker too, after the total.
    const auto *progress = w.findChild<QLabel *>(QStringLiteral("viewProgress"));
    const QString progressEnd =
        QLatin1Char('/') + QString::number(w.model()->total()) + QStringLiteral(" read");
    waitUntil([&] { return progress && progress->text().endsWith(progressEnd); }, 120000);
    out() << "\"qu\" left standing: view progress \"" << (progress ? progress->text() : QString())
          << "\" after " << ms(broad) << " ms; memory " << memory() << '\n';
    w.filterBar()->setText(QString());
}

// 3. j: next paper shown (marks the previous read, renders the pane, loads the note).
void benchJ(MainWindow &w, const Library &lib) {
    w.paperList()->setFocus();
    w.paperList()->setCurrentIndex(w.model()->index(0, 1));
    QList<double> jTimes;
    for (int i = 0; i < 400; ++i) {
        const qint64 before = w.currentPaperId();
        QElapsedTimer t;
        t.start();
        QTest::keyClick(w.paperList(), Qt::Key_J);
        jTimes << ms(t);
        if (w.currentPaperId() == before) {
            out() << "  j did not move at " << i << '\n';
            break;
        }
    }
    out() << "j -> next paper shown (" << jTimes.size() << " presses, across batch loads): median "
          << median(jTimes) << " ms, max " << maxOf(jTimes) << " ms (target < 16)\n";

    QList<double> countTimes;
    for (int i = 0; i < 3; ++i) {
        QElapsedTimer t;
        t.start();
        (void)lib.counts();
        countTimes << ms(t);
    }
    out() << "sidebar counts refresh (Library::counts, on the worker, coalesced 300 ms after "
             "changes): median "
          << median(countTimes) << " ms\n";
}

// The library for 4.-7.: a copy, or (reusing) the file itself.
QString libraryForMarks(const QString &work, const QString &dbPath, int n) {
    if (reuseMode())
        return dbPath;
    const QString readPath = work + u"/library-%1-allread.sqlite"_s.arg(n);
    for (const QString &suffix : {QString(), u"-wal"_s, u"-shm"_s})
        QFile::remove(readPath + suffix);
    if (!QFile::copy(dbPath, readPath)) {
        out() << "cannot copy the library for the n benchmark\n";
        return {};
    }
    return readPath;
}

// 4. n when every paper but the last of the list is read: from the first row, the next unread
// paper is the last row of the view.
void benchNext(MainWindow &rw, Library &readLib, const QList<qint64> &ids) {
    readLib.markRead(QString());
    readLib.setRead({ids.last()}, false);
    rw.model()->reload();
    QList<double> nTimes;
    bool reached = true;
    for (int run = 0; run < 5; ++run) {
        rw.model()->setQuery(rw.model()->query()); // back to the first batch
        rw.paperList()->setFocus();
        rw.paperList()->setCurrentIndex(rw.model()->index(0, 1));
        QCoreApplication::processEvents();
        QElapsedTimer t;
        t.start();
        QTest::keyClick(rw.paperList(), Qt::Key_N);
        nTimes << ms(t);
        reached = reached && rw.currentPaperId() == ids.last();
    }
    out() << "n -> next unread shown, " << ids.size() - 1 << " read papers before it ("
          << nTimes.size() << " presses" << (reached ? "" : ", DID NOT REACH IT") << "): median "
          << median(nTimes) << " ms, max " << maxOf(nTimes) << " ms (target < 50)\n";
}

// 5. locate: the row of a paper anywhere in the view (Library::rowOf, a count in SQL), with no
// page of it loaded.
void benchLocate(MainWindow &rw, const QList<qint64> &ids) {
    QList<double> locateTimes;
    for (int run = 0; run < 9; ++run) {
        rw.model()->setQuery(rw.model()->query());
        const qint64 id = ids.at(qsizetype(ids.size() - 1) * (run + 1) / 10);
        QElapsedTimer t;
        t.start();
        const int row = rw.model()->locate(id);
        locateTimes << ms(t);
        if (row < 0 || rw.model()->idAt(row) != id)
            out() << "  locate found the wrong row for run " << run << '\n';
    }
    out() << "locate -> row of a paper deep in the view: median " << median(locateTimes)
          << " ms, max " << maxOf(locateTimes) << " ms (target < 50)\n";
}

int unreadIn(const Library &lib) {
    return lib.total(u"is:unread"_s).value_or(0);
}

// A key press: how long it holds the UI thread, and how long until `done` holds.
void timeKey(QWidget *target, int key, Qt::KeyboardModifiers mods, const char *what,
             const std::function<bool()> &done) {
    QElapsedTimer t;
    t.start();
    QTest::keyClick(target, Qt::Key(key), mods);
    const double held = ms(t);
    // The longest gap between two turns of the event loop until done: how long it froze.
    double longest = 0;
    QElapsedTimer turn;
    turn.start();
    const bool finished = waitUntil(
        [&] {
            longest = std::max(longest, ms(turn));
            turn.restart();
            return done();
        },
        600000);
    out() << what << ": UI thread held " << held << " ms by the key press, longest freeze after "
          << longest << " ms; done after " << ms(t) << " ms" << (finished ? "" : " (NOT DONE)")
          << '\n';
}

// 6. Shift+A over the whole view, every paper unread; 7. Ctrl+Z of it.
void benchMarkAll(MainWindow &rw, Library &readLib, const QList<qint64> &ids) {
    readLib.setRead(ids, false);
    rw.model()->setQuery(QString());
    rw.paperList()->setFocus();
    QCoreApplication::processEvents();
    const int undoBefore = rw.undoStack()->count();
    timeKey(rw.paperList(), Qt::Key_A, Qt::ShiftModifier,
            qPrintable(u"Shift+A -> %1 papers marked read"_s.arg(ids.size())),
            [&] { return rw.undoStack()->count() > undoBefore; });
    out() << "  unread left " << unreadIn(readLib) << '\n';
    const int index = rw.undoStack()->index();
    timeKey(rw.paperList(), Qt::Key_Z, Qt::ControlModifier, "Ctrl+Z -> mark all undone",
            [&] { return rw.undoStack()->index() < index; });
    out() << "  unread " << unreadIn(readLib) << '\n';
}

} // namespace

int main(int argc, char *argv[]) {
    QApplication app(argc, argv);
    const QStringList args = QCoreApplication::arguments();
    const int n = args.size() > 1 ? args.at(1).toInt() : 100000;
    const QString work = args.size() > 2 ? args.at(2) : QDir::tempPath() + u"/lectern-bench-ui"_s;
    const QString dbPath = work + u"/library-%1.sqlite"_s.arg(n);
    const QString iniPath = work + u"/settings.ini"_s;
    QDir().mkpath(work);
    if (!prepareLibrary(work, dbPath, n))
        return 1;
    // The windows' automatic backup and weekly integrity check (3 s after each start) would
    // copy and read the whole library on the worker during the measurements: off.
    qputenv("LECTERN_BACKUPS", "0");
    // An experiment on the window's memory: SQLite's soft heap limit for the whole process.
    if (const int mb = qEnvironmentVariableIntValue("LECTERN_BENCH_SOFT_HEAP_MB"); mb > 0) {
        sqlite3_soft_heap_limit64(qint64(mb) * 1024 * 1024);
        out() << "SQLite soft heap limit " << mb << " MB\n";
    }
    BackupManager(dbPath).markFullCheck();
    QFile::remove(iniPath);
    out() << "before the window: memory " << memory() << '\n';
    benchStart(dbPath, iniPath);

    {
        Library lib;
        lib.open(dbPath);
        Settings settings(iniPath);
        settings.setMarkReadDelayMs(0);
        MainWindow w(&lib, &settings);
        // LECTERN_BENCH_COUNT_CAP=0: every keystroke counts exactly on the UI thread (as before
        // the capped count), for a before/after pair.
        if (const QByteArray cap = qgetenv("LECTERN_BENCH_COUNT_CAP"); !cap.isEmpty())
            w.model()->setCountCap(cap.toInt());
        w.show();
        activate(&w);
        QCoreApplication::processEvents();
        out() << "after the start: memory " << memory() << '\n';
        benchScroll(w);
        benchFilter(w);
        benchSidebar(w, lib);
        benchJ(w, lib);
        w.close();
    }
    if (qEnvironmentVariableIntValue("LECTERN_BENCH_WINDOW_ONLY") == 1)
        return 0;

    const QString readPath = libraryForMarks(work, dbPath, n);
    if (readPath.isEmpty())
        return 1;
    Library readLib;
    readLib.open(readPath);
    // The marks to put back afterwards when the library is reused.
    const QList<qint64> wasRead = readLib.ids(u"is:read"_s).value_or(QList<qint64>());
    Settings readSettings(iniPath);
    readSettings.setSelectedView(u"view:all"_s);
    readSettings.setSelectedPaper(0);
    MainWindow rw(&readLib, &readSettings);
    const QList<qint64> ids =
        readLib.ids(QString(), rw.model()->sortOrder()).value_or(QList<qint64>());
    rw.show();
    activate(&rw);
    benchNext(rw, readLib, ids);
    benchLocate(rw, ids);
    benchMarkAll(rw, readLib, ids);
    rw.close();
    if (reuseMode()) {
        readLib.setRead(wasRead, true); // after the undo, every paper is unread
        out() << "read marks put back: " << wasRead.size() << " read\n";
    }
    return 0;
}
