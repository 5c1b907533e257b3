#include "countsloader.h"

#include <utility>

namespace lectern {

CountsLoader::CountsLoader(DatabaseWorker *worker, QObject *parent)
    : QObject(parent)
    , m_worker(worker) {
    connect(worker, &DatabaseWorker::countsReady, this, [this](quint64 job, const Counts &counts) {
        if (job == m_job)
            Q_EMIT ready(counts);
    });
    connect(worker, &DatabaseWorker::failed, this,
            [this](quint64 job, const QString &message, ErrorKind) {
                if (job == m_job)
                    Q_EMIT failed(tr("Cannot count the papers of the library: ") + message);
            });
    connect(worker, &DatabaseWorker::jobDone, this, [this](quint64 job) {
        if (job != m_job)
            return;
        m_job = 0;
        if (std::exchange(m_pending, false))
            request();
    });
}

void CountsLoader::request() {
    if (m_job != 0) {
        m_pending = true;
        return;
    }
    if (m_worker)
        m_job = m_worker->requestCounts();
}

} // namespace lectern
