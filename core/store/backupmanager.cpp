#include "store/backupmanager.h"

#include "store/checkstamp_p.h"

#include "store/rawdatabase_p.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLockFile>
#include <QRegularExpression>
#include <QSaveFile>

#include <sqlite3.h>

#include <fcntl.h>
#include <unistd.h>

namespace lectern {

namespace {

const QLatin1StringView kPartial(".partial");
const QLatin1StringView kTimeFormat("yyyy-MM-ddThhmmss");
// Pages copied per backup step (16 KB pages: 64 MB): cancellation is checked in between.
constexpr int kPagesPerStep = 4096;

// Flushes a file (or folder) to the disk; false when it cannot be opened or synced.
bool syncPath(const QString &path) {
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    const bool ok = ::fsync(fd) == 0;
    ::close(fd);
    return ok;
}

QString ioMessage(const QString &what, const QString &path, const QString &why) {
    return QStringLiteral("cannot %1 %2: %3").arg(what, path, why);
}

} // namespace

QString IntegrityResult::summary() const {
    return ok ? QStringLiteral("ok") : problems.join(QStringLiteral("; "));
}

BackupManager::BackupManager(const QString &libraryPath)
    : m_path(libraryPath) {}

QString BackupManager::folder() const {
    return QFileInfo(m_path).absolutePath() + QStringLiteral("/backups");
}

QString BackupManager::fileNameFor(const QDateTime &time) const {
    return QFileInfo(m_path).completeBaseName() + QLatin1Char('-') +
           time.toUTC().toString(kTimeFormat) + QStringLiteral(".sqlite");
}

bool BackupManager::fail(const QString &message, ErrorKind kind) {
    m_error = message;
    m_errorKind = kind;
    return false;
}

QString BackupManager::lockPath(const QString &libraryPath) {
    return libraryPath + QStringLiteral(".lock");
}

bool BackupManager::isLocked(const QString &libraryPath) {
    QLockFile lock(lockPath(libraryPath));
    lock.setStaleLockTime(0); // only a lock whose process is gone is stale
    if (!lock.tryLock(0))
        return lock.error() == QLockFile::LockFailedError;
    lock.unlock();
    return false;
}

void BackupManager::removeTemporaries(const QString &dir) const {
    const QFileInfoList files = QDir(dir).entryInfoList(
        {QStringLiteral("*") + kPartial + QStringLiteral("*")}, QDir::Files | QDir::Hidden);
    for (const QFileInfo &fi : files)
        QFile::remove(fi.absoluteFilePath());
}

// The online backup API, in steps inside one read transaction of the source: the copy is
// one consistent snapshot (other connections' commits go to the WAL and do not restart it).
bool BackupManager::copyInto(const QString &target, const std::function<bool()> &cancelled) {
    RawDatabase src;
    RawDatabase dst;
    if (!src.open(m_path, RawDatabase::Mode::ReadOnly))
        return fail(ioMessage(QStringLiteral("read the library"), m_path, src.error()));
    if (!src.exec(QStringLiteral("BEGIN; SELECT count(*) FROM sqlite_master;")))
        return fail(ioMessage(QStringLiteral("read the library"), m_path, src.error()),
                    src.errorCode() == SQLITE_BUSY ? ErrorKind::Busy : ErrorKind::Corrupt);
    if (!dst.open(target, RawDatabase::Mode::Create))
        return fail(ioMessage(QStringLiteral("write the backup"), target, dst.error()));
    sqlite3_backup *b = sqlite3_backup_init(dst.handle(), "main", src.handle(), "main");
    if (!b)
        return fail(ioMessage(QStringLiteral("write the backup"), target,
                              QString::fromUtf8(sqlite3_errmsg(dst.handle()))));
    int rc = SQLITE_OK;
    do {
        if (cancelled && cancelled()) {
            sqlite3_backup_finish(b);
            return fail(QStringLiteral("the backup was cancelled"), ErrorKind::Other);
        }
        rc = sqlite3_backup_step(b, kPagesPerStep);
    } while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
    sqlite3_backup_finish(b);
    src.exec(QStringLiteral("COMMIT"));
    if (rc != SQLITE_DONE)
        return fail(ioMessage(QStringLiteral("write the backup"), target,
                              QString::fromUtf8(sqlite3_errstr(rc))),
                    ErrorKind::Io);
    // A backup is one self-contained file: no -wal beside it.
    if (!dst.exec(QStringLiteral("PRAGMA journal_mode = DELETE")))
        return fail(ioMessage(QStringLiteral("write the backup"), target, dst.error()));
    return true;
}

std::optional<QString> BackupManager::backup(const QString &to,
                                             const std::function<bool()> &cancelled) {
    m_error.clear();
    m_errorKind = ErrorKind::None;
    if (!QFileInfo::exists(m_path)) {
        fail(QStringLiteral("no library at ") + m_path, ErrorKind::Io);
        return std::nullopt;
    }
    QString target = to;
    if (target.isEmpty()) {
        if (!QDir().mkpath(folder())) {
            fail(QStringLiteral("cannot create the folder ") + folder());
            return std::nullopt;
        }
        removeTemporaries(folder());
        QDateTime now = QDateTime::currentDateTimeUtc();
        target = folder() + QLatin1Char('/') + fileNameFor(now);
        for (int i = 2; QFileInfo::exists(target); ++i) // two backups in one second
            target = folder() + QLatin1Char('/') + QFileInfo(m_path).completeBaseName() +
                     QLatin1Char('-') + now.toString(kTimeFormat) + QLatin1Char('-') +
                     QString::number(i) + QStringLiteral(".sqlite");
    } else if (QFileInfo::exists(target)) {
        fail(target + QStringLiteral(" exists already; not overwritten"), ErrorKind::Other);
        return std::nullopt;
    }
    const QString temp = target + kPartial;
    QFile::remove(temp);
    QFile::remove(temp + QStringLiteral("-journal"));
    const bool copied = copyInto(temp, cancelled);
    const IntegrityResult checked = copied ? check(temp, true) : IntegrityResult();
    if (copied && !checked.ok)
        fail(QStringLiteral("the backup %1 failed its check: %2").arg(temp, checked.summary()),
             ErrorKind::Corrupt);
    if (!copied || !checked.ok || !syncPath(temp) || !QFile::rename(temp, target)) {
        if (m_error.isEmpty())
            fail(ioMessage(QStringLiteral("write the backup"), target,
                           QStringLiteral("rename failed")));
        QFile::remove(temp);
        QFile::remove(temp + QStringLiteral("-journal"));
        return std::nullopt;
    }
    syncPath(QFileInfo(target).absolutePath());
    return target;
}

QList<BackupInfo> BackupManager::list(bool withCounts) const {
    const QString base = QFileInfo(m_path).completeBaseName();
    const QRegularExpression re(QStringLiteral("^") + QRegularExpression::escape(base) +
                                QStringLiteral("-(\\d{4}-\\d\\d-\\d\\dT\\d{6})(-\\d+)?\\.sqlite$"));
    QList<BackupInfo> out;
    for (const QFileInfo &fi : QDir(folder()).entryInfoList(QDir::Files)) {
        const QRegularExpressionMatch m = re.match(fi.fileName());
        if (!m.hasMatch())
            continue;
        BackupInfo info;
        info.path = fi.absoluteFilePath();
        info.size = fi.size();
        info.time = QDateTime::fromString(m.captured(1), kTimeFormat);
        info.time.setTimeZone(QTimeZone::UTC);
        if (withCounts) {
            RawDatabase db;
            if (db.open(info.path, RawDatabase::Mode::ReadOnly)) {
                info.papers = int(db.integer(QStringLiteral("SELECT count(*) FROM papers")));
                info.notes = int(db.integer(
                    QStringLiteral("SELECT count(*) FROM papers WHERE note IS NOT NULL")));
            }
        }
        out << info;
    }
    std::sort(out.begin(), out.end(), [](const BackupInfo &a, const BackupInfo &b) {
        return a.time != b.time ? a.time > b.time : a.path > b.path;
    });
    return out;
}

bool BackupManager::rotate(const BackupPolicy &policy) {
    const QList<BackupInfo> all = list();
    QList<QDateTime> times;
    for (const BackupInfo &b : all)
        times << b.time;
    bool ok = true;
    for (int i : policy.toDelete(times)) {
        if (!QFile::remove(all.at(i).path))
            ok = fail(QStringLiteral("cannot delete the old backup ") + all.at(i).path);
    }
    return ok;
}

bool BackupManager::isDue(const QDateTime &now) const {
    const QList<BackupInfo> all = list();
    return all.isEmpty() || all.first().time.secsTo(now) >= 24 * 3600;
}

QString BackupManager::newestGoodBackup() const {
    for (const BackupInfo &b : list()) {
        if (check(b.path).ok)
            return b.path;
    }
    return {};
}

IntegrityResult BackupManager::checkLibrary(const QString &path, bool full) {
    const IntegrityResult r = check(path, full);
    if (!r.ok && QFileInfo(path).isFile()) // the next open of it checks again
        CheckStamp::failed(path);
    return r;
}

IntegrityResult BackupManager::check(const QString &path, bool full) {
    IntegrityResult r;
    if (!QFileInfo(path).isFile()) {
        r.problems << QStringLiteral("no library at ") + path;
        return r;
    }
    RawDatabase db;
    QStringList tables;
    // quick: table by table, without the FTS5 table's own (slow) check, as Library::open does
    if (!db.open(path, RawDatabase::Mode::ReadOnly) ||
        (!full && !db.column(QStringLiteral("SELECT name FROM sqlite_master WHERE type = "
                                            "'table' AND sql NOT LIKE 'CREATE VIRTUAL%'"),
                             &tables))) {
        r.problems << db.error();
        return r;
    }
    const QStringList pragmas = [&] {
        QStringList out;
        if (full)
            return QStringList{QStringLiteral("PRAGMA integrity_check")};
        for (const QString &t : tables)
            out << QStringLiteral("PRAGMA quick_check(\"") + t + QStringLiteral("\")");
        return out;
    }();
    for (const QString &pragma : pragmas) {
        QStringList rows;
        if (!db.column(pragma, &rows)) {
            r.problems << db.error();
            return r;
        }
        if (rows != QStringList{QStringLiteral("ok")})
            r.problems << rows;
    }
    r.ok = r.problems.isEmpty();
    return r;
}

bool BackupManager::isFullCheckDue(const QDateTime &now) const {
    QFile f(folder() + QStringLiteral("/last-integrity-check"));
    if (!f.open(QIODevice::ReadOnly))
        return true;
    const QDateTime last =
        QDateTime::fromString(QString::fromUtf8(f.readAll()).trimmed(), Qt::ISODate);
    return !last.isValid() || last.secsTo(now) >= 7 * 24 * 3600;
}

void BackupManager::markFullCheck(const QDateTime &when) const {
    QDir().mkpath(folder());
    QSaveFile f(folder() + QStringLiteral("/last-integrity-check"));
    if (f.open(QIODevice::WriteOnly)) {
        f.write(when.toUTC().toString(Qt::ISODate).toUtf8() + '\n');
        f.commit();
    }
}

} // namespace lectern
