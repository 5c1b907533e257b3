// Crash safety: lectern-cli processes killed with SIGKILL at random moments while importing a
// folder of digests and while saving a note. After every kill the library must pass
// PRAGMA integrity_check, every digest file must be either fully imported or absent, and
// after the next open the search index must agree with the papers.
#include "digestgenerator.h"
#include "parse/digestparser.h"
#include "store/ftstokenizer_p.h"
#include "store/library.h"
#include "testsupport.h"

#include <catch2/catch_test_macros.hpp>

#include <QCryptographicHash>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>
#include <QVariant>

using namespace lectern;
using namespace lectern::test;

namespace {

const QString kCli = QStringLiteral(LECTERN_CLI_PATH);

struct Expected {
    QString hash;
    int papers = 0;
    QStringList keys;
};

// Opens the file with a plain connection (not Library: no migration, no repair) and checks it.
struct Check {
    bool integrityOk = false;
    QString integrity;
    QHash<QString, int> linkedByHash; // digest hash -> papers linked to it
    QSet<QString> keys;
};

Check inspect(const QString &dbPath) {
    // The import ran in lectern-cli: this process has not opened a Library yet, and the
    // integrity check reads the search index, which needs Lectern's tokenizer (schema 8).
    FtsTokenizer::install();
    Check c;
    const QString conn = QStringLiteral("crash-inspect");
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), conn);
        db.setDatabaseName(dbPath);
        REQUIRE(db.open());
        QSqlQuery q(db);
        REQUIRE(q.exec(QStringLiteral("PRAGMA integrity_check")));
        while (q.next())
            c.integrity += q.value(0).toString() + QLatin1Char(' ');
        c.integrityOk = c.integrity.trimmed() == QLatin1String("ok");
        if (q.exec(QStringLiteral("SELECT d.hash, count(pd.paper_id) FROM digests d LEFT JOIN "
                                  "paper_digests pd ON pd.digest_id = d.id GROUP BY d.id"))) {
            while (q.next())
                c.linkedByHash.insert(q.value(0).toString(), q.value(1).toInt());
        }
        if (q.exec(QStringLiteral("SELECT key FROM papers"))) {
            while (q.next())
                c.keys.insert(q.value(0).toString());
        }
    }
    QSqlDatabase::removeDatabase(conn);
    return c;
}

// After a normal open + finishing the pending index, FTS5 must agree with the papers table.
void checkIndexRepairs(const QString &dbPath) {
    {
        Library lib;
        REQUIRE(lib.open(dbPath));
        REQUIRE(lib.indexPending());
        CHECK(lib.pendingIndexCount() == 0);
    }
    const QString conn = QStringLiteral("crash-fts");
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), conn);
        db.setDatabaseName(dbPath);
        REQUIRE(db.open());
        QSqlQuery q(db);
        INFO("fts integrity-check: " << q.lastError().text().toStdString());
        CHECK(q.exec(QStringLiteral("INSERT INTO fts(fts, rank) VALUES('integrity-check', 1)")));
    }
    QSqlDatabase::removeDatabase(conn);
}

// Runs lectern-cli to completion, output discarded; returns its exit code.
int runCli(const QStringList &args) {
    QProcess p;
    p.setStandardOutputFile(QProcess::nullDevice());
    p.setStandardErrorFile(QProcess::nullDevice());
    p.start(kCli, args);
    p.waitForFinished(120000);
    return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
}

void removeDb(const QString &path) {
    for (const char *suffix : {"", "-wal", "-shm"})
        QFile::remove(path + QLatin1String(suffix));
}

} // namespace

TEST_CASE("SIGKILL during a folder import: each file is whole or absent, the file stays sound") {
    const QString dir = scratchDir(QStringLiteral("crash-import"));
    const QString digests = dir + QStringLiteral("/digests");
    REQUIRE(bench::generateDigests(digests, 6000, 100, 7) > 0);
    QList<Expected> expected;
    for (const QString &f : Library::expandPaths({digests})) {
        const QByteArray data = readFile(f);
        const Digest d = DigestParser::parse(data, f);
        Expected e;
        e.hash =
            QString::fromLatin1(QCryptographicHash::hash(data, QCryptographicHash::Sha1).toHex());
        e.papers = int(d.papers.size());
        for (const Paper &p : d.papers)
            e.keys << p.key();
        expected << e;
    }
    REQUIRE(expected.size() == 60);
    const QString db = dir + QStringLiteral("/library.sqlite");

    QRandomGenerator rng(20250506);
    int killedMidway = 0, partial = 0;
    for (int round = 0; round < 24; ++round) {
        if (round % 3 != 2)
            removeDb(db); // mostly from scratch; every third round resumes a partial library
        // The kill lands after the child reports starting file k (of 60), a few ms later:
        // inside a file's transaction, between files, or in the indexing phase (k = 60).
        const int k = 1 + int(rng.bounded(60));
        QProcess child;
        child.setStandardOutputFile(QProcess::nullDevice());
        child.start(kCli, {QStringLiteral("import"), QStringLiteral("--create"), digests,
                           QStringLiteral("--db"), db});
        REQUIRE(child.waitForStarted());
        const QByteArray marker = "[" + QByteArray::number(k) + "/";
        QByteArray seen;
        while (child.state() == QProcess::Running && !seen.contains(marker)) {
            child.waitForReadyRead(20);
            seen += child.readAllStandardError();
        }
        QThread::usleep(rng.bounded(k == 60 ? 150000 : 4000));
        if (child.state() == QProcess::Running)
            ++killedMidway;
        child.kill(); // SIGKILL
        child.waitForFinished();

        const Check c = inspect(db);
        INFO("round " << round << ": " << c.integrity.toStdString());
        REQUIRE(c.integrityOk);
        int whole = 0;
        for (const Expected &e : expected) {
            int present = 0;
            for (const QString &k : e.keys)
                present += c.keys.contains(k) ? 1 : 0;
            if (c.linkedByHash.contains(e.hash)) {
                CHECK(c.linkedByHash.value(e.hash) == e.papers);
                CHECK(present == e.papers);
                ++whole;
            } else {
                CHECK(present == 0); // no paper of an absent digest
            }
        }
        UNSCOPED_INFO("round " << round << " (kill after file " << k << "): " << whole
                               << " of 60 files imported");
        partial += whole < 60 ? 1 : 0;
    }
    INFO("rounds that left a partial import: " << partial);
    CHECK(partial >= 12);
    INFO("kills that landed while the import ran: " << killedMidway);
    CHECK(killedMidway >= 20);
    checkIndexRepairs(db);
    // The next import completes the rest.
    REQUIRE(runCli({QStringLiteral("import"), QStringLiteral("--create"), digests,
                    QStringLiteral("--db"), db}) == 0);
    const Check done = inspect(db);
    CHECK(done.keys.size() == 6000);
    CHECK(done.linkedByHash.size() == 60);
}

TEST_CASE("SIGKILL while a note is saved: the old note or the new one, never a mix") {
    const QString dir = scratchDir(QStringLiteral("crash-note"));
    const QString digests = dir + QStringLiteral("/digests");
    REQUIRE(bench::generateDigests(digests, 2000, 100, 3) > 0);
    const QString db = dir + QStringLiteral("/library.sqlite");
    REQUIRE(runCli({QStringLiteral("import"), QStringLiteral("--create"), digests,
                    QStringLiteral("--db"), db}) == 0);
    QString key;
    {
        Library lib;
        REQUIRE(lib.open(db));
        const QueryResult r = lib.query(QString(), SortOrder::Date, 1);
        REQUIRE(r.rows.size() == 1);
        key = r.rows.first().arxivId;
    }
    QStringList written{QString()}; // every note value a child was asked to save (or none)
    QRandomGenerator rng(99);
    int killedMidway = 0;
    for (int round = 0; round < 22; ++round) {
        // Large notes make the write itself take a while.
        const QString note = QStringLiteral("round %1 ").arg(round) +
                             QStringLiteral("lorem ipsum dolor sit amet ").repeated(4000 + round);
        written << note;
        QProcess child;
        child.setStandardOutputFile(QProcess::nullDevice());
        child.setStandardErrorFile(QProcess::nullDevice());
        child.start(kCli,
                    {QStringLiteral("note"), key, QStringLiteral("-"), QStringLiteral("--db"), db});
        REQUIRE(child.waitForStarted());
        child.write(note.toUtf8());
        child.closeWriteChannel();
        QThread::msleep(rng.bounded(80));
        if (child.state() == QProcess::Running)
            ++killedMidway;
        child.kill();
        child.waitForFinished();

        const Check c = inspect(db);
        INFO("round " << round << ": " << c.integrity.toStdString());
        REQUIRE(c.integrityOk);
        Library lib;
        REQUIRE(lib.open(db));
        const auto p = lib.paperByArxivId(key);
        REQUIRE(p);
        CHECK(written.contains(p->note));
    }
    INFO("kills that landed while the note command ran: " << killedMidway);
    CHECK(killedMidway >= 10);
    checkIndexRepairs(db);
}
