// The pieces of the arXiv client that need no network: the Atom reader, the addresses, pacing.
#include "arxiv/arxivendpoints.h"
#include "arxiv/atomfeed.h"
#include "arxiv/requestpacer.h"
#include "arxivfeeds.h"
#include "testsupport.h"

#include <catch2/catch_test_macros.hpp>

#include <QCoreApplication>
#include <QSettings>
#include <QTimeZone>

using namespace lectern;
using namespace Qt::StringLiterals;

TEST_CASE("AtomFeed reads every field of an entry") {
    test::FeedEntry e;
    e.id = QStringLiteral("2505.01259");
    e.version = 3;
    e.title = QStringLiteral("Speculative  decoding:\n  faster & <better>");
    e.authors = {QStringLiteral("Tri Dao"), QStringLiteral("Yann LeCun")};
    e.others = {QStringLiteral("cs.CL"), QStringLiteral("cs.LG")};
    e.comment = QStringLiteral("12 pages, 3 figures");
    e.journalRef = QStringLiteral("NeurIPS 2025");
    e.doi = QStringLiteral("10.1000/xyz123");
    const AtomFeed feed = AtomFeed::parse(test::atomFeed(test::atomEntry(e)));
    REQUIRE(feed.ok());
    REQUIRE(feed.records.size() == 1);
    const ArxivRecord &r = feed.records.constFirst();
    CHECK(r.arxivId == u"2505.01259");
    CHECK(r.version == 3);
    CHECK(r.title == u"Speculative decoding: faster & <better>");
    CHECK(r.authors == QStringList{u"Tri Dao"_s, u"Yann LeCun"_s});
    CHECK(r.abstract == u"An abstract over two lines.");
    CHECK(r.primaryCategory == u"cs.LG");
    CHECK(r.categories == QStringList{u"cs.LG"_s, u"cs.CL"_s});
    CHECK(r.comments == u"12 pages, 3 figures");
    CHECK(r.journalRef == u"NeurIPS 2025");
    CHECK(r.doi == u"10.1000/xyz123");
    CHECK(r.published == QDateTime(QDate(2025, 5, 6), QTime(12, 0), QTimeZone::UTC));
    CHECK(r.updated == QDateTime(QDate(2025, 5, 8), QTime(17, 59, 58), QTimeZone::UTC));
}

TEST_CASE("AtomFeed reports error entries and skips unknown ids") {
    const QByteArray unknown = "<entry><id>http://arxiv.org/abs/9999.99999v1</id></entry>";
    const AtomFeed feed = AtomFeed::parse(
        test::atomFeed(test::errorEntry(QStringLiteral("incorrect id format for 12")) + unknown));
    REQUIRE(feed.ok());
    CHECK(feed.records.isEmpty());
    CHECK(feed.apiErrors == QStringList{u"incorrect id format for 12"_s});
}

TEST_CASE("AtomFeed refuses what is not a feed, saying where") {
    SECTION("malformed XML") {
        const AtomFeed feed = AtomFeed::parse(test::atomFeed("<entry><id>x</entry>"));
        CHECK_FALSE(feed.ok());
        CHECK(feed.parseError.startsWith(u"line "));
        CHECK(feed.records.isEmpty());
    }
    SECTION("an HTML page") {
        const AtomFeed feed = AtomFeed::parse("<html><body>Service unavailable</body></html>");
        CHECK_FALSE(feed.ok());
        CHECK(feed.parseError.contains(u"expected an Atom <feed>"));
    }
    SECTION("nothing") {
        CHECK_FALSE(AtomFeed::parse(QByteArray()).ok());
    }
}

TEST_CASE("ArxivEndpoints accepts https and local http only") {
    CHECK(ArxivEndpoints::isAcceptable(QUrl(u"https://export.arxiv.org/api/query"_s)));
    CHECK(ArxivEndpoints::isAcceptable(QUrl(u"http://127.0.0.1:8080/api"_s)));
    CHECK_FALSE(ArxivEndpoints::isAcceptable(QUrl(u"http://export.arxiv.org/api/query"_s)));
    CHECK_FALSE(ArxivEndpoints::isAcceptable(QUrl(u"ftp://arxiv.org/"_s)));
    CHECK_FALSE(ArxivEndpoints::isAcceptable(QUrl(u"file:///etc/passwd"_s)));

    qputenv("LECTERN_ARXIV_API_URL", "http://example.org/api");
    const ArxivEndpoints bad = ArxivEndpoints::resolve();
    CHECK_FALSE(bad.valid());
    CHECK(bad.error().contains(u"http://example.org/api"));
    qunsetenv("LECTERN_ARXIV_API_URL");

    const ArxivEndpoints e = ArxivEndpoints::resolve();
    REQUIRE(e.valid());
    CHECK(e.mayRedirectTo(QUrl(u"https://arxiv.org/abs/1"_s)));
    CHECK(e.mayRedirectTo(QUrl(u"https://export.arxiv.org/x"_s)));
    CHECK_FALSE(e.mayRedirectTo(QUrl(u"https://evil.example/arxiv.org"_s)));
    CHECK_FALSE(e.mayRedirectTo(QUrl(u"https://notarxiv.org/"_s)));
    CHECK_FALSE(e.mayRedirectTo(QUrl(u"http://arxiv.org/"_s)));
    CHECK(e.metadataUrl({u"2505.01259"_s, u"hep-th/9901001"_s}).toString() ==
          u"https://export.arxiv.org/api/query?id_list=2505.01259,hep-th/9901001&max_results=2");
    CHECK(e.pdfUrl(u"2505.01259"_s, 2).toString() == u"https://arxiv.org/pdf/2505.01259v2");
}

TEST_CASE("RequestPacer spaces requests and backs off, on an injected clock") {
    qint64 now = 1000;
    QList<qint64> waits;
    RequestPacer pacer;
    pacer.setClock([&] { return now; });
    pacer.setWait([&](qint64 ms, std::function<void()> then) {
        waits << ms;
        now += ms;
        then();
    });
    QList<qint64> starts;
    for (int i = 0; i < 3; ++i)
        pacer.whenAllowed([&] { starts << now; });
    CHECK(starts == QList<qint64>{1000, 4000, 7000});

    now += 500; // the server answered 429 half a second later
    CHECK(pacer.backOff(0, std::nullopt) == 3000);
    pacer.whenAllowed([&] { starts << now; });
    CHECK(starts.last() == 10500);
    CHECK(pacer.backOff(2, std::nullopt) == 12000); // doubles with each attempt
    CHECK(pacer.backOff(0, 60'000) == 60'000);      // Retry-After wins when longer
    CHECK(pacer.backOff(30, std::nullopt) == RequestPacer::kMaxBackoffMs);
}

TEST_CASE("Retry-After as seconds or an HTTP date") {
    const QDateTime now(QDate(2025, 5, 6), QTime(12, 0), QTimeZone::UTC);
    CHECK(RequestPacer::parseRetryAfter("120", now) == 120'000);
    CHECK(RequestPacer::parseRetryAfter("Tue, 06 May 2025 12:00:30 GMT", now) == 30'000);
    CHECK(RequestPacer::parseRetryAfter("", now) == std::nullopt);
    CHECK(RequestPacer::parseRetryAfter("soon", now) == std::nullopt);
    CHECK(RequestPacer::parseRetryAfter("-5", now) == std::nullopt);
}

TEST_CASE("ArxivEndpoints reads its addresses from the settings; the environment wins") {
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope,
                       test::scratchDir(u"endpoint-settings"_s));
    QCoreApplication::setOrganizationName(u"Lectern"_s);
    QCoreApplication::setApplicationName(u"Lectern"_s);
    {
        QSettings s;
        s.setValue(u"network/arxivApiUrl"_s, u"https://mirror.example/api/query"_s);
        s.setValue(u"network/arxivPdfUrl"_s, u"http://example.org/pdf/"_s);
    }
    ArxivEndpoints e = ArxivEndpoints::fromSettings();
    CHECK(e.apiUrl() == QUrl(u"https://mirror.example/api/query"_s));
    CHECK_FALSE(e.valid()); // plain http to another host is refused
    CHECK(e.error().contains(u"http://example.org/pdf/"));

    qputenv("LECTERN_ARXIV_PDF_URL", "https://arxiv.org/pdf/");
    e = ArxivEndpoints::fromSettings();
    CHECK(e.valid());
    CHECK(e.mayRedirectTo(QUrl(u"https://mirror.example/elsewhere"_s)));
    qunsetenv("LECTERN_ARXIV_PDF_URL");
    QSettings().remove(u"network"_s);
}
