#pragma once

#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>

class QNetworkAccessManager;
class QStatusBar;

namespace lectern {

class DatabaseWorker;
class Library;
class MetadataFetcher;
class PdfDownloader;
class RequestPacer;
struct MetadataOutcome;

// The window's arXiv requests, made only when the user asks: metadata for a paper or a whole
// view (`i`, Shift+I), a paper's PDF (Shift+D). One request at a time, 3 s apart; progress and
// the one message of a failure in the status bar; Esc cancels, keeping what arrived. What
// arrives is stored on the database worker, never on the UI thread.
class ArxivController : public QObject {
    Q_OBJECT
public:
    ArxivController(Library *library, DatabaseWorker *worker, QStatusBar *status,
                    QObject *parent = nullptr);
    ~ArxivController() override;

    void fetchMetadata(const QList<qint64> &paperIds);
    void fetchView(const QString &query);
    void downloadPdf(qint64 paperId);
    // Stops the fetch or download in progress; false when nothing was running.
    bool cancel();
    bool isBusy() const;

    // The pacer, for tests (an injected clock).
    RequestPacer *pacer() const { return m_pacer; }

Q_SIGNALS:
    void metadataStored(const QList<qint64> &paperIds);
    void pdfSaved(qint64 paperId, const QString &path);

private:
    void startFetch(const QStringList &arxivIds);
    void storeBatch(const QList<struct ArxivRecord> &records);
    void onFetchFinished(const MetadataOutcome &outcome);
    void onPdfFinished(const QString &path, const QString &error);
    void showMessage(const QString &text, int timeoutMs = 0);

    Library *m_library;
    DatabaseWorker *m_worker;
    QStatusBar *m_status;
    QNetworkAccessManager *m_nam;
    RequestPacer *m_pacer;
    MetadataFetcher *m_fetcher = nullptr;
    PdfDownloader *m_downloader = nullptr;
    qint64 m_pdfPaper = 0;
    int m_pdfVersion = 0;
    int m_stored = 0;
};

} // namespace lectern
