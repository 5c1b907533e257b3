#pragma once

#include "arxiv/httpfetch.h"

#include <QObject>
#include <QString>

#include <memory>

class QSaveFile;

namespace lectern {

class RequestPacer;

// Downloads one paper's PDF into a folder as "<id>v<version>.pdf". The body must start with
// "%PDF-"; it is written to a temporary file and renamed only when whole, so a cancelled or
// failed download leaves nothing behind.
class PdfDownloader : public QObject {
    Q_OBJECT
public:
    PdfDownloader(QNetworkAccessManager *nam, const ArxivEndpoints &endpoints, RequestPacer *pacer,
                  QObject *parent = nullptr);
    ~PdfDownloader() override;

    void setLimits(HttpFetch::Limits limits) { m_limits = limits; }

    // "2505.01259", 2 -> "2505.01259v2.pdf"; old-style "hep-th/9901001" -> "hep-th_9901001v1.pdf".
    static QString fileName(const QString &arxivId, int version);

    // Emits finished() exactly once (with the path kept, or an error).
    void download(const QString &arxivId, int version, const QString &folder);
    void cancel();
    bool isRunning() const { return m_running; }

Q_SIGNALS:
    void progress(qint64 received, qint64 total);
    void finished(const QString &path, const QString &error);

private:
    QString acceptChunk(const QByteArray &chunk);
    void onDone(const HttpResult &result);
    void finish(const QString &error);

    HttpFetch *m_http;
    RequestPacer *m_pacer;
    ArxivEndpoints m_endpoints;
    HttpFetch::Limits m_limits{200 * 1024 * 1024, 60000};
    std::unique_ptr<QSaveFile> m_file;
    QByteArray m_head; // the first bytes, until the "%PDF-" check is done
    bool m_checked = false;
    bool m_running = false;
    quint64 m_generation = 0;
};

} // namespace lectern
