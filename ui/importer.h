#pragma once

#include "store/databaseworker.h"

#include <QObject>
#include <QPointer>
#include <QSet>
#include <QStringList>

namespace lectern {

// Imports files and folders through the application's DatabaseWorker (Library::importPaths on
// the worker's thread and connection). Signals arrive in the Importer's thread: started and
// progress per run, fileImported after each file has landed (so the list can refresh), failed
// when the library cannot be opened, finished once when every run asked for is over. Paths
// given while a run is going on make another run, and its counts are added to the same
// finished(). The counters live in the Importer's thread only (the worker sends results).
class Importer : public QObject {
    Q_OBJECT
public:
    explicit Importer(DatabaseWorker *worker, QObject *parent = nullptr);
    ~Importer() override; // cancels its runs (the worker joins its thread when it goes)

    // An empty list only completes the search index of papers an interrupted import left.
    void start(const QStringList &paths);
    bool isRunning() const { return !m_jobs.isEmpty(); }
    void cancel();
    // Blocks (processing events) until every run finished; for tests and quitting.
    bool waitForFinished(int timeoutMs = 30000);

Q_SIGNALS:
    void started(int totalFiles);
    void progress(int done, int total, const QString &path);
    void fileImported(const lectern::ImportFileResult &result);
    void failed(const QString &message);
    void finished(int files, int newPapers, int errors, int warnings);

private:
    void onFileImported(quint64 job, const ImportFileResult &result);
    void onJobDone(quint64 job);

    QPointer<DatabaseWorker> m_worker;
    QSet<quint64> m_jobs; // runs posted and not done yet
    int m_files = 0, m_newPapers = 0, m_errors = 0, m_warnings = 0;
};

} // namespace lectern
