#pragma once

#include "watch/filestamp.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QSet>
#include <QStringList>
#include <QTimer>

class QFileSystemWatcher;

namespace lectern {

// Watches folders (recursively) for digest-like files (*.md, *.markdown, *.txt, the rule of a
// folder import) that are new or changed, and reports each once it is stable: its size and
// modification time unchanged for the settle interval, so a file still being written is
// reported only when it is complete. QFileSystemWatcher triggers a debounced rescan; a
// periodic rescan catches what it misses (files changed in place, folders that come back).
// A file reported is remembered with its stamp (handled()) and not reported again until it
// changes. A folder that disappears is reported once as unavailable and watched again when it
// returns.
class FolderWatcher : public QObject {
    Q_OBJECT
public:
    struct Timing {
        int settleMs = 1000;  // how long a file must stay unchanged before it is reported
        int debounceMs = 300; // after a change notification, before the rescan
        int rescanMs = 15000; // the periodic rescan
    };

    explicit FolderWatcher(QObject *parent = nullptr);
    ~FolderWatcher() override;

    void setTiming(const Timing &timing);
    Timing timing() const { return m_timing; }

    // The folders to watch (absolute paths). Entries of handled() outside them are dropped.
    // Takes effect at the next scan (start() or rescan()).
    void setFolders(const QStringList &folders);
    QStringList folders() const { return m_folders; }
    bool isAvailable(const QString &folder) const { return !m_unavailable.contains(folder); }
    QStringList unavailableFolders() const;

    // Files already handled (for instance in an earlier session): not reported while unchanged.
    void setHandled(const FileStamps &handled);
    FileStamps handled() const { return m_handled; }
    int pendingCount() const { return int(m_pending.size()); }

    // Starts watching: scans now (files that arrived while nobody watched), then on changes.
    void start();
    void stop();
    bool isRunning() const { return m_running; }
    // Scans every folder now, then checks the files waiting to settle.
    void rescan();

    static bool isDigestName(const QString &fileName);
    static FileStamp stampOf(const QString &path); // size -1: missing or not a regular file

Q_SIGNALS:
    // Files new or changed, stable for the settle interval; each reported once per content stamp.
    void filesReady(const QStringList &paths);
    void folderUnavailable(const QString &folder); // once, when it goes away
    void folderAvailable(const QString &folder);   // when it comes back

private:
    struct Pending {
        FileStamp stamp;
        qint64 since = 0; // m_clock time when this stamp was first seen
    };

    void scanFolder(const QString &folder);
    void setAvailable(const QString &folder, bool available);
    void observe(const QString &path, const FileStamp &stamp);
    void checkPending();
    void watchDirectory(const QString &dir);

    Timing m_timing;
    QStringList m_folders;
    QSet<QString> m_unavailable;
    FileStamps m_handled;
    QHash<QString, Pending> m_pending;
    QFileSystemWatcher *m_fsWatcher;
    QTimer m_debounce;
    QTimer m_rescan;
    QTimer m_settle;
    QElapsedTimer m_clock;
    bool m_running = false;
};

} // namespace lectern
