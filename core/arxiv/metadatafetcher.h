#pragma once

#include "arxiv/httpfetch.h"
#include "model/arxivrecord.h"

#include <QList>
#include <QObject>
#include <QStringList>

namespace lectern {

class RequestPacer;

// How a metadata fetch ended. What arrived before a failure was already handed out by
// batchArrived and stays stored.
struct MetadataOutcome {
    int requested = 0;
    int received = 0;
    QStringList missing;   // ids arXiv did not return
    QStringList apiErrors; // error entries of the feed ("incorrect id format for …")
    QString error;         // empty on success: one message for the user
    bool cancelled = false;

    bool ok() const { return error.isEmpty() && !cancelled; }
};

// Asks arXiv's query API for papers in batches of at most 100 ids, one request at a time,
// paced by a RequestPacer (3 s apart, backing off on 429/503 as the server asks).
class MetadataFetcher : public QObject {
    Q_OBJECT
public:
    static constexpr int kBatchSize = 100;
    static constexpr int kMaxRetries = 4;

    MetadataFetcher(QNetworkAccessManager *nam, const ArxivEndpoints &endpoints,
                    RequestPacer *pacer, QObject *parent = nullptr);

    void setLimits(HttpFetch::Limits limits) { m_limits = limits; }

    // Normalised ids; duplicates are asked once. Emits finished() exactly once.
    void fetch(const QStringList &arxivIds);
    void cancel();
    bool isRunning() const { return m_running; }

Q_SIGNALS:
    void batchArrived(const QList<lectern::ArxivRecord> &records);
    void progress(int done, int total);
    void finished(const lectern::MetadataOutcome &outcome);

private:
    void sendNext();
    void onDone(const HttpResult &result);
    void acceptBatch(const QByteArray &body);
    void finish(const QString &error);

    HttpFetch *m_http;
    RequestPacer *m_pacer;
    ArxivEndpoints m_endpoints;
    HttpFetch::Limits m_limits;
    QStringList m_queue;
    QStringList m_batch;
    MetadataOutcome m_outcome;
    int m_attempt = 0;
    int m_done = 0;
    bool m_running = false;
    quint64 m_generation = 0;
};

} // namespace lectern
