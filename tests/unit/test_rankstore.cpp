// For you in the library: schema 6 scores and why lines, the ForYou order (query, rowOf,
// nextInView), RankEngine over a library (trained, cold start, More like this), and
// `lectern-cli list --sort foryou`.
#include "follow/follow.h"
#include "libraryfixtures.h"
#include "rank/rankengine.h"
#include "ranksimulation.h"
#include "store/library.h"
#include "testsupport.h"

#include <catch2/catch_test_macros.hpp>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace lectern;
using namespace lectern::test;

namespace {

// The view walked with nextInView from its start.
QList<qint64> walk(const Library &lib, const QString &query, SortOrder sort) {
    QList<qint64> ids;
    qint64 at = 0;
    while (true) {
        const std::optional<qint64> next = lib.nextInView(query, sort, at);
        REQUIRE(next);
        if (*next == 0)
            return ids;
        ids << *next;
        at = *next;
    }
}

// The simulated papers imported into a new library in dir; returns its path.
QString importSimulated(const QString &dir, const SimLibrary &sim) {
    const QList<QByteArray> digests = simulatedDigests(sim);
    for (qsizetype i = 0; i < digests.size(); ++i)
        writeFile(dir + QStringLiteral("/d/") + QString::number(i) + QStringLiteral(".md"),
                  digests[i]);
    const QString db = dir + QStringLiteral("/lib.sqlite");
    Library lib;
    REQUIRE(lib.open(db));
    REQUIRE(lib.importPaths({dir + QStringLiteral("/d")}).newPapers == sim.papers.size());
    return db;
}

// Stars the papers a reader likes among the first `trainEnd`, marks the others read.
void label(Library &lib, const SimLibrary &sim, const SimReader &reader, int trainEnd) {
    QList<qint64> liked, other;
    for (int i = 0; i < trainEnd; ++i) {
        const auto id = lib.idForKey(simArxivId(sim.papers[i]));
        REQUIRE(id);
        (reader.likes(sim.papers[i]) ? liked : other) << *id;
    }
    REQUIRE(lib.setStarred(liked, true));
    REQUIRE(lib.setRead(liked + other, true));
}

} // namespace

TEST_CASE("Library: the ForYou order lists scored papers by score, the rest by date",
          "[rank][store]") {
    const QString dir = scratchDir(QStringLiteral("rank-order"));
    Library lib;
    REQUIRE(lib.open(dir + QStringLiteral("/lib.sqlite")));
    REQUIRE(lib.importData(QStringLiteral("a.md"), fixtureDigest1()).imported);
    REQUIRE(lib.importData(QStringLiteral("b.md"), fixtureDigest2()).imported);
    const QList<qint64> byDate = idsOf(lib.query(QString(), SortOrder::Date));
    REQUIRE(byDate.size() == 5);
    CHECK(idsOf(lib.query(QString(), SortOrder::ForYou)) == byDate); // nothing scored yet
    CHECK(lib.rankedCount() == 0);

    // The oldest two papers get scores: they come first, the higher first.
    const qint64 a = byDate[4], b = byDate[3];
    REQUIRE(lib.writeRankScores(
        {{a, 0.5, QStringLiteral("+ zebras")}, {b, 1.5, QStringLiteral("+ robots, + Eve Green")}}));
    CHECK(lib.rankedCount() == 2);
    const QList<qint64> forYou = idsOf(lib.query(QString(), SortOrder::ForYou));
    CHECK(forYou == QList<qint64>{b, a, byDate[0], byDate[1], byDate[2]});
    CHECK(*lib.rankWhy(b) == QStringLiteral("+ robots, + Eve Green"));
    CHECK(lib.rankWhy(byDate[0])->isEmpty());
    for (qsizetype row = 0; row < forYou.size(); ++row)
        CHECK(lib.rowOf(QString(), SortOrder::ForYou, forYou[row]) == row);
    CHECK(walk(lib, QString(), SortOrder::ForYou) == forYou);
    CHECK(idsOf(lib.query(QString(), SortOrder::ForYou, 2, 1)) == forYou.mid(1, 2));

    // A new write replaces every score; an empty one clears them.
    REQUIRE(lib.writeRankScores({{byDate[0], -1.0, QString()}}));
    CHECK(lib.rankedCount() == 1);
    CHECK(lib.rankWhy(b)->isEmpty());
    REQUIRE(lib.writeRankScores({}));
    CHECK(idsOf(lib.query(QString(), SortOrder::ForYou)) == byDate);
}

TEST_CASE("RankEngine: learns from the library's stars and reads, scores the unread",
          "[rank][store]") {
    const QString dir = scratchDir(QStringLiteral("rank-engine"));
    const SimLibrary sim = simulateLibrary(400);
    const SimReader reader = simulateReaders(2, sim.topicCount)[1];
    const QString db = importSimulated(dir, sim);
    Library lib;
    REQUIRE(lib.open(db));
    label(lib, sim, reader, 320);

    RankEngine engine;
    const std::optional<RankOutcome> outcome = engine.update(lib);
    REQUIRE(outcome);
    REQUIRE(outcome->trained());
    CHECK(lib.rankedCount() == 400);
    const QueryResult top = lib.query(QStringLiteral("is:unread"), SortOrder::ForYou, 10);
    REQUIRE(top.rows.size() == 10);
    int liked = 0;
    for (const PaperRow &row : top.rows) {
        const int i = row.arxivId.mid(5).toInt() - 1;
        liked += reader.likes(sim.papers[i]) ? 1 : 0;
    }
    CHECK(liked >= 8);
    const QString why = *lib.rankWhy(top.rows.first().id);
    CHECK(why.startsWith(QStringLiteral("+ ")));
    CHECK(why.count(QStringLiteral("+ ")) <= 5);

    // More like this from the same engine.
    const auto similar = engine.similar(lib, top.rows.first().id, 20);
    REQUIRE(similar);
    CHECK(similar->size() == 20);
    CHECK_FALSE(engine.similar(lib, 999999, 20)->size());
}

TEST_CASE("RankEngine: a cold start clears the scores and says how many stars it needs",
          "[rank][store]") {
    const QString dir = scratchDir(QStringLiteral("rank-cold"));
    Library lib;
    REQUIRE(lib.open(dir + QStringLiteral("/lib.sqlite")));
    REQUIRE(lib.importData(QStringLiteral("a.md"), fixtureDigest1()).imported);
    REQUIRE(lib.importData(QStringLiteral("b.md"), fixtureDigest2()).imported);
    const QList<qint64> byDate = idsOf(lib.query(QString(), SortOrder::Date));
    REQUIRE(lib.writeRankScores({{byDate[4], 2.0, QStringLiteral("+ old")}}));
    REQUIRE(lib.setStarred({byDate[0], byDate[1]}, true));
    RankEngine engine;
    const std::optional<RankOutcome> outcome = engine.update(lib);
    REQUIRE(outcome);
    CHECK(outcome->needMore == 3);
    CHECK(outcome->message().contains(QStringLiteral("3 more starred")));
    CHECK(lib.rankedCount() == 0);
    CHECK(idsOf(lib.query(QString(), SortOrder::ForYou)) == byDate);

    // Cold start: followed papers first, then by date (each group in date order).
    const std::optional<LibraryPaper> oldest = lib.paper(byDate.last());
    REQUIRE(oldest);
    REQUIRE(!oldest->paper.authors.isEmpty());
    const std::optional<Follow> follow =
        Follow::parse(QStringLiteral("author:\"") + oldest->paper.authors.first() + u'"');
    REQUIRE(follow);
    REQUIRE(lib.addFollow(*follow));
    QList<qint64> followed, others;
    for (qint64 id : byDate)
        (lib.followsOf(id).value_or(QList<Follow>()).isEmpty() ? others : followed) << id;
    REQUIRE(followed.contains(byDate.last()));
    REQUIRE(!others.isEmpty());
    const QList<qint64> forYou = idsOf(lib.query(QString(), SortOrder::ForYou));
    CHECK(forYou == followed + others);
    CHECK(walk(lib, QString(), SortOrder::ForYou) == forYou); // nextInView agrees
}

TEST_CASE("cli list --sort foryou: trains, lists by score, prints why", "[rank][cli]") {
    const QString dir = scratchDir(QStringLiteral("rank-cli"));
    const SimLibrary sim = simulateLibrary(200);
    const QString db = importSimulated(dir, sim);
    const auto cli = [&](QStringList args) {
        args << QStringLiteral("--db") << db;
        return runBoundedCli(args);
    };
    // Cold start: said on stderr, listed by date.
    const ProcessResult cold =
        cli({QStringLiteral("list"), QStringLiteral("--sort"), QStringLiteral("foryou"),
             QStringLiteral("--limit"), QStringLiteral("3")});
    CHECK(cold.code == 0);
    CHECK(cold.err.contains("needs 5 more starred"));
    {
        Library lib;
        REQUIRE(lib.open(db));
        label(lib, sim, simulateReaders(1, sim.topicCount).first(), 160);
    }
    const ProcessResult text =
        cli({QStringLiteral("list"), QStringLiteral("is:unread"), QStringLiteral("--sort"),
             QStringLiteral("foryou"), QStringLiteral("--why"), QStringLiteral("--limit"),
             QStringLiteral("3")});
    INFO(text.err.toStdString());
    CHECK(text.code == 0);
    CHECK(text.out.count("why: + ") == 3);
    CHECK(text.err.isEmpty());
    const ProcessResult json =
        cli({QStringLiteral("list"), QStringLiteral("--sort"), QStringLiteral("foryou"),
             QStringLiteral("--json"), QStringLiteral("--limit"), QStringLiteral("2")});
    CHECK(json.code == 0);
    const QJsonArray papers =
        QJsonDocument::fromJson(json.out).object().value(QStringLiteral("papers")).toArray();
    REQUIRE(papers.size() == 2);
    CHECK(papers[0]
              .toObject()
              .value(QStringLiteral("why"))
              .toString()
              .startsWith(QStringLiteral("+ ")));
    const ProcessResult bad =
        cli({QStringLiteral("list"), QStringLiteral("--sort"), QStringLiteral("fory")});
    CHECK(bad.code == 2);
    CHECK(bad.err.contains("foryou"));
}

TEST_CASE("Library: More like this lists is:similar nearest first", "[rank][store]") {
    const QString dir = scratchDir(QStringLiteral("rank-similar"));
    const SimLibrary sim = simulateLibrary(300);
    const QString db = importSimulated(dir, sim);
    Library lib;
    REQUIRE(lib.open(db));
    CHECK(lib.query(QStringLiteral("is:similar"), SortOrder::Similar).total == 0);
    RankEngine engine;
    const qint64 source = *lib.idForKey(QStringLiteral("2501.00042"));
    const auto similar = engine.similar(lib, source, 20);
    REQUIRE(similar);
    REQUIRE(similar->size() == 20);
    QList<qint64> ids;
    for (const SimilarPaper &s : *similar)
        ids << s.id;
    REQUIRE(lib.writeSimilar(ids));
    const QList<qint64> listed = idsOf(lib.query(QStringLiteral("is:similar"), SortOrder::Similar));
    CHECK(listed == ids);
    for (qsizetype row = 0; row < listed.size(); ++row)
        CHECK(lib.rowOf(QStringLiteral("is:similar"), SortOrder::Similar, listed[row]) == row);
    CHECK(walk(lib, QStringLiteral("is:similar"), SortOrder::Similar) == ids);
    REQUIRE(lib.writeSimilar(ids.mid(0, 3)));
    CHECK(lib.query(QStringLiteral("is:similar"), SortOrder::Similar).total == 3);
}
