// Library: special files, capped diagnostics, and failures reported (never empty results).
#include "libraryfixtures.h"
#include "store/library.h"
#include "store/schema_p.h"
#include "testsupport.h"

#include <catch2/catch_test_macros.hpp>

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QSqlDatabase>
#include <QSqlQuery>

#include <chrono>
#include <future>
#include <sys/stat.h>
#include <thread>

using namespace lectern;
using namespace lectern::test;

namespace {

// Runs the import on a thread of its own and waits at most 20 s, so a blocking read (a FIFO
// without a writer) fails the test instead of hanging it; the blocked thread is left behind.
std::optional<ImportStats> importWithin20s(const QString &dbPath, const QStringList &paths) {
    auto promise = std::make_shared<std::promise<ImportStats>>();
    std::future<ImportStats> result = promise->get_future();
    std::thread([promise, dbPath, paths] {
        Library lib;
        if (!lib.open(dbPath))
            promise->set_value({});
        else
            promise->set_value(lib.importPaths(paths));
    }).detach();
    if (result.wait_for(std::chrono::seconds(20)) != std::future_status::ready)
        return std::nullopt;
    return result.get();
}

const ImportFileResult *resultFor(const ImportStats &s, const QString &suffix) {
    for (const ImportFileResult &r : s.results) {
        if (r.path.endsWith(suffix))
            return &r;
    }
    return nullptr;
}

bool hasError(const ImportFileResult &r, const QString &needle) {
    for (const Diagnostic &d : r.diagnostics) {
        if (d.severity == Severity::Error && d.message.contains(needle))
            return true;
    }
    return false;
}

} // namespace

TEST_CASE("special files (device, FIFO, link to a device) end at once with a clear error") {
    const QString dir = scratchDir(QStringLiteral("lib-special"));
    const QString folder = dir + QStringLiteral("/digests");
    REQUIRE(QDir().mkpath(folder));
    writeFile(folder + QStringLiteral("/good.md"), fixtureDigest1());
    REQUIRE(::mkfifo(QFile::encodeName(folder + QStringLiteral("/x.md")).constData(), 0600) == 0);
    REQUIRE(QFile::link(QStringLiteral("/dev/zero"), folder + QStringLiteral("/zero.md")));
    const QString db = dir + QStringLiteral("/lib.sqlite");

    // Found in the folder and reported, not skipped silently.
    const QStringList found = Library::expandPaths({folder});
    CHECK(found.size() == 3);

    const std::optional<ImportStats> s = importWithin20s(db, {folder, QStringLiteral("/dev/zero")});
    REQUIRE(s.has_value());
    CHECK(s->newPapers == 3);
    CHECK(s->skipped == 3);
    for (const char *name : {"/x.md", "/zero.md", "/dev/zero"}) {
        INFO(name);
        const ImportFileResult *r = resultFor(*s, QLatin1String(name));
        REQUIRE(r != nullptr);
        CHECK_FALSE(r->imported);
        CHECK(hasError(*r, QStringLiteral("not a regular file")));
        CHECK(hasError(*r, r->path)); // the message names the file
    }
    Library lib;
    REQUIRE(lib.open(db));
    const ImportFileResult direct = lib.importFile(QStringLiteral("/dev/zero"));
    CHECK_FALSE(direct.imported);
    CHECK(hasError(direct, QStringLiteral("/dev/zero")));
    CHECK(lib.lastErrorKind() == ErrorKind::Io);
    const ImportFileResult notes =
        lib.importData(QStringLiteral("notes.md"), QByteArray("just a line of notes\n"));
    CHECK_FALSE(notes.imported);
    CHECK(lib.lastErrorKind() == ErrorKind::NotADigest);
}

TEST_CASE("warnings are capped per file, the last one saying how many more there were") {
    QList<FixturePaper> papers;
    for (int i = 0; i < 150; ++i) // no link: one warning each
        papers << FixturePaper{QString(),
                               1,
                               QStringLiteral("Linkless paper %1").arg(i),
                               QStringLiteral("Ann Author"),
                               QStringLiteral("2025-05-01"),
                               QStringLiteral("An abstract.")};
    Library lib;
    REQUIRE(lib.open(scratchDir(QStringLiteral("lib-cap")) + QStringLiteral("/lib.sqlite")));
    const ImportFileResult r =
        lib.importData(QStringLiteral("many.md"), digestText(QStringLiteral("2025-05-06"), papers));
    CHECK(r.imported);
    CHECK(r.newPapers == 150);
    REQUIRE(r.diagnostics.size() == 101);
    CHECK(r.diagnostics.last().message.contains(QStringLiteral("and 50 more")));
}

// Runs sql on the library file through a second connection: the damage a test needs.
static void damage(const QString &path, const QString &sql) {
    {
        QSqlDatabase other =
            QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("damage"));
        other.setDatabaseName(path);
        REQUIRE(other.open());
        QSqlQuery q(other);
        REQUIRE(q.exec(sql));
    }
    QSqlDatabase::removeDatabase(QStringLiteral("damage"));
}

TEST_CASE("counts(), papers() and exportAnnotations() report a failure, not an empty result") {
    const QString path = scratchDir(QStringLiteral("lib-fail")) + QStringLiteral("/lib.sqlite");
    Library lib;
    REQUIRE(lib.open(path));
    REQUIRE(lib.importData(QStringLiteral("1.md"), fixtureDigest1()).imported);
    const qint64 id = lib.idForKey(QStringLiteral("2505.00001")).value();
    REQUIRE(lib.counts().has_value());
    REQUIRE(lib.papers({id}).value().size() == 1);
    damage(path, QStringLiteral("DROP TABLE tags"));
    CHECK_FALSE(lib.counts().has_value());
    CHECK(lib.lastError().contains(QStringLiteral("tags")));
    CHECK(lib.lastErrorKind() == ErrorKind::Other);
    CHECK_FALSE(lib.papers({id}).has_value());
    CHECK_FALSE(lib.paper(id).has_value());
    CHECK(lib.lastErrorKind() != ErrorKind::None);
    CHECK_FALSE(lib.exportAnnotations().has_value()); // was an empty export, silently
    CHECK_FALSE(lib.setTags(id, {QStringLiteral("x")}));
    CHECK_FALSE(lib.allTags().has_value()); // was an empty list, silently
    CHECK(lib.lastError().contains(QStringLiteral("tags")));
}

TEST_CASE("idForKey() and paperExists() tell a failure from an absent paper") {
    const QString path = scratchDir(QStringLiteral("lib-fail-ids")) + QStringLiteral("/lib.sqlite");
    Library lib;
    REQUIRE(lib.open(path));
    REQUIRE(lib.importData(QStringLiteral("1.md"), fixtureDigest1()).imported);
    const qint64 id = lib.idForKey(QStringLiteral("2505.00001")).value();
    CHECK(id > 0);
    CHECK(lib.idForKey(QStringLiteral("2999.99999")) == std::optional<qint64>(0));
    CHECK(lib.lastErrorKind() == ErrorKind::None);
    CHECK(lib.paperExists(id) == std::optional<bool>(true));
    CHECK(lib.paperExists(id + 1000) == std::optional<bool>(false));
    damage(path, QStringLiteral("ALTER TABLE papers RENAME TO papers_gone"));
    // Before, both said "absent": a failed lookup then stored annotations as pending and a
    // note save reported "no paper with id".
    CHECK_FALSE(lib.idForKey(QStringLiteral("2505.00001")).has_value());
    CHECK(lib.lastErrorKind() != ErrorKind::None);
    CHECK_FALSE(lib.paperExists(id).has_value());
    CHECK_FALSE(lib.setNote(id, QStringLiteral("a note")));
    CHECK_FALSE(lib.lastError().contains(QStringLiteral("no paper with id")));
}

TEST_CASE("error kinds: not a library, a newer library, a folder that cannot be created") {
    const QString dir = scratchDir(QStringLiteral("lib-kinds"));
    writeFile(dir + QStringLiteral("/text.sqlite"), QByteArray("just some text\n").repeated(100));
    Library lib;
    CHECK_FALSE(lib.open(dir + QStringLiteral("/text.sqlite")));
    CHECK(lib.lastErrorKind() == ErrorKind::Corrupt);
    CHECK(lib.lastError().contains(QStringLiteral("text.sqlite")));
    {
        QSqlDatabase db =
            QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("future"));
        db.setDatabaseName(dir + QStringLiteral("/future.sqlite"));
        REQUIRE(db.open());
        QSqlQuery q(db);
        REQUIRE(q.exec(QStringLiteral("PRAGMA user_version = 99")));
    }
    QSqlDatabase::removeDatabase(QStringLiteral("future"));
    CHECK_FALSE(lib.open(dir + QStringLiteral("/future.sqlite")));
    CHECK(lib.lastErrorKind() == ErrorKind::Incompatible);
    CHECK_FALSE(lib.open(QStringLiteral("/proc/lectern-no/such/lib.sqlite")));
    CHECK(lib.lastErrorKind() == ErrorKind::Io);
}

TEST_CASE(
    "a link-less paper joins the paper of the same title, imported before or in the same run") {
    const QString dir = scratchDir(QStringLiteral("lib-linkless-join"));
    const QString path = dir + QStringLiteral("/lib.sqlite");
    const FixturePaper withId{QStringLiteral("2505.00001"),   1,
                              QStringLiteral("Shared Title"), QStringLiteral("Ann Author"),
                              QStringLiteral("2025-05-01"),   QStringLiteral("An abstract.")};
    FixturePaper later = withId;
    later.id.clear(); // the link was lost
    FixturePaper other = later;
    other.title = QStringLiteral("Another Title");
    const FixturePaper second{QStringLiteral("2505.00002"),   1,
                              QStringLiteral("Second Title"), QStringLiteral("Bo Author"),
                              QStringLiteral("2025-05-02"),   QStringLiteral("More.")};
    FixturePaper secondLater = second;
    secondLater.id.clear();
    writeFile(dir + QStringLiteral("/a.md"), digestText(QStringLiteral("2025-05-06"), {withId}));
    // b.md: the titles are read when its first link-less paper comes; c.md's paper with an id
    // arrives after that, in the same run, and d.md's link-less copy must still find it.
    writeFile(dir + QStringLiteral("/b.md"),
              digestText(QStringLiteral("2025-05-07"), {later, other}));
    writeFile(dir + QStringLiteral("/c.md"), digestText(QStringLiteral("2025-05-08"), {second}));
    writeFile(dir + QStringLiteral("/d.md"),
              digestText(QStringLiteral("2025-05-09"), {secondLater}));
    Library lib;
    REQUIRE(lib.open(path));
    const ImportStats s =
        lib.importPaths({dir + QStringLiteral("/a.md"), dir + QStringLiteral("/b.md"),
                         dir + QStringLiteral("/c.md"), dir + QStringLiteral("/d.md")});
    CHECK(s.skipped == 0);
    CHECK(lib.query(QString()).total == 3); // Shared Title, Another Title, Second Title
    const auto shared = lib.paperByArxivId(QStringLiteral("2505.00001"));
    REQUIRE(shared.has_value());
    CHECK(shared->digests.size() == 2);
    const auto secondPaper = lib.paperByArxivId(QStringLiteral("2505.00002"));
    REQUIRE(secondPaper.has_value());
    CHECK(secondPaper->digests.size() == 2);
}
