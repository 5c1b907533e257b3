#include "arxiv/pdfdownloader.h"

#include "arxiv/requestpacer.h"
#include "model/arxiv.h"

#include <QDir>
#include <QSaveFile>

namespace lectern {

namespace {
constexpr QByteArrayView kPdfMagic("%PDF-");
}

PdfDownloader::PdfDownloader(QNetworkAccessManager *nam, const ArxivEndpoints &endpoints,
                             RequestPacer *pacer, QObject *parent)
    : QObject(parent)
    , m_http(new HttpFetch(nam, endpoints, this))
    , m_pacer(pacer)
    , m_endpoints(endpoints) {
    connect(m_http, &HttpFetch::done, this, &PdfDownloader::onDone);
    connect(m_http, &HttpFetch::progress, this, &PdfDownloader::progress);
}

PdfDownloader::~PdfDownloader() = default;

QString PdfDownloader::fileName(const QString &arxivId, int version) {
    QString name = arxiv::versionedId(arxivId, version);
    name.replace(u'/', u'_');
    return name + QStringLiteral(".pdf");
}

void PdfDownloader::download(const QString &arxivId, int version, const QString &folder) {
    Q_ASSERT(!m_running);
    m_running = true;
    ++m_generation;
    m_checked = false;
    m_head.clear();
    if (!m_endpoints.valid()) {
        finish(m_endpoints.error());
        return;
    }
    if (!QDir().mkpath(folder)) {
        finish(QStringLiteral("cannot create the folder %1").arg(folder));
        return;
    }
    m_file = std::make_unique<QSaveFile>(QDir(folder).filePath(fileName(arxivId, version)));
    if (!m_file->open(QIODevice::WriteOnly)) {
        finish(
            QStringLiteral("cannot write %1: %2").arg(m_file->fileName(), m_file->errorString()));
        return;
    }
    const QUrl url = m_endpoints.pdfUrl(arxivId, version);
    const quint64 generation = m_generation;
    m_pacer->whenAllowed([this, url, generation] {
        if (m_running && generation == m_generation)
            m_http->get(url, m_limits, [this](const QByteArray &c) { return acceptChunk(c); });
    });
}

void PdfDownloader::cancel() {
    if (!m_running)
        return;
    m_http->cancel();
    finish(QStringLiteral("cancelled"));
}

QString PdfDownloader::acceptChunk(const QByteArray &chunk) {
    QByteArray data = chunk;
    if (!m_checked) {
        m_head += chunk;
        if (m_head.size() < kPdfMagic.size())
            return {};
        if (!m_head.startsWith(kPdfMagic))
            return QStringLiteral("the server did not send a PDF (it starts with \"%1\")")
                .arg(QString::fromUtf8(m_head.left(24)).simplified());
        m_checked = true;
        data = std::exchange(m_head, {});
    }
    if (m_file->write(data) != data.size())
        return QStringLiteral("cannot write %1: %2").arg(m_file->fileName(), m_file->errorString());
    return {};
}

void PdfDownloader::onDone(const HttpResult &result) {
    if (!m_running || result.cancelled)
        return;
    if (!result.error.isEmpty()) {
        finish(result.error);
        return;
    }
    if (result.status != 200) {
        finish(QStringLiteral("arXiv answered HTTP %1").arg(result.status));
        return;
    }
    if (!m_checked) {
        finish(QStringLiteral("the server did not send a PDF (%1 bytes)").arg(m_head.size()));
        return;
    }
    finish(QString());
}

void PdfDownloader::finish(const QString &error) {
    if (!m_running)
        return;
    m_running = false;
    ++m_generation;
    QString path;
    if (m_file) {
        if (error.isEmpty() && m_file->commit())
            path = m_file->fileName();
        else
            m_file->cancelWriting();
        const QString commitError = error.isEmpty() && path.isEmpty()
                                        ? QStringLiteral("cannot write %1: %2")
                                              .arg(m_file->fileName(), m_file->errorString())
                                        : QString();
        m_file.reset();
        if (!commitError.isEmpty()) {
            Q_EMIT finished(QString(), commitError);
            return;
        }
    }
    Q_EMIT finished(path, error);
}

} // namespace lectern
