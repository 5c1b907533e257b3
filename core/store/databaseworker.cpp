#include "store/databaseworker.h"

#include <QThread>

#include <memory>
#include <optional>
#include <utility>

namespace lectern {

// Lives in the worker thread. The Library is opened there on the first job (and again on a
// later job if that failed), and destroyed there when the thread ends.
class DatabaseWorker::Context : public QObject {
public:
    std::unique_ptr<Library> library;
    Library::Check firstCheck = Library::Check::Quick; // later opens always check
    std::optional<std::pair<qint64, int>> memoryLimit; // Library::limitMemory's, if set

    // The open library, or null after reporting why through the worker's failed().
    Library *open(DatabaseWorker *worker, JobId job) {
        if (library && library->isOpen())
            return library.get();
        library = std::make_unique<Library>();
        QString error;
        // The window opened (or created) it: a library gone since is an error, not a new one.
        const Library::Check check = std::exchange(firstCheck, Library::Check::Quick);
        if (library->openExisting(worker->m_path, &error, check)) {
            if (memoryLimit)
                library->limitMemory(memoryLimit->first, memoryLimit->second);
            return library.get();
        }
        Q_EMIT worker->failed(job, error, library->lastErrorKind());
        library.reset();
        return nullptr;
    }
};

DatabaseWorker::DatabaseWorker(const QString &databasePath, QObject *parent)
    : QObject(parent)
    , m_path(databasePath)
    , m_thread(new QThread)
    , m_context(new Context) {
    m_thread->setObjectName(QStringLiteral("lectern-database"));
    m_context->moveToThread(m_thread);
    // finished is emitted in the worker thread itself: the connection closes where it was
    // opened.
    connect(
        m_thread, &QThread::finished, m_context, [c = m_context] { c->library.reset(); },
        Qt::DirectConnection);
    m_thread->start(QThread::LowPriority);
}

void DatabaseWorker::skipFirstCheck() {
    m_context->firstCheck = Library::Check::Skip;
}

void DatabaseWorker::limitMemory(qint64 mmapBytes, int cacheKiB) {
    m_context->memoryLimit = std::pair(mmapBytes, cacheKiB);
}

DatabaseWorker::~DatabaseWorker() {
    stop();
    delete m_context; // its thread has ended: no event of it runs any more
    delete m_thread;
}

void DatabaseWorker::cancel() {
    m_cancelledThrough.store(m_lastJob.load());
}

void DatabaseWorker::stop() {
    if (m_stopped)
        return;
    m_stopped = true;
    cancel();
    m_thread->quit(); // after the running job; the jobs queued behind it are dropped
    m_thread->wait();
}

DatabaseWorker::JobId DatabaseWorker::enqueue(const std::function<void(Library &, JobId)> &body) {
    const JobId job = ++m_lastJob;
    if (m_stopped)
        return job; // nothing runs after stop(); not even jobDone
    QMetaObject::invokeMethod(
        m_context,
        [this, job, body] {
            if (!isCancelled(job)) {
                if (Library *library = m_context->open(this, job))
                    body(*library, job);
            }
            Q_EMIT jobDone(job);
        },
        Qt::QueuedConnection);
    return job;
}

DatabaseWorker::JobId DatabaseWorker::importPaths(const QStringList &paths) {
    return enqueue([this, paths](Library &library, JobId job) { runImport(library, job, paths); });
}

void DatabaseWorker::runImport(Library &library, JobId job, const QStringList &paths) {
    const QStringList files = Library::expandPaths(paths);
    Q_EMIT importStarted(job, int(files.size()));
    const ImportStats stats = library.importPaths(
        files,
        [this, job](int done, int total, const QString &path) {
            if (isCancelled(job))
                return false;
            Q_EMIT importProgress(job, done, total, path);
            return true;
        },
        [this, job](const ImportFileResult &r) { Q_EMIT fileImported(job, r); });
    Q_EMIT importFinished(job, stats);
}

DatabaseWorker::JobId DatabaseWorker::requestCounts() {
    return enqueue([this](Library &library, JobId job) {
        const std::optional<Counts> counts = library.counts();
        if (counts)
            Q_EMIT countsReady(job, *counts);
        else
            Q_EMIT failed(job, library.lastError(), library.lastErrorKind());
    });
}

DatabaseWorker::JobId DatabaseWorker::indexPending() {
    return enqueue([this](Library &library, JobId job) {
        const bool ok = library.indexPending(
            [this, job](int, int, const QString &) { return !isCancelled(job); });
        if (!ok)
            Q_EMIT failed(job, library.lastError(), library.lastErrorKind());
        Q_EMIT indexFinished(job, ok);
    });
}

DatabaseWorker::JobId DatabaseWorker::post(Job jobBody) {
    return enqueue([this, jobBody](Library &library, JobId job) {
        jobBody(library, [this, job] { return isCancelled(job); });
    });
}

} // namespace lectern
