#include "watch/folderwatcher.h"

#include <QDirIterator>
#include <QFileInfo>
#include <QFileSystemWatcher>

using namespace Qt::StringLiterals;

namespace lectern {

namespace {

// inotify watches are a per-user resource: a huge tree is left to the periodic rescan.
constexpr int kMaxWatchedDirectories = 512;

bool isUnder(const QString &path, const QString &folder) {
    return path.startsWith(folder.endsWith(u'/') ? folder : folder + u'/');
}

} // namespace

FolderWatcher::FolderWatcher(QObject *parent)
    : QObject(parent)
    , m_fsWatcher(new QFileSystemWatcher(this)) {
    m_clock.start();
    m_debounce.setSingleShot(true);
    m_settle.setSingleShot(true);
    setTiming(Timing{});
    connect(m_fsWatcher, &QFileSystemWatcher::directoryChanged, this, [this] {
        if (m_running)
            m_debounce.start();
    });
    connect(&m_debounce, &QTimer::timeout, this, &FolderWatcher::rescan);
    connect(&m_rescan, &QTimer::timeout, this, &FolderWatcher::rescan);
    connect(&m_settle, &QTimer::timeout, this, &FolderWatcher::checkPending);
}

FolderWatcher::~FolderWatcher() = default;

void FolderWatcher::setTiming(const Timing &timing) {
    m_timing = timing;
    m_debounce.setInterval(qMax(0, timing.debounceMs));
    m_rescan.setInterval(qMax(1, timing.rescanMs));
    m_settle.setInterval(qMax(1, timing.settleMs));
}

void FolderWatcher::setFolders(const QStringList &folders) {
    m_folders = folders;
    m_folders.removeDuplicates();
    for (auto it = m_unavailable.begin(); it != m_unavailable.end();)
        it = m_folders.contains(*it) ? std::next(it) : m_unavailable.erase(it);
    const auto watched = [this](const QString &path) {
        for (const QString &f : std::as_const(m_folders))
            if (isUnder(path, f))
                return true;
        return false;
    };
    m_handled.removeIf([&](const auto &entry) { return !watched(entry.key()); });
    m_pending.removeIf([&](const auto &entry) { return !watched(entry.key()); });
    const QStringList dirs = m_fsWatcher->directories();
    if (!dirs.isEmpty())
        m_fsWatcher->removePaths(dirs);
}

QStringList FolderWatcher::unavailableFolders() const {
    QStringList out;
    for (const QString &f : m_folders)
        if (m_unavailable.contains(f))
            out << f;
    return out;
}

void FolderWatcher::setHandled(const FileStamps &handled) {
    m_handled = handled;
}

void FolderWatcher::start() {
    m_running = true;
    m_rescan.start();
    rescan();
}

void FolderWatcher::stop() {
    m_running = false;
    m_rescan.stop();
    m_debounce.stop();
    m_settle.stop();
}

void FolderWatcher::rescan() {
    m_debounce.stop();
    for (const QString &folder : std::as_const(m_folders))
        scanFolder(folder);
    checkPending();
}

bool FolderWatcher::isDigestName(const QString &fileName) {
    return fileName.endsWith(u".md"_s, Qt::CaseInsensitive) ||
           fileName.endsWith(u".markdown"_s, Qt::CaseInsensitive) ||
           fileName.endsWith(u".txt"_s, Qt::CaseInsensitive);
}

FileStamp FolderWatcher::stampOf(const QString &path) {
    const QFileInfo info(path);
    if (!info.isFile())
        return {};
    return {info.size(), info.lastModified().toMSecsSinceEpoch()};
}

void FolderWatcher::scanFolder(const QString &folder) {
    if (!QFileInfo(folder).isDir()) {
        setAvailable(folder, false);
        return;
    }
    setAvailable(folder, true);
    watchDirectory(folder);
    QDirIterator it(folder, QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        it.next();
        const QFileInfo info = it.fileInfo();
        if (info.isDir()) {
            watchDirectory(info.filePath());
        } else if (info.isFile() && isDigestName(info.fileName())) {
            observe(info.filePath(), {info.size(), info.lastModified().toMSecsSinceEpoch()});
        }
    }
}

void FolderWatcher::setAvailable(const QString &folder, bool available) {
    if (available == !m_unavailable.contains(folder))
        return;
    if (available) {
        m_unavailable.remove(folder);
        Q_EMIT folderAvailable(folder);
    } else {
        m_unavailable.insert(folder);
        Q_EMIT folderUnavailable(folder);
    }
}

void FolderWatcher::watchDirectory(const QString &dir) {
    if (!m_running || m_fsWatcher->directories().size() >= kMaxWatchedDirectories)
        return;
    if (!m_fsWatcher->directories().contains(dir))
        m_fsWatcher->addPath(dir);
}

// A new or changed file waits until its stamp has stayed the same for the settle interval.
void FolderWatcher::observe(const QString &path, const FileStamp &stamp) {
    const auto handled = m_handled.constFind(path);
    if (handled != m_handled.cend() && *handled == stamp)
        return;
    const auto pending = m_pending.find(path);
    if (pending == m_pending.end() || pending->stamp != stamp)
        m_pending.insert(path, {stamp, m_clock.elapsed()});
}

void FolderWatcher::checkPending() {
    QStringList ready;
    const qint64 now = m_clock.elapsed();
    for (auto it = m_pending.begin(); it != m_pending.end();) {
        const FileStamp stamp = stampOf(it.key());
        if (stamp.size < 0) { // gone (or replaced by something else) before it settled
            it = m_pending.erase(it);
            continue;
        }
        if (stamp != it->stamp) {
            *it = {stamp, now};
        } else if (now - it->since >= m_timing.settleMs) {
            ready << it.key();
            m_handled.insert(it.key(), stamp);
            it = m_pending.erase(it);
            continue;
        }
        ++it;
    }
    if (!m_pending.isEmpty() && m_running && !m_settle.isActive())
        m_settle.start();
    if (!ready.isEmpty()) {
        ready.sort();
        Q_EMIT filesReady(ready);
    }
}

} // namespace lectern
