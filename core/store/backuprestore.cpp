// BackupManager: restore and salvage (the backups themselves: backupmanager.cpp).
#include "store/backupmanager.h"

#include "store/checkstamp_p.h"
#include "store/countkeeper_p.h"
#include "store/rawdatabase_p.h"
#include "store/schema_p.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLockFile>
#include <QSet>
#include <QUrl>

namespace lectern {

namespace {

const QStringList kSidecars = {QStringLiteral("-wal"), QStringLiteral("-shm"),
                               QStringLiteral("-journal")};

// Tables computed from the others: not copied (the damaged file may lack them, from an older
// schema, or hold figures of rows that were lost) but filled again from the rows copied. (The
// search index and fts_pending are left out of the copy as every fts* table is.)
const QStringList kDerived = {QStringLiteral("cjk_papers"), QStringLiteral("digest_date_counts"),
                              QStringLiteral("keyword_counts"), QStringLiteral("library_counts")};

QString quoted(const QString &text) {
    return QLatin1Char('\'') + QString(text).replace(QLatin1Char('\''), QStringLiteral("''")) +
           QLatin1Char('\'');
}

// Moves the library and its -wal aside (to <path>.before-restore and its -wal, so the two
// still open together); the -shm is only an index and is dropped.
bool moveAside(const QString &path, const QString &kept, QString *error) {
    for (const QString &s : kSidecars + QStringList{QString()})
        QFile::remove(kept + s);
    if (QFileInfo::exists(path) && !QFile::rename(path, kept)) {
        *error = QStringLiteral("cannot rename %1 to %2").arg(path, kept);
        return false;
    }
    if (QFileInfo::exists(path + QStringLiteral("-wal")))
        QFile::rename(path + QStringLiteral("-wal"), kept + QStringLiteral("-wal"));
    QFile::remove(path + QStringLiteral("-shm"));
    QFile::remove(path + QStringLiteral("-journal"));
    return true;
}

// The columns both databases' table has, in main's order, quoted for SQL.
QString commonColumns(RawDatabase &db, const QString &table) {
    QStringList mine, theirs;
    db.column(QStringLiteral("SELECT name FROM pragma_table_info(?, 'main')"), &mine, {table});
    db.column(QStringLiteral("SELECT name FROM pragma_table_info(?, 'old')"), &theirs, {table});
    QStringList both;
    for (const QString &c : mine) {
        if (theirs.contains(c))
            both << QLatin1Char('"') + c + QLatin1Char('"');
    }
    return both.join(QStringLiteral(", "));
}

// Row by row, for a table whose scan fails: every rowid up to the largest one found.
void copyByRowid(RawDatabase &db, const QString &table, const QString &cols) {
    qint64 last = db.integer(QStringLiteral("SELECT max(rowid) FROM old.") + table);
    if (last < 0) // the table's right edge is damaged: its indexes still hold the rowids
        last = db.integer(QStringLiteral("SELECT max(id) FROM old.") + table +
                          QStringLiteral(" INDEXED BY ") + table + QStringLiteral("_date"));
    const QString sql = QStringLiteral("INSERT OR IGNORE INTO main.%1(%2) SELECT %2 FROM old.%1 "
                                       "WHERE rowid = ")
                            .arg(table, cols);
    for (qint64 id = 1; id <= last; ++id)
        db.exec(sql + QString::number(id)); // an unreadable row is skipped
}

// Empties fts_pending and fills the search index and the derived tables from the rows, in one
// transaction: empty, or the error and the statement that failed.
QString refillDerived(RawDatabase &db) {
    const QStringList steps =
        QStringList{QStringLiteral("BEGIN"), QStringLiteral("DELETE FROM fts_pending"),
                    QStringLiteral("INSERT INTO fts(fts) VALUES('rebuild')")} +
        CountKeeper::refillStatements() + Schema::cjkRefillStatements() +
        QStringList{QStringLiteral("COMMIT")};
    for (const QString &sql : steps) {
        if (!db.exec(sql))
            return db.error() + QStringLiteral(" (in: ") + sql + QLatin1Char(')');
    }
    return QString();
}

} // namespace

bool BackupManager::restore(const QString &backup) {
    m_error.clear();
    m_errorKind = ErrorKind::None;
    const IntegrityResult checked = check(backup, true);
    if (!checked.ok)
        return fail(QStringLiteral("the backup %1 is damaged (%2); nothing was changed")
                        .arg(backup, checked.summary()),
                    ErrorKind::Corrupt);
    QLockFile lock(lockPath(m_path));
    lock.setStaleLockTime(0);
    if (!lock.tryLock(0))
        return fail(lock.error() == QLockFile::LockFailedError
                        ? QStringLiteral("%1 is open in a Lectern window; close it, then restore "
                                         "again (nothing was changed)")
                              .arg(m_path)
                        : QStringLiteral("cannot take the lock %1; nothing was changed")
                              .arg(lockPath(m_path)),
                    ErrorKind::Busy);
    const QString incoming = m_path + QStringLiteral(".restoring");
    QFile::remove(incoming);
    if (!QFile::copy(backup, incoming)) {
        QFile::remove(incoming);
        return fail(QStringLiteral("cannot copy %1 to %2 (disk full or not writable?); nothing "
                                   "was changed")
                        .arg(backup, incoming));
    }
    QString error;
    const QString kept = m_path + QStringLiteral(".before-restore");
    if (!moveAside(m_path, kept, &error)) {
        QFile::remove(incoming);
        return fail(error + QStringLiteral("; nothing was changed"));
    }
    if (!QFile::rename(incoming, m_path))
        return fail(QStringLiteral("cannot rename %1 to %2; the old library is %3")
                        .arg(incoming, m_path, kept));
    return true;
}

std::optional<SalvageResult> BackupManager::salvage(const QString &to) {
    m_error.clear();
    m_errorKind = ErrorKind::None;
    if (QFileInfo::exists(to)) {
        fail(to + QStringLiteral(" exists already; not overwritten"), ErrorKind::Other);
        return std::nullopt;
    }
    {
        Library fresh; // the current schema, empty
        QString error;
        if (!fresh.open(to, &error)) {
            fail(error, fresh.lastErrorKind());
            return std::nullopt;
        }
    }
    CheckStamp::forget(to); // the rows copied below change it; in place, it is renamed away
    RawDatabase db;
    if (!db.open(to, RawDatabase::Mode::ReadWrite) ||
        // Read-only: closing must not checkpoint a -wal into the damaged file either.
        !db.exec(QStringLiteral("ATTACH ") +
                 quoted(QUrl::fromLocalFile(QFileInfo(m_path).absoluteFilePath())
                            .toString(QUrl::FullyEncoded) +
                        QStringLiteral("?mode=ro")) +
                 QStringLiteral(" AS old"))) {
        fail(QStringLiteral("cannot read %1: %2").arg(m_path, db.error()), ErrorKind::Corrupt);
        return std::nullopt;
    }
    QStringList tables;
    db.column(QStringLiteral("SELECT name FROM main.sqlite_master WHERE type = 'table' AND "
                             "name NOT LIKE 'fts%' AND name NOT LIKE 'sqlite_%' ORDER BY name"),
              &tables);
    SalvageResult result;
    // No transaction around the copy: a read of a damaged page can end one and take every
    // row copied before it along. Each statement commits; unsynced, as the file is new (a
    // crash here only means salvaging again).
    db.exec(QStringLiteral("PRAGMA synchronous = OFF"));
    for (const QString &table : tables) {
        if (kDerived.contains(table))
            continue;
        const QString cols = commonColumns(db, table);
        if (cols.isEmpty()) {
            ++result.lostTables;
            result.copied << table + QStringLiteral(": unreadable");
            continue;
        }
        if (!db.exec(QStringLiteral("INSERT OR IGNORE INTO main.%1(%2) SELECT %2 FROM old.%1")
                         .arg(table, cols))) {
            QStringList withoutRowid;
            db.column(QStringLiteral("SELECT 1 FROM main.sqlite_master WHERE name = ? AND sql "
                                     "LIKE '%WITHOUT ROWID%'"),
                      &withoutRowid, {table});
            if (withoutRowid.isEmpty())
                copyByRowid(db, table, cols);
        }
        const qint64 had = db.integer(QStringLiteral("SELECT count(*) FROM old.") + table);
        result.copied << QStringLiteral("%1: %2 rows (the damaged file reports %3)")
                             .arg(table,
                                  QString::number(db.integer(
                                      QStringLiteral("SELECT count(*) FROM main.") + table)),
                                  had < 0 ? QStringLiteral("?") : QString::number(had));
    }
    // The search index is rebuilt from the papers copied, not copied.
    // A fresh connection: one that met the damaged file's errors may refuse further writes.
    db.close();
    if (!db.open(to, RawDatabase::Mode::ReadWrite)) {
        fail(QStringLiteral("cannot write %1: %2").arg(to, db.error()));
        return std::nullopt;
    }
    // So are the derived tables: the sidebar's counts and the papers with CJK text.
    const QString failure = refillDerived(db);
    if (!failure.isEmpty()) {
        fail(QStringLiteral("cannot write ") + to + QStringLiteral(": ") + failure);
        return std::nullopt;
    }
    for (const QString &table : kDerived)
        result.copied << QStringLiteral("%1: %2 rows (rebuilt from the rows copied)")
                             .arg(table, QString::number(db.integer(
                                             QStringLiteral("SELECT count(*) FROM ") + table)));
    return result;
}

std::optional<SalvageResult> BackupManager::salvageInPlace(QString *keptAs) {
    const QString stamp =
        QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyy-MM-ddThhmmss"));
    const QString fresh = m_path + QStringLiteral(".salvaged-") + stamp;
    const QString kept = m_path + QStringLiteral(".damaged-") + stamp;
    const std::optional<SalvageResult> result = salvage(fresh);
    if (!result) {
        for (const QString &s : kSidecars + QStringList{QString()})
            QFile::remove(fresh + s);
        return std::nullopt;
    }
    QString error;
    if (!moveAside(m_path, kept, &error) || !QFile::rename(fresh, m_path)) {
        fail(error.isEmpty() ? QStringLiteral("cannot rename %1 to %2").arg(fresh, m_path) : error);
        return std::nullopt;
    }
    if (keptAs)
        *keptAs = kept;
    return result;
}

} // namespace lectern
