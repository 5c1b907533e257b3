// The search index of a large first import, built on a second thread into a scratch file and
// moved into the library in one transaction (store/ftsbuilder_p.h, issue 13): the result equals
// the one-thread indexing, rows changed after the builder read them are indexed with their new
// text, another writer's index makes it step aside, and a cancel or a crash leaves the rows
// queued.
#include "libraryfixtures.h"
#include "store/ftsbuilder_p.h"
#include "store/library.h"
#include "testsupport.h"

#include <catch2/catch_test_macros.hpp>

#include <QDir>
#include <QFile>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

using namespace lectern;
using namespace lectern::test;

namespace {

constexpr int kFiles = 12, kPerFile = 50;

// kFiles digests of kPerFile papers; paper n's abstract has a word of its own ("word", its
// number spelled with the letters a-j, "x"), so each paper is found alone.
QString spelled(int n) {
    QString s;
    for (const QChar c : QString::number(n))
        s += QChar(u'a' + (c.unicode() - u'0'));
    return QStringLiteral("word") + s + QLatin1Char('x'); // "worddx" is no prefix of another
}

FixturePaper paper(int n, int version, const QString &extra) {
    return FixturePaper{QStringLiteral("2504.") + QString::number(10000 + n),
                        version,
                        QStringLiteral("Paper ") + spelled(n),
                        QStringLiteral("A Author"),
                        QStringLiteral("2025-04-01"),
                        QStringLiteral("An abstract about ") + spelled(n) + QLatin1Char(' ') +
                            extra};
}

QString writeDigests(const QString &dir) {
    const QString digests = dir + QStringLiteral("/digests");
    QDir().mkpath(digests);
    for (int f = 0; f < kFiles; ++f) {
        QList<FixturePaper> papers;
        for (int i = 0; i < kPerFile; ++i)
            papers << paper(f * kPerFile + i, 1, QStringLiteral("oldtext"));
        if (f == kFiles - 1) // the last file brings a newer version of paper 0
            papers << paper(0, 2, QStringLiteral("newtext"));
        writeFile(
            digests + QStringLiteral("/d%1.md").arg(f, 2, 10, QLatin1Char('0')),
            digestText(QStringLiteral("2025-05-%1").arg(f + 1, 2, 10, QLatin1Char('0')), papers));
    }
    return digests;
}

// FTS5's own check of the index against the papers (external content: rank 1).
void checkIndexSound(const QString &path) {
    const QString conn = QStringLiteral("fts-check");
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), conn);
        db.setDatabaseName(path);
        REQUIRE(db.open());
        QSqlQuery q(db);
        INFO("fts integrity-check: " << q.lastError().text().toStdString());
        CHECK(q.exec(QStringLiteral("INSERT INTO fts(fts, rank) VALUES('integrity-check', 1)")));
        REQUIRE(q.exec(QStringLiteral("SELECT count(*) FROM fts_docsize")));
        REQUIRE(q.next());
        CHECK(q.value(0).toInt() == kFiles * kPerFile);
    }
    QSqlDatabase::removeDatabase(conn);
}

void checkAllSearchable(Library &lib) {
    CHECK(lib.pendingIndexCount() == 0);
    for (int n : {1, 7, 49, 50, 333, kFiles * kPerFile - 1})
        CHECK(lib.query(spelled(n)).total == 1);
    CHECK(lib.query(QStringLiteral("oldtext")).total == kFiles * kPerFile - 1);
    CHECK(lib.query(QStringLiteral("newtext")).total == 1); // paper 0, its newer version
    CHECK(lib.query(spelled(0) + QStringLiteral(" oldtext")).total == 0);
}

struct ChunkSettings {
    ChunkSettings(qint64 minChunk, qint64 maxLag) {
        FtsBuilder::setChunksForTesting(minChunk, maxLag);
    }
    ~ChunkSettings() { FtsBuilder::setChunksForTesting(0, 0); }
};

} // namespace

TEST_CASE("a large first import indexes on a second thread: every paper found, the index sound, "
          "nothing queued, no scratch file left") {
    // 1, 1: each file is indexed before the next one is written, so paper 0 is indexed with
    // its first version and changes afterwards (found with its new text all the same).
    // 0, 0: the defaults, where this small import is indexed in one chunk at the end.
    for (const auto &[minChunk, maxLag] : {std::pair<qint64, qint64>{1, 1}, {0, 0}}) {
        const ChunkSettings settings(minChunk, maxLag);
        const QString dir = scratchDir(QStringLiteral("ftsbuilder-move"));
        const QString path = dir + QStringLiteral("/library.sqlite");
        const QString digests = writeDigests(dir);
        Library lib;
        REQUIRE(lib.open(path));
        bool builderRan = false;
        const ImportStats s = lib.importPaths({digests}, [&](int done, int total, const QString &) {
            if (done == total - 1)
                builderRan = QFile::exists(FtsBuilder::scratchPath(path));
            return true;
        });
        CHECK(s.newPapers == kFiles * kPerFile);
        CHECK(s.updated == 1);
        CHECK(builderRan);
        CHECK_FALSE(QFile::exists(FtsBuilder::scratchPath(path)));
        checkAllSearchable(lib);
        checkIndexSound(path);
    }
}

TEST_CASE("another connection indexing during the import (a note saved): the builder steps "
          "aside and the import indexes as before") {
    const ChunkSettings settings(1, 1);
    const QString dir = scratchDir(QStringLiteral("ftsbuilder-aside"));
    const QString path = dir + QStringLiteral("/library.sqlite");
    const QString digests = writeDigests(dir);
    Library lib;
    REQUIRE(lib.open(path));
    Library other;
    REQUIRE(other.open(path));
    const ImportStats s = lib.importPaths({digests}, [&](int done, int, const QString &) {
        if (done == 3) { // a note on a paper already in, written (and indexed) meanwhile
            const QueryResult r = other.query(QString(), SortOrder::Date, 1); // not indexed yet
            REQUIRE(r.rows.size() == 1);
            REQUIRE(other.setNote(r.rows.first().id, QStringLiteral("a notedword here")));
        }
        return true;
    });
    CHECK(s.newPapers == kFiles * kPerFile);
    CHECK_FALSE(QFile::exists(FtsBuilder::scratchPath(path)));
    checkAllSearchable(lib);
    CHECK(lib.query(QStringLiteral("notedword")).total == 1);
    checkIndexSound(path);
}

TEST_CASE("an import cancelled before its indexing, or a crashed one's scratch file: the rows "
          "stay queued and are indexed later") {
    const ChunkSettings settings(1, 1);
    const QString dir = scratchDir(QStringLiteral("ftsbuilder-cancel"));
    const QString path = dir + QStringLiteral("/library.sqlite");
    const QString digests = writeDigests(dir);
    // What a crashed import of this process id would have left (built, not moved).
    writeFile(FtsBuilder::scratchPath(path), QByteArray("not a database"));
    // And one of a process that is gone (above any pid_max), and one of a live process.
    const QString gone = path + QStringLiteral("-ftsbuild-4194400");
    const QString live = path + QStringLiteral("-ftsbuild-1");
    writeFile(gone, QByteArray("x"));
    writeFile(live, QByteArray("x"));
    Library lib;
    REQUIRE(lib.open(path));
    const ImportStats s = lib.importPaths({digests}, [&](int done, int total, const QString &file) {
        return !(done == total && file.isEmpty()); // stop when the indexing would start
    });
    CHECK(s.newPapers == kFiles * kPerFile);
    CHECK_FALSE(QFile::exists(FtsBuilder::scratchPath(path)));
    CHECK_FALSE(QFile::exists(gone));
    CHECK(QFile::exists(live)); // pid 1 is running: its file is left alone
    CHECK(lib.pendingIndexCount() == kFiles * kPerFile);
    REQUIRE(lib.indexPending());
    checkAllSearchable(lib);
    checkIndexSound(path);
}
