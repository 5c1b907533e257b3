// The list over a view larger than its count cap (issue 13: a million papers): a filter
// keystroke counts at most PaperListModel::countCap() matches with the first page, shows
// "N+ papers", and the exact total is counted on the database worker and replaces it when it
// arrives (an answer for an older query is dropped). Reversed order, rows past the cap, locate,
// Shift+A and the view's progress still work. A small cap stands in for the real 10,000.
#include "exportcontroller.h"
#include "exportdialog.h"
#include "filterbar.h"
#include "guitestsupport.h"
#include "mainwindow.h"
#include "memorytrimmer.h"
#include "paperlistmodel.h"
#include "paperlistview.h"
#include "statecontroller.h"
#include "store/databaseworker.h"
#include "store/library.h"
#include "testsupport.h"

#include <catch2/catch_test_macros.hpp>

#include <QLabel>
#include <QLocale>
#include <QRadioButton>
#include <QScopeGuard>
#include <QSemaphore>
#include <QSignalSpy>
#include <QTest>
#include <QUndoStack>

#include <utility>

using namespace Qt::StringLiterals;
using namespace lectern;
using namespace lectern::test;

namespace {

// Above BatchSize (200), as in production (10,000): the page holding the cap is partial.
constexpr int kCap = 250;
static_assert(kCap > PaperListModel::BatchSize && kCap % PaperListModel::BatchSize != 0);

// One digest: `alpha` papers titled "Alpha study N", then `beta` titled "Beta study N"; their
// arXiv ids are 2502.(10000 + firstId + i).
QByteArray digest(int alpha, int beta, int firstId = 0) {
    QStringList titles;
    for (int i = 1; i <= alpha; ++i)
        titles << u"Alpha study "_s + QString::number(i);
    for (int i = 1; i <= beta; ++i)
        titles << u"Beta study "_s + QString::number(i);
    QString text = u"# 2025-02-03\n\n# Table of Contents\n\n"_s;
    for (int i = 0; i < titles.size(); ++i)
        text += u"## "_s + titles.at(i) +
                u"\n\n>Authors: Ann Author\n\n>2025-02-03\n\n> http://arxiv.org/abs/2502."_s +
                QString::number(10000 + firstId + i) + u"v1\n\nAn abstract.\n\n"_s;
    return text.toUtf8();
}

struct Window : TestWindow {
    Window(const QString &name, int alpha = 600, int beta = 300)
        : TestWindow(name, {digest(alpha, beta)}) {
        model()->setCountCap(kCap);
        // Let the start's own exact count (if any) finish before the test holds the worker.
        REQUIRE(waitUntil([this] { return model()->isTotalExact(); }, 30000));
    }
    PaperListModel *model() const { return w->model(); }
    QString countText() const { return w->filterBar()->countText(); }
    QList<qint64> libraryOrder(const QString &query) const {
        return lib.ids(query, model()->sortOrder()).value_or(QList<qint64>());
    }
};

} // namespace

TEST_CASE("a broad filter shows the capped count at once and the exact total when counted",
          "[gui][largeview]") {
    Window t(u"largeview-capped"_s);
    PaperListModel *model = t.model();
    QSignalSpy totals(model, &PaperListModel::totalChanged);
    {
        WorkerGate gate(t.w.get());
        t.w->filterBar()->setText(u"study"_s); // all 900 papers
        CHECK_FALSE(model->isTotalExact());
        CHECK(model->rowCount() == kCap);
        CHECK(model->total() == kCap);
        CHECK(t.countText() == u"250+ papers"_s);
        // The first page is there, in the library's order.
        const QList<qint64> order = t.libraryOrder(u"study"_s);
        REQUIRE(order.size() == 900);
        CHECK(model->idAt(0) == order.at(0));
        CHECK(model->idAt(kCap - 1) == order.at(kCap - 1));
        gate.release();
        REQUIRE(waitUntil([&] { return model->isTotalExact(); }, 30000));
        CHECK(model->rowCount() == 900);
        CHECK(t.countText() == FilterBar::tr("%Ln paper(s)", nullptr, 900));
        // Rows past the cap load as any other page: scrolling to the end shows the last.
        t.w->paperList()->scrollToBottom();
        CHECK(model->idAt(899) == order.at(899));
        CHECK(model->idAt(kCap) == order.at(kCap));
    }
    REQUIRE_FALSE(totals.isEmpty());
    CHECK(totals.last().at(0).toInt() == 900);
    CHECK(totals.last().at(1).toBool());

    // A narrow filter (under the cap) is exact at once; nothing is left to count.
    t.w->filterBar()->setText(u"\"Alpha study 7\""_s);
    CHECK(model->isTotalExact());
    CHECK(model->rowCount() == 1);
    CHECK(t.countText() == FilterBar::tr("%Ln paper(s)", nullptr, 1));
}

TEST_CASE("an exact total counted for an older query is dropped", "[gui][largeview]") {
    Window t(u"largeview-stale"_s);
    PaperListModel *model = t.model();
    QSignalSpy totals(model, &PaperListModel::totalChanged);
    {
        WorkerGate gate(t.w.get());
        t.w->filterBar()->setText(u"study"_s); // 900
        t.w->filterBar()->setText(u"alpha"_s); // 600
        CHECK(model->rowCount() == kCap);
        gate.release();
        REQUIRE(waitUntil([&] { return model->isTotalExact(); }, 30000));
    }
    REQUIRE(drainWorker(t.w.get())); // every answer the worker was asked for is in
    CHECK(model->rowCount() == 600);
    CHECK(t.countText() == FilterBar::tr("%Ln paper(s)", nullptr, 600));
    for (const QList<QVariant> &args : std::as_const(totals))
        if (args.at(1).toBool())              // exact
            CHECK(args.at(0).toInt() == 600); // never study's 900

    // After a reload (an import) the same query's older answer is stale too: the count runs
    // before the import and its answer (300) reaches the window only after the reload.
    QSignalSpy afterReload(model, &PaperListModel::totalChanged);
    {
        WorkerGate gate(t.w.get());
        t.w->filterBar()->setText(u"beta"_s); // 300: its count is queued behind the gate
        REQUIRE_FALSE(model->isTotalExact());
        QSemaphore counted;
        t.w->worker()->post([&counted](Library &, const std::function<bool()> &) {
            counted.release(); // runs after the count
        });
        gate.release();
        // Waits without an event loop: the count's answer stays queued for this thread.
        REQUIRE(counted.tryAcquire(1, 30000));
        REQUIRE_FALSE(model->isTotalExact());
        REQUIRE(t.lib.importData(t.dir + u"/more.md"_s, digest(0, 160, 1000)).imported);
        model->reload();
        REQUIRE_FALSE(model->isTotalExact());
        REQUIRE(waitUntil([&] { return model->isTotalExact(); }, 30000));
    }
    REQUIRE(drainWorker(t.w.get()));
    CHECK(model->rowCount() == 460); // 300 + 160 beta, not the 300 counted before the import
    for (const QList<QVariant> &args : std::as_const(afterReload))
        if (args.at(1).toBool())              // exact
            CHECK(args.at(0).toInt() == 460); // never the count from before the reload
}

TEST_CASE("pages past the first never count the whole view on the UI thread", "[gui][largeview]") {
    Window t(u"largeview-pagecount"_s);
    PaperListModel *model = t.model();
    const QList<qint64> order = t.libraryOrder(u"study"_s);
    REQUIRE(order.size() == 900);
    {
        WorkerGate gate(t.w.get());
        t.w->filterBar()->setText(u"study"_s);
        REQUIRE_FALSE(model->isTotalExact());
        const int before = model->exactCounts();
        CHECK(model->idAt(kCap - 1) == order.at(kCap - 1)); // the page holding the cap
        CHECK(model->exactCounts() == before);
        gate.release();
        REQUIRE(waitUntil([&] { return model->isTotalExact(); }, 30000));
    }
    const int before = model->exactCounts();
    t.w->paperList()->scrollToBottom();
    for (int row : {300, 500, 899})
        CHECK(model->idAt(row) == order.at(row));
    CHECK(model->exactCounts() == before); // the worker counted; pages read their window only
}

TEST_CASE("a count the worker skipped is asked for again", "[gui][largeview]") {
    Window t(u"largeview-skipped"_s);
    PaperListModel *model = t.model();
    {
        WorkerGate gate(t.w.get());
        t.w->filterBar()->setText(u"study"_s); // its count waits behind the gate
        REQUIRE_FALSE(model->isTotalExact());
        t.w->worker()->cancel(); // as cancelling an import does: the queued count is skipped
        gate.release();
        CHECK(waitUntil([&] { return model->isTotalExact(); }, 15000));
    }
    CHECK(model->rowCount() == 900);
    CHECK(t.countText() == FilterBar::tr("%Ln paper(s)", nullptr, 900));
}

TEST_CASE("reversed order over a capped view starts at the end of the view", "[gui][largeview]") {
    Window t(u"largeview-reversed"_s);
    PaperListModel *model = t.model();
    model->sort(PaperListModel::TitleColumn, Qt::AscendingOrder);
    const QList<qint64> order = t.libraryOrder(u"study"_s);
    REQUIRE(order.size() == 900);
    model->sort(PaperListModel::TitleColumn, Qt::DescendingOrder); // reversed
    REQUIRE(model->isReversed());
    WorkerGate gate(t.w.get());
    t.w->filterBar()->setText(u"study"_s);
    // The first row is the view's last paper, whatever the worker is doing.
    CHECK(model->idAt(0) == order.last());
    CHECK(model->idAt(1) == order.at(order.size() - 2));
    gate.release();
    REQUIRE(waitUntil([&] { return model->isTotalExact() && model->rowCount() == 900; }, 30000));
    CHECK(model->idAt(0) == order.last());
    CHECK(model->idAt(899) == order.first());
}

TEST_CASE("locate finds a paper past the cap before the exact total is known", "[gui][largeview]") {
    Window t(u"largeview-locate"_s);
    PaperListModel *model = t.model();
    const QList<qint64> order = t.libraryOrder(u"study"_s);
    REQUIRE(order.size() == 900);
    // Every row from `from` on shows its paper (none blank, as j or scrolling would find it).
    auto rowsMatch = [&](int from) {
        int wrong = 0;
        for (int r = from; r < model->rowCount(); ++r)
            if (model->idAt(r) != order.at(r))
                ++wrong;
        return wrong;
    };
    WorkerGate gate(t.w.get());
    t.w->filterBar()->setText(u"study"_s);
    REQUIRE(model->rowCount() == kCap);
    CHECK(rowsMatch(0) == 0); // loads the partial page holding the cap (rows 200..249)
    const int row = model->locate(order.at(450));
    CHECK(row == 450);
    CHECK(model->rowCount() == 451);
    CHECK(model->idAt(450) == order.at(450));
    CHECK(rowsMatch(kCap) == 0); // the rows past the old end, in the page cached short before
    gate.release();
    REQUIRE(waitUntil([&] { return model->isTotalExact(); }, 30000));
    CHECK(model->rowCount() == 900);
    CHECK(rowsMatch(kCap) == 0); // and past the located row: its page was partial too
    // j from the located paper goes on to the next one, a paper (not a blank row).
    t.w->paperList()->setCurrentIndex(model->index(450, PaperListModel::StarColumn));
    t.w->paperList()->setFocus();
    t.key(Qt::Key_J);
    REQUIRE(t.w->paperList()->currentIndex().row() == 451);
    CHECK(model->idAt(t.w->paperList()->currentIndex().row()) == order.at(451));
}

TEST_CASE("j and Ctrl+End at the cap go on past it while the exact count waits",
          "[gui][largeview]") {
    Window t(u"largeview-jend"_s);
    PaperListModel *model = t.model();
    QTableView *list = t.w->paperList();
    const QList<qint64> order = t.libraryOrder(u"study"_s);
    REQUIRE(order.size() == 900);
    WorkerGate gate(t.w.get()); // a long job (an import) holds the worker: no exact count yet
    t.w->filterBar()->setText(u"study"_s);
    REQUIRE(model->rowCount() == kCap);
    list->setFocus();
    list->setCurrentIndex(model->index(kCap - 1, PaperListModel::StarColumn));
    t.key(Qt::Key_J);
    CHECK(list->currentIndex().row() == kCap); // not "End of the list"
    CHECK(model->idAt(list->currentIndex().row()) == order.at(kCap));
    CHECK_FALSE(t.status().startsWith(u"End of the list"_s));
    // Ctrl+End goes to the last row the list has, and to the view's last paper once counted.
    t.key(Qt::Key_End, Qt::ControlModifier);
    CHECK(list->currentIndex().row() == model->rowCount() - 1);
    gate.release();
    REQUIRE(waitUntil([&] { return model->isTotalExact(); }, 30000));
    CHECK(waitUntil([&] { return list->currentIndex().row() == 899; }, 5000));
    CHECK(model->idAt(list->currentIndex().row()) == order.last());
}

TEST_CASE("Shift+A over a capped view marks every paper of it, on the worker", "[gui][largeview]") {
    const int n = StateController::BulkPapers + 200;
    Window t(u"largeview-markall"_s, n, 0);
    PaperListModel *model = t.model();
    // A cap of four digits, written as the filter bar writes it ("1,000+" in English).
    const QLocale locale;
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    const auto restore = qScopeGuard([&locale] { QLocale::setDefault(locale); });
    model->setCountCap(1000);
    auto unread = [&t] { return t.lib.total(u"is:unread"_s).value_or(-1); };
    REQUIRE(unread() == n);
    {
        WorkerGate gate(t.w.get());
        // Every paper, capped: the total is not known yet (the view of all papers alone is
        // counted at once, from the library's kept count).
        t.w->filterBar()->setText(u"study"_s);
        REQUIRE_FALSE(model->isTotalExact());
        t.w->paperList()->setFocus();
        t.key(Qt::Key_A, Qt::ShiftModifier);
        CHECK(unread() == n); // not written on the UI thread
        CHECK(t.countText() == u"1,000+ papers"_s);
        CHECK(t.status() == u"Marking 1,000+ papers read…"_s);
        gate.release();
        REQUIRE(waitUntil([&] { return t.w->undoStack()->count() == 1; }, 30000));
    }
    CHECK(unread() == 0);
    CHECK(t.status() == u"Marked %1 papers read (Ctrl+Z to undo)."_s.arg(n));
}

TEST_CASE("the view's progress counts the whole view when the list's count is capped",
          "[gui][largeview]") {
    Window t(u"largeview-progress"_s);
    auto *label = t.w->findChild<QLabel *>(u"viewProgress"_s);
    REQUIRE(label);
    t.w->filterBar()->setText(u"alpha"_s);
    CHECK(waitUntil([&] { return label->text() == u"0/600 read"_s; }, 30000));
    CHECK(waitUntil([&] { return t.model()->rowCount() == 600; }, 30000));
}

TEST_CASE("the window gives the heap back once, after a burst of queries and their counts",
          "[gui][largeview]") {
    Window t(u"largeview-trim"_s);
    MemoryTrimmer *trimmer = t.w->memoryTrimmer();
    REQUIRE(trimmer);
    REQUIRE(waitUntil([&] { return trimmer->trims() >= 1; }, 30000)); // the start's
    QTest::qWait(MemoryTrimmer::DelayMs + 500); // anything the start scheduled has run
    const int before = trimmer->trims();
    {
        // Typing, the event loop running between keystrokes for longer in all than the delay
        // (the counts wait behind the gate): no trim until the typing stops.
        WorkerGate gate(t.w.get());
        for (const QString &q : {u"s"_s, u"st"_s, u"stu"_s, u"stud"_s, u"study"_s, u"alpha"_s}) {
            t.w->filterBar()->setText(q);
            QTest::qWait(MemoryTrimmer::DelayMs / 4);
        }
        CHECK(trimmer->trims() == before); // not while typing
    }
    REQUIRE(waitUntil([&] { return trimmer->trims() > before; }, 30000));
    CHECK(t.model()->isTotalExact()); // after the worker's count
    QTest::qWait(MemoryTrimmer::DelayMs + 500);
    CHECK(trimmer->trims() == before + 1);
}

TEST_CASE("export offers the view as 'N+' while only capped, then with its exact size",
          "[gui][largeview]") {
    Window t(u"largeview-export"_s);
    PaperListModel *model = t.model();
    ExportController *ec = t.w->exportController();
    QList<ExportController::View> asked;
    ec->setChoiceAsker([&](const ExportController::View &view, const ExportChoice &) {
        asked << view;
        return std::optional<ExportChoice>(); // cancelled: only what it was offered matters
    });
    {
        WorkerGate gate(t.w.get());
        t.w->filterBar()->setText(u"study"_s); // all 900 papers
        REQUIRE_FALSE(model->isTotalExact());
        t.key(Qt::Key_E, Qt::ControlModifier);
        REQUIRE(asked.size() == 1);
        CHECK(asked.at(0).count == kCap);
        CHECK_FALSE(asked.at(0).countExact);
        gate.release();
        REQUIRE(waitUntil([&] { return model->isTotalExact(); }, 30000));
    }
    t.key(Qt::Key_E, Qt::ControlModifier);
    REQUIRE(asked.size() == 2);
    CHECK(asked.at(1).count == 900);
    CHECK(asked.at(1).countExact);

    // The dialog says so.
    ExportChoice initial;
    ExportDialog capped(false, {kCap, false}, initial);
    ExportDialog exact(false, {300, true}, initial);
    auto viewText = [](const ExportDialog &d) {
        for (const QRadioButton *b : d.findChildren<QRadioButton *>())
            if (b->text().contains(u"view"_s))
                return b->text();
        return QString();
    };
    CHECK(viewText(capped).contains(QLocale().toString(kCap) + u"+ papers"_s));
    CHECK(viewText(exact).contains(u"300 papers"_s));
}
