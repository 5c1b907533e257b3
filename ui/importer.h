#pragma once

#include "store/library.h"

#include <QObject>
#include <QStringList>

#include <atomic>

class QThread;

namespace lectern {

// Imports files and folders in a worker thread with its own Library connection on the same
// database (a Library is bound to the thread that opened it). Signals arrive queued in the
// thread that owns the Importer: progress before each file, fileImported after each file has
// landed (so the list can refresh), finished at the end. Paths given while a run is going on
// are queued for the next run.
class Importer : public QObject {
    Q_OBJECT
public:
    explicit Importer(const QString &databasePath, QObject *parent = nullptr);
    ~Importer() override; // cancels between files and waits

    // An empty list only completes the search index of papers an interrupted import left.
    void start(const QStringList &paths);
    bool isRunning() const { return m_thread != nullptr; }
    void cancel() { m_cancel = true; }
    // Blocks until the current run (and queued ones) finished; for tests and quitting.
    bool waitForFinished(int timeoutMs = 30000);

Q_SIGNALS:
    void started(int totalFiles);
    void progress(int done, int total, const QString &path);
    void fileImported(const lectern::ImportFileResult &result);
    void failed(const QString &message);
    void finished(int files, int newPapers, int errors, int warnings);

private:
    void run(const QStringList &paths);
    void onThreadFinished();

    QString m_databasePath;
    QThread *m_thread = nullptr;
    QStringList m_queued;
    std::atomic_bool m_cancel = false;
    int m_files = 0, m_newPapers = 0, m_errors = 0, m_warnings = 0;
};

} // namespace lectern
