// lectern-cli fetch / pdf / show --json against a local arXiv stand-in.
#include "arxivfeeds.h"
#include "libraryfixtures.h"
#include "localhttpserver.h"
#include "store/library.h"
#include "testsupport.h"

#include <catch2/catch_test_macros.hpp>

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTcpSocket>
#include <QUrlQuery>

using namespace lectern;
using namespace lectern::test;
using namespace Qt::StringLiterals;

namespace {

// Runs lectern-cli while this process keeps serving HTTP (runBoundedCli would block the server).
ProcessResult runServing(const QStringList &args) {
    QProcess p;
    p.start(QStringLiteral(LECTERN_CLI_PATH), args);
    p.closeWriteChannel();
    const bool done = waitUntil([&] { return p.state() == QProcess::NotRunning; }, 30000);
    if (!done) {
        p.kill();
        p.waitForFinished();
    }
    const bool normal = done && p.exitStatus() == QProcess::NormalExit;
    return {normal ? p.exitCode() : -1, p.readAllStandardOutput(), p.readAllStandardError()};
}

struct CliNet {
    LocalHttpServer server;
    QString db;
    CliNet() {
        const QString dir = scratchDir(u"arxivcli"_s);
        QDir(dir).removeRecursively();
        QDir().mkpath(dir);
        db = dir + u"/library.sqlite"_s;
        Library lib;
        REQUIRE(lib.open(db));
        REQUIRE(lib.importData(u"d1.md"_s, fixtureDigest1()).imported);
        REQUIRE(lib.importData(u"d2.md"_s, fixtureDigest2()).imported);
        qputenv("LECTERN_ARXIV_API_URL", server.url(u"/api/query"_s).toString().toUtf8());
        qputenv("LECTERN_ARXIV_PDF_URL", server.url(u"/pdf/"_s).toString().toUtf8());
        server.route("/api/query", [](QTcpSocket *s, const LocalHttpServer::Request &r) {
            QByteArray entries;
            const QStringList ids =
                QUrlQuery(r.url).queryItemValue(u"id_list"_s).split(u',', Qt::SkipEmptyParts);
            for (const QString &id : ids) {
                FeedEntry e;
                e.id = id;
                e.version = 4;
                e.others = {u"cs.CL"_s};
                e.doi = u"10.1/"_s + id;
                entries += atomEntry(e);
            }
            LocalHttpServer::respond(s, 200, atomFeed(entries), "application/atom+xml");
        });
    }
    ~CliNet() {
        qunsetenv("LECTERN_ARXIV_API_URL");
        qunsetenv("LECTERN_ARXIV_PDF_URL");
    }
    QJsonObject show(const QString &id) {
        const ProcessResult r = runServing({u"--db"_s, db, u"show"_s, id, u"--json"_s});
        REQUIRE(r.code == 0);
        return QJsonDocument::fromJson(r.out).object();
    }
};

} // namespace

TEST_CASE("lectern-cli fetch stores metadata that show --json prints") {
    CliNet net;
    QJsonObject before = net.show(u"2505.00001"_s);
    CHECK(before.value(u"categories"_s).isNull());
    CHECK(before.value(u"fetched_at"_s).isNull());

    const ProcessResult r =
        runServing({u"--db"_s, net.db, u"fetch"_s, u"2505.00001"_s, u"2505.00002"_s});
    INFO(r.err.toStdString());
    REQUIRE(r.code == 0);
    CHECK(r.out.contains("metadata stored for 2 of 2 papers"));
    REQUIRE(net.server.requests().size() == 1);
    CHECK(net.server.requests().constFirst().headers.value("user-agent").startsWith("Lectern/"));

    const QJsonObject o = net.show(u"2505.00001"_s);
    CHECK(o.value(u"categories"_s).toArray() == QJsonArray{u"cs.LG"_s, u"cs.CL"_s});
    CHECK(o.value(u"primary_category"_s).toString() == u"cs.LG");
    CHECK(o.value(u"doi"_s).toString() == u"10.1/2505.00001");
    CHECK(o.value(u"latest_version"_s).toInt() == 4);
    CHECK(o.value(u"version"_s).toInt() == 1); // the digest's own version stays
    CHECK(!o.value(u"fetched_at"_s).toString().isEmpty());

    const ProcessResult list =
        runServing({u"--db"_s, net.db, u"list"_s, u"cat:cs.CL"_s, u"--json"_s});
    CHECK(QJsonDocument::fromJson(list.out).object().value(u"total"_s).toInt() == 2);
}

TEST_CASE("lectern-cli fetch --query asks for every matching paper") {
    CliNet net;
    const ProcessResult r =
        runServing({u"--db"_s, net.db, u"fetch"_s, u"--query"_s, u"author:smith"_s});
    REQUIRE(r.code == 0);
    CHECK(r.out.contains("metadata stored for 2 of 2 papers"));
    const QStringList asked =
        QUrlQuery(net.server.requests().constFirst().url).queryItemValue(u"id_list"_s).split(u',');
    CHECK(QSet<QString>(asked.begin(), asked.end()) ==
          QSet<QString>{u"2505.00001"_s, u"2505.00003"_s});
}

TEST_CASE("lectern-cli fetch offline: one message, exit 1, nothing changes") {
    CliNet net;
    qputenv("LECTERN_ARXIV_API_URL", "http://127.0.0.1:1/api/query");
    const ProcessResult r = runServing({u"--db"_s, net.db, u"fetch"_s, u"2505.00001"_s});
    CHECK(r.code == 1);
    CHECK(r.err.contains("arXiv could not be reached"));
    CHECK(net.show(u"2505.00001"_s).value(u"fetched_at"_s).isNull());
}

TEST_CASE("lectern-cli fetch refuses a non-https address and unknown papers") {
    CliNet net;
    SECTION("plain http to another host") {
        qputenv("LECTERN_ARXIV_API_URL", "http://example.org/api/query");
        const ProcessResult r = runServing({u"--db"_s, net.db, u"fetch"_s, u"2505.00001"_s});
        CHECK(r.code == 1);
        CHECK(r.err.contains("only https://"));
    }
    SECTION("an id not in the library") {
        const ProcessResult r = runServing({u"--db"_s, net.db, u"fetch"_s, u"2999.00001"_s});
        CHECK(r.code == 1);
        CHECK(r.err.contains("no paper 2999.00001"));
    }
    CHECK(net.server.requests().isEmpty());
}

TEST_CASE("lectern-cli pdf keeps a real PDF and refuses an HTML page") {
    CliNet net;
    net.server.route("/pdf/2505.00004v1", [](QTcpSocket *s, const auto &) {
        LocalHttpServer::respond(s, 200, "%PDF-1.5\n...\n%%EOF", "application/pdf");
    });
    net.server.route("/pdf/2505.00005v1", [](QTcpSocket *s, const auto &) {
        LocalHttpServer::respond(s, 200, "<!DOCTYPE html><html>Just a moment…</html>", "text/html");
    });
    const QString pdfs = QFileInfo(net.db).absolutePath() + u"/pdfs"_s;
    const ProcessResult ok = runServing({u"--db"_s, net.db, u"pdf"_s, u"2505.00004"_s});
    INFO(ok.err.toStdString());
    REQUIRE(ok.code == 0);
    CHECK(ok.out.trimmed() == (pdfs + u"/2505.00004v1.pdf"_s).toUtf8());
    CHECK(net.show(u"2505.00004"_s).value(u"pdf"_s).toString() == pdfs + u"/2505.00004v1.pdf"_s);

    const ProcessResult bad = runServing({u"--db"_s, net.db, u"pdf"_s, u"2505.00005"_s});
    CHECK(bad.code == 1);
    CHECK(bad.err.contains("did not send a PDF"));
    CHECK(QDir(pdfs).entryList(QDir::Files | QDir::Hidden) == QStringList{u"2505.00004v1.pdf"_s});
    CHECK(net.show(u"2505.00005"_s).value(u"pdf"_s).isNull());
}
