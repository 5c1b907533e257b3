// lectern-cli fetch and pdf: arXiv metadata and PDFs, asked for explicitly.
#include "arxiv/arxivendpoints.h"
#include "arxiv/metadatafetcher.h"
#include "arxiv/pdfdownloader.h"
#include "arxiv/requestpacer.h"
#include "clicommands.h"
#include "console.h"
#include "store/library.h"

#include <QEventLoop>
#include <QNetworkAccessManager>

namespace lectern::cli {

namespace {

// The arXiv ids to fetch: the arguments, or every paper with an id matching --query.
bool idsToFetch(const CommandArgs &args, const Library &lib, QStringList *ids) {
    const QString query = args.value(QStringLiteral("query"));
    if (!args.values.contains(QStringLiteral("query"))) {
        QList<qint64> rows;
        if (!resolve(args.command, lib, args.positional, &rows))
            return false;
        for (qint64 id : rows)
            *ids << lib.paper(id).value_or(LibraryPaper()).paper.arxivId;
        ids->removeAll(QString());
        return true;
    }
    const QueryResult r = lib.query(query);
    if (!r.ok()) {
        Console::err() << "lectern-cli fetch: " << r.error << '\n';
        return false;
    }
    for (const PaperRow &row : r.rows) {
        if (!row.arxivId.isEmpty())
            *ids << row.arxivId;
    }
    return true;
}

void printOutcome(const MetadataOutcome &o, int stored) {
    Console::out() << "metadata stored for " << stored << " of " << o.requested
                   << (o.requested == 1 ? " paper\n" : " papers\n");
    if (!o.missing.isEmpty())
        Console::err() << "lectern-cli fetch: arXiv does not know " << o.missing.join(u' ') << '\n';
    for (const QString &e : o.apiErrors)
        Console::err() << "lectern-cli fetch: arXiv: " << e << '\n';
    if (!o.error.isEmpty())
        Console::err() << "lectern-cli fetch: " << o.error
                       << " (what arrived before is kept; run the command again to retry)\n";
}

} // namespace

int runFetch(const CommandArgs &args) {
    const bool byQuery = args.values.contains(QStringLiteral("query"));
    if (byQuery == !args.positional.isEmpty())
        return usageError(args.command, QStringLiteral("give ARXIV_IDs or --query QUERY"));
    Library lib;
    if (!openLibrary(args, &lib))
        return 1;
    QStringList ids;
    if (!idsToFetch(args, lib, &ids))
        return 1;
    const ArxivEndpoints endpoints = ArxivEndpoints::fromSettings();
    QNetworkAccessManager nam;
    RequestPacer pacer;
    MetadataFetcher fetcher(&nam, endpoints, &pacer);
    QEventLoop loop;
    int stored = 0;
    bool storeFailed = false;
    MetadataOutcome outcome;
    QObject::connect(&fetcher, &MetadataFetcher::batchArrived, [&](const QList<ArxivRecord> &r) {
        const std::optional<int> n = lib.storeMetadata(r);
        if (!n) {
            Console::err() << "lectern-cli fetch: " << lib.lastError() << '\n';
            storeFailed = true;
            fetcher.cancel();
            return;
        }
        stored += *n;
    });
    QObject::connect(&fetcher, &MetadataFetcher::progress, [&](int done, int total) {
        if (total > MetadataFetcher::kBatchSize)
            Console::err() << "fetched " << done << "/" << total << '\n';
    });
    QObject::connect(&fetcher, &MetadataFetcher::finished, [&](const MetadataOutcome &o) {
        outcome = o;
        loop.quit();
    });
    fetcher.fetch(ids);
    if (fetcher.isRunning())
        loop.exec();
    printOutcome(outcome, stored);
    return outcome.ok() && !storeFailed ? 0 : 1;
}

int runPdf(const CommandArgs &args) {
    if (args.positional.isEmpty())
        return usageError(args.command, QStringLiteral("no ARXIV_ID given"));
    Library lib;
    if (!openLibrary(args, &lib))
        return 1;
    QList<qint64> rows;
    if (!resolve(args.command, lib, args.positional, &rows))
        return 1;
    QNetworkAccessManager nam;
    RequestPacer pacer;
    PdfDownloader downloader(&nam, ArxivEndpoints::fromSettings(), &pacer);
    int failures = 0;
    for (qint64 id : rows) {
        const std::optional<LibraryPaper> lp = lib.paper(id);
        const std::optional<StoredMetadata> meta = lib.metadata(id);
        if (!lp || !meta || lp->paper.arxivId.isEmpty()) {
            Console::err() << "lectern-cli pdf: "
                           << (lp && lp->paper.arxivId.isEmpty()
                                   ? QStringLiteral("the paper has no arXiv id")
                                   : lib.lastError())
                           << '\n';
            ++failures;
            continue;
        }
        const int version = std::max(lp->paper.version, meta->record.version);
        QEventLoop loop;
        QString path, error;
        QObject::connect(&downloader, &PdfDownloader::finished, &loop,
                         [&](const QString &p, const QString &e) {
                             path = p;
                             error = e;
                             loop.quit();
                         });
        downloader.download(lp->paper.arxivId, version, lib.pdfFolder());
        if (downloader.isRunning())
            loop.exec();
        if (error.isEmpty() && !lib.setPdf(id, version, path))
            error = lib.lastError();
        if (!error.isEmpty()) {
            Console::err() << "lectern-cli pdf: " << lp->paper.arxivId << ": " << error << '\n';
            ++failures;
            continue;
        }
        Console::out() << path << '\n';
    }
    return failures == 0 ? 0 : 1;
}

} // namespace lectern::cli
