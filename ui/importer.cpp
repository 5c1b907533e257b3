#include "importer.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QThread>

namespace lectern {

Importer::Importer(const QString &databasePath, QObject *parent)
    : QObject(parent)
    , m_databasePath(databasePath) {}

Importer::~Importer() {
    m_queued.clear();
    if (m_thread) {
        m_cancel = true;
        m_thread->wait();
        delete m_thread;
    }
}

void Importer::start(const QStringList &paths) {
    if (m_thread) { // an empty list (finish indexing) is covered by the run going on
        m_queued += paths;
        return;
    }
    m_cancel = false;
    m_files = m_newPapers = m_errors = m_warnings = 0;
    m_thread = QThread::create([this, paths] { run(paths); });
    m_thread->setObjectName(QStringLiteral("lectern-import"));
    connect(m_thread, &QThread::finished, this, &Importer::onThreadFinished);
    m_thread->start(QThread::LowPriority);
}

// Runs in the worker thread. Signals emitted here are queued to the Importer's thread.
void Importer::run(const QStringList &paths) {
    Library library;
    QString error;
    if (!library.open(m_databasePath, &error)) {
        Q_EMIT failed(tr("Cannot open the library %1: %2").arg(m_databasePath, error));
        return;
    }
    const QStringList files = Library::expandPaths(paths);
    Q_EMIT started(int(files.size()));
    int done = 0;
    for (const QString &file : files) {
        if (m_cancel)
            break;
        Q_EMIT progress(done, int(files.size()), file);
        const ImportFileResult result = library.importFile(file);
        ++done;
        ++m_files;
        m_newPapers += result.newPapers;
        for (const Diagnostic &d : result.diagnostics)
            ++(d.severity == Severity::Error ? m_errors : m_warnings);
        Q_EMIT fileImported(result);
    }
    // Papers a crash left out of the search index (they are listed, but not found by words)
    // are indexed here; importFile already did it when any file was imported.
    if (!m_cancel && library.pendingIndexCount() > 0)
        library.indexPending();
    Q_EMIT progress(done, int(files.size()), QString());
}

void Importer::onThreadFinished() {
    m_thread->wait(); // `finished` comes just before the thread really ends
    m_thread->deleteLater();
    m_thread = nullptr;
    if (!m_queued.isEmpty() && !m_cancel) {
        const QStringList next = std::exchange(m_queued, {});
        const int files = m_files, papers = m_newPapers, errors = m_errors, warnings = m_warnings;
        start(next);
        m_files = files;
        m_newPapers = papers;
        m_errors = errors;
        m_warnings = warnings;
        return;
    }
    Q_EMIT finished(m_files, m_newPapers, m_errors, m_warnings);
}

bool Importer::waitForFinished(int timeoutMs) {
    QDeadlineTimer deadline(timeoutMs);
    while (m_thread || !m_queued.isEmpty()) {
        if (deadline.hasExpired())
            return false;
        if (m_thread)
            m_thread->wait(QDeadlineTimer(20));
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    }
    QCoreApplication::processEvents();
    return true;
}

} // namespace lectern
