#pragma once

#include "arxiv/arxivendpoints.h"

#include <QByteArray>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QUrl>

#include <functional>

class QNetworkAccessManager;
class QNetworkReply;
class QTimer;

namespace lectern {

// How one GET ended: `error` is empty when the transfer itself worked (whatever the status).
struct HttpResult {
    int status = 0;        // the HTTP status, 0 when no response came
    QString error;         // "timed out after 30 s", "response larger than 20 MB", …
    QByteArray retryAfter; // the Retry-After header, for 429 and 503
    QByteArray body;       // the whole body, unless a data handler took it
    bool cancelled = false;
};

// One bounded GET for the arXiv clients: a User-Agent, timeouts (no data for timeoutMs, or the
// whole transfer over 4 x timeoutMs), a size cap, and redirects
// followed only to hosts the endpoints allow. One request at a time.
class HttpFetch : public QObject {
    Q_OBJECT
public:
    struct Limits {
        qint64 maxBytes = 20 * 1024 * 1024;
        int timeoutMs = 30000;
    };
    // Takes the body as it arrives; returns an error to stop the transfer ("not a PDF").
    using DataHandler = std::function<QString(const QByteArray &chunk)>;

    HttpFetch(QNetworkAccessManager *nam, ArxivEndpoints endpoints, QObject *parent = nullptr);
    ~HttpFetch() override;

    static QByteArray userAgent();

    void get(const QUrl &url, Limits limits, DataHandler onData = {});
    void cancel();
    bool isRunning() const { return !m_reply.isNull(); }

Q_SIGNALS:
    void progress(qint64 received, qint64 total);
    void done(const lectern::HttpResult &result);

private:
    void onReadyRead();
    void onFinished();
    void fail(const QString &message);

    QNetworkAccessManager *m_nam;
    ArxivEndpoints m_endpoints;
    QPointer<QNetworkReply> m_reply;
    QTimer *m_deadline; // the whole transfer
    QTimer *m_idle;     // no data for timeoutMs
    Limits m_limits;
    DataHandler m_onData;
    HttpResult m_result;
    qint64 m_received = 0;
};

} // namespace lectern
