// CheckStamp: the open's quick check skipped for a file unchanged since a checked, clean
// close. See checkstamp_p.h.
#include "store/checkstamp_p.h"

#include "io/filesystemtype.h"

#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QMutex>
#include <QSaveFile>
#include <QStringList>
#include <QThread>
#include <QTimeZone>

namespace lectern {

namespace {

constexpr qint64 kTickMs = 20; // more than a kernel clock tick (1 to 10 ms)

QString stampPath(const QString &library) {
    return library + QStringLiteral("-checked");
}

// What identifies the file's state: size and modification time (ms since the epoch).
QString stateOf(const QFileInfo &file) {
    return QString::number(file.size()) + QLatin1Char(' ') +
           QString::number(file.lastModified(QTimeZone::UTC).toMSecsSinceEpoch());
}

// A WAL with frames, or a rollback journal (a library on a network file system): another
// connection is open, or one crashed; its changes are not in the file's size and time yet.
bool journalLeft(const QString &library) {
    for (const char *suffix : {"-wal", "-journal"}) {
        const QFileInfo journal(library + QLatin1String(suffix));
        if (journal.exists() && journal.size() > 0)
            return true;
    }
    return false;
}

// The file SQLite opens (a symbolic link resolved: its -wal lies beside the target).
QString fileOf(const QString &library) {
    const QFileInfo info(library);
    const QString canonical = info.canonicalFilePath();
    return canonical.isEmpty() ? info.absoluteFilePath() : canonical;
}

const char *const kHeader = "lectern-checked 1";
const char *const kDamaged = "lectern-checked damaged"; // a check failed: none is vouched for

// The stamp's first line, or empty.
QString headerOf(const QString &library) {
    QFile stamp(stampPath(library));
    if (!stamp.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(stamp.readLine(64)).trimmed();
}

// The files verified by this process, with the time of their last real check.
struct Verified {
    QMutex mutex;
    QHash<QString, QDateTime> checkedAt;
};

// Never destroyed: a Library held in a static closes after the other statics are gone.
Verified &verifiedFiles() {
    static Verified *v = new Verified;
    return *v;
}

bool writeStamp(const QString &library, const QByteArray &text) {
    QSaveFile stamp(stampPath(library));
    if (!stamp.open(QIODevice::WriteOnly))
        return false;
    stamp.write(text);
    return stamp.commit();
}

// Records the file as it is now, checked at checkedAt: after the process's last connection
// closed (false, and nothing written, while a WAL is left).
bool writeChecked(const QString &library, const QDateTime &checkedAt) {
    const QFileInfo file(library);
    // A rollback journal (a network file system) tells nothing of other connections still
    // open; and a check that failed, maybe in another process, stands until one passes.
    if (!file.isFile() || journalLeft(library) || FileSystemType::isNetworkPath(library) ||
        headerOf(library) == QLatin1String(kDamaged))
        return false;
    // File times come from a coarse clock (a tick of a few ms): the stamp is written a tick
    // after the file's last change, so that any later change is at least as new as the stamp.
    const qint64 age = file.lastModified().msecsTo(QDateTime::currentDateTime());
    if (age >= 0 && age < kTickMs)
        QThread::msleep(kTickMs - age);
    return writeStamp(library, QStringLiteral("%1\n%2\n%3\n")
                                   .arg(QLatin1String(kHeader), stateOf(file),
                                        QString::number(checkedAt.toMSecsSinceEpoch()))
                                   .toUtf8());
}

} // namespace

std::optional<QDateTime> CheckStamp::vouchedCheck(const QString &libraryPath) {
    const QString library = fileOf(libraryPath);
    const QFileInfo file(library);
    if (!file.isFile() || journalLeft(library))
        return std::nullopt;
    // A write to the file in the same clock tick as the stamp keeps its time: the stamp must
    // be strictly newer (write() waits for that).
    const QFileInfo stampInfo(stampPath(library));
    if (!(file.lastModified() < stampInfo.lastModified()))
        return std::nullopt;
    QFile stamp(stampPath(library));
    if (!stamp.open(QIODevice::ReadOnly))
        return std::nullopt;
    // "lectern-checked 1", the file's state, the time of the check (ms since the epoch).
    const QStringList lines = QString::fromUtf8(stamp.read(4096)).split(QLatin1Char('\n'));
    if (lines.size() < 3 || lines.at(0) != QLatin1String(kHeader) || lines.at(1) != stateOf(file))
        return std::nullopt;
    bool ok = false;
    const qint64 ms = lines.at(2).toLongLong(&ok);
    const QDateTime checkedAt = QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::UTC);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    if (!ok || checkedAt > now || checkedAt.daysTo(now) >= kValidDays)
        return std::nullopt;
    return checkedAt;
}

void CheckStamp::verified(const QString &libraryPath, const QDateTime &checkedAt) {
    const QString path = fileOf(libraryPath);
    Verified &v = verifiedFiles();
    const QMutexLocker lock(&v.mutex);
    v.checkedAt.insert(path, checkedAt);
}

void CheckStamp::passed(const QString &libraryPath) {
    const QString path = fileOf(libraryPath);
    if (headerOf(path) == QLatin1String(kDamaged))
        QFile::remove(stampPath(path));
    verified(path, QDateTime::currentDateTimeUtc());
}

void CheckStamp::closed(const QString &libraryPath) {
    const QString path = fileOf(libraryPath);
    Verified &v = verifiedFiles();
    const QMutexLocker lock(&v.mutex);
    const auto it = v.checkedAt.constFind(path);
    if (it != v.checkedAt.cend())
        writeChecked(path, *it); // no-op while another connection keeps a WAL
}

void CheckStamp::failed(const QString &libraryPath) {
    const QString path = fileOf(libraryPath);
    Verified &v = verifiedFiles();
    const QMutexLocker lock(&v.mutex);
    v.checkedAt.remove(path);
    writeStamp(path, QByteArray(kDamaged) + '\n');
}

void CheckStamp::forget(const QString &libraryPath) {
    const QString path = fileOf(libraryPath);
    Verified &v = verifiedFiles();
    const QMutexLocker lock(&v.mutex);
    v.checkedAt.remove(path);
    QFile::remove(stampPath(path));
}

} // namespace lectern
