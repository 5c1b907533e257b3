#include "arxiv/metadatafetcher.h"

#include "arxiv/atomfeed.h"
#include "arxiv/requestpacer.h"

#include <QDateTime>
#include <QSet>

namespace lectern {

MetadataFetcher::MetadataFetcher(QNetworkAccessManager *nam, const ArxivEndpoints &endpoints,
                                 RequestPacer *pacer, QObject *parent)
    : QObject(parent)
    , m_http(new HttpFetch(nam, endpoints, this))
    , m_pacer(pacer)
    , m_endpoints(endpoints) {
    connect(m_http, &HttpFetch::done, this, &MetadataFetcher::onDone);
}

void MetadataFetcher::fetch(const QStringList &arxivIds) {
    Q_ASSERT(!m_running);
    m_queue.clear();
    QSet<QString> seen;
    for (const QString &id : arxivIds) {
        if (!id.isEmpty() && !seen.contains(id)) {
            seen.insert(id);
            m_queue << id;
        }
    }
    m_outcome = MetadataOutcome();
    m_outcome.requested = int(m_queue.size());
    m_done = 0;
    m_running = true;
    ++m_generation;
    if (!m_endpoints.valid()) {
        finish(m_endpoints.error());
        return;
    }
    sendNext();
}

void MetadataFetcher::cancel() {
    if (!m_running)
        return;
    m_outcome.cancelled = true;
    m_http->cancel();
    finish(QString());
}

void MetadataFetcher::sendNext() {
    if (m_queue.isEmpty() && m_batch.isEmpty()) {
        finish(QString());
        return;
    }
    if (m_batch.isEmpty()) {
        m_batch = m_queue.mid(0, kBatchSize);
        m_queue.remove(0, m_batch.size());
        m_attempt = 0;
    }
    const quint64 generation = m_generation;
    m_pacer->whenAllowed([this, generation] {
        if (m_running && generation == m_generation)
            m_http->get(m_endpoints.metadataUrl(m_batch), m_limits);
    });
}

void MetadataFetcher::onDone(const HttpResult &result) {
    if (!m_running || result.cancelled)
        return;
    if (!result.error.isEmpty()) {
        finish(QStringLiteral("arXiv could not be reached: %1").arg(result.error));
        return;
    }
    if (result.status == 429 || result.status == 503) {
        if (m_attempt >= kMaxRetries) {
            finish(QStringLiteral("arXiv is busy (HTTP %1) after %2 retries; try again later")
                       .arg(QString::number(result.status), QString::number(kMaxRetries)));
            return;
        }
        m_pacer->backOff(m_attempt++, RequestPacer::parseRetryAfter(
                                          result.retryAfter, QDateTime::currentDateTimeUtc()));
        sendNext();
        return;
    }
    if (result.status != 200) {
        finish(QStringLiteral("arXiv answered HTTP %1").arg(result.status));
        return;
    }
    acceptBatch(result.body);
}

void MetadataFetcher::acceptBatch(const QByteArray &body) {
    const AtomFeed feed = AtomFeed::parse(body);
    if (!feed.ok()) {
        finish(QStringLiteral("arXiv sent an unreadable answer (%1)").arg(feed.parseError));
        return;
    }
    // Only the papers asked for: a server answering with more changes nothing else.
    const QSet<QString> asked(m_batch.cbegin(), m_batch.cend());
    QList<ArxivRecord> records;
    QSet<QString> got;
    for (const ArxivRecord &r : feed.records) {
        if (asked.contains(r.arxivId) && !got.contains(r.arxivId)) {
            got.insert(r.arxivId);
            records << r;
        }
    }
    for (const QString &id : std::as_const(m_batch)) {
        if (!got.contains(id))
            m_outcome.missing << id;
    }
    m_outcome.apiErrors << feed.apiErrors;
    m_outcome.received += int(records.size());
    m_done += int(m_batch.size());
    m_batch.clear();
    if (!records.isEmpty())
        Q_EMIT batchArrived(records);
    Q_EMIT progress(m_done, m_outcome.requested);
    if (m_running)
        sendNext();
}

void MetadataFetcher::finish(const QString &error) {
    if (!m_running)
        return;
    m_running = false;
    ++m_generation;
    m_batch.clear();
    m_queue.clear();
    m_outcome.error = error;
    Q_EMIT finished(m_outcome);
}

} // namespace lectern
