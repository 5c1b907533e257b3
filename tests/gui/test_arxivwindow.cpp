// The window's arXiv actions against a local stand-in: `i` fetches the shown paper's metadata
// (chips in the pane, the newer-version mark in the list, categories in the sidebar), Shift+D
// saves its PDF, `o` opens the saved PDF, Esc cancels, and failures say so in the status bar.
#include "arxiv/requestpacer.h"
#include "arxivcontroller.h"
#include "arxivfeeds.h"
#include "guitestsupport.h"
#include "libraryfixtures.h"
#include "localhttpserver.h"
#include "paperlistmodel.h"
#include "paperroles.h"
#include "readingpane.h"
#include "sidebar.h"
#include "testsupport.h"

#include <catch2/catch_test_macros.hpp>

#include <QDir>
#include <QTcpSocket>
#include <QTimer>
#include <QTreeWidget>
#include <QUrlQuery>

using namespace Qt::StringLiterals;
using namespace lectern;
using namespace lectern::test;

namespace {

struct ArxivWindow {
    LocalHttpServer server;
    TestWindow t;
    QList<QUrl> opened;
    int pdfRequests = 0;

    explicit ArxivWindow(const QString &name)
        : t(name, {fixtureDigest1()}) {
        qputenv("LECTERN_ARXIV_API_URL", server.url(u"/api/query"_s).toString().toUtf8());
        qputenv("LECTERN_ARXIV_PDF_URL", server.url(u"/pdf/"_s).toString().toUtf8());
        // No real 3 s pauses in a test: the pacer's waits end at once (spacing is tested in
        // test_arxivnetwork on an injected clock).
        t.w->arxiv()->pacer()->setWait(
            [](qint64, std::function<void()> then) { QTimer::singleShot(0, std::move(then)); });
        t.w->setUrlOpener([this](const QUrl &url) { opened << url; });
        server.route("/api/query", [](QTcpSocket *s, const LocalHttpServer::Request &r) {
            QByteArray entries;
            for (const QString &id :
                 QUrlQuery(r.url).queryItemValue(u"id_list"_s).split(u',', Qt::SkipEmptyParts)) {
                FeedEntry e;
                e.id = id;
                e.version = 3;
                e.title = u"Exact arXiv title of "_s + id;
                e.others = {u"cs.CL"_s};
                e.comment = u"Accepted at <b>ICML</b>"_s;
                entries += atomEntry(e);
            }
            LocalHttpServer::respond(s, 200, atomFeed(entries), "application/atom+xml");
        });
    }
    ~ArxivWindow() {
        qunsetenv("LECTERN_ARXIV_API_URL");
        qunsetenv("LECTERN_ARXIV_PDF_URL");
    }
    QString paneText() const { return t.w->readingPane()->toPlainText(); }
    // The shown paper's PDF address on the stand-in (its version is the digest's v1).
    QByteArray shownPdfPath() const {
        const auto p = t.lib.paper(t.w->currentPaperId());
        REQUIRE(p);
        return "/pdf/" + p->paper.arxivId.toUtf8() + "v1";
    }
};

} // namespace

TEST_CASE("i fetches the shown paper's metadata: pane, list mark, sidebar categories", "[gui]") {
    ArxivWindow a(u"arxiv-i"_s);
    const qint64 shown = a.t.w->currentPaperId();
    REQUIRE(shown != 0);
    CHECK(a.server.requests().isEmpty()); // nothing without the user
    a.t.key(Qt::Key_I);
    REQUIRE(waitUntil([&] { return a.paneText().contains(u"cs.CL"_s); }, 20000));
    CHECK(a.server.requests().size() == 1);
    CHECK(a.paneText().contains(u"Exact arXiv title of"_s));
    CHECK(a.paneText().contains(u"arXiv has v3"_s));
    CHECK(a.paneText().contains(u"Accepted at <b>ICML</b>"_s)); // escaped, shown as text
    CHECK(a.t.status().contains(u"Metadata from arXiv for 1 paper"_s));

    // The list marks the paper (after the debounced reload); the sidebar lists its categories.
    REQUIRE(waitUntil(
        [&] {
            const int row = int(a.t.w->model()->locate(shown));
            return row >= 0 && a.t.w->model()->index(row, 0).data(NewerVersionRole).toBool();
        },
        10000));
    REQUIRE(waitUntil(
        [&] {
            return !a.t.w->sidebar()
                        ->findItems(u"cs.LG"_s, Qt::MatchExactly | Qt::MatchRecursive)
                        .isEmpty();
        },
        10000));
}

TEST_CASE("Shift+D saves the PDF beside the library; o opens it", "[gui]") {
    ArxivWindow a(u"arxiv-pdf"_s);
    const QByteArray pdfPath = a.shownPdfPath();
    a.server.route(pdfPath, [&](QTcpSocket *s, const auto &) {
        ++a.pdfRequests;
        LocalHttpServer::respond(s, 200, "%PDF-1.4\nx\n%%EOF", "application/pdf");
    });
    a.t.key(Qt::Key_O); // no PDF yet: the abstract page
    REQUIRE(a.opened.size() == 1);
    CHECK(a.opened.constLast().scheme() == u"https");
    a.t.key(Qt::Key_D, Qt::ShiftModifier);
    QStringList seen;
    const bool saved = waitUntil(
        [&] {
            if (seen.isEmpty() || seen.constLast() != a.t.status())
                seen << a.t.status();
            return a.paneText().contains(u"PDF saved"_s);
        },
        20000);
    INFO(seen.join(u" | "_s).toStdString());
    INFO(a.pdfRequests);
    REQUIRE(saved);
    const QString pdf =
        QDir(a.t.dir).filePath(u"pdfs"_s + QString::fromUtf8(pdfPath.mid(4)) + u".pdf"_s);
    CHECK(QFile::exists(pdf));
    a.t.key(Qt::Key_O);
    REQUIRE(a.opened.size() == 2);
    CHECK(a.opened.constLast() == QUrl::fromLocalFile(pdf));
}

TEST_CASE("an HTML page instead of a PDF, and offline: one message, nothing kept", "[gui]") {
    ArxivWindow a(u"arxiv-fail"_s);
    SECTION("HTML") {
        a.server.route(a.shownPdfPath(), [](QTcpSocket *s, const auto &) {
            LocalHttpServer::respond(s, 200, "<html>Are you a robot?</html>", "text/html");
        });
        a.t.key(Qt::Key_D, Qt::ShiftModifier);
        REQUIRE(waitUntil([&] { return a.t.status().contains(u"not saved"_s); }, 20000));
        CHECK(a.t.status().contains(u"did not send a PDF"_s));
        CHECK(QDir(QDir(a.t.dir).filePath(u"pdfs"_s)).isEmpty());
    }
    SECTION("offline") {
        qputenv("LECTERN_ARXIV_API_URL", "http://127.0.0.1:1/api/query");
        a.t.key(Qt::Key_I);
        REQUIRE(waitUntil([&] { return a.t.status().contains(u"could not be reached"_s); }, 20000));
        CHECK_FALSE(a.paneText().contains(u"cs.LG"_s));
    }
}

TEST_CASE("Esc cancels a download in progress and leaves no file", "[gui]") {
    ArxivWindow a(u"arxiv-esc"_s);
    QList<QTcpSocket *> open;
    a.server.route(a.shownPdfPath(), [&](QTcpSocket *s, const auto &) {
        s->write("HTTP/1.1 200 OK\r\nContent-Length: 1000000\r\n\r\n%PDF-1.4\npartial");
        open << s; // never finishes
    });
    a.t.key(Qt::Key_D, Qt::ShiftModifier);
    REQUIRE(waitUntil([&] { return !open.isEmpty(); }, 20000));
    REQUIRE(a.t.w->arxiv()->isBusy());
    a.t.key(Qt::Key_Escape);
    CHECK_FALSE(a.t.w->arxiv()->isBusy());
    CHECK(a.t.status().contains(u"cancelled"_s));
    CHECK(QDir(QDir(a.t.dir).filePath(u"pdfs"_s)).entryList(QDir::Files | QDir::Hidden).isEmpty());
}
