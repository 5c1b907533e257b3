// Library::counts() from the tables schema 9 keeps (issue 13: sidebar counts at a million
// papers): after every kind of write, the figures equal a count from scratch over the rows,
// with the SQL counts() ran before the tables (kept here as the reference).
#include "libraryfixtures.h"
#include "rawsql.h"
#include "store/backupmanager.h"
#include "store/countkeeper_p.h"
#include "store/library.h"
#include "testsupport.h"

#include <catch2/catch_test_macros.hpp>

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QVariant>

using namespace lectern;
using namespace lectern::test;

namespace {

using Items = QList<CountItem>;

// The per-date and per-keyword figures counted from the links, on a connection of its own.
struct Recount {
    Items digests, keywords;
    int all = -1, unread = -1;
};

Items runItems(QSqlDatabase &db, const QString &sql) {
    QSqlQuery q(db);
    REQUIRE(q.exec(sql));
    Items out;
    while (q.next())
        out.append({q.value(0).toString(), q.value(1).toInt(), q.value(2).toInt()});
    return out;
}

Recount recount(const QString &path) {
    const QString conn = QStringLiteral("recount");
    Recount r;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), conn);
        db.setDatabaseName(path);
        REQUIRE(db.open());
        const QString unread = QStringLiteral("NOT IN (SELECT id FROM papers WHERE read = 1)");
        r.digests = runItems(
            db, QStringLiteral("SELECT d.date, count(DISTINCT pd.paper_id), count(DISTINCT CASE "
                               "WHEN pd.paper_id ") +
                    unread +
                    QStringLiteral(" THEN pd.paper_id END) FROM digests d JOIN paper_digests pd "
                                   "ON pd.digest_id = d.id WHERE d.date IS NOT NULL GROUP BY "
                                   "d.date ORDER BY d.date DESC"));
        r.keywords =
            runItems(db, QStringLiteral("SELECT k.name, count(*), total(pk.paper_id ") + unread +
                             QStringLiteral(") FROM paper_keywords pk JOIN keywords k ON k.id = "
                                            "pk.keyword_id GROUP BY pk.keyword_id ORDER BY "
                                            "count(*) DESC, k.name"));
        QSqlQuery q(db);
        REQUIRE(q.exec(QStringLiteral("SELECT count(*), total(read = 0) FROM papers")));
        REQUIRE(q.next());
        r.all = q.value(0).toInt();
        r.unread = q.value(1).toInt();
    }
    QSqlDatabase::removeDatabase(conn);
    return r;
}

QString describe(const Items &items) {
    QStringList s;
    for (const CountItem &i : items)
        s << i.name + QLatin1Char(' ') + QString::number(i.total) + QLatin1Char('/') +
                 QString::number(i.unread);
    return s.join(QStringLiteral(", "));
}

int figure(const CountItem &i, const QString &state) {
    return state.isEmpty()                        ? i.total
           : state == QLatin1String(" is:unread") ? i.unread
                                                  : i.total - i.unread;
}

// The queries answered from the count tables (CompiledQuery::counted), in Library::total and
// in a page's total, equal the count from scratch; so do those of a keyword and a date the
// tables do not list.
void checkCountedQueries(Library &lib, const Recount &r) {
    for (const QString &state :
         {QString(), QStringLiteral(" is:unread"), QStringLiteral(" is:read")}) {
        const int all = state.isEmpty()                        ? r.all
                        : state == QLatin1String(" is:unread") ? r.unread
                                                               : r.all - r.unread;
        const QString query = state.trimmed();
        CHECK(lib.total(query) == all);
        CHECK(lib.query(query, SortOrder::Date, 2).total == all);
        for (const CountItem &k : r.keywords) {
            // As typed in any case, the state first or last.
            CHECK(lib.total(QStringLiteral("kw:\"") + k.name.toUpper() + QStringLiteral("\"") +
                            state) == figure(k, state));
            CHECK(lib.queryCapped(query + QStringLiteral(" kw:\"") + k.name + QStringLiteral("\""),
                                  SortOrder::Date, 2, 0, 1)
                      .total == figure(k, state));
        }
        for (const CountItem &d : r.digests)
            CHECK(lib.total(QStringLiteral("digest:") + d.name + state) == figure(d, state));
        CHECK(lib.total(QStringLiteral("kw:nosuchkeyword") + state) == 0);
        CHECK(lib.total(QStringLiteral("digest:1999-01-01") + state) == 0);
    }
}

// counts() equals the count from scratch (and its smart views the rows).
void checkCounts(Library &lib) {
    const std::optional<Counts> c = lib.counts();
    REQUIRE(c);
    const Recount r = recount(lib.path());
    CHECK(describe(c->digests).toStdString() == describe(r.digests).toStdString());
    CHECK(describe(c->keywords).toStdString() == describe(r.keywords).toStdString());
    CHECK(c->all == r.all);
    CHECK(c->unread == r.unread);
    checkCountedQueries(lib, r);
}

FixturePaper withAbstract(FixturePaper p, int version, const QString &abstract) {
    p.version = version;
    p.abstract = abstract;
    return p;
}

int unreadOf(const Items &items, const QString &name) {
    for (const CountItem &i : items)
        if (i.name == name)
            return i.unread;
    return -1;
}

} // namespace

TEST_CASE("counts: imports, a new version with other keywords, two digests of one date") {
    const QString path = scratchDir(QStringLiteral("counts-import")) + QStringLiteral("/l.sqlite");
    Library lib;
    REQUIRE(lib.open(path));
    checkCounts(lib);
    REQUIRE(lib.importData(QStringLiteral("1.md"), fixtureDigest1()).imported);
    checkCounts(lib);
    REQUIRE(lib.importData(QStringLiteral("2.md"), fixtureDigest2()).imported);
    checkCounts(lib);
    const auto p = fixturePapers();
    // A second file of 2025-05-07 (re-edited): one of its papers is new, one there already,
    // and a newer version of paper 1 trades **sparse** and **quantization** for **graph**.
    const QList<FixturePaper> again = {
        p[3],
        withAbstract(p[0], 2, QStringLiteral("Now about **graph** pruning.")),
        {QStringLiteral("2505.00009"), 1, QStringLiteral("Capybara Herds"),
         QStringLiteral("Gus Grey"), QStringLiteral("2025-05-05"),
         QStringLiteral("Social **robots** among capybaras.")}};
    REQUIRE(lib.importData(QStringLiteral("2b.md"), digestText(QStringLiteral("2025-05-07"), again))
                .imported);
    checkCounts(lib);
    const std::optional<Counts> c = lib.counts();
    REQUIRE(c);
    REQUIRE(c->digests.size() == 2);
    CHECK(c->digests[0].name == QLatin1String("2025-05-07"));
    CHECK(c->digests[0].total == 5); // C, D, E, then A and the capybaras: D once
    // The same paper twice in one file, and a file of no date.
    REQUIRE(lib.importData(QStringLiteral("3.md"),
                           digestText(QStringLiteral("2025-05-08"), {p[1], p[1], p[4]}))
                .imported);
    checkCounts(lib);
}

TEST_CASE("counts: read and unread, one, many, mark all, undo; tags and follows") {
    const QString path = scratchDir(QStringLiteral("counts-read")) + QStringLiteral("/l.sqlite");
    Library lib;
    REQUIRE(lib.open(path));
    REQUIRE(lib.importData(QStringLiteral("1.md"), fixtureDigest1()).imported);
    REQUIRE(lib.importData(QStringLiteral("2.md"), fixtureDigest2()).imported);
    const qint64 a = *lib.idForKey(QStringLiteral("2505.00001"));
    const qint64 c3 = *lib.idForKey(QStringLiteral("2505.00003"));
    const qint64 e = *lib.idForKey(QStringLiteral("2505.00005"));
    REQUIRE(lib.setRead({c3}, true)); // in both digests
    checkCounts(lib);
    REQUIRE(lib.setRead({c3, c3, a}, true)); // already read, twice, and one more
    checkCounts(lib);
    CHECK(unreadOf(lib.counts()->keywords, QStringLiteral("quantization")) == 0);
    REQUIRE(lib.setRead({a, e}, false));
    checkCounts(lib);
    const std::optional<QList<qint64>> marked = lib.markRead(QStringLiteral("kw:graph"));
    REQUIRE(marked);
    CHECK(marked->size() == 2);
    checkCounts(lib);
    const std::optional<QList<qint64>> all = lib.markRead(QString());
    REQUIRE(all);
    checkCounts(lib);
    CHECK(lib.counts()->digests[0].unread == 0);
    REQUIRE(lib.setRead(*all, false)); // undo of the mark-all
    checkCounts(lib);
    REQUIRE(lib.addTag({a, c3}, QStringLiteral("todo")));
    REQUIRE(lib.removeTag({a}, QStringLiteral("todo")));
    REQUIRE(lib.addFollow(*Follow::parse(QStringLiteral("author:Alice Smith"))));
    checkCounts(lib);
    CHECK(lib.counts()->followed == 2);
}

TEST_CASE("counts: annotations merged (read) and waiting for their paper's import") {
    const QString path = scratchDir(QStringLiteral("counts-notes")) + QStringLiteral("/l.sqlite");
    Library lib;
    REQUIRE(lib.open(path));
    REQUIRE(lib.importData(QStringLiteral("1.md"), fixtureDigest1()).imported);
    // 2505.00002 is in the library, 2505.00004 comes with the second digest.
    REQUIRE(lib.importAnnotations(R"({"version":1,"papers":{"2505.00002":{"read":true},)"
                                  R"("2505.00004":{"read":true,"note":"later"}}})"));
    checkCounts(lib);
    REQUIRE(lib.importData(QStringLiteral("2.md"), fixtureDigest2()).imported);
    checkCounts(lib);
    CHECK(unreadOf(lib.counts()->keywords, QStringLiteral("robots")) == 0);
}

TEST_CASE("counts: a restored backup and a library migrated to schema 9 count as the rows do") {
    const QString dir = scratchDir(QStringLiteral("counts-restore"));
    const QString path = dir + QStringLiteral("/l.sqlite");
    {
        Library lib;
        REQUIRE(lib.open(path));
        REQUIRE(lib.importData(QStringLiteral("1.md"), fixtureDigest1()).imported);
        REQUIRE(lib.setRead({*lib.idForKey(QStringLiteral("2505.00002"))}, true));
    }
    BackupManager backups(path);
    const std::optional<QString> backup = backups.backup();
    REQUIRE(backup);
    {
        Library lib;
        REQUIRE(lib.open(path));
        REQUIRE(lib.importData(QStringLiteral("2.md"), fixtureDigest2()).imported);
        REQUIRE(lib.markRead(QString()));
    }
    REQUIRE(backups.restore(*backup));
    {
        Library lib;
        REQUIRE(lib.open(path));
        checkCounts(lib);
        CHECK(lib.counts()->digests.size() == 1);
        REQUIRE(lib.importData(QStringLiteral("2.md"), fixtureDigest2()).imported);
        REQUIRE(lib.setRead({*lib.idForKey(QStringLiteral("2505.00003"))}, true));
    }
    // The same library as schema 8 left it (no count tables, no title index, no cjk_papers):
    // opening it migrates it through 9 (which fills the tables), 10, 12 and 13 (which counts
    // the library's papers).
    {
        QSqlDatabase db =
            QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("v7"));
        db.setDatabaseName(path);
        REQUIRE(db.open());
        QSqlQuery q(db);
        for (const char *sql : {"DROP TRIGGER keywords_counted", "DROP TRIGGER digests_counted",
                                "DROP TABLE keyword_counts", "DROP TABLE digest_date_counts",
                                "DROP INDEX papers_title", "DROP TRIGGER papers_cjk_changed",
                                "DROP TRIGGER papers_cjk_removed", "DROP TABLE cjk_papers",
                                "DROP TABLE library_counts", "PRAGMA user_version = 8"})
            REQUIRE(q.exec(QString::fromLatin1(sql)));
    }
    QSqlDatabase::removeDatabase(QStringLiteral("v7"));
    Library lib;
    REQUIRE(lib.open(path));
    checkCounts(lib);
    CHECK(lib.counts()->digests.size() == 2);
    CHECK(unreadOf(lib.counts()->keywords, QStringLiteral("quantization")) == 1);
    REQUIRE(lib.importData(QStringLiteral("3.md"),
                           digestText(QStringLiteral("2025-05-08"), {fixturePapers()[0]}))
                .imported);
    checkCounts(lib);
}

TEST_CASE("counts: over 20,000 papers marked read at once; counted again from the rows") {
    const QString dir = scratchDir(QStringLiteral("counts-bulk"));
    Library lib;
    REQUIRE(lib.open(dir + QStringLiteral("/l.sqlite")));
    QList<FixturePaper> papers;
    for (int i = 0; i < CountKeeper::kRefillAbove + 100; ++i)
        papers << FixturePaper{QStringLiteral("2504.") + QString::number(100000 + i),
                               1,
                               QStringLiteral("Paper ") + QString::number(i),
                               QStringLiteral("A Author"),
                               QStringLiteral("2025-04-10"),
                               i % 3 ? QStringLiteral("Text, **beta**.") : QStringLiteral("Text.")};
    REQUIRE(lib.importData(dir + QStringLiteral("/1.md"),
                           digestText(QStringLiteral("2025-05-06"), papers))
                .imported);
    REQUIRE(lib.setRead({1, 2, 3}, true));
    const std::optional<QList<qint64>> marked = lib.markRead(QString()); // the bulk path
    REQUIRE(marked);
    REQUIRE(marked->size() > CountKeeper::kRefillAbove);
    checkCounts(lib);
    REQUIRE(lib.setRead(*marked, false));
    checkCounts(lib);
    // A writer that kept no counts (raw SQL here): the weekly check counts again.
    execOn(lib.path(), {QStringLiteral("UPDATE library_counts SET papers = 7, unread = 3"),
                        QStringLiteral("UPDATE keyword_counts SET total = 1, unread = 1")});
    CHECK(lib.total(QString()) == 7);
    REQUIRE(lib.recountKeptCounts());
    checkCounts(lib);
    // The library's row is never missing; if it were, its figures fail instead of reading 0.
    execOn(lib.path(), {QStringLiteral("DELETE FROM library_counts")});
    CHECK_FALSE(lib.total(QStringLiteral("is:unread")).has_value());
    CHECK_FALSE(lib.counts().has_value());
}

TEST_CASE("counts: an import cancelled inside a file leaves every count as the rows are") {
    const QString dir = scratchDir(QStringLiteral("counts-cancelled"));
    Library lib;
    REQUIRE(lib.open(dir + QStringLiteral("/l.sqlite")));
    REQUIRE(lib.importData(QStringLiteral("1.md"), fixtureDigest1()).imported);
    QList<FixturePaper> papers;
    for (int i = 0; i < 5100; ++i) // past the first chunk, where a cancel is seen
        papers << FixturePaper{QStringLiteral("2504.") + QString::number(100000 + i),
                               1,
                               QStringLiteral("Paper ") + QString::number(i),
                               QStringLiteral("A Author"),
                               QStringLiteral("2025-04-10"),
                               QStringLiteral("Text, **graph**.")};
    const QString big = dir + QStringLiteral("/2025-05-08.md");
    writeFile(big, digestText(QStringLiteral("2025-05-08"), papers));
    int calls = 0;
    const ImportStats s =
        lib.importPaths({big}, [&](int, int, const QString &) { return ++calls == 1; });
    REQUIRE(s.cancelled);
    CHECK(lib.total(QString()) == 3);
    checkCounts(lib);
}
