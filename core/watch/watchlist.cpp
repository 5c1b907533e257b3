#include "watch/watchlist.h"

#include <QDir>
#include <QFileInfo>
#include <QSettings>

using namespace Qt::StringLiterals;

namespace lectern {

namespace {

const QString kFoldersKey = u"watch/folders"_s;
const QString kHandledKey = u"watch/handled"_s;

// One handled file per entry: "SIZE MTIME PATH" (the path last: it may hold spaces).
QString encode(const QString &path, const FileStamp &stamp) {
    return QString::number(stamp.size) + u' ' + QString::number(stamp.mtimeMs) + u' ' + path;
}

bool decode(const QString &entry, QString *path, FileStamp *stamp) {
    const qsizetype a = entry.indexOf(u' ');
    const qsizetype b = a < 0 ? -1 : entry.indexOf(u' ', a + 1);
    if (b < 0)
        return false;
    bool sizeOk = false, timeOk = false;
    stamp->size = entry.left(a).toLongLong(&sizeOk);
    stamp->mtimeMs = entry.mid(a + 1, b - a - 1).toLongLong(&timeOk);
    *path = entry.mid(b + 1);
    return sizeOk && timeOk && !path->isEmpty();
}

} // namespace

WatchList::WatchList(QSettings *settings)
    : m_settings(settings) {}

QStringList WatchList::folders() const {
    QStringList out;
    for (const QString &f : m_settings->value(kFoldersKey).toStringList())
        if (!f.isEmpty() && !out.contains(f))
            out << f;
    return out;
}

void WatchList::setFolders(const QStringList &folders) {
    QStringList unique;
    for (const QString &f : folders)
        if (!f.isEmpty() && !unique.contains(f))
            unique << f;
    m_settings->setValue(kFoldersKey, unique);
}

bool WatchList::add(const QString &dir, QString *error) {
    const std::optional<QString> path = normalise(dir, error);
    if (!path)
        return false;
    QStringList list = folders();
    if (!list.contains(*path)) {
        list << *path;
        setFolders(list);
    }
    return true;
}

bool WatchList::remove(const QString &dir) {
    QStringList list = folders();
    const QString canonical = QFileInfo(dir).canonicalFilePath();
    const qsizetype before = list.size();
    list.removeAll(absoluteClean(dir));
    if (!canonical.isEmpty())
        list.removeAll(canonical);
    if (list.size() == before)
        return false;
    setFolders(list);
    return true;
}

FileStamps WatchList::handledFiles() const {
    FileStamps files;
    for (const QString &entry : m_settings->value(kHandledKey).toStringList()) {
        QString path;
        FileStamp stamp;
        if (decode(entry, &path, &stamp))
            files.insert(path, stamp);
    }
    return files;
}

void WatchList::setHandledFiles(const FileStamps &files) {
    QStringList entries;
    entries.reserve(files.size());
    for (auto it = files.cbegin(); it != files.cend(); ++it)
        entries << encode(it.key(), it.value());
    entries.sort();
    m_settings->setValue(kHandledKey, entries);
}

void WatchList::sync() {
    m_settings->sync();
}

std::optional<QString> WatchList::normalise(const QString &dir, QString *error) {
    const QFileInfo info(absoluteClean(dir));
    QString problem;
    if (dir.trimmed().isEmpty())
        problem = u"no folder given"_s;
    else if (!info.exists())
        problem = info.filePath() + u": no such folder"_s;
    else if (!info.isDir())
        problem = info.filePath() + u": not a folder"_s;
    if (problem.isEmpty()) {
        const QString canonical = info.canonicalFilePath();
        if (!canonical.isEmpty())
            return canonical;
        problem = info.filePath() + u": cannot resolve the folder's path"_s;
    }
    if (error)
        *error = problem;
    return std::nullopt;
}

QString WatchList::absoluteClean(const QString &dir) {
    return QDir::cleanPath(QFileInfo(dir).absoluteFilePath());
}

} // namespace lectern
