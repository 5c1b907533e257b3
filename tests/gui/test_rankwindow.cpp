// The window's For you and More like this: the view's order and why footer/tooltip after the
// worker trained, the cold-start message, `m` showing the nearest papers to walk with j, and
// `r` toggling read (it was `m`).
#include "guitestsupport.h"
#include "mainwindow.h"
#include "paperlistmodel.h"
#include "rankcontroller.h"
#include "ranksimulation.h"
#include "readingpane.h"
#include "sidebar.h"
#include "store/library.h"
#include "testsupport.h"

#include <catch2/catch_test_macros.hpp>

#include <QStatusBar>
#include <QTableView>

using namespace Qt::StringLiterals;
using namespace lectern;
using namespace lectern::test;

namespace {

QList<qint64> modelIds(PaperListModel *m, int n) {
    QList<qint64> ids;
    for (int row = 0; row < n && row < m->rowCount(); ++row)
        ids << m->idAt(row);
    return ids;
}

// Stars what reader 0 likes among the first `upTo` papers and marks the others read.
void teach(Library &lib, const SimLibrary &sim, int upTo) {
    const SimReader reader = simulateReaders(1, sim.topicCount).first();
    QList<qint64> liked, all;
    for (int i = 0; i < upTo; ++i) {
        const qint64 id = *lib.idForKey(simArxivId(sim.papers[i]));
        all << id;
        if (reader.likes(sim.papers[i]))
            liked << id;
    }
    REQUIRE(lib.setStarred(liked, true));
    REQUIRE(lib.setRead(all, true));
}

} // namespace

TEST_CASE("Window: For you lists the unread by score with the why line", "[gui][rank]") {
    const SimLibrary sim = simulateLibrary(200);
    TestWindow t(u"rank-window"_s, simulatedDigests(sim));
    MainWindow &w = *t.w;
    teach(t.lib, sim, 160);
    w.ranking()->updateNow();
    REQUIRE(
        waitUntil([&] { return t.lib.rankedCount() == 200 && !w.ranking()->isUpdatePending(); }));
    REQUIRE(w.findChild<Sidebar *>()->select(u"view:foryou"_s));
    PaperListModel *model = w.model();
    CHECK(model->sortOrder() == SortOrder::ForYou);
    REQUIRE(model->rowCount() == 40);
    const QList<qint64> expected = [&] {
        QList<qint64> ids;
        for (const PaperRow &r : t.lib.query(u"is:unread"_s, SortOrder::ForYou, 10).rows)
            ids << r.id;
        return ids;
    }();
    CHECK(modelIds(model, 10) == expected);
    w.paperList()->setCurrentIndex(model->index(0, PaperListModel::TitleColumn));
    const QString why = *t.lib.rankWhy(expected.first());
    REQUIRE(why.startsWith(u"+ "_s));
    const auto *pane = w.findChild<ReadingPane *>();
    CHECK(pane->toPlainText().contains(u"For you, because of: "_s + why));
    CHECK(model->index(0, PaperListModel::TitleColumn)
              .data(Qt::ToolTipRole)
              .toString()
              .contains(u"For you: "_s + why.toHtmlEscaped()));
    saveScreenshot(&w, u"foryou-light"_s);
    w.setPalette(darkPalette());
    saveScreenshot(&w, u"foryou-dark"_s);

    // Another view: the header's order again, no footer.
    REQUIRE(w.findChild<Sidebar *>()->select(u"view:all"_s));
    CHECK(model->sortOrder() != SortOrder::ForYou);
    CHECK_FALSE(pane->toPlainText().contains(u"For you, because of"_s));
}

TEST_CASE("Window: For you with too few stars says how many it needs", "[gui][rank]") {
    const SimLibrary sim = simulateLibrary(60);
    TestWindow t(u"rank-cold"_s, simulatedDigests(sim));
    MainWindow &w = *t.w;
    w.ranking()->updateNow();
    REQUIRE(waitUntil([&] { return !w.ranking()->isUpdatePending(); }));
    REQUIRE(w.findChild<Sidebar *>()->select(u"view:foryou"_s));
    CHECK(t.status().contains(u"needs 5 more starred"_s));
    // By date meanwhile.
    QList<qint64> byDate;
    for (const PaperRow &r : t.lib.query(u"is:unread"_s, SortOrder::Date, 5).rows)
        byDate << r.id;
    CHECK(modelIds(w.model(), 5) == byDate);
}

TEST_CASE("Window: m shows More like this, walked with j; r toggles read", "[gui][rank]") {
    const SimLibrary sim = simulateLibrary(200);
    TestWindow t(u"rank-similar"_s, simulatedDigests(sim));
    MainWindow &w = *t.w;
    PaperListModel *model = w.model();
    w.paperList()->setCurrentIndex(model->index(3, PaperListModel::TitleColumn));
    const qint64 source = model->idAt(3);
    t.key(Qt::Key_R);
    CHECK(t.lib.paper(source)->read);
    t.key(Qt::Key_R);
    CHECK_FALSE(t.lib.paper(source)->read);

    t.key(Qt::Key_M);
    REQUIRE(waitUntil([&] { return model->sortOrder() == SortOrder::Similar; }));
    REQUIRE(model->rowCount() == RankController::kSimilarCount);
    CHECK(model->query() == u"is:similar"_s);
    CHECK(w.paperList()->currentIndex().row() == 0);
    const qint64 first = model->idAt(0);
    CHECK(first != source);
    CHECK(t.status().contains(u"20 papers like"_s));
    t.key(Qt::Key_J);
    CHECK(w.paperList()->currentIndex().row() == 1);
    CHECK(w.findChild<ReadingPane *>()->paperId() == model->idAt(1));
}

TEST_CASE("Window: For you is ranked when shown, not at start-up or after each change",
          "[gui][rank]") {
    const SimLibrary sim = simulateLibrary(60);
    TestWindow t(u"rank-lazy"_s, simulatedDigests(sim));
    MainWindow &w = *t.w;
    // At a million papers an update reads every paper's text and builds the index: none runs
    // while no view needs it.
    CHECK_FALSE(w.ranking()->isUpdatePending());
    t.key(Qt::Key_S); // a star teaches For you, later
    CHECK_FALSE(w.ranking()->isUpdatePending());
    CHECK(w.ranking()->isStale());
    CHECK(t.lib.rankedCount() == 0);

    REQUIRE(w.findChild<Sidebar *>()->select(u"view:foryou"_s));
    CHECK(w.ranking()->isUpdatePending());
    REQUIRE(waitUntil([&] { return !w.ranking()->isUpdatePending(); }));
    CHECK_FALSE(w.ranking()->isStale());
    // While For you is shown, changes train it once they settle.
    t.key(Qt::Key_S);
    CHECK(w.ranking()->isUpdatePending());
    REQUIRE(w.findChild<Sidebar *>()->select(u"view:all"_s));
    CHECK_FALSE(w.ranking()->isUpdatePending()); // left before it settled: stays stale
    CHECK(w.ranking()->isStale());
}
