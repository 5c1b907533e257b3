#pragma once

#include "model/librarytypes.h"
#include "store/library.h"

#include <QObject>
#include <QString>
#include <QStringList>

#include <atomic>
#include <functional>

class QThread;

namespace lectern {

// The one long-lived database worker (after RSS Guard's DatabaseWorker): a thread of its own
// with one Library connection opened on it, serving the jobs that must not run on the UI
// thread — import, sidebar counts, the search index, and the network and backup jobs to come.
// Jobs are posted from the owner's thread and run one at a time, in order; their results come
// back as signals (queued to the receivers' threads). Every job ends with jobDone(id), after
// its other signals, also one whose body never ran (skipped by cancel(), or the library could
// not be opened: failed() said why): a job that must know records in its body that it ran.
//
// Cancelling is an atomic flag checked by the job's progress callback (between files, and
// between chunks of a large file or of the index): cancel() stops the running job and skips
// every job posted before the call. stop() (and the destructor) cancels, ends the thread and
// joins it, so quitting never waits for more than the chunk in progress.
class DatabaseWorker : public QObject {
    Q_OBJECT
public:
    using JobId = quint64;
    // What a general job is given: the worker's open library, and a check to call often.
    using Job = std::function<void(Library &library, const std::function<bool()> &cancelled)>;

    explicit DatabaseWorker(const QString &databasePath, QObject *parent = nullptr);
    ~DatabaseWorker() override;
    // The caller has just opened and checked the library (the window): the worker's first open
    // skips the quick check (a full read of every table), later ones do it. Call before the
    // first job.
    void skipFirstCheck();
    // Library::limitMemory for the worker's connection, applied on each open. Call before the
    // first job.
    void limitMemory(qint64 mmapBytes, int cacheKiB);

    QString databasePath() const { return m_path; }

    // Files and folders (Library::importPaths); an empty list only completes the search index.
    // Signals: importStarted, importProgress, fileImported, importFinished.
    JobId importPaths(const QStringList &paths);
    JobId requestCounts(); // countsReady, or failed
    JobId indexPending();  // indexFinished
    JobId post(Job job);   // anything else, run with the worker's library

    void cancel(); // the running job and every job posted before this call
    void stop();   // cancel, end the thread and join it; later posts are ignored
    bool isStopped() const { return m_stopped; }

Q_SIGNALS:
    // The library could not be opened for job, or the job failed: why, and what kind.
    void failed(quint64 job, const QString &message, lectern::ErrorKind kind);
    void importStarted(quint64 job, int totalFiles);
    void importProgress(quint64 job, int done, int total, const QString &path);
    void fileImported(quint64 job, const lectern::ImportFileResult &result);
    void importFinished(quint64 job, const lectern::ImportStats &stats);
    void countsReady(quint64 job, const lectern::Counts &counts);
    void indexFinished(quint64 job, bool ok);
    void jobDone(quint64 job);

private:
    class Context; // lives in the worker thread: the Library, and the jobs' bodies

    JobId enqueue(const std::function<void(Library &, JobId)> &body);
    bool isCancelled(JobId job) const { return job <= m_cancelledThrough.load(); }
    void runImport(Library &library, JobId job, const QStringList &paths);

    QString m_path;
    QThread *m_thread = nullptr;
    Context *m_context = nullptr;
    std::atomic<JobId> m_lastJob{0};
    std::atomic<JobId> m_cancelledThrough{0};
    bool m_stopped = false;
};

} // namespace lectern
