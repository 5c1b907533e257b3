// The arXiv clients against a local HTTP server: batches, missing ids, 429/503 with
// Retry-After, malformed answers, timeouts, size caps, HTML instead of a PDF, refused redirects
// and dropped connections. Pacing runs on an injected clock, so nothing sleeps for 3 s.
#include "arxiv/metadatafetcher.h"
#include "arxiv/pdfdownloader.h"
#include "arxiv/requestpacer.h"
#include "arxivfeeds.h"
#include "localhttpserver.h"
#include "testsupport.h"

#include <catch2/catch_test_macros.hpp>

#include <QDir>
#include <QNetworkAccessManager>
#include <QTcpSocket>
#include <QTimer>
#include <QUrlQuery>

using namespace lectern;
using namespace Qt::StringLiterals;

namespace {

// A server, a pacer on a fake clock (waits advance it instead of sleeping) and endpoints
// pointing at the server.
struct Net {
    test::LocalHttpServer server;
    QNetworkAccessManager nam;
    RequestPacer pacer;
    qint64 now = 0;
    QList<qint64> requestTimes;

    Net() {
        pacer.setClock([this] { return now; });
        pacer.setWait([this](qint64 ms, std::function<void()> then) {
            now += ms;
            QTimer::singleShot(0, std::move(then));
        });
        server.onRequest = [this](const test::LocalHttpServer::Request &) { requestTimes << now; };
        qputenv("LECTERN_ARXIV_API_URL", server.url(u"/api/query"_s).toString().toUtf8());
        qputenv("LECTERN_ARXIV_PDF_URL", server.url(u"/pdf/"_s).toString().toUtf8());
    }
    ~Net() {
        qunsetenv("LECTERN_ARXIV_API_URL");
        qunsetenv("LECTERN_ARXIV_PDF_URL");
    }
    ArxivEndpoints endpoints() const { return ArxivEndpoints::resolve(); }
};

QStringList idsOf(const test::LocalHttpServer::Request &r) {
    return QUrlQuery(r.url).queryItemValue(u"id_list"_s).split(u',', Qt::SkipEmptyParts);
}

// Answers each id it knows (those not in `unknown`) with a version-2 entry.
test::LocalHttpServer::Handler feedFor(QStringList unknown = {}) {
    return [unknown](QTcpSocket *s, const test::LocalHttpServer::Request &r) {
        QByteArray entries;
        for (const QString &id : idsOf(r)) {
            if (unknown.contains(id))
                continue;
            test::FeedEntry e;
            e.id = id;
            e.version = 2;
            e.title = u"Paper "_s + id;
            entries += test::atomEntry(e);
        }
        test::LocalHttpServer::respond(s, 200, test::atomFeed(entries), "application/atom+xml");
    };
}

struct FetchRun {
    QList<ArxivRecord> records;
    std::optional<MetadataOutcome> outcome;
    QList<int> progress;
};

FetchRun runFetch(Net &net, const QStringList &ids, HttpFetch::Limits limits = {}) {
    MetadataFetcher fetcher(&net.nam, net.endpoints(), &net.pacer);
    fetcher.setLimits(limits);
    FetchRun run;
    QObject::connect(&fetcher, &MetadataFetcher::batchArrived,
                     [&](const QList<ArxivRecord> &r) { run.records << r; });
    QObject::connect(&fetcher, &MetadataFetcher::progress,
                     [&](int done, int) { run.progress << done; });
    QObject::connect(&fetcher, &MetadataFetcher::finished,
                     [&](const MetadataOutcome &o) { run.outcome = o; });
    fetcher.fetch(ids);
    REQUIRE(test::waitUntil([&] { return run.outcome.has_value(); }, 30000));
    return run;
}

QStringList manyIds(int n) {
    QStringList ids;
    for (int i = 0; i < n; ++i)
        ids << u"2505.%1"_s.arg(10000 + i);
    return ids;
}

} // namespace

TEST_CASE("Metadata comes in batches of 100, 3 s apart, with a User-Agent") {
    Net net;
    net.server.route("/api/query", feedFor());
    const FetchRun run = runFetch(net, manyIds(250));
    REQUIRE(run.outcome->ok());
    CHECK(run.outcome->received == 250);
    CHECK(run.records.size() == 250);
    CHECK(run.progress == QList<int>{100, 200, 250});
    REQUIRE(net.server.requests().size() == 3);
    for (const auto &r : net.server.requests()) {
        CHECK(idsOf(r).size() <= 100);
        CHECK(r.headers.value("user-agent").startsWith("Lectern/"));
    }
    for (qsizetype i = 1; i < net.requestTimes.size(); ++i)
        CHECK(net.requestTimes[i] - net.requestTimes[i - 1] >= 3000);
}

TEST_CASE("Ids arXiv does not know are reported as missing") {
    Net net;
    net.server.route("/api/query", feedFor({u"2505.10001"_s}));
    const FetchRun run = runFetch(net, manyIds(3));
    REQUIRE(run.outcome->ok());
    CHECK(run.outcome->received == 2);
    CHECK(run.outcome->missing == QStringList{u"2505.10001"_s});
    CHECK(run.records.constFirst().version == 2); // newer than a digest's v1: the caller flags it
}

TEST_CASE("Only the papers asked for are kept when the server answers with more") {
    Net net;
    net.server.route("/api/query", [](QTcpSocket *s, const auto &) {
        QByteArray entries;
        for (const char *id : {"2505.10000", "2999.00001", "2505.10000"}) {
            test::FeedEntry e;
            e.id = QString::fromLatin1(id);
            entries += test::atomEntry(e);
        }
        test::LocalHttpServer::respond(s, 200, test::atomFeed(entries));
    });
    const FetchRun run = runFetch(net, manyIds(1));
    REQUIRE(run.outcome->ok());
    REQUIRE(run.records.size() == 1);
    CHECK(run.records.constFirst().arxivId == u"2505.10000");
    CHECK(run.outcome->received == 1);
}

TEST_CASE("429 and 503 are retried after the server's Retry-After, then succeed") {
    Net net;
    int calls = 0;
    const auto ok = feedFor();
    net.server.route("/api/query", [&](QTcpSocket *s, const auto &r) {
        ++calls;
        if (calls == 1)
            test::LocalHttpServer::respond(s, 429, "slow down", "text/plain", {"Retry-After: 20"});
        else if (calls == 2)
            test::LocalHttpServer::respond(s, 503, "busy");
        else
            ok(s, r);
    });
    const FetchRun run = runFetch(net, manyIds(5));
    REQUIRE(run.outcome->ok());
    CHECK(run.outcome->received == 5);
    REQUIRE(net.requestTimes.size() == 3);
    CHECK(net.requestTimes[1] - net.requestTimes[0] >= 20000); // Retry-After: 20
    CHECK(net.requestTimes[2] - net.requestTimes[1] >= 6000);  // second attempt: 2 x 3 s
}

TEST_CASE("A server that stays busy ends the fetch with one message") {
    Net net;
    net.server.route("/api/query", [](QTcpSocket *s, const auto &) {
        test::LocalHttpServer::respond(s, 503, "busy");
    });
    const FetchRun run = runFetch(net, manyIds(2));
    CHECK(run.outcome->error.contains(u"busy"));
    CHECK(net.server.requests().size() == MetadataFetcher::kMaxRetries + 1);
    CHECK(run.records.isEmpty());
}

TEST_CASE("A malformed feed or an error entry is a clear result") {
    Net net;
    SECTION("malformed XML") {
        net.server.route("/api/query", [](QTcpSocket *s, const auto &) {
            test::LocalHttpServer::respond(s, 200,
                                           "<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry>");
        });
        const FetchRun run = runFetch(net, manyIds(1));
        CHECK(run.outcome->error.contains(u"unreadable answer"));
        CHECK(run.records.isEmpty());
    }
    SECTION("an error entry") {
        net.server.route("/api/query", [](QTcpSocket *s, const auto &) {
            test::LocalHttpServer::respond(
                s, 200, test::atomFeed(test::errorEntry(u"incorrect id format for x"_s)));
        });
        const FetchRun run = runFetch(net, {u"x"_s});
        CHECK(run.outcome->ok());
        CHECK(run.outcome->apiErrors == QStringList{u"incorrect id format for x"_s});
        CHECK(run.outcome->missing == QStringList{u"x"_s});
    }
}

TEST_CASE("A response that never ends times out; an oversized one is cut") {
    Net net;
    QList<QTcpSocket *> hung;
    SECTION("never ends") {
        net.server.route("/api/query", [&](QTcpSocket *s, const auto &) {
            s->write("HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n<feed");
            hung << s;
        });
        const FetchRun run = runFetch(net, manyIds(1), {1 << 20, 300});
        CHECK(run.outcome->error.contains(u"timed out"));
    }
    SECTION("too large") {
        net.server.route("/api/query", [](QTcpSocket *s, const auto &) {
            test::LocalHttpServer::respond(s, 200, QByteArray(300000, 'x'));
        });
        const FetchRun run = runFetch(net, manyIds(1), {100000, 5000});
        CHECK(run.outcome->error.contains(u"larger than"));
    }
}

TEST_CASE("Offline: one message, and nothing arrives") {
    Net net;
    qputenv("LECTERN_ARXIV_API_URL", "http://127.0.0.1:1/api/query");
    const FetchRun run = runFetch(net, manyIds(3));
    CHECK_FALSE(run.outcome->ok());
    CHECK(run.outcome->error.startsWith(u"arXiv could not be reached"));
    CHECK(run.records.isEmpty());
}

TEST_CASE("A redirect to another host is refused") {
    Net net;
    net.server.route("/api/query", [](QTcpSocket *s, const auto &) {
        test::LocalHttpServer::respond(s, 302, "", "text/plain",
                                       {"Location: https://evil.example/api/query"});
    });
    const FetchRun run = runFetch(net, manyIds(1));
    CHECK(run.outcome->error.contains(u"refused a redirect to https://evil.example"));
}

TEST_CASE("Cancelling keeps what arrived") {
    Net net;
    net.server.route("/api/query", feedFor());
    MetadataFetcher fetcher(&net.nam, net.endpoints(), &net.pacer);
    int received = 0;
    std::optional<MetadataOutcome> outcome;
    QObject::connect(&fetcher, &MetadataFetcher::batchArrived, [&](const QList<ArxivRecord> &r) {
        received += int(r.size());
        fetcher.cancel(); // after the first batch
    });
    QObject::connect(&fetcher, &MetadataFetcher::finished,
                     [&](const MetadataOutcome &o) { outcome = o; });
    fetcher.fetch(manyIds(1000));
    REQUIRE(test::waitUntil([&] { return outcome.has_value(); }, 30000));
    CHECK(outcome->cancelled);
    CHECK(received == 100);
    CHECK(net.server.requests().size() == 1);
}

namespace {

struct PdfRun {
    QString path;
    QString error;
    bool done = false;
};

PdfRun runPdf(Net &net, const QString &folder, const QString &id = u"2505.01259"_s) {
    PdfDownloader downloader(&net.nam, net.endpoints(), &net.pacer);
    downloader.setLimits({1 << 20, 2000});
    PdfRun run;
    QObject::connect(&downloader, &PdfDownloader::finished,
                     [&](const QString &p, const QString &e) {
                         run.path = p;
                         run.error = e;
                         run.done = true;
                     });
    downloader.download(id, 2, folder);
    REQUIRE(test::waitUntil([&] { return run.done; }, 30000));
    return run;
}

} // namespace

TEST_CASE("A PDF is kept only when whole and really a PDF") {
    Net net;
    const QString folder = test::scratchDir(u"pdfs"_s);
    QDir(folder).removeRecursively();
    SECTION("a PDF") {
        net.server.route("/pdf/2505.01259v2", [](QTcpSocket *s, const auto &) {
            test::LocalHttpServer::respond(s, 200, "%PDF-1.7\nbody\n%%EOF", "application/pdf");
        });
        const PdfRun run = runPdf(net, folder);
        REQUIRE(run.error.isEmpty());
        CHECK(run.path == QDir(folder).filePath(u"2505.01259v2.pdf"_s));
        QFile f(run.path);
        REQUIRE(f.open(QIODevice::ReadOnly));
        CHECK(f.readAll() == "%PDF-1.7\nbody\n%%EOF");
    }
    SECTION("an HTML page") {
        net.server.route("/pdf/2505.01259v2", [](QTcpSocket *s, const auto &) {
            test::LocalHttpServer::respond(s, 200, "<html>captcha</html>", "text/html");
        });
        const PdfRun run = runPdf(net, folder);
        CHECK(run.error.contains(u"did not send a PDF"));
        CHECK(QDir(folder).entryList(QDir::Files | QDir::Hidden).isEmpty());
    }
    SECTION("a connection dropped mid-PDF") {
        net.server.route("/pdf/2505.01259v2", [](QTcpSocket *s, const auto &) {
            s->write("HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n%PDF-1.7\npart");
            s->flush();
            s->abort();
        });
        const PdfRun run = runPdf(net, folder);
        CHECK_FALSE(run.error.isEmpty());
        CHECK(run.path.isEmpty());
        CHECK(QDir(folder).entryList(QDir::Files | QDir::Hidden).isEmpty());
    }
    SECTION("a 404") {
        const PdfRun run = runPdf(net, folder);
        CHECK(run.error.contains(u"404"));
        CHECK(QDir(folder).entryList(QDir::Files | QDir::Hidden).isEmpty());
    }
}
