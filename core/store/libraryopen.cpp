// Library: opening a library file — checks before anything is written (writable, not damaged,
// which file system), the connection settings, a backup before a migration, and the retry
// while another process creates or upgrades the same file.
#include "store/library.h"

#include "exchange/annotations.h"
#include "io/filesystemtype.h"
#include "model/arxiv.h"
#include "search/querylanguage.h"
#include "store/backupmanager.h"
#include "store/checkstamp_p.h"
#include "store/followindex_p.h"
#include "store/ftstokenizer_p.h"
#include "store/library_p.h"
#include "store/schema_p.h"
#include "store/sqlstatement_p.h"

#include <QAtomicInteger>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QThread>

#include <sqlite3.h>

namespace lectern {

namespace {

// Connection settings; the ones that must hold (busy timeout, journal mode) fail the open.
// On a network file system: a rollback journal (WAL's shared-memory index needs one host) and
// no memory map (an I/O error under a map is SIGBUS, not an error code).
bool configureConnection(QSqlDatabase &db, bool network, QSqlError *error) {
    QSqlQuery q(db);
    // Big pages: rows (~1.5 KB with the abstract) waste far less of a 16 KB page than of a
    // 4 KB one (about 20% of the file). Only takes effect on a new file, before WAL.
    q.exec(QStringLiteral("PRAGMA page_size = 16384"));
    if (!q.exec(QStringLiteral("PRAGMA busy_timeout = ") + QString::number(kBusyTimeoutMs)) ||
        !q.exec(network ? QStringLiteral("PRAGMA journal_mode = DELETE")
                        : QStringLiteral("PRAGMA journal_mode = WAL"))) {
        *error = q.lastError();
        return false;
    }
    // Under WAL, NORMAL keeps the database consistent on power loss (the last transactions
    // may roll back) and saves an fsync per commit.
    q.exec(QStringLiteral("PRAGMA synchronous = NORMAL"));
    q.exec(QStringLiteral("PRAGMA foreign_keys = OFF"));
    q.exec(QStringLiteral("PRAGMA temp_store = MEMORY"));
    q.exec(QStringLiteral("PRAGMA cache_size = -") + QString::number(kDefaultCacheKiB));
    // Reads through a memory map: scans of a large library cost no read() calls (measured:
    // the keyword counts over 100k papers went from 570 to 230 ms).
    q.exec(network ? QStringLiteral("PRAGMA mmap_size = 0")
                   : QStringLiteral("PRAGMA mmap_size = 268435456"));
    return true;
}

// PRAGMA quick_check before anything writes: nullopt when it passed, else SQLite's words.
// Table by table, so the FTS5 table's own check (a full read of the index, 17 s at 100k
// papers; quick_check runs it too) is left to the weekly integrity_check; its shadow tables'
// b-trees are still checked.
std::optional<QString> damageOf(QSqlDatabase &db) {
    QSqlQuery q(db);
    QStringList tables;
    if (!q.exec(QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT "
                               "LIKE 'CREATE VIRTUAL%'")))
        return q.lastError().text();
    while (q.next())
        tables << q.value(0).toString();
    QStringList rows;
    for (const QString &table : tables) {
        if (!q.exec(QStringLiteral("PRAGMA quick_check(\"") + table + QStringLiteral("\")")))
            return q.lastError().text();
        while (q.next()) {
            if (q.value(0).toString() != QLatin1String("ok"))
                rows << q.value(0).toString();
        }
        if (q.lastError().isValid())
            rows << q.lastError().text();
    }
    if (rows.isEmpty())
        return std::nullopt;
    return rows.join(QStringLiteral("; "));
}

// damageOf(), unless the file is as a stamp of a passed check left it (store/checkstamp_p.h).
std::optional<QString> checked(QSqlDatabase &db, const QString &path) {
    if (const std::optional<QDateTime> vouched = CheckStamp::vouchedCheck(path)) {
        CheckStamp::verified(path, *vouched);
        return std::nullopt;
    }
    std::optional<QString> damage = damageOf(db);
    if (damage)
        CheckStamp::failed(path);
    else
        CheckStamp::passed(path);
    return damage;
}

int userVersionOf(QSqlDatabase &db) {
    QSqlQuery q(db);
    return q.exec(QStringLiteral("PRAGMA user_version")) && q.next() ? q.value(0).toInt() : -1;
}

// A library about to be migrated is backed up first (the backups folder, like any backup).
bool backupBeforeMigration(QSqlDatabase &db, const QString &path, QString *error) {
    const int version = userVersionOf(db);
    if (version <= 0 || version >= Schema::currentVersion())
        return true;
    BackupManager backups(path);
    if (backups.backup())
        return true;
    *error = QStringLiteral("%1 needs an upgrade to schema %2, but the backup before it failed "
                            "(%3); nothing was changed")
                 .arg(path, QString::number(Schema::currentVersion()), backups.lastError());
    return false;
}

// Why an existing library cannot be written (the file, or its folder where SQLite keeps the
// -wal and -shm); empty when it can. Told before SQLite meets it, whose errors there read
// like damage.
QString unwritable(const QFileInfo &file) {
    const QFileInfo folder(file.absolutePath());
    if (file.exists() && !file.isWritable())
        return QStringLiteral("the library %1 is read-only (its permissions); nothing can be "
                              "saved to it")
            .arg(file.filePath());
    if (file.exists() && folder.exists() && !folder.isWritable())
        return QStringLiteral("the library %1 cannot be written: its folder %2 is read-only")
            .arg(file.filePath(), folder.filePath());
    return {};
}

// What the library's file system means for it: network file systems get a warning.
bool isOnNetwork(const QString &path, QString *warning) {
    QString name;
    if (!FileSystemType::isNetworkPath(path, &name))
        return false;
    *warning = QStringLiteral("%1 is on a network file system (%2): it is opened with a rollback "
                              "journal and no memory map, and must not be used by two computers "
                              "at once")
                   .arg(path, name);
    return true;
}

} // namespace

bool Library::openExisting(const QString &path, QString *error, Check check) {
    if (!QFileInfo(path).isFile()) {
        d->close();
        d->path = path;
        d->fail(QStringLiteral("no library at %1 (the file does not exist; its drive may be "
                               "missing). Create one explicitly (lectern-cli --create, or start "
                               "Lectern and confirm)")
                    .arg(path),
                ErrorKind::Io);
        if (error)
            *error = d->error;
        return false;
    }
    return openWith(path, error, check);
}

QString Library::openWarning() const {
    return d->openWarning;
}

bool Library::open(const QString &path, QString *error) {
    return openWith(path, error, Check::Quick);
}

bool Library::openWith(const QString &path, QString *error, Check check) {
    // Two processes creating or upgrading the same file: SQLite can answer "busy" at once,
    // without its busy handler, where waiting could deadlock (a read turning into a write).
    // Try again for as long as the busy timeout would have waited.
    QElapsedTimer waited;
    waited.start();
    for (;;) {
        if (openOnce(path, error, check))
            return true;
        if (d->errorKind != ErrorKind::Busy || waited.elapsed() >= kBusyTimeoutMs)
            return false;
        QThread::msleep(50);
    }
}

bool Library::openOnce(const QString &path, QString *error, Check check) {
    d->close();
    d->openWarning.clear();
    d->path = path;
    d->clearError();
    auto failed = [&](ErrorKind kind, const QString &message) {
        d->fail(kind == ErrorKind::Busy ? busyMessage(path) : message, kind);
        if (error)
            *error = d->error;
        d->close();
        return false;
    };
    auto failedSql = [&](const QSqlError &e) {
        const ErrorKind kind = errorKindOf(sqliteCodeOf(e));
        return failed(kind == ErrorKind::None ? ErrorKind::Io : kind,
                      QStringLiteral("cannot open the library %1: %2").arg(path, e.text()));
    };
    const QFileInfo fi(path);
    if (const QString why = unwritable(fi); !why.isEmpty())
        return failed(ErrorKind::ReadOnly, why);
    if (!QDir().mkpath(fi.absolutePath()))
        return failed(ErrorKind::Io,
                      QStringLiteral("cannot create the folder ") + fi.absolutePath());
    FtsTokenizer::install(); // for other connections of this process to the same file
    d->db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), d->connection);
    d->db.setDatabaseName(path);
    d->db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=") +
                            QString::number(kBusyTimeoutMs));
    if (!d->db.open())
        return failedSql(d->db.lastError());
    if (!FollowIndex::registerFunction(sqliteHandle(d->db)))
        return failed(ErrorKind::Other,
                      QStringLiteral("cannot open the library ") + path +
                          QStringLiteral(": the SQLite driver does not expose its connection"));
    QString refused;
    ErrorKind kind = ErrorKind::None;
    // Not a database at all (a text file passed as --db): the first read fails here, before
    // anything below writes to the file.
    if (!Schema::isOpenable(d->db, path, &refused, &kind))
        return failed(kind, refused);
    if (QString why; !FtsTokenizer::registerWith(sqliteHandle(d->db), &why))
        return failed(ErrorKind::Other, QStringLiteral("cannot open the library ") + path +
                                            QStringLiteral(": ") + why);
    if (const std::optional<QString> damage =
            check == Check::Quick ? checked(d->db, path) : std::nullopt) {
        // Closing the last connection must not checkpoint a WAL into the damaged file.
        sqlite3_db_config(sqliteHandle(d->db), SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, nullptr);
        return failed(ErrorKind::Corrupt,
                      QStringLiteral("the library %1 is damaged; SQLite's check says: %2. It was "
                                     "not changed.")
                          .arg(path, *damage));
    }
    QSqlError configError;
    if (!configureConnection(d->db, isOnNetwork(path, &d->openWarning), &configError))
        return failedSql(configError);
    d->cacheKiB = kDefaultCacheKiB; // as configureConnection set it
    QString migrateError;
    if (!backupBeforeMigration(d->db, path, &migrateError))
        return failed(ErrorKind::Io, migrateError);
    if (!Schema::migrate(d->db, path, &migrateError, &kind))
        return failed(kind, migrateError);
    return true;
}

} // namespace lectern
