// The real digests in ../shared/seeds parse completely (skipped when ../shared is absent).
#include "parse/digestparser.h"
#include "testsupport.h"

#include <catch2/catch_test_macros.hpp>

using namespace lectern;

namespace {

Digest parseSeed(const QString &prefix, QString *path) {
    *path = test::seedPath(prefix);
    if (path->isEmpty())
        SKIP("../shared/seeds is absent: seed corpus tests skipped");
    return DigestParser::parse(test::readFile(*path), *path);
}

void checkEveryFieldFilled(const Digest &d) {
    for (const Paper &p : d.papers) {
        INFO("paper on line " << p.line);
        CHECK(!p.arxivId.isEmpty());
        CHECK(p.version >= 1);
        CHECK(!p.title.isEmpty());
        CHECK(!p.authors.isEmpty());
        CHECK(p.date.isValid());
        CHECK(p.url.startsWith(QLatin1String("http://arxiv.org/abs/") + p.arxivId));
        CHECK(p.abstract.size() > 200);
        CHECK(!p.abstract.contains(QLatin1String("\n>")));
        // Keywords are the bold terms; a paper without bold text has none.
        CHECK(p.keywords.isEmpty() == !p.abstract.contains(QLatin1String("**")));
        for (const QString &k : p.keywords)
            CHECK(k == k.toLower());
        CHECK(p.keywords.size() == p.keywordHints.size());
    }
}

} // namespace

TEST_CASE("seed 000 parses to 108 papers with every field filled") {
    QString path;
    const Digest d = parseSeed(QStringLiteral("000"), &path);
    CHECK(d.diagnostics.isEmpty());
    CHECK(d.date == QDate(2025, 5, 6));
    CHECK(d.format == DigestFormat::Classic);
    REQUIRE(d.papers.size() == 108);
    checkEveryFieldFilled(d);

    const Paper &first = d.papers.first();
    CHECK(first.arxivId == QLatin1String("2505.01259"));
    CHECK(first.version == 1);
    CHECK(first.title.startsWith(QLatin1String("Digital Pathway Curation (DPC) a comparative")));
    CHECK(first.authors.size() == 15);
    CHECK(first.authors.first() == QLatin1String("Flavio Lichtenstein"));
    CHECK(first.authors.last() == QLatin1String("Ana Marisa Chudzinski-Tavassi"));
    CHECK(first.authors.contains(QString::fromUtf8("Olga Celia Martinez Ibañez")));
    CHECK(first.date == QDate(2025, 5, 2));
    CHECK(first.keywords == QStringList{QStringLiteral("acceleration")});
    CHECK(first.abstract.startsWith(QLatin1String("A scientific study begins with a central "
                                                  "question, and search engines like PubMed")));
    CHECK(first.abstract.endsWith(QLatin1String("navigating complex biomedical knowledge.")));

    const Paper &last = d.papers.last();
    CHECK(last.arxivId == QLatin1String("2504.17996"));
    CHECK(last.title == QLatin1String("Back to Fundamentals Low-Level Visual Features Guided "
                                      "Progressive Token Pruning"));
    CHECK(last.authors.size() == 8);
    CHECK(last.date == QDate(2025, 4, 25));
    CHECK(last.keywords == QStringList{QStringLiteral("pruning")});

    const Paper &lowPrecision = d.papers[2];
    CHECK(lowPrecision.arxivId == QLatin1String("2505.01043"));
    CHECK(lowPrecision.abstract.contains(QLatin1String("components$\\unicode{x2013}$such")));
    CHECK(lowPrecision.keywords == QStringList{QStringLiteral("quantization")});
}

TEST_CASE("seed 001 parses to 87 papers with every field filled") {
    QString path;
    const Digest d = parseSeed(QStringLiteral("001"), &path);
    CHECK(d.diagnostics.isEmpty());
    CHECK(d.date == QDate(2025, 3, 21));
    REQUIRE(d.papers.size() == 87);
    checkEveryFieldFilled(d);

    const Paper &first = d.papers.first();
    CHECK(first.arxivId == QLatin1String("2503.15465"));
    CHECK(first.title == QLatin1String("FP4DiT Towards Effective Floating Point Quantization for "
                                       "Diffusion Transformers"));
    CHECK(first.authors == QStringList{QStringLiteral("Ruichen Chen"),
                                       QStringLiteral("Keith G. Mills"), QStringLiteral("Di Niu")});
    CHECK(first.date == QDate(2025, 3, 19));
    CHECK(first.keywords == QStringList{QStringLiteral("quantization"), QStringLiteral("low-bit")});

    const Paper &last = d.papers.last();
    CHECK(last.arxivId == QLatin1String("2503.10960"));
    CHECK(last.authors.size() == 5);
    CHECK(last.date == QDate(2025, 3, 14));
}
