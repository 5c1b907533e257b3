// The follow list in the library (schema 5): items, their matches kept current when the list
// changes and on import, is:followed / follows:NAME, counts and the list's mark.
#include "libraryfixtures.h"
#include "store/library.h"
#include "testsupport.h"

#include <QCoreApplication>

#include <catch2/catch_test_macros.hpp>

using namespace lectern;
using namespace lectern::test;

namespace {

QString libraryPath(const QString &name) {
    return scratchDir(name + QString::number(QCoreApplication::applicationPid())) +
           QStringLiteral("/lib.sqlite");
}

Follow follow(const char *spec) {
    const std::optional<Follow> f = Follow::parse(QString::fromUtf8(spec));
    REQUIRE(f);
    return *f;
}

QStringList ids(Library &lib, const QString &query) {
    const QueryResult r = lib.query(query, SortOrder::Title);
    INFO("query: " << query.toStdString() << " error: " << r.error.toStdString());
    REQUIRE(r.ok());
    QStringList out;
    for (const PaperRow &row : r.rows)
        out << row.arxivId.right(1);
    out.sort();
    return out;
}

} // namespace

TEST_CASE("following an author or topic matches the library", "[follow][library]") {
    Library lib;
    REQUIRE(lib.open(libraryPath(QStringLiteral("follow-add-"))));
    REQUIRE(lib.importData(QStringLiteral("1.md"), fixtureDigest1()).imported);
    REQUIRE(lib.importData(QStringLiteral("2.md"), fixtureDigest2()).imported);
    CHECK(ids(lib, QStringLiteral("is:followed")).isEmpty());

    // Alice Smith wrote 1 and 3.
    const std::optional<FollowEntry> alice = lib.addFollow(follow("author:A. Smith"));
    REQUIRE(alice);
    CHECK(alice->papers == 2);
    CHECK(ids(lib, QStringLiteral("is:followed")) == L({"1", "3"}));
    // A keyword of the abstract ("**quantization**" in 1 and 3) and a phrase of a title (4).
    const std::optional<FollowEntry> robots = lib.addFollow(follow("\"Reinforcement learning\""));
    REQUIRE(robots);
    CHECK(robots->papers == 1);
    CHECK(ids(lib, QStringLiteral("is:followed")) == L({"1", "3", "4"}));
    CHECK(ids(lib, QStringLiteral("-is:followed")) == L({"2", "5"}));
    CHECK(ids(lib, QStringLiteral("follows:\"Alice Smith\"")) == L({"1", "3"}));
    CHECK(ids(lib, QStringLiteral("follows:Smith")) == L({"1", "3"}));
    CHECK(ids(lib, QStringLiteral("follows:\"B. Smith\"")).isEmpty());
    CHECK(ids(lib, QStringLiteral("follows:learning")) == L({"4"}));
    CHECK(ids(lib, QStringLiteral("is:followed is:unread -follows:smith")) == L({"4"}));

    // The same item again (other spelling): nothing new.
    const std::optional<FollowEntry> again = lib.addFollow(follow("author:\"a smith\""));
    REQUIRE(again);
    CHECK(again->id == alice->id);
    CHECK(again->follow.spec() == QStringLiteral("author:\"A. Smith\""));
    const std::optional<QList<FollowEntry>> list = lib.follows();
    REQUIRE(list);
    REQUIRE(list->size() == 2);
    CHECK(list->at(0).follow.spec() == QStringLiteral("author:\"A. Smith\""));
    CHECK(list->at(0).papers == 2);
    CHECK(list->at(1).follow.kind() == Follow::Kind::Phrase);

    // The list's mark, the counts and what a paper matches.
    const QueryResult all = lib.query(QString(), SortOrder::Title);
    int marked = 0;
    for (const PaperRow &row : all.rows)
        marked += row.followed ? 1 : 0;
    CHECK(marked == 3);
    CHECK(lib.counts()->followed == 3);
    const std::optional<QList<Follow>> of =
        lib.followsOf(lib.idForKey(QStringLiteral("2505.00003")).value());
    REQUIRE(of);
    REQUIRE(of->size() == 1);
    CHECK(of->first().isAuthor());

    // Removing takes the item as followed (any case or accents), not another name for it.
    CHECK(lib.removeFollow(follow("author:Alice Smith")) == std::optional<bool>(false));
    REQUIRE(lib.removeFollow(follow("author:a. smith")) == std::optional<bool>(true));
    CHECK(ids(lib, QStringLiteral("is:followed")) == L({"4"}));
    CHECK(lib.counts()->followed == 1);
    CHECK(lib.removeFollow(follow("author:A. Smith")) == std::optional<bool>(false));
}

TEST_CASE("an import matches new and updated papers against the follow list", "[follow][library]") {
    Library lib;
    REQUIRE(lib.open(libraryPath(QStringLiteral("follow-import-"))));
    REQUIRE(lib.addFollow(follow("kw:robots")));
    REQUIRE(lib.addFollow(follow("author:Dan Brown")));
    REQUIRE(lib.importData(QStringLiteral("1.md"), fixtureDigest1()).imported);
    CHECK(ids(lib, QStringLiteral("is:followed")) == L({"3"}));
    REQUIRE(lib.importData(QStringLiteral("2.md"), fixtureDigest2()).imported);
    CHECK(ids(lib, QStringLiteral("is:followed")) == L({"3", "4"}));

    // A newer version of 4 without the word: no longer a match; of 2 with it: now one.
    QList<FixturePaper> papers = fixturePapers();
    papers[3].version = 2;
    papers[3].title = QStringLiteral("Reinforcement Learning for Machines");
    papers[3].abstract = QStringLiteral("Policy gradients on real hardware.");
    papers[1].version = 2;
    papers[1].abstract = QStringLiteral("Graphs of molecules for Robots.");
    REQUIRE(lib.importData(QStringLiteral("3.md"),
                           digestText(QStringLiteral("2025-05-08"), {papers[1], papers[3]}))
                .imported);
    CHECK(ids(lib, QStringLiteral("is:followed")) == L({"2", "3"}));
    CHECK(ids(lib, QStringLiteral("follows:robots")) == L({"2"}));
}

TEST_CASE("the follow list and its matches are kept in the library file", "[follow][library]") {
    const QString path = libraryPath(QStringLiteral("follow-migrate-"));
    {
        Library lib;
        REQUIRE(lib.open(path));
        REQUIRE(lib.importData(QStringLiteral("1.md"), fixtureDigest1()).imported);
        REQUIRE(lib.addFollow(follow("kw:graph")));
    }
    Library lib;
    REQUIRE(lib.open(path));
    CHECK(ids(lib, QStringLiteral("is:followed")) == L({"2"}));
}

TEST_CASE("lectern-cli follow add, list, remove", "[follow][cli]") {
    const QString dir = scratchDir(QStringLiteral("follow-cli"));
    const QString db = dir + QStringLiteral("/lib.sqlite");
    writeFile(dir + QStringLiteral("/a.md"), fixtureDigest1());
    auto cli = [&](QStringList args) {
        args << QStringLiteral("--db") << db;
        return runBoundedCli(args);
    };
    REQUIRE(
        cli({QStringLiteral("import"), QStringLiteral("--create"), dir + QStringLiteral("/a.md")})
            .code == 0);

    ProcessResult r =
        cli({QStringLiteral("follow"), QStringLiteral("add"), QStringLiteral("author:A. Smith")});
    CHECK(r.code == 0);
    CHECK(r.out == "following author:\"A. Smith\": 2 papers\n");
    // The shell took the quotes away: two bare words are a phrase.
    r = cli({QStringLiteral("follow"), QStringLiteral("add"), QStringLiteral("message passing")});
    CHECK(r.code == 0);
    CHECK(r.out == "following \"message passing\": 1 paper\n");
    r = cli(
        {QStringLiteral("follow"), QStringLiteral("add"), QStringLiteral("author:Alice Smith")});
    CHECK(r.code == 0);
    CHECK(r.out.startsWith("following author:\"Alice Smith\""));
    r = cli(
        {QStringLiteral("follow"), QStringLiteral("add"), QStringLiteral("author:\"a. smith\"")});
    CHECK(r.out.startsWith("already following author:\"A. Smith\""));

    r = cli({QStringLiteral("follow"), QStringLiteral("list")});
    CHECK(r.code == 0);
    CHECK(r.out == "author:\"A. Smith\"\t2\n\"message passing\"\t1\nauthor:\"Alice Smith\"\t2\n");
    r = cli({QStringLiteral("list"), QStringLiteral("is:followed")});
    CHECK(r.code == 0);
    for (const char *id : {"2505.00001", "2505.00002", "2505.00003"})
        CHECK(r.out.contains(id));

    r = cli({QStringLiteral("follow"), QStringLiteral("remove"), QStringLiteral("kw:nothing")});
    CHECK(r.code == 1);
    CHECK(r.err.contains("kw:nothing: not followed"));
    r = cli({QStringLiteral("follow"), QStringLiteral("add"), QStringLiteral("tag:x")});
    CHECK(r.code == 1);
    CHECK(r.err.contains("unknown kind"));
    r = cli({QStringLiteral("follow"), QStringLiteral("add")});
    CHECK(r.code == 2);
    r = cli({QStringLiteral("follow"), QStringLiteral("remove"),
             QStringLiteral("\"message passing\"")});
    CHECK(r.code == 0);
    CHECK(r.out == "no longer following \"message passing\"\n");
    r = cli({QStringLiteral("list"), QStringLiteral("is:followed")});
    CHECK_FALSE(r.out.contains("2505.00002"));
}
