#include "watchcontroller.h"

#include "importcontroller.h"
#include "settings.h"
#include "watchfoldersdialog.h"

#include "watch/folderwatcher.h"
#include "watch/watchlist.h"

#include <QFileInfo>
#include <QStatusBar>

namespace lectern {

WatchController::WatchController(Settings *settings, ImportController *imports,
                                 QStatusBar *statusBar, QWidget *window)
    : QObject(window)
    , m_settings(settings)
    , m_imports(imports)
    , m_statusBar(statusBar)
    , m_window(window)
    , m_watcher(new FolderWatcher(this)) {
    const WatchList list(m_settings->store());
    m_watcher->setFolders(list.folders());
    m_watcher->setHandled(list.handledFiles());
    connect(m_watcher, &FolderWatcher::filesReady, this, &WatchController::onFilesReady);
    connect(m_watcher, &FolderWatcher::folderUnavailable, this, [this](const QString &folder) {
        m_statusBar->showMessage(tr("Watched folder %1 is unavailable; it is watched again when "
                                    "it comes back.")
                                     .arg(folder),
                                 10000);
    });
    connect(m_watcher, &FolderWatcher::folderAvailable, this, [this](const QString &folder) {
        m_statusBar->showMessage(tr("Watched folder %1 is back.").arg(folder), 5000);
    });
    // What was imported (or found not to be a digest) is remembered across restarts.
    connect(m_imports, &ImportController::importDone, this, &WatchController::save);
}

WatchController::~WatchController() = default;

QStringList WatchController::folders() const {
    return m_watcher->folders();
}

void WatchController::setFolders(const QStringList &folders) {
    WatchList list(m_settings->store());
    list.setFolders(folders);
    m_watcher->setFolders(list.folders());
    save();
    if (m_watcher->isRunning())
        m_watcher->rescan();
    else
        m_watcher->start();
}

void WatchController::start() {
    if (!m_watcher->isRunning())
        m_watcher->start();
}

void WatchController::showDialog() {
    WatchFoldersDialog dialog(
        folders(),
        [this](const QString &f) { return m_watcher->isAvailable(f) && QFileInfo(f).isDir(); },
        m_window);
    if (dialog.exec() == QDialog::Accepted)
        setFolders(dialog.folders());
}

void WatchController::save() {
    WatchList(m_settings->store()).setHandledFiles(m_watcher->handled());
}

void WatchController::onFilesReady(const QStringList &paths) {
    m_imports->importPaths(paths);
}

} // namespace lectern
