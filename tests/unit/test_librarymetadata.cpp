// Library: arXiv metadata stored beside the digest's fields, categories for cat: and the
// sidebar, the newer-version flag, and downloaded PDFs for has:pdf.
#include "libraryfixtures.h"
#include "store/library.h"
#include "testsupport.h"

#include <catch2/catch_test_macros.hpp>

#include <QDir>
#include <QFileInfo>
#include <QTimeZone>

using namespace lectern;
using namespace lectern::test;
using namespace Qt::StringLiterals;

namespace {

struct MetaLibrary {
    Library lib;
    MetaLibrary() {
        const QString dir = scratchDir(u"meta"_s);
        QDir(dir).removeRecursively();
        QDir().mkpath(dir);
        REQUIRE(lib.open(dir + u"/library.sqlite"_s));
        REQUIRE(lib.importData(u"d1.md"_s, fixtureDigest1()).imported);
        REQUIRE(lib.importData(u"d2.md"_s, fixtureDigest2()).imported);
    }
    qint64 id(const QString &arxivId) { return lib.idForKey(arxivId).value_or(0); }
    QStringList ids(const QString &query) {
        QStringList out;
        const QueryResult r = lib.query(query);
        REQUIRE(r.ok());
        for (const PaperRow &row : r.rows)
            out << row.arxivId;
        out.sort();
        return out;
    }
};

ArxivRecord record(const QString &id, int version, const QString &primary,
                   const QStringList &others = {}) {
    ArxivRecord r;
    r.arxivId = id;
    r.version = version;
    r.title = u"Exact Title: With Punctuation!"_s;
    r.authors = {u"Alice Smith"_s, u"Bob Jones"_s, u"Carla Müller"_s};
    r.abstract = u"The full abstract."_s;
    r.primaryCategory = primary;
    r.categories = QStringList{primary} + others;
    r.comments = u"10 pages"_s;
    r.doi = u"10.1/abc"_s;
    r.journalRef = u"J. Test 1 (2025)"_s;
    r.published = QDateTime(QDate(2025, 5, 1), QTime(10, 0), QTimeZone::UTC);
    r.updated = QDateTime(QDate(2025, 6, 1), QTime(10, 0), QTimeZone::UTC);
    return r;
}

} // namespace

TEST_CASE("stored metadata comes back whole; the digest's fields stay as imported") {
    MetaLibrary m;
    const qint64 a = m.id(u"2505.00001"_s);
    CHECK_FALSE(m.lib.metadata(a)->present());
    const QDateTime at(QDate(2026, 1, 2), QTime(3, 4, 5), QTimeZone::UTC);
    const auto stored = m.lib.storeMetadata({record(u"2505.00001"_s, 3, u"cs.LG"_s, {u"cs.CL"_s}),
                                             record(u"9999.99999"_s, 1, u"x.y"_s)},
                                            at);
    REQUIRE(stored == 1); // the unknown id is ignored
    const auto meta = m.lib.metadata(a);
    REQUIRE(meta);
    REQUIRE(meta->present());
    CHECK(meta->fetchedAt == at);
    CHECK(meta->record == record(u"2505.00001"_s, 3, u"cs.LG"_s, {u"cs.CL"_s}));
    const auto paper = m.lib.paper(a);
    CHECK(paper->paper.title == u"Sparse Attention for Long Context Language Models");
    CHECK(paper->paper.version == 1);
}

TEST_CASE("cat: finds primary and cross-listed papers; counts list the categories") {
    MetaLibrary m;
    REQUIRE(m.lib.storeMetadata({record(u"2505.00001"_s, 1, u"cs.LG"_s, {u"cs.CL"_s}),
                                 record(u"2505.00002"_s, 1, u"q-bio.BM"_s),
                                 record(u"2505.00003"_s, 1, u"cs.CV"_s, {u"cs.LG"_s})}));
    CHECK(m.ids(u"cat:cs.LG"_s) == QStringList{u"2505.00001"_s, u"2505.00003"_s});
    CHECK(m.ids(u"cat:CS.lg"_s) == QStringList{u"2505.00001"_s, u"2505.00003"_s});
    CHECK(m.ids(u"cat:cs"_s) == QStringList{u"2505.00001"_s, u"2505.00003"_s});
    CHECK(m.ids(u"cat:q-bio.BM"_s) == QStringList{u"2505.00002"_s});
    CHECK(m.ids(u"-cat:cs.LG has:metadata"_s) == QStringList{u"2505.00002"_s});
    CHECK(m.ids(u"has:metadata"_s).size() == 3);
    CHECK(m.ids(u"-has:metadata"_s) == QStringList{u"2505.00004"_s, u"2505.00005"_s});
    CHECK_FALSE(m.lib.query(u"has:nothing"_s).ok());

    // Re-fetching replaces the categories.
    REQUIRE(m.lib.storeMetadata({record(u"2505.00001"_s, 1, u"stat.ML"_s)}));
    CHECK(m.ids(u"cat:cs.LG"_s) == QStringList{u"2505.00003"_s});

    const auto counts = m.lib.counts();
    REQUIRE(counts);
    QStringList names;
    for (const CountItem &c : counts->categories)
        names << c.name + u'=' + QString::number(c.total);
    CHECK(names == QStringList{u"cs.CV=1"_s, u"cs.LG=1"_s, u"q-bio.BM=1"_s, u"stat.ML=1"_s});
}

TEST_CASE("a later arXiv version than the digest's is flagged in the list rows") {
    MetaLibrary m;
    REQUIRE(m.lib.storeMetadata(
        {record(u"2505.00001"_s, 2, u"cs.LG"_s), record(u"2505.00002"_s, 1, u"cs.LG"_s)}));
    const QueryResult r = m.lib.query(QString());
    REQUIRE(r.ok());
    QStringList flagged;
    for (const PaperRow &row : r.rows) {
        if (row.newerVersion)
            flagged << row.arxivId;
    }
    CHECK(flagged == QStringList{u"2505.00001"_s});
}

TEST_CASE("a downloaded PDF is recorded for has:pdf") {
    MetaLibrary m;
    const qint64 a = m.id(u"2505.00004"_s);
    CHECK(m.lib.pdfPath(a) == QString());
    CHECK(m.lib.pdfFolder() == QFileInfo(m.lib.path()).absolutePath() + u"/pdfs"_s);
    REQUIRE(m.lib.setPdf(a, 1, m.lib.pdfFolder() + u"/2505.00004v1.pdf"_s));
    CHECK(m.lib.pdfPath(a) == m.lib.pdfFolder() + u"/2505.00004v1.pdf"_s);
    CHECK(m.ids(u"has:pdf"_s) == QStringList{u"2505.00004"_s});
}
