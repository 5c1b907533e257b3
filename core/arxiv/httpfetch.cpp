#include "arxiv/httpfetch.h"

#include <QCoreApplication>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>

namespace lectern {

HttpFetch::HttpFetch(QNetworkAccessManager *nam, ArxivEndpoints endpoints, QObject *parent)
    : QObject(parent)
    , m_nam(nam)
    , m_endpoints(std::move(endpoints))
    , m_deadline(new QTimer(this))
    , m_idle(new QTimer(this)) {
    for (QTimer *timer : {m_deadline, m_idle}) {
        timer->setSingleShot(true);
        connect(timer, &QTimer::timeout, this, [this] {
            fail(QStringLiteral("timed out after %1 s").arg(m_limits.timeoutMs / 1000.0));
        });
    }
}

HttpFetch::~HttpFetch() {
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
        m_reply->deleteLater();
    }
}

QByteArray HttpFetch::userAgent() {
    QString version = QCoreApplication::applicationVersion();
    if (version.isEmpty())
        version = QStringLiteral("dev");
    return "Lectern/" + version.toLatin1() + " (arXiv digest reader; Qt Network)";
}

void HttpFetch::get(const QUrl &url, Limits limits, DataHandler onData) {
    Q_ASSERT(!m_reply);
    m_limits = limits;
    m_onData = std::move(onData);
    m_result = HttpResult();
    m_received = 0;
    if (!ArxivEndpoints::isAcceptable(url)) {
        m_result.error = QStringLiteral("refusing %1: not https").arg(url.toString());
        const auto report = [this] { Q_EMIT done(m_result); };
        QMetaObject::invokeMethod(this, report, Qt::QueuedConnection);
        return;
    }
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::UserAgentHeader, userAgent());
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::UserVerifiedRedirectPolicy);
    request.setMaximumRedirectsAllowed(5);
    m_reply = m_nam->get(request);
    m_deadline->start(limits.timeoutMs * 4);
    m_idle->start(limits.timeoutMs);
    connect(m_reply, &QNetworkReply::redirected, this, [this](const QUrl &target) {
        if (m_endpoints.mayRedirectTo(target))
            Q_EMIT m_reply->redirectAllowed();
        else
            fail(QStringLiteral("refused a redirect to %1").arg(target.toString()));
    });
    connect(m_reply, &QNetworkReply::readyRead, this, &HttpFetch::onReadyRead);
    connect(m_reply, &QNetworkReply::downloadProgress, this, &HttpFetch::progress);
    connect(m_reply, &QNetworkReply::finished, this, &HttpFetch::onFinished);
}

void HttpFetch::cancel() {
    if (!m_reply)
        return;
    m_result.cancelled = true;
    fail(QStringLiteral("cancelled"));
}

void HttpFetch::onReadyRead() {
    if (!m_reply)
        return;
    m_idle->start(m_limits.timeoutMs);
    const QByteArray chunk = m_reply->readAll();
    m_received += chunk.size();
    if (m_received > m_limits.maxBytes) {
        fail(QStringLiteral("the response is larger than %1 MB")
                 .arg(m_limits.maxBytes / (1024 * 1024)));
        return;
    }
    const int status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (m_onData && status >= 200 && status < 300) {
        const QString error = m_onData(chunk);
        if (!error.isEmpty())
            fail(error);
    } else {
        m_result.body += chunk;
    }
}

void HttpFetch::onFinished() {
    if (!m_reply)
        return;
    onReadyRead();
    if (!m_reply)
        return; // onReadyRead failed the transfer
    QNetworkReply *reply = m_reply;
    m_reply.clear();
    m_deadline->stop();
    m_idle->stop();
    m_result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    m_result.retryAfter = reply->rawHeader("Retry-After");
    if (reply->error() != QNetworkReply::NoError && m_result.status == 0) {
        m_result.error = reply->errorString();
    } else if (reply->error() != QNetworkReply::NoError && m_result.status >= 200 &&
               m_result.status < 300) {
        m_result.error = reply->errorString(); // the connection dropped mid-body
    }
    reply->deleteLater();
    Q_EMIT done(m_result);
}

void HttpFetch::fail(const QString &message) {
    if (!m_reply)
        return;
    QNetworkReply *reply = m_reply;
    m_reply.clear();
    m_deadline->stop();
    m_idle->stop();
    reply->disconnect(this);
    reply->abort();
    reply->deleteLater();
    m_result.error = message;
    Q_EMIT done(m_result);
}

} // namespace lectern
