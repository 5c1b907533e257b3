#include "arxivcontroller.h"

#include "arxiv/arxivendpoints.h"
#include "arxiv/metadatafetcher.h"
#include "arxiv/pdfdownloader.h"
#include "arxiv/requestpacer.h"
#include "store/databaseworker.h"
#include "store/library.h"

#include <QCoreApplication>
#include <QNetworkAccessManager>
#include <QPointer>
#include <QStatusBar>

namespace lectern {

ArxivController::ArxivController(Library *library, DatabaseWorker *worker, QStatusBar *status,
                                 QObject *parent)
    : QObject(parent)
    , m_library(library)
    , m_worker(worker)
    , m_status(status)
    , m_nam(new QNetworkAccessManager(this))
    , m_pacer(new RequestPacer) {}

ArxivController::~ArxivController() {
    delete m_fetcher;
    delete m_downloader;
    delete m_pacer;
}

bool ArxivController::isBusy() const {
    return (m_fetcher && m_fetcher->isRunning()) || (m_downloader && m_downloader->isRunning());
}

void ArxivController::showMessage(const QString &text, int timeoutMs) {
    if (m_status)
        m_status->showMessage(text, timeoutMs);
}

void ArxivController::fetchMetadata(const QList<qint64> &paperIds) {
    const std::optional<QList<LibraryPaper>> papers = m_library->papers(paperIds);
    if (!papers) {
        showMessage(tr("Cannot read the library: %1").arg(m_library->lastError()));
        return;
    }
    QStringList ids;
    for (const LibraryPaper &p : *papers) {
        if (!p.paper.arxivId.isEmpty())
            ids << p.paper.arxivId;
    }
    if (ids.isEmpty()) {
        showMessage(tr("This paper has no arXiv id to ask arXiv about."), 5000);
        return;
    }
    startFetch(ids);
}

void ArxivController::fetchView(const QString &query) {
    const QueryResult r = m_library->query(query);
    if (!r.ok()) {
        showMessage(r.error, 5000);
        return;
    }
    QStringList ids;
    for (const PaperRow &row : r.rows) {
        if (!row.arxivId.isEmpty())
            ids << row.arxivId;
    }
    if (ids.isEmpty()) {
        showMessage(tr("No paper in this view has an arXiv id."), 5000);
        return;
    }
    startFetch(ids);
}

void ArxivController::startFetch(const QStringList &arxivIds) {
    if (isBusy()) {
        showMessage(tr("arXiv is still busy with the last request (Esc cancels it)."), 5000);
        return;
    }
    const ArxivEndpoints endpoints = ArxivEndpoints::fromSettings();
    delete m_fetcher;
    m_fetcher = new MetadataFetcher(m_nam, endpoints, m_pacer);
    connect(m_fetcher, &MetadataFetcher::batchArrived, this, &ArxivController::storeBatch);
    connect(m_fetcher, &MetadataFetcher::progress, this, [this](int done, int total) {
        showMessage(tr("Fetching metadata from arXiv: %1 of %2 papers… (Esc cancels)")
                        .arg(QString::number(done), QString::number(total)));
    });
    connect(m_fetcher, &MetadataFetcher::finished, this, &ArxivController::onFetchFinished);
    m_stored = 0;
    showMessage(tr("Fetching metadata from arXiv for %n paper(s)… (Esc cancels)", nullptr,
                   int(arxivIds.size())));
    m_fetcher->fetch(arxivIds);
}

void ArxivController::storeBatch(const QList<ArxivRecord> &records) {
    QPointer<ArxivController> self(this);
    m_worker->post([self, records](Library &library, const std::function<bool()> &) {
        const std::optional<int> stored = library.storeMetadata(records);
        QList<qint64> ids;
        for (const ArxivRecord &r : records) {
            if (const std::optional<qint64> id = library.idForKey(r.arxivId); id && *id > 0)
                ids << *id;
        }
        const QString error = stored ? QString() : library.lastError();
        QMetaObject::invokeMethod(
            QCoreApplication::instance(),
            [self, ids, error, n = stored.value_or(0)] {
                if (!self)
                    return;
                if (!error.isEmpty()) {
                    self->showMessage(tr("Could not store arXiv metadata: %1").arg(error));
                    self->cancel();
                    return;
                }
                self->m_stored += n;
                Q_EMIT self->metadataStored(ids);
            },
            Qt::QueuedConnection);
    });
}

void ArxivController::onFetchFinished(const MetadataOutcome &o) {
    if (o.cancelled) {
        showMessage(tr("Fetching cancelled; metadata for %n paper(s) kept.", nullptr, o.received),
                    8000);
        return;
    }
    if (!o.error.isEmpty()) {
        showMessage(o.error + tr(" — nothing else changed; try again later."));
        return;
    }
    QString text = tr("Metadata from arXiv for %n paper(s).", nullptr, o.received);
    if (!o.missing.isEmpty())
        text += u' ' + tr("arXiv does not know %1.").arg(o.missing.join(QStringLiteral(", ")));
    showMessage(text, 8000);
}

void ArxivController::downloadPdf(qint64 paperId) {
    if (isBusy()) {
        showMessage(tr("arXiv is still busy with the last request (Esc cancels it)."), 5000);
        return;
    }
    const std::optional<LibraryPaper> lp = m_library->paper(paperId);
    const std::optional<StoredMetadata> meta = m_library->metadata(paperId);
    if (!lp || !meta || lp->paper.arxivId.isEmpty()) {
        showMessage(lp && lp->paper.arxivId.isEmpty() ? tr("This paper has no arXiv id.")
                                                      : m_library->lastError(),
                    5000);
        return;
    }
    m_pdfPaper = paperId;
    m_pdfVersion = std::max(lp->paper.version, meta->record.version);
    delete m_downloader;
    m_downloader = new PdfDownloader(m_nam, ArxivEndpoints::fromSettings(), m_pacer);
    connect(m_downloader, &PdfDownloader::progress, this, [this](qint64 got, qint64 total) {
        showMessage(
            total > 0
                ? tr("Downloading the PDF: %1 of %2 KB… (Esc cancels)")
                      .arg(QString::number(got / 1024), QString::number(total / 1024))
                : tr("Downloading the PDF: %1 KB… (Esc cancels)").arg(QString::number(got / 1024)));
    });
    connect(m_downloader, &PdfDownloader::finished, this, &ArxivController::onPdfFinished);
    showMessage(tr("Downloading the PDF of arXiv:%1… (Esc cancels)").arg(lp->paper.arxivId));
    m_downloader->download(lp->paper.arxivId, m_pdfVersion, m_library->pdfFolder());
}

void ArxivController::onPdfFinished(const QString &path, const QString &error) {
    if (!error.isEmpty()) {
        showMessage(tr("The PDF was not saved: %1").arg(error), 10000);
        return;
    }
    const qint64 id = m_pdfPaper;
    const int version = m_pdfVersion;
    QPointer<ArxivController> self(this);
    m_worker->post([self, id, version, path](Library &library, const std::function<bool()> &) {
        const QString error = library.setPdf(id, version, path) ? QString() : library.lastError();
        QMetaObject::invokeMethod(
            QCoreApplication::instance(),
            [self, id, path, error] {
                if (!self)
                    return;
                if (!error.isEmpty()) {
                    self->showMessage(tr("The PDF is in %1 but the library could not record it: %2")
                                          .arg(path, error));
                    return;
                }
                self->showMessage(tr("PDF saved: %1").arg(path), 8000);
                Q_EMIT self->pdfSaved(id, path);
            },
            Qt::QueuedConnection);
    });
}

bool ArxivController::cancel() {
    bool any = false;
    if (m_fetcher && m_fetcher->isRunning()) {
        m_fetcher->cancel();
        any = true;
    }
    if (m_downloader && m_downloader->isRunning()) {
        m_downloader->cancel();
        any = true;
    }
    return any;
}

} // namespace lectern
