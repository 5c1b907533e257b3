#pragma once

// Internal to core/store: the search index of a large first import, built on a second core
// (issue 13). SQLite lets one connection write a file at a time, so while the import's writer
// adds rows to the library, this builder's thread indexes the rows already committed into an
// FTS5 table of its own scratch file (beside the library), with its own connection. When the
// rows are in, finish() moves that index into the library's empty `fts` in one transaction:
// rows whose text changed after the builder read them (a newer version later in the import, a
// note written meanwhile) get their entry taken out again and stay queued; every other row
// leaves fts_pending in the same transaction. Until that commit the library is exactly as
// without the builder (every row queued in fts_pending): a crash or a cancel loses only the
// scratch file, and the next import indexes the queue as before.

#include <QString>

#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>

namespace lectern {

class FtsBuilder {
public:
    // The scratch file of a library (this process's; another's is named after its pid).
    static QString scratchPath(const QString &libraryPath);

    // Tests: index from minChunk committed rows on, and let the writer be at most maxLag rows
    // ahead (1, 1: each file is indexed before the next one is written). 0, 0: the defaults.
    static void setChunksForTesting(qint64 minChunk, qint64 maxLag);

    explicit FtsBuilder(const QString &libraryPath);
    ~FtsBuilder(); // stops the thread and removes the scratch file
    FtsBuilder(const FtsBuilder &) = delete;
    FtsBuilder &operator=(const FtsBuilder &) = delete;

    // Starts the thread (the caller checked that the library's index is empty).
    void start();
    // A file's rows were committed (lastId: the library's highest row id now): index them
    // when enough are waiting. Waits while the writer is too far ahead of the index.
    void rowsCommitted(qint64 lastId);
    // Indexes what is left, then moves the index into the library. True when it did (the
    // rows it indexed are no longer queued); false when the library is unchanged: the normal
    // indexing then does all of it (*why says why, for the log of a test).
    bool finish(QString *why = nullptr);

private:
    void removeLeftovers();
    void run();
    bool indexUpTo(qint64 lastId);
    bool waitForRows();
    bool moveIntoLibrary();

    struct Connection;
    const QString m_library, m_scratch;
    std::unique_ptr<Connection> m_db;
    std::thread m_thread;
    std::mutex m_mutex;
    std::condition_variable m_wake, m_caughtUp;
    bool m_finishing = false, m_stopped = false, m_moved = false;
    bool m_done = false;  // the thread indexes no more
    qint64 m_indexed = 0; // rows up to this id are in the scratch index
    QString m_error;
};

} // namespace lectern
