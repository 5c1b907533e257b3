#pragma once

#include <QObject>
#include <QStringList>

class QStatusBar;
class QWidget;

namespace lectern {

class FolderWatcher;
class ImportController;
class Settings;

// The window's watched folders: a FolderWatcher over the folders of the settings (the list
// `lectern-cli watch` edits), whose stable new or changed digests are imported through the
// ImportController like a drop (progress, problems panel). The files handled are kept in the
// settings, so a restart imports only what arrived meanwhile and reports a file that is not a
// digest once, not at every start. A folder that goes away is said once in the status bar.
class WatchController : public QObject {
    Q_OBJECT
public:
    WatchController(Settings *settings, ImportController *imports, QStatusBar *statusBar,
                    QWidget *window);
    ~WatchController() override;

    FolderWatcher *watcher() const { return m_watcher; }
    QStringList folders() const;
    // Saves the list in the settings and scans the folders now.
    void setFolders(const QStringList &folders);
    // The first scan: digests that arrived while Lectern was closed, then watches.
    void start();
    void showDialog(); // Settings > Watched folders…
    void save();       // the handled files, into the settings

private:
    void onFilesReady(const QStringList &paths);

    Settings *m_settings;
    ImportController *m_imports;
    QStatusBar *m_statusBar;
    QWidget *m_window;
    FolderWatcher *m_watcher;
};

} // namespace lectern
