#include "viewprogress.h"

#include <QMetaObject>

#include <utility>

namespace lectern {

ViewProgress::ViewProgress(DatabaseWorker *worker, QObject *parent)
    : QObject(parent)
    , m_worker(worker) {
    connect(worker, &DatabaseWorker::jobDone, this, [this](quint64 job) {
        if (job != m_job)
            return;
        m_job = 0;
        if (m_pending)
            request(*std::exchange(m_pending, std::nullopt));
    });
}

QString ViewProgress::text(int read, int total) {
    if (total <= 0)
        return {};
    return tr("%1/%2 read").arg(QString::number(read), QString::number(total));
}

void ViewProgress::request(const QString &query) {
    if (m_job != 0) {
        m_pending = query;
        return;
    }
    if (!m_worker)
        return;
    m_job = m_worker->post([this, query](Library &library, const std::function<bool()> &) {
        const std::optional<std::pair<int, int>> figures = library.totalAndRead(query);
        if (!figures)
            return; // a malformed query: the filter bar says why
        // Queued to this object's thread; the worker stops before this object is destroyed.
        QMetaObject::invokeMethod(
            this,
            [this, query, total = figures->first, read = figures->second] {
                Q_EMIT ready(query, read, total);
            },
            Qt::QueuedConnection);
    });
}

} // namespace lectern
