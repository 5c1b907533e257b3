// The four layouts the digest generator has used, each with the oddities seen in real files.
#include "parse/digestparser.h"

#include <catch2/catch_test_macros.hpp>

#include <QStringList>

#include "layoutfixtures.h"
#include "testsupport.h"

using namespace lectern;
using namespace lectern::test;

namespace {

bool hasWarning(const Digest &d, const QString &needle, int line = -1) {
    return hasDiagnostic(d, Severity::Warning, needle, line);
}

QStringList list(std::initializer_list<const char *> items) {
    QStringList out;
    for (const char *i : items)
        out.append(QString::fromUtf8(i));
    return out;
}

} // namespace

TEST_CASE("classic layout without bold keywords, odd ToC anchors") {
    const Digest d = DigestParser::parse(kOldClassic, QStringLiteral("old.md"));
    INFO(diagnosticsText(d).toStdString());
    CHECK(d.format == DigestFormat::Classic);
    CHECK(d.diagnostics.isEmpty());
    REQUIRE(d.papers.size() == 2);
    CHECK(d.papers[0].keywords.isEmpty());
    CHECK(d.papers[0].title == QLatin1String("Quoted \"Title\" Here"));
    CHECK(d.papers[1].arxivId == QLatin1String("2410.00002"));
}

TEST_CASE("headings layout: level-1 titles with colons, comma-only authors, date from name") {
    const Digest d = DigestParser::parse(kHeadings, QStringLiteral("/some/where/2024-09-20.md"));
    INFO(diagnosticsText(d).toStdString());
    CHECK(d.format == DigestFormat::Headings);
    CHECK(d.date == QDate(2024, 9, 20));
    CHECK(d.diagnostics.isEmpty()); // no ToC and no date line are normal here
    REQUIRE(d.papers.size() == 2);
    const Paper &p = d.papers[0];
    CHECK(p.title == QLatin1String("WMCodec: End-to-End Neural Speech Codec: Deep Watermarking"));
    CHECK(p.authors == list({"Junzuo Zhou", "Jiangyan Yi", "Yong Ren"}));
    CHECK(p.arxivId == QLatin1String("2409.12121"));
    CHECK(p.date == QDate(2024, 9, 18));
    CHECK(p.keywords.isEmpty());
    CHECK(p.abstract ==
          QLatin1String(
              "With the widespread use of neural codecs, a wrapped abstract continues here."));
    CHECK(d.papers[1].version == 3);
}

TEST_CASE("headings layout without a date in the file name: null date, warning") {
    const Digest d = DigestParser::parse(kHeadings, QStringLiteral("digest.md"));
    CHECK(d.format == DigestFormat::Headings);
    CHECK(d.date.isNull());
    CHECK(hasWarning(d, QStringLiteral("no date in the file name")));
    CHECK(d.papers.size() == 2);
    CHECK_FALSE(d.hasErrors());
}

TEST_CASE("badges layout: markdown link line, badge keywords decoded, badge reads as its word") {
    const Digest d = DigestParser::parse(kBadges, QStringLiteral("b.md"));
    INFO(diagnosticsText(d).toStdString());
    CHECK(d.format == DigestFormat::Badges);
    CHECK(d.diagnostics.isEmpty());
    REQUIRE(d.papers.size() == 2);
    const Paper &p = d.papers[0];
    CHECK(p.arxivId == QLatin1String("2501.00001"));
    CHECK(p.version == 2);
    CHECK(p.url == QLatin1String("http://arxiv.org/abs/2501.00001v2"));
    CHECK(p.keywords == list({"llm", "mixture of_experts", "low-rank adaptation", "state space"}));
    CHECK(p.keywordHints == list({"FF8C00", "00AA00", "FF8C00", "FF8C00"}));
    CHECK(p.abstract.startsWith(QLatin1String("Large Language Models (**LLM**s) are used with")));
    CHECK_FALSE(p.abstract.contains(QLatin1String("shields.io")));
    CHECK_FALSE(p.abstract.contains(QLatin1String("![")));
    CHECK(d.papers[1].keywords == list({"llm"}));
}

TEST_CASE("cards layout: badges line, Chinese summary, authors|date, link, details abstract") {
    const Digest d = DigestParser::parse(kCards, QStringLiteral("c.md"));
    INFO(diagnosticsText(d).toStdString());
    CHECK(d.format == DigestFormat::Cards);
    CHECK(d.date == QDate(2025, 6, 1));
    CHECK(d.diagnostics.isEmpty());
    REQUIRE(d.papers.size() == 2);
    const Paper &p = d.papers[0];
    CHECK(p.title == QLatin1String("Card Paper One"));
    CHECK(p.keywords == list({"sparse", "quantization"}));
    CHECK(p.keywordHints == list({"FF8C00", "1E90FF"}));
    CHECK(p.summary == QString::fromUtf8("本文提出一种稀疏注意力方法，显著降低计算开销。"));
    CHECK(p.authors == list({"Wei Zhang", "Li Na"}));
    CHECK(p.date == QDate(2025, 5, 30));
    CHECK(p.arxivId == QLatin1String("2505.20000"));
    CHECK(p.version == 1);
    CHECK(p.abstract == QLatin1String("We propose a sparse attention method with $O(N \\log N)$ "
                                      "cost. It is one unwrapped line."));
    const Paper &q = d.papers[1];
    CHECK(q.abstract == QLatin1String("One-line abstract inside the tags."));
    CHECK(q.summary == QString::fromUtf8("一句话总结。"));
    CHECK(q.version == 3);
}

TEST_CASE("a file mixing layouts is read paper by paper, with a warning") {
    QByteArray mixed = kBadges;
    mixed += "\n\n## Classic Paper\n\n>Authors: Dee\n\n>2025-01-09\n\n"
             "> http://arxiv.org/abs/2501.00003v1\n\nA **bold** keyword.\n";
    mixed.replace(
        "* [Second Badge Paper](#Second-Badge-Paper)\n",
        "* [Second Badge Paper](#Second-Badge-Paper)\n* [Classic Paper](#Classic-Paper)\n");
    const Digest d = DigestParser::parse(mixed, QStringLiteral("m.md"));
    INFO(diagnosticsText(d).toStdString());
    CHECK(d.format == DigestFormat::Badges);
    REQUIRE(d.papers.size() == 3);
    CHECK(d.papers[2].keywords == list({"bold"}));
    CHECK(hasWarning(d, QStringLiteral("mixes layouts")));
    CHECK_FALSE(d.hasErrors());
}

TEST_CASE("the same paper in two layouts parses to the same identity and fields") {
    const QByteArray classic = "# 2025-06-01\n\n# Table of Contents\n* [Same](#Same)\n\n## Same\n\n"
                               ">Authors: Wei Zhang, Li Na\n\n>2025-05-30\n\n"
                               "> http://arxiv.org/abs/2505.20000v1\n\nText about **sparse**.\n";
    const Digest a = DigestParser::parse(classic);
    const Digest b = DigestParser::parse(kCards);
    REQUIRE(a.papers.size() == 1);
    REQUIRE(b.papers.size() == 2);
    for (const Paper &p : {a.papers[0], b.papers[0]}) {
        CHECK(p.key() == QLatin1String("2505.20000"));
        CHECK(p.version == 1);
        CHECK(p.authors == list({"Wei Zhang", "Li Na"}));
        CHECK(p.date == QDate(2025, 5, 30));
        CHECK(p.keywords.contains(QLatin1String("sparse")));
    }
}

TEST_CASE("a dashed badge keyword reads as in classic digests: low-bit-F08080 is low-bit") {
    const QByteArray classic = "# 2025-03-21\n\n## P\n\n>Authors: A\n\n>2025-03-19\n\n"
                               "> http://arxiv.org/abs/2503.15465v1\n\nA **low-bit** method.\n";
    const QByteArray badges =
        "# 2025-03-21\n\n## P\n\n>Authors: A\n\n>2025-03-19\n\n"
        "> [http://arxiv.org/abs/2503.15465v1](http://arxiv.org/abs/2503.15465v1)\n\n"
        "A ![key](https://img.shields.io/badge/low-bit-F08080) method with "
        "![key](https://img.shields.io/badge/Multi--Head_Attention-1E90FF).\n";
    const QByteArray cards =
        "# 2025-03-21\n\n## P\n\n![](https://img.shields.io/badge/low-bit-F08080) "
        "![](https://img.shields.io/badge/post-training-quantization-00AA00)\n\n"
        "> Summary.\n\n**Authors:** A | **Date:** 2025-03-19\n\n"
        "**Link:** [http://arxiv.org/abs/2503.15465v1](http://arxiv.org/abs/2503.15465v1)\n\n"
        "<details><summary>Abstract</summary>A method.</details>\n";
    const Digest c = DigestParser::parse(classic);
    const Digest b = DigestParser::parse(badges);
    const Digest k = DigestParser::parse(cards);
    REQUIRE(c.papers.size() == 1);
    REQUIRE(b.papers.size() == 1);
    REQUIRE(k.papers.size() == 1);
    CHECK(c.papers[0].keywords == list({"low-bit"}));
    CHECK(b.papers[0].keywords == list({"low-bit", "multi-head attention"}));
    CHECK(b.papers[0].keywordHints == list({"F08080", "1E90FF"}));
    CHECK(b.papers[0].abstract ==
          QLatin1String("A **low-bit** method with **Multi-Head Attention**."));
    CHECK(k.papers[0].keywords == list({"low-bit", "post-training-quantization"}));
    CHECK(k.papers[0].keywordHints == list({"F08080", "00AA00"}));
}
