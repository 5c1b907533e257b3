// FtsBuilder: the search index of a large first import, written on its own thread and
// connection into a scratch file, then moved into the library in one transaction.
#include "store/ftsbuilder_p.h"

#include "store/rawdatabase_p.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <atomic>
#include <chrono>

#include <sqlite3.h>

#include <cerrno>

#include <signal.h>
#include <unistd.h>

namespace lectern {

namespace {

// Rows indexed per scratch transaction: each commit writes one FTS5 segment, so fewer, larger
// chunks leave less to merge. The builder waits until at least kMinChunk rows are committed.
constexpr qint64 kMinChunk = 20000;
constexpr qint64 kMaxChunk = 50000;
std::atomic<qint64> g_minChunk{kMinChunk};
// Rows the writer may be ahead of the index: beyond it, rowsCommitted() waits, leaving the
// cores to the index (the longest single chain of work) so the rows and the index end about
// together instead of the index running alone after the rows.
constexpr qint64 kMaxLag = 40000;
std::atomic<qint64> g_maxLag{kMaxLag};

QString quoted(const QString &path) {
    QString q = path;
    q.replace(QLatin1Char('\''), QStringLiteral("''"));
    return QLatin1Char('\'') + q + QLatin1Char('\'');
}

// Rows of the scratch index whose text is no longer the library's (or whose row is gone).
const char *const kFindStale =
    "INSERT INTO temp.fts_stale SELECT c.id FROM main.fts_content c LEFT JOIN lib.papers p "
    "ON p.id = c.id WHERE p.id IS NULL OR c.c0 IS NOT p.title OR c.c1 IS NOT p.authors OR "
    "c.c2 IS NOT p.abstract OR c.c3 IS NOT p.summary OR c.c4 IS NOT p.note";

// The move, after kFindStale, in the same transaction: the index's tables are copied as they
// are (the FTS5 format does not depend on where the content is kept), then the stale rows'
// entries are taken out with the text they were indexed with (they stay queued).
const char *const kMove[] = {
    "DELETE FROM lib.fts_data",
    "INSERT INTO lib.fts_data(id, block) SELECT id, block FROM main.fts_data",
    "DELETE FROM lib.fts_idx",
    "INSERT INTO lib.fts_idx(segid, term, pgno) SELECT segid, term, pgno FROM main.fts_idx",
    "DELETE FROM lib.fts_docsize",
    "INSERT INTO lib.fts_docsize(id, sz) SELECT id, sz FROM main.fts_docsize",
    "INSERT INTO lib.fts(fts, rowid, title, authors, abstract, summary, note) SELECT 'delete', "
    "c.id, c.c0, c.c1, c.c2, c.c3, c.c4 FROM main.fts_content c JOIN temp.fts_stale s "
    "ON s.id = c.id",
    "DELETE FROM lib.fts_pending WHERE paper_id IN (SELECT id FROM main.fts_content) AND "
    "paper_id NOT IN (SELECT id FROM temp.fts_stale)",
};

} // namespace

struct FtsBuilder::Connection {
    RawDatabase db;
};

QString FtsBuilder::scratchPath(const QString &libraryPath) {
    return libraryPath + QStringLiteral("-ftsbuild-") + QString::number(::getpid());
}

void FtsBuilder::setChunksForTesting(qint64 minChunk, qint64 maxLag) {
    g_minChunk = minChunk > 0 ? minChunk : kMinChunk;
    g_maxLag = maxLag > 0 ? maxLag : kMaxLag;
}

FtsBuilder::FtsBuilder(const QString &libraryPath)
    : m_library(libraryPath)
    , m_scratch(scratchPath(libraryPath))
    , m_db(new Connection) {}

FtsBuilder::~FtsBuilder() {
    {
        std::lock_guard lock(m_mutex);
        m_stopped = true;
    }
    m_wake.notify_all();
    m_caughtUp.notify_all();
    if (m_thread.joinable())
        m_thread.join();
    m_db->db.close();
    QFile::remove(m_scratch);
}

// Scratch files of imports that crashed (their process is gone), this one's included.
void FtsBuilder::removeLeftovers() {
    const QFileInfo library(m_library);
    const QString prefix = library.fileName() + QStringLiteral("-ftsbuild-");
    const QStringList names =
        library.dir().entryList({prefix + QLatin1Char('*')}, QDir::Files | QDir::System);
    for (const QString &name : names) {
        bool ok = false;
        const qint64 pid = name.mid(prefix.size()).toLongLong(&ok);
        if (ok && (pid == ::getpid() || (::kill(pid_t(pid), 0) != 0 && errno == ESRCH)))
            QFile::remove(library.dir().filePath(name));
    }
}

void FtsBuilder::start() {
    removeLeftovers();
    m_thread = std::thread([this] { run(); });
}

void FtsBuilder::rowsCommitted(qint64 lastId) {
    m_wake.notify_all();
    std::unique_lock lock(m_mutex);
    m_caughtUp.wait(
        lock, [&] { return m_indexed >= lastId - g_maxLag + g_minChunk || m_done || m_stopped; });
}

bool FtsBuilder::finish(QString *why) {
    {
        std::lock_guard lock(m_mutex);
        m_finishing = true;
    }
    m_wake.notify_all();
    if (m_thread.joinable())
        m_thread.join();
    if (!m_moved && why)
        *why = m_error;
    return m_moved;
}

void FtsBuilder::run() {
    RawDatabase &db = m_db->db;
    // A scratch file: no journal, no syncs (a crash loses only it).
    if (!db.open(m_scratch, RawDatabase::Mode::Create) ||
        sqlite3_wal_autocheckpoint(db.handle(), 0) != SQLITE_OK ||
        !db.exec(QStringLiteral("PRAGMA page_size = 16384; PRAGMA journal_mode = OFF; "
                                "PRAGMA synchronous = OFF; PRAGMA cache_size = -65536; "
                                "PRAGMA temp_store = MEMORY")) ||
        !db.exec(QStringLiteral("ATTACH DATABASE ") + quoted(m_library) +
                 QStringLiteral(" AS lib; PRAGMA lib.cache_size = -65536")) ||
        !db.exec(QStringLiteral(
            "CREATE VIRTUAL TABLE fts USING fts5(title, authors, abstract, summary, note, "
            "tokenize='lectern'); INSERT INTO fts(fts, rank) VALUES('hashsize', 67108864)"))) {
        m_error = QStringLiteral("scratch index: ") + db.error();
        return;
    }
    while (waitForRows()) {
    }
    {
        std::lock_guard lock(m_mutex);
        m_done = true;
    }
    m_caughtUp.notify_all();
    bool finishing = false;
    {
        std::lock_guard lock(m_mutex);
        finishing = m_finishing && !m_stopped;
    }
    if (finishing && m_error.isEmpty())
        m_moved = moveIntoLibrary();
}

// Indexes the next chunk when one is due; false when the loop is over (finished, stopped or
// failed).
bool FtsBuilder::waitForRows() {
    const qint64 last =
        m_db->db.integer(QStringLiteral("SELECT coalesce(max(id), 0) FROM lib.papers"));
    if (last < 0) {
        m_error = QStringLiteral("scratch index: ") + m_db->db.error();
        return false;
    }
    bool finishing = false;
    {
        std::unique_lock lock(m_mutex);
        if (m_stopped)
            return false;
        finishing = m_finishing;
        if (!finishing && last - m_indexed < g_minChunk) {
            m_wake.wait_for(lock, std::chrono::milliseconds(100));
            return !m_stopped;
        }
    }
    if (last <= m_indexed)
        return false; // finishing, and everything is in
    return indexUpTo(std::min(last, m_indexed + kMaxChunk));
}

bool FtsBuilder::indexUpTo(qint64 lastId) {
    const QString range =
        QString::number(m_indexed) + QStringLiteral(" AND id <= ") + QString::number(lastId);
    if (!m_db->db.exec(QStringLiteral("BEGIN; INSERT INTO fts(rowid, title, authors, abstract, "
                                      "summary, note) SELECT id, title, authors, abstract, "
                                      "summary, note FROM lib.papers WHERE id > ") +
                       range + QStringLiteral("; COMMIT"))) {
        m_error = QStringLiteral("scratch index: ") + m_db->db.error();
        m_db->db.exec(QStringLiteral("ROLLBACK"));
        return false;
    }
    {
        std::lock_guard lock(m_mutex);
        m_indexed = lastId;
    }
    m_caughtUp.notify_all();
    return true;
}

// One library transaction; false (and the library unchanged) when its index is not empty any
// more (another connection indexed rows meanwhile) or on failure.
bool FtsBuilder::moveIntoLibrary() {
    RawDatabase &db = m_db->db;
    if (!db.exec(QStringLiteral("BEGIN IMMEDIATE"))) {
        m_error = QStringLiteral("moving the index: ") + db.error();
        return false;
    }
    auto fail = [&](const QString &why) {
        m_error = why;
        db.exec(QStringLiteral("ROLLBACK"));
        return false;
    };
    if (db.integer(QStringLiteral("SELECT EXISTS(SELECT 1 FROM lib.fts_docsize)")) != 0)
        return fail(QStringLiteral("the library's index was written meanwhile"));
    if (!db.exec(QStringLiteral("CREATE TEMP TABLE IF NOT EXISTS fts_stale(id INTEGER PRIMARY "
                                "KEY); DELETE FROM temp.fts_stale")) ||
        !db.exec(QString::fromLatin1(kFindStale)))
        return fail(QStringLiteral("moving the index: ") + db.error());
    for (const char *sql : kMove) {
        if (!db.exec(QString::fromLatin1(sql)))
            return fail(QStringLiteral("moving the index: ") + db.error());
    }
    if (!db.exec(QStringLiteral("COMMIT")))
        return fail(QStringLiteral("moving the index: ") + db.error());
    return true;
}

} // namespace lectern
