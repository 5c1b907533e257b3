#include "importer.h"

#include <QCoreApplication>
#include <QDeadlineTimer>

namespace lectern {

Importer::Importer(DatabaseWorker *worker, QObject *parent)
    : QObject(parent)
    , m_worker(worker) {
    connect(worker, &DatabaseWorker::importStarted, this, [this](quint64 job, int total) {
        if (m_jobs.contains(job))
            Q_EMIT started(total);
    });
    connect(worker, &DatabaseWorker::importProgress, this,
            [this](quint64 job, int done, int total, const QString &path) {
                if (m_jobs.contains(job))
                    Q_EMIT progress(done, total, path);
            });
    connect(worker, &DatabaseWorker::fileImported, this, &Importer::onFileImported);
    connect(worker, &DatabaseWorker::failed, this,
            [this](quint64 job, const QString &message, ErrorKind) {
                if (m_jobs.contains(job))
                    Q_EMIT failed(
                        tr("Cannot import into the library %1: %2")
                            .arg(m_worker ? m_worker->databasePath() : QString(), message));
            });
    connect(worker, &DatabaseWorker::jobDone, this, &Importer::onJobDone);
}

Importer::~Importer() {
    if (isRunning() && m_worker)
        m_worker->cancel();
}

void Importer::start(const QStringList &paths) {
    if (!m_worker)
        return;
    if (m_jobs.isEmpty())
        m_files = m_newPapers = m_errors = m_warnings = 0;
    m_jobs.insert(m_worker->importPaths(paths));
}

void Importer::cancel() {
    if (isRunning() && m_worker)
        m_worker->cancel();
}

void Importer::onFileImported(quint64 job, const ImportFileResult &result) {
    if (!m_jobs.contains(job))
        return;
    ++m_files;
    m_newPapers += result.newPapers;
    for (const Diagnostic &d : result.diagnostics)
        ++(d.severity == Severity::Error ? m_errors : m_warnings);
    Q_EMIT fileImported(result);
}

void Importer::onJobDone(quint64 job) {
    if (!m_jobs.remove(job) || !m_jobs.isEmpty())
        return;
    Q_EMIT finished(m_files, m_newPapers, m_errors, m_warnings);
}

bool Importer::waitForFinished(int timeoutMs) {
    QDeadlineTimer deadline(timeoutMs);
    while (isRunning() && m_worker && !m_worker->isStopped()) {
        if (deadline.hasExpired())
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents | QEventLoop::WaitForMoreEvents, 20);
    }
    QCoreApplication::processEvents();
    return true;
}

} // namespace lectern
