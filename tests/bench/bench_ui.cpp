// bench_ui [N] [WORKDIR]: the reading window over a library of N synthetic papers (default
// 100000; the library is generated and imported once, then reused). Prints:
//   start -> window shown with the list filled (target < 1 s),
//   filter keystroke -> list updated (the query work after the 150 ms debounce; median < 50 ms),
//   `j` -> next paper shown (median < 16 ms), the sidebar counts refresh, and
//   `n` -> the next unread paper shown when all N-1 papers before it are read (< 50 ms),
//   locate -> the row of a paper deep in the view (< 50 ms), Shift+A over all N papers and its
//   undo (Ctrl+Z).
// Run offscreen: QT_QPA_PLATFORM=offscreen build/tests/bench/bench_ui
#include "digestgenerator.h"
#include "filterbar.h"
#include "mainwindow.h"
#include "paperlistmodel.h"
#include "readingpane.h"
#include "settings.h"
#include "store/library.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTableView>
#include <QTest>
#include <QTextStream>

#include <algorithm>

using namespace lectern;
using namespace Qt::StringLiterals;

namespace {

QTextStream &out() {
    static QTextStream s(stdout);
    return s;
}

double median(QList<double> v) {
    std::sort(v.begin(), v.end());
    return v.isEmpty() ? 0 : v.at(v.size() / 2);
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

} // namespace

int main(int argc, char *argv[]) {
    QApplication app(argc, argv);
    const QStringList args = QCoreApplication::arguments();
    const int n = args.size() > 1 ? args.at(1).toInt() : 100000;
    const QString work = args.size() > 2 ? args.at(2) : QDir::tempPath() + u"/lectern-bench-ui"_s;
    const QString digests = work + u"/digests-%1"_s.arg(n);
    const QString dbPath = work + u"/library-%1.sqlite"_s.arg(n);
    const QString iniPath = work + u"/settings.ini"_s;
    QDir().mkpath(work);

    {
        Library lib;
        QString error;
        if (!lib.open(dbPath, &error)) {
            out() << error << '\n';
            return 1;
        }
        if (lib.counts().value().all < n) {
            if (!QDir(digests).exists())
                lectern::bench::generateDigests(digests, n);
            QElapsedTimer t;
            t.start();
            const ImportStats s = lib.importPaths({digests});
            out() << "imported " << s.newPapers << " papers in " << t.elapsed() << " ms (setup)\n";
        }
        out() << "library: " << lib.counts().value().all << " papers\n";
    }
    QFile::remove(iniPath);

    // 1. Start: open the library, build the window, show it with the first rows and a paper.
    QList<double> starts;
    for (int run = 0; run < 3; ++run) {
        QElapsedTimer t;
        t.start();
        Library lib;
        lib.open(dbPath);
        Settings settings(iniPath);
        settings.setMarkReadDelayMs(0);
        MainWindow w(&lib, &settings);
        w.show();
        QCoreApplication::processEvents();
        const bool filled = w.model()->rowCount() > 0 && w.readingPane()->paperId() != 0;
        starts << ms(t);
        if (!filled)
            out() << "  (run " << run << ": list not filled!)\n";
        w.close();
    }
    out() << "start -> window shown, list filled: first " << starts.first() << " ms, median "
          << median(starts) << " ms (target < 1000)\n";

    Library lib;
    lib.open(dbPath);
    Settings settings(iniPath);
    settings.setMarkReadDelayMs(0);
    MainWindow w(&lib, &settings);
    w.show();
    activate(&w);
    QCoreApplication::processEvents();

    // 2. Filter: each keystroke of typing common words, applied as after the debounce.
    QStringList typed;
    for (int rank : {3, 40, 400}) {
        const QString word = lectern::bench::vocabularyWord(rank);
        for (int i = 1; i <= word.size(); ++i)
            typed << word.left(i);
    }
    const QString two =
        lectern::bench::vocabularyWord(5) + u' ' + lectern::bench::vocabularyWord(60);
    for (int i = 1; i <= two.size(); ++i)
        typed << two.left(i);
    QList<double> filterTimes;
    for (const QString &q : typed) {
        QElapsedTimer t;
        t.start();
        w.filterBar()->setText(q); // what the debounce timer does
        QCoreApplication::processEvents();
        filterTimes << ms(t);
    }
    out() << "filter keystroke -> list updated (" << filterTimes.size()
          << " keystrokes, excluding the 150 ms debounce): median " << median(filterTimes)
          << " ms, max " << maxOf(filterTimes) << " ms (target median < 50)\n";
    w.filterBar()->setText(QString());

    // 3. j: next paper shown (marks the previous read, renders the pane, loads the note).
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
    out() << "sidebar counts refresh (Library::counts, coalesced 300 ms after changes): median "
          << median(countTimes) << " ms\n";
    w.close();

    // 4. n on a copy of the library where every paper but the last of the list is read: from
    // the first row, the next unread paper is the last row of the view.
    const QString readPath = work + u"/library-%1-allread.sqlite"_s.arg(n);
    QFile::remove(readPath);
    QFile::remove(readPath + u"-wal"_s);
    QFile::remove(readPath + u"-shm"_s);
    if (!QFile::copy(dbPath, readPath)) {
        out() << "cannot copy the library for the n benchmark\n";
        return 1;
    }
    Library readLib;
    readLib.open(readPath);
    Settings readSettings(iniPath);
    readSettings.setSelectedView(u"view:all"_s);
    readSettings.setSelectedPaper(0);
    MainWindow rw(&readLib, &readSettings);
    QList<qint64> ids;
    for (const PaperRow &r : readLib.query(QString(), rw.model()->sortOrder()).rows)
        ids << r.id;
    readLib.setRead(ids, true);
    readLib.setRead({ids.last()}, false);
    rw.show();
    activate(&rw);
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

    // 5. locate: the row of a paper anywhere in the view (Library::rowOf, a count in SQL),
    // with no page of it loaded.
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

    // 6. Shift+A over the whole view, every paper unread: one UPDATE, no row loaded.
    readLib.setRead(ids, false);
    rw.model()->setQuery(QString());
    rw.paperList()->setFocus();
    QCoreApplication::processEvents();
    QElapsedTimer markTimer;
    markTimer.start();
    QTest::keyClick(rw.paperList(), Qt::Key_A, Qt::ShiftModifier);
    const double markMs = ms(markTimer);
    out() << "Shift+A -> " << ids.size() << " papers marked read (one UPDATE): " << markMs
          << " ms; unread left " << readLib.query(u"is:unread"_s, SortOrder::Date, 0).total << '\n';
    // 7. Ctrl+Z of that: the same papers back to unread (one transaction, on the UI thread).
    QElapsedTimer undoTimer;
    undoTimer.start();
    QTest::keyClick(rw.paperList(), Qt::Key_Z, Qt::ControlModifier);
    const double undoMs = ms(undoTimer);
    out() << "Ctrl+Z -> mark all undone: " << undoMs << " ms; unread "
          << readLib.query(u"is:unread"_s, SortOrder::Date, 0).total << '\n';
    rw.close();
    return 0;
}
