// Export from a real library: Library::ids, Exporter::exportIds over Library::papers, and
// `lectern-cli export`.
#include "exchange/exporter.h"
#include "exportreaders.h"
#include "libraryfixtures.h"
#include "store/library.h"
#include "testsupport.h"

#include <catch2/catch_test_macros.hpp>

#include <QBuffer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace lectern;
using namespace lectern::test;

namespace {

// The fixture library in its own folder (test cases run in parallel): 2505.00002 starred with
// a note and a tag.
struct ExportLibrary {
    QString dir, db;
    Library lib;
    explicit ExportLibrary(const QString &name) {
        dir = scratchDir(QStringLiteral("export-lib-") + name);
        db = dir + QStringLiteral("/lib.sqlite");
        REQUIRE(lib.open(db));
        REQUIRE(lib.importData(QStringLiteral("1.md"), fixtureDigest1()).imported);
        REQUIRE(lib.importData(QStringLiteral("2.md"), fixtureDigest2()).imported);
        const qint64 id = lib.idForKey(QStringLiteral("2505.00002")).value();
        REQUIRE(lib.setStarred({id}, true));
        REQUIRE(lib.setNote(id, QStringLiteral("Message & passing, 100%")));
        REQUIRE(lib.addTag({id}, QStringLiteral("gnn")));
    }
    ProcessResult cli(QStringList args) const {
        args << QStringLiteral("--db") << db;
        return runBoundedCli(args);
    }
};

QStringList arxivIds(const QJsonDocument &doc) {
    QStringList out;
    for (const QJsonValue &v : doc.object().value(QStringLiteral("papers")).toArray())
        out << v.toObject().value(QStringLiteral("arxiv_id")).toString();
    return out;
}

} // namespace

TEST_CASE("Library::ids lists a view's papers in query()'s order", "[export][store]") {
    ExportLibrary f(QStringLiteral("ids"));
    for (const QString &q : {QString(), QStringLiteral("graph"), QStringLiteral("is:starred"),
                             QStringLiteral("\"exact phrase\"")}) {
        const QueryResult r = f.lib.query(q, SortOrder::Title);
        REQUIRE(r.ok());
        QList<qint64> expected;
        for (const PaperRow &row : r.rows)
            expected << row.id;
        CHECK(f.lib.ids(q, SortOrder::Title) == expected);
    }
    CHECK(f.lib.ids(QString())->size() == 5);
    CHECK_FALSE(f.lib.ids(QStringLiteral("is:bogus")));
    CHECK(f.lib.lastError().contains(QLatin1String("bad query")));
}

TEST_CASE("exportIds streams the library's papers with their state", "[export][store]") {
    ExportLibrary f(QStringLiteral("stream"));
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    ExportOptions options;
    options.format = ExportFormat::Json;
    options.includeNotes = true;
    Exporter exporter(&buffer, options);
    const QList<qint64> ids = f.lib.ids(QStringLiteral("is:starred")).value();
    REQUIRE(
        exporter.exportIds(ids, [&](const QList<qint64> &chunk) { return f.lib.papers(chunk); }));
    CHECK(exporter.count() == 1);
    const QJsonObject p = QJsonDocument::fromJson(bytes)
                              .object()
                              .value(QStringLiteral("papers"))
                              .toArray()
                              .at(0)
                              .toObject();
    CHECK(p.value(QStringLiteral("arxiv_id")).toString() == QLatin1String("2505.00002"));
    CHECK(p.value(QStringLiteral("note")).toString() == QLatin1String("Message & passing, 100%"));
    CHECK(p.value(QStringLiteral("tags")).toArray().at(0).toString() == QLatin1String("gnn"));
    CHECK(p.value(QStringLiteral("digests")).toArray().at(0).toString() ==
          QLatin1String("2025-05-06"));
}

TEST_CASE("lectern-cli export: every format to stdout", "[export][cli]") {
    ExportLibrary f(QStringLiteral("cli-formats"));
    for (const QString &format : Exporter::formatNames()) {
        const ProcessResult r =
            f.cli({QStringLiteral("export"), QStringLiteral("--format"), format});
        INFO(format.toStdString() << ": " << r.err.toStdString());
        CHECK(r.code == 0);
        CHECK(r.err.isEmpty());
        CHECK(r.out.contains("2505.00005"));
    }
    const ProcessResult bib = f.cli({QStringLiteral("export"), QStringLiteral("--format=bibtex")});
    QList<BibEntry> entries;
    StrictBibReader reader;
    INFO(reader.error().toStdString());
    REQUIRE(reader.read(QString::fromUtf8(bib.out), &entries));
    CHECK(entries.size() == 5);
    CHECK_FALSE(bib.out.contains("note ="));
}

TEST_CASE("lectern-cli export: a query with --notes and -o writes the matching papers",
          "[export][cli]") {
    ExportLibrary f(QStringLiteral("cli-query"));
    const QString out = f.dir + QStringLiteral("/starred.json");
    const ProcessResult r =
        f.cli({QStringLiteral("export"), QStringLiteral("--format"), QStringLiteral("json"),
               QStringLiteral("--notes"), QStringLiteral("is:starred"), QStringLiteral("-o"), out});
    INFO(r.err.toStdString());
    REQUIRE(r.code == 0);
    CHECK(r.out.isEmpty());
    const QJsonDocument doc = QJsonDocument::fromJson(readFile(out));
    CHECK(arxivIds(doc) == QStringList{QStringLiteral("2505.00002")});
    CHECK(readFile(out).contains("Message & passing"));
    // Several words are one query, as for list.
    const ProcessResult two =
        f.cli({QStringLiteral("export"), QStringLiteral("--format"), QStringLiteral("json"),
               QStringLiteral("graph"), QStringLiteral("-is:starred")});
    CHECK(arxivIds(QJsonDocument::fromJson(two.out)) == QStringList{QStringLiteral("2505.00005")});
    // CSV to a file: CRLF records, a header and one row per paper.
    const QString csv = f.dir + QStringLiteral("/all.csv");
    REQUIRE(f.cli({QStringLiteral("export"), QStringLiteral("--format"), QStringLiteral("csv"),
                   QStringLiteral("--output"), csv})
                .code == 0);
    QList<QStringList> rows;
    QString error;
    REQUIRE(parseCsv(QString::fromUtf8(readFile(csv)), &rows, &error));
    CHECK(rows.size() == 6);
}

TEST_CASE("lectern-cli export: usage errors exit 2 and failures exit 1", "[export][cli]") {
    ExportLibrary f(QStringLiteral("cli-errors"));
    const ProcessResult bad =
        f.cli({QStringLiteral("export"), QStringLiteral("--format"), QStringLiteral("docx")});
    CHECK(bad.code == 2);
    CHECK(bad.err.contains("docx"));
    CHECK(bad.err.contains("bibtex"));
    CHECK(f.cli({QStringLiteral("export")}).code == 2); // --format is required
    const ProcessResult query = f.cli({QStringLiteral("export"), QStringLiteral("--format"),
                                       QStringLiteral("ris"), QStringLiteral("is:bogus")});
    CHECK(query.code == 1);
    CHECK(query.err.contains("bad query"));
    const QString out = f.dir + QStringLiteral("/no/such/dir/x.bib");
    const ProcessResult write = f.cli({QStringLiteral("export"), QStringLiteral("--format"),
                                       QStringLiteral("bibtex"), QStringLiteral("-o"), out});
    CHECK(write.code == 1);
    CHECK(write.err.contains(out.toUtf8()));
}
