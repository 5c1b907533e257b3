#pragma once

// Internals shared by library.cpp (open, queries, user state, annotations) and
// libraryimport.cpp (import). Not installed; not part of the API.

#include "exchange/annotations.h"
#include "store/library.h"

#include <QHash>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <memory>
#include <optional>

namespace lectern {

// The import's prepared raw statements (libraryimport.cpp); finalized before the connection
// closes.
struct CountedSet;
struct ImportStatements;
struct ImportStatementsDeleter {
    void operator()(ImportStatements *s) const;
};

struct Library::Private {
    QString connection; // unique QSqlDatabase connection name
    QString path;
    QString error;
    ErrorKind errorKind = ErrorKind::None;
    QSqlDatabase db;
    QHash<QString, std::shared_ptr<QSqlQuery>> statements; // prepared once, reused
    QHash<QString, qint64> keywordIds; // the import's cache; cleared on rollback
    bool deferIndexing = true;
    QString openWarning; // Library::openWarning()
    int cacheKiB = 0;    // the connection's page cache (kDefaultCacheKiB, or limitMemory's)
    std::unique_ptr<ImportStatements, ImportStatementsDeleter> importStatements;
    // What changes when the library's rows do: this connection's changed rows
    // (sqlite3_total_changes64) and PRAGMA data_version (other connections' commits).
    struct ChangeStamp {
        qint64 changes = 0, dataVersion = 0;
        bool operator==(const ChangeStamp &) const = default;
    };
    // The last view counted by Library::totalAndRead, with the library's change stamp then:
    // the window's worker counts a view's total and its progress one after the other, and at
    // a million papers each count of a broad search is a second. Reused while the stamp holds.
    struct LastCount {
        QString query;
        ChangeStamp stamp;
        int total = 0, read = 0;
    };
    std::optional<LastCount> lastCount;

    ~Private();
    void close();

    // A prepared statement for sql (cached). Null (and error set) if it fails to prepare.
    QSqlQuery *stmt(const QString &sql);
    bool exec(const QString &sql);
    // The stamp now; nullopt when it cannot be read (nothing is then remembered or reused;
    // the library's error is left as it was).
    std::optional<ChangeStamp> changeStamp();
    // lastCount when it counted query and stamp is still the library's, else nullopt.
    std::optional<LastCount> reusableCount(const QString &query,
                                           const std::optional<ChangeStamp> &stamp) const;
    // PRAGMA cache_size in KiB (cacheKiB records the size the connection keeps at rest).
    bool setCacheSize(int kib);
    // Runs a prepared statement with binds; sets error on failure.
    bool run(QSqlQuery *q, const QVariantList &binds = {});
    // Each sets error and errorKind, and returns false. A busy library gets one message
    // (busyMessage) whatever the statement.
    bool fail(const QSqlError &e, const QString &context);
    bool fail(int sqliteCode, const QString &message, const QString &context);
    bool fail(const QString &message, ErrorKind kind = ErrorKind::Other);
    void clearError();

    // Write transactions take the write lock up front (BEGIN IMMEDIATE) so a busy library is
    // detected at the start, after waiting busy_timeout.
    bool begin();
    bool commit();
    void rollback();
    // Runs body() as one write transaction; rolls back (keeping body's error) on failure.
    template <typename F> bool transaction(F &&body) {
        if (!db.isOpen())
            return fail(QStringLiteral("the library is not open"));
        if (!begin())
            return false;
        if (!body()) {
            const QString message = error;
            rollback();
            error = message;
            return false;
        }
        return commit();
    }

    // FTS5 external-content maintenance: before the indexed text of a row changes, its old
    // entry is removed and the row queued in fts_pending; flushFts() indexes the queue.
    bool markDirty(qint64 id);
    bool flushFts(int maxRows = -1);
    // Indexes just this row (after a note edit): never the queue of a concurrent import.
    bool indexRow(qint64 id);
    int pendingFts(); // -1 on failure

    // What the user wrote about a paper (empty for an unknown id); nullopt on failure.
    std::optional<Annotation> annotation(qint64 id);
    bool writeAnnotation(qint64 id, const Annotation &before, const Annotation &after);
    // Papers whose read flag this transaction changed: the per-date and per-keyword unread
    // counts follow (CountKeeper). False (error set) on failure.
    bool countReadChange(const QList<qint64> &ids, bool nowRead);
    // The papers and unread papers of c's scope in the count tables (0 for a keyword or a
    // date they do not list), and the figure c names of them; false (error set) on failure.
    // librarycounts.cpp.
    bool countedFigures(const CountedSet &c, int *papers, int *unread);
    bool countedTotal(const CountedSet &c, int *total);
};

// Joins a list for one TEXT column (keywords, hints) with the unit separator.
QString joinList(const QStringList &list);
QString idList(const QList<qint64> &ids);      // "1,2,3" for an IN (...) of row ids
QStringList splitAuthors(const QString &text); // the stored "a, b" form
QStringList splitList(const QString &text);
QString nowUtc();
Diagnostic errorDiagnostic(const QString &message); // for the whole file (line 0)
QVariant dateValue(const QDate &date);              // ISO text, or NULL
QDateTime timeOf(const QVariant &v);                // ISO text -> time; NULL -> invalid
QVariant timeValue(const QDateTime &t);             // time -> ISO UTC text; invalid -> NULL
// The kind of a failure from SQLite's (primary or extended) result code.
ErrorKind errorKindOf(int sqliteCode);
// The primary SQLite result code of a QtSql error (its native code), 0 when there is none.
int sqliteCodeOf(const QSqlError &e);
// The one message for a library another process is writing to.
QString busyMessage(const QString &path);
// How long a writer waits for another process's write lock before giving up.
inline constexpr int kBusyTimeoutMs = 4000;
// The page cache of a connection (KiB) unless Library::limitMemory lowered it; an import uses
// at least this much for its duration.
inline constexpr int kDefaultCacheKiB = 32000;

} // namespace lectern
