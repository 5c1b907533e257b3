// Library: no silent loss between writers (issue 10, section 3): the same file imported by
// two connections at once, and annotations waiting for a paper that is re-keyed.
#include "libraryfixtures.h"
#include "rawsql.h"
#include "store/library.h"
#include "testsupport.h"

#include <catch2/catch_test_macros.hpp>

#include <QDir>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QThread>

#include <algorithm>
#include <atomic>
#include <thread>

using namespace lectern;
using namespace lectern::test;

namespace {

int countRows(const QString &dbPath, const QString &sql) {
    const QVariantList rows = columnOn(dbPath, sql);
    REQUIRE(rows.size() == 1);
    return rows.first().toInt();
}

// `files` digests of 250 papers each in folder, titled out of order ("Title 1234"); each file
// its own digest date, or all of one date.
void writeTitleDigests(const QString &folder, int files, bool oneDate) {
    for (int f = 0; f < files; ++f) {
        QList<FixturePaper> papers;
        for (int i = 0; i < 250; ++i) {
            const int n = f * 250 + i;
            papers << FixturePaper{QStringLiteral("2504.") + QString::number(10000 + n),
                                   1,
                                   QStringLiteral("Title %1").arg((n * 7919) % 3001), // unsorted
                                   QStringLiteral("A Author"),
                                   QStringLiteral("2025-04-01"),
                                   QStringLiteral("An abstract.")};
        }
        const int day = oneDate ? 1 : f + 1;
        writeFile(
            folder + QStringLiteral("/d%1.md").arg(f, 2, 10, QLatin1Char('0')),
            digestText(QStringLiteral("2025-05-%1").arg(day, 2, 10, QLatin1Char('0')), papers));
    }
}

} // namespace

TEST_CASE("the same file imported by two connections at once: one imports it, the other finds "
          "it already there, neither fails") {
    const QString dir = scratchDir(QStringLiteral("writers-same-file"));
    const QString path = dir + QStringLiteral("/library.sqlite");
    const QString file = dir + QStringLiteral("/d1.md");
    writeFile(file, fixtureDigest1());
    {
        Library init;
        REQUIRE(init.open(path));
    }
    // A third connection holds the write lock, so both importers check for the file first
    // (not there yet) and then wait for the lock: the window in which the check went stale.
    const QString conn = QStringLiteral("writers-lock");
    {
        QSqlDatabase lock = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), conn);
        lock.setDatabaseName(path);
        REQUIRE(lock.open());
        QSqlQuery q(lock);
        REQUIRE(q.exec(QStringLiteral("BEGIN IMMEDIATE")));

        std::atomic<int> checking{0};
        ImportStats results[2];
        auto importer = [&](ImportStats *out) {
            Library lib;
            if (!lib.open(path))
                return;
            *out = lib.importPaths({file}, [&](int done, int, const QString &) {
                if (done == 0)
                    ++checking; // the writer's duplicate check runs right after this
                return true;
            });
        };
        std::thread a(importer, &results[0]);
        std::thread b(importer, &results[1]);
        while (checking.load() < 2)
            QThread::msleep(5);
        // Both are past the check and waiting for the lock (they wait up to 4 s).
        QThread::msleep(400);
        REQUIRE(q.exec(QStringLiteral("ROLLBACK")));
        a.join();
        b.join();
        for (const ImportStats &s : results) {
            const std::string why =
                s.results.isEmpty() || s.results.first().diagnostics.isEmpty()
                    ? std::string()
                    : s.results.first().diagnostics.first().message.toStdString();
            INFO(why);
            CHECK(s.errors == 0);
            CHECK(s.skipped == 0);
        }
        CHECK(results[0].alreadyImported + results[1].alreadyImported == 1);
        CHECK(results[0].newPapers + results[1].newPapers == 3);
    }
    QSqlDatabase::removeDatabase(conn);
    CHECK(countRows(path, QStringLiteral("SELECT count(*) FROM digests")) == 1);
}

TEST_CASE("a paper stored by its title takes its arXiv id: annotations waiting for that id are "
          "merged into it, not lost") {
    const QString dir = scratchDir(QStringLiteral("writers-rekey"));
    Library lib;
    REQUIRE(lib.open(dir + QStringLiteral("/library.sqlite")));
    FixturePaper p = fixturePapers()[0];
    FixturePaper linkless = p;
    linkless.id.clear();
    REQUIRE(
        lib.importData(QStringLiteral("a.md"), digestText(QStringLiteral("2025-05-06"), {linkless}))
            .imported);
    const qint64 id =
        lib.idForKey(QStringLiteral("title:") + Paper::normalisedTitle(p.title)).value();
    REQUIRE(id != 0);
    REQUIRE(lib.setNote(id, QStringLiteral("N1: my note on the title-only paper")));
    REQUIRE(lib.addTag({id}, QStringLiteral("local")));
    // An annotation for its arXiv id, not in the library yet: kept pending.
    REQUIRE(lib.importAnnotations(R"({"version":1,"papers":{"2505.00001":{"read":true,
        "starred":true,"note":"N2: the note from the other machine",
        "note_at":"2020-01-01T00:00:00.000Z","tags":["remote"]}}})"));
    // A digest now gives the paper its id.
    REQUIRE(lib.importData(QStringLiteral("b.md"), digestText(QStringLiteral("2025-05-07"), {p}))
                .imported);
    REQUIRE(lib.idForKey(QStringLiteral("2505.00001")).value() == id);

    const auto paper = lib.paper(id);
    REQUIRE(paper);
    CHECK(paper->note.contains(QLatin1String("N1: my note")));
    CHECK(paper->note.contains(QLatin1String("N2: the note from the other machine")));
    CHECK(paper->read);
    CHECK(paper->starred);
    CHECK(paper->tags == QStringList{QStringLiteral("local"), QStringLiteral("remote")});
    // Nothing left waiting, and the export holds both notes once.
    const QString exported = QString::fromUtf8(lib.exportAnnotations().value());
    CHECK(exported.contains(QLatin1String("N1: my note")));
    CHECK(exported.contains(QLatin1String("N2: the note")));
    CHECK(exported.count(QLatin1String("N2: the note")) == 1);
    CHECK(lib.query(QStringLiteral("machine")).total == 1); // the merged note is indexed
}

TEST_CASE("a large import writes its rows without the title index and builds it once after; "
          "the title order is right with or without it, and the next import restores it") {
    const QString dir = scratchDir(QStringLiteral("writers-title-index"));
    const QString path = dir + QStringLiteral("/library.sqlite");
    const QString digests = dir + QStringLiteral("/digests");
    QDir().mkpath(digests);
    // 12 files of 250 papers: enough files for a large import, and more papers than a view
    // reads along an index (2,000) so the title order walks it when it is there.
    writeTitleDigests(digests, 12, false);
    const QString hasIndex =
        QStringLiteral("SELECT count(*) FROM sqlite_schema WHERE name = 'papers_title'");
    auto titleOrder = [](Library &lib) {
        const QueryResult all = lib.query(QString(), SortOrder::Title);
        REQUIRE(all.ok());
        QList<PaperRow> sorted = all.rows;
        std::sort(sorted.begin(), sorted.end(), [](const PaperRow &a, const PaperRow &b) {
            const int c = a.title.compare(b.title, Qt::CaseInsensitive);
            return c != 0 ? c < 0 : a.id < b.id;
        });
        for (int offset : {0, 1200, 2900}) {
            const QueryResult page = lib.query(QString(), SortOrder::Title, 100, offset);
            REQUIRE(page.ok());
            CHECK(page.total == all.total);
            for (qsizetype i = 0; i < page.rows.size(); ++i)
                CHECK(page.rows[i].id == sorted[offset + i].id);
        }
    };
    Library lib;
    REQUIRE(lib.open(path));
    CHECK(countRows(path, hasIndex) == 1);
    int withoutIndex = -1;
    const ImportStats s = lib.importPaths({digests}, [&](int done, int total, const QString &) {
        if (done == total - 1) { // the last file: 2,750 papers in, still no index
            withoutIndex = countRows(path, hasIndex);
            titleOrder(lib);
        }
        return true;
    });
    CHECK(s.newPapers == 3000);
    CHECK(withoutIndex == 0);
    CHECK(countRows(path, hasIndex) == 1);
    titleOrder(lib);
    // An import that stopped before building it (a crash) left none: the order is still
    // right, and the next import, of any size, builds it.
    execOn(path, {QStringLiteral("DROP INDEX papers_title")});
    titleOrder(lib);
    writeFile(dir + QStringLiteral("/one.md"), fixtureDigest1());
    REQUIRE(lib.importPaths({dir + QStringLiteral("/one.md")}).newPapers > 0);
    CHECK(countRows(path, hasIndex) == 1);
}

TEST_CASE("a title-ordered page while another connection drops and builds the title index (a "
          "large import starting): sorted when the index went away meanwhile, never an error") {
    const QString dir = scratchDir(QStringLiteral("writers-title-race"));
    const QString path = dir + QStringLiteral("/library.sqlite");
    const QString digests = dir + QStringLiteral("/digests");
    QDir().mkpath(digests);
    // More papers than a view reads along an index (2,000), so the title order walks it.
    writeTitleDigests(digests, 10, true);
    Library lib;
    REQUIRE(lib.open(path));
    REQUIRE(lib.importPaths({digests}).newPapers == 2500);
    const qint64 first = lib.query(QString(), SortOrder::Title, 1).rows.value(0).id;
    std::atomic<bool> stop{false};
    std::thread flipper([&] {
        const QString conn = QStringLiteral("title-flipper");
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), conn);
            db.setDatabaseName(path);
            db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=4000"));
            const bool open = db.open(); // (no REQUIRE off the test's thread)
            QSqlQuery q(db);
            while (open && !stop) {
                q.exec(QStringLiteral("DROP INDEX IF EXISTS papers_title"));
                q.exec(QStringLiteral(
                    "CREATE INDEX IF NOT EXISTS papers_title ON papers(title COLLATE NOCASE)"));
            }
        }
        QSqlDatabase::removeDatabase(conn);
    });
    int failures = 0;
    QString firstError;
    for (int i = 0; i < 1000; ++i) {
        const QueryResult page = lib.query(QString(), SortOrder::Title, 20);
        if (!page.ok() || page.rows.value(0).id != first) {
            if (++failures == 1)
                firstError = page.error;
        }
    }
    stop = true;
    flipper.join();
    INFO("first failure: " << firstError.toStdString());
    CHECK(failures == 0);
}

TEST_CASE("a title walk that fails while an index of that name is there is sorted instead") {
    // The state a re-check can meet after the race above: the walk failed ("no such index"),
    // then another connection built an index named papers_title again. Here that name is
    // another table's index, so every walk fails while the name is there.
    const QString dir = scratchDir(QStringLiteral("writers-title-recheck"));
    const QString path = dir + QStringLiteral("/library.sqlite");
    QList<FixturePaper> papers;
    for (int n = 0; n < 2100; ++n)
        papers << FixturePaper{QStringLiteral("2504.") + QString::number(10000 + n),
                               1,
                               QStringLiteral("Title %1").arg((n * 7919) % 3001),
                               QStringLiteral("A Author"),
                               QStringLiteral("2025-04-01"),
                               QStringLiteral("An abstract.")};
    Library lib;
    REQUIRE(lib.open(path));
    REQUIRE(lib.importData(dir + QStringLiteral("/d.md"),
                           digestText(QStringLiteral("2025-05-01"), papers))
                .imported);
    const QueryResult before = lib.query(QString(), SortOrder::Title, 20);
    REQUIRE(before.ok());
    execOn(path, {QStringLiteral("DROP INDEX papers_title"),
                  QStringLiteral("CREATE INDEX papers_title ON digests(date)")});
    const QueryResult page = lib.query(QString(), SortOrder::Title, 20);
    INFO(page.error.toStdString());
    REQUIRE(page.ok());
    CHECK(page.total == 2100);
    QList<qint64> ids, expected;
    for (const PaperRow &r : page.rows)
        ids << r.id;
    for (const PaperRow &r : before.rows)
        expected << r.id;
    CHECK(ids == expected);
}

namespace {

// PRAGMA cache_size (KiB when negative) of the Library's own connection to dbPath.
qint64 ownCacheSize(const QString &dbPath) {
    for (const QString &name : QSqlDatabase::connectionNames()) {
        if (!name.startsWith(QLatin1String("lectern-library-")))
            continue;
        QSqlDatabase db = QSqlDatabase::database(name, false);
        if (!db.isOpen() || db.databaseName() != dbPath)
            continue;
        QSqlQuery q(db);
        REQUIRE(q.exec(QStringLiteral("PRAGMA cache_size")));
        REQUIRE(q.next());
        return q.value(0).toLongLong();
    }
    FAIL("no open library connection to " << dbPath.toStdString());
    return 0;
}

} // namespace

TEST_CASE("an import writes with the default page cache and gives a lowered one back after") {
    const QString dir = scratchDir(QStringLiteral("import-cache"));
    const QString dbPath = dir + QStringLiteral("/library.sqlite");
    writeFile(dir + QStringLiteral("/2025-05-06.md"), fixtureDigest1());
    writeFile(dir + QStringLiteral("/2025-05-07.md"), fixtureDigest2());
    Library lib;
    REQUIRE(lib.open(dbPath));
    REQUIRE(lib.limitMemory(0, 1024)); // as the window's connections
    REQUIRE(ownCacheSize(dbPath) == -1024);
    QList<qint64> during;
    const ImportStats s = lib.importPaths(
        {dir + QStringLiteral("/2025-05-06.md"), dir + QStringLiteral("/2025-05-07.md")},
        [&](int, int, const QString &) {
            during << ownCacheSize(dbPath);
            return true;
        });
    REQUIRE(s.errors == 0);
    REQUIRE(s.files == 2);
    REQUIRE_FALSE(during.isEmpty());
    for (qint64 size : during)
        CHECK(size == -32000);
    CHECK(ownCacheSize(dbPath) == -1024);
    // A connection that was not lowered keeps its cache.
    Library other;
    const QString otherPath = dir + QStringLiteral("/other.sqlite");
    REQUIRE(other.open(otherPath));
    REQUIRE(other.importPaths({dir + QStringLiteral("/2025-05-06.md")}).files == 1);
    CHECK(ownCacheSize(otherPath) == -32000);
}
