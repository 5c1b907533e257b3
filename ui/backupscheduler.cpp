#include "backupscheduler.h"

#include "store/backupmanager.h"
#include "store/databaseworker.h"

#include <QFileInfo>
#include <QMetaObject>

namespace lectern {

BackupScheduler::BackupScheduler(DatabaseWorker *worker, QObject *parent)
    : QObject(parent)
    , m_worker(worker) {
    connect(m_worker, &DatabaseWorker::importFinished, this,
            [this](quint64, const ImportStats &stats) {
                if (stats.newPapers > 0)
                    backupNow();
            });
}

void BackupScheduler::backupIfDue() {
    postBackup(true);
}

void BackupScheduler::backupNow() {
    postBackup(false);
}

// Called on the worker's thread: the text goes to the window's thread.
void BackupScheduler::report(const QString &text) {
    const auto emitMessage = [this, text] { Q_EMIT message(text); };
    QMetaObject::invokeMethod(this, emitMessage, Qt::QueuedConnection);
}

void BackupScheduler::postBackup(bool onlyIfDue) {
    const QString path = m_worker->databasePath();
    m_worker->post([this, path, onlyIfDue](Library &, const std::function<bool()> &cancelled) {
        QString warning;
        const BackupPolicy policy = BackupPolicy::configured(&warning);
        if (!warning.isEmpty())
            report(warning);
        BackupManager backups(path);
        if (!policy.enabled || !QFileInfo::exists(path) || (onlyIfDue && !backups.isDue()))
            return;
        const std::optional<QString> written = backups.backup({}, cancelled);
        if (!written) {
            if (!cancelled())
                report(tr("Backup failed: %1").arg(backups.lastError()));
            return;
        }
        // A backup that worked is silent (as Zotero's): the status bar keeps what the user did,
        // e.g. the summary of the import that caused the backup. Failures are said.
        backups.rotate(policy);
    });
}

void BackupScheduler::checkIfDue() {
    const QString path = m_worker->databasePath();
    m_worker->post([this, path](Library &library, const std::function<bool()> &cancelled) {
        const BackupManager backups(path);
        if (cancelled() || !QFileInfo::exists(path) || !backups.isFullCheckDue())
            return;
        const IntegrityResult r = BackupManager::checkLibrary(path, true);
        if (cancelled())
            return;
        if (r.ok) {
            // The kept counts answer whole queries (a list's length): counted again from the
            // rows once a week, in case a writer that does not keep them (an older Lectern
            // still running during an upgrade) changed the papers.
            // A recount that failed or was cancelled is tried again at the next start.
            if (library.recountKeptCounts(cancelled) && !cancelled())
                backups.markFullCheck();
            return;
        }
        const QString problems = r.summary();
        QMetaObject::invokeMethod(
            this, [this, path, problems] { Q_EMIT damaged(path, problems); }, Qt::QueuedConnection);
    });
}

} // namespace lectern
