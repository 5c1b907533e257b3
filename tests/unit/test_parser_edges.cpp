// Edge cases found by review: each input once broke the parser (hang, lost paper, wrong line).
#include "parse/digestparser.h"

#include <catch2/catch_test_macros.hpp>

using namespace lectern;

namespace {

const QByteArray kHead = "# 2025-05-06\n\n# Table of Contents\n* [T](#T)\n\n";

QByteArray paper(const QByteArray &title, const QByteArray &id, const QByteArray &abstract) {
    return "## " + title + "\n\n>Authors: A\n\n>2025-05-02\n\n> http://arxiv.org/abs/" + id +
           "\n\n" + abstract + "\n\n";
}

Digest parse(const QByteArray &text) {
    return DigestParser::parse(text);
}

bool hasDiag(const Digest &d, const QString &needle, int line) {
    for (const Diagnostic &x : d.diagnostics)
        if (x.message.contains(needle) && x.line == line)
            return true;
    return false;
}

} // namespace

TEST_CASE("diagnostic lines count CR and CRLF line ends") {
    const QByteArray lf = kHead +
                          "## No Date\n\n>Authors: A\n\n> http://arxiv.org/abs/2505.00001v1\n\n"
                          "Text \xFF here.\n";
    for (const char *eol : {"\n", "\r\n", "\r"}) {
        QByteArray text = lf;
        text.replace("\n", eol);
        const Digest d = parse(text);
        INFO("line end " << QByteArray(eol).toHex().toStdString());
        CHECK(hasDiag(d, QStringLiteral("has no date line"), 6));
        CHECK(hasDiag(d, QStringLiteral("invalid UTF-8"), 12));
        QByteArray nul = text;
        nul.replace("here", QByteArray("he\0re", 5));
        CHECK(hasDiag(parse(nul), QStringLiteral("NUL byte"), 12));
    }
}

TEST_CASE("a CR-only file of 50 MB parses (line reading stays linear)") {
    QByteArray chunk =
        paper("标题 Title", "2505.00001v1", QByteArray("中文摘要文本 and text. ").repeated(40));
    chunk.replace("\n", "\r");
    QByteArray big = "# 2025-05-06\r\r";
    big.reserve(51 * 1024 * 1024);
    int n = 0;
    while (big.size() < 50 * 1024 * 1024) {
        QByteArray c = chunk;
        c.replace("2505.00001", QByteArray("2505." + QByteArray::number(10000 + n++)));
        big += c;
    }
    const Digest d = parse(big);
    CHECK(d.papers.size() == n);
}

TEST_CASE("pathological abstracts stay linear: many image openers and many distinct bold terms") {
    const Digest bangs =
        parse(kHead + paper("T", "2505.00001v1", QByteArray("![x ").repeated(250000)));
    REQUIRE(bangs.papers.size() == 1);
    CHECK(bangs.papers[0].abstract.size() == 250000 * 4 - 1);

    QByteArray bold;
    for (int i = 0; i < 100000; ++i)
        bold += "**k" + QByteArray::number(i) + "** ";
    const Digest many = parse(kHead + paper("T", "2505.00001v1", bold));
    REQUIRE(many.papers.size() == 1);
    CHECK(many.papers[0].keywords.size() == 100000);
    CHECK(many.papers[0].keywords.last() == QLatin1String("k99999"));
}

TEST_CASE("a heading with an empty title is still a paper, with a warning") {
    const QByteArray text = kHead + paper("One", "2505.00001v1", "Abstract one.") +
                            "##    \n\n>Authors: X\n\n>2025-05-02\n\n"
                            "> http://arxiv.org/abs/2505.00002v1\n\nAbstract two.\n";
    const Digest d = parse(text);
    REQUIRE(d.papers.size() == 2);
    CHECK(d.papers[0].abstract == QLatin1String("Abstract one."));
    CHECK(d.papers[1].arxivId == QLatin1String("2505.00002"));
    CHECK(hasDiag(d, QStringLiteral("without a title"), 16));
}

TEST_CASE("badges: an abstract line starting with badges is abstract, not a cards keyword line") {
    const QByteArray text =
        kHead + "## T\n\n>Authors: A\n\n>2025-05-02\n\n"
                "> [http://arxiv.org/abs/2501.00001v1](http://arxiv.org/abs/2501.00001v1)\n\n"
                "![key](https://img.shields.io/badge/Diffusion_Models-FF8C00) are strong (see "
                "![key](https://img.shields.io/badge/DDPM-FF8C00?style=flat)).\n";
    const Digest d = parse(text);
    CHECK(d.format == DigestFormat::Badges);
    REQUIRE(d.papers.size() == 1);
    CHECK(d.papers[0].abstract == QLatin1String("**Diffusion Models** are strong (see **DDPM**)."));
    CHECK(d.papers[0].keywords ==
          QStringList{QStringLiteral("diffusion models"), QStringLiteral("ddpm")});
}

TEST_CASE("classic: a quoted first abstract line stays in the abstract") {
    const Digest d =
        parse(kHead + paper("T", "2505.00001v1", ">50% of models fail.\nSecond line."));
    REQUIRE(d.papers.size() == 1);
    CHECK(d.papers[0].summary.isEmpty());
    CHECK(d.papers[0].abstract == QLatin1String(">50% of models fail. Second line."));
}

TEST_CASE(
    "cards: a heading inside details is abstract text and a lost closing tag ends at the rule") {
    const QByteArray card =
        "## Card\n\n![](https://img.shields.io/badge/LLM-FF8C00)\n\n> 总结\n\n"
        "**Authors:** A | **Date:** 2025-05-30\n\n"
        "**Link:** [http://arxiv.org/abs/2505.20000v1](x)\n\n"
        "<details><summary>Abstract</summary>\n\nIntro.\n\n## Results\n\nMore.\n\n"
        "</details>\n\n---\n\n";
    QByteArray unclosed = card;
    unclosed.replace("</details>\n", "");
    unclosed.replace("## Card", "## Card Two");
    unclosed.replace("2505.20000", "2505.20001");
    const Digest d = parse(
        "# 2025-06-01\n\n# Table of Contents\n* [Card](#Card)\n"
        "* [Card Two](#Card-Two)\n* [Card Three](#Card-Three)\n\n---\n\n" +
        card + unclosed +
        QByteArray(card).replace("## Card", "## Card Three").replace("2505.20000", "2505.20002"));
    REQUIRE(d.papers.size() == 3);
    CHECK(d.papers[0].abstract == QLatin1String("Intro.\n\n## Results\n\nMore."));
    CHECK(d.papers[1].abstract == QLatin1String("Intro.\n\n## Results\n\nMore."));
    CHECK(d.papers[2].title == QLatin1String("Card Three"));
    CHECK(d.format == DigestFormat::Cards);
}

TEST_CASE("cards: a summary over several lines joins without spaces between CJK characters") {
    const QByteArray text =
        "# 2025-06-01\n\n## C\n\n![](https://img.shields.io/badge/LLM-FF8C00)\n\n"
        "> 本文提出一种\n> 稀疏注意力方法。\n> It works.\n\n**Authors:** A | **Date:** "
        "2025-05-30\n\n"
        "**Link:** "
        "[http://arxiv.org/abs/2505.20000v1](x)\n\n<details><summary>Abstract</summary>X.</"
        "details>\n";
    const Digest d = parse(text);
    REQUIRE(d.papers.size() == 1);
    CHECK(d.papers[0].summary == QString::fromUtf8("本文提出一种稀疏注意力方法。 It works."));
}

TEST_CASE("links with trailing punctuation keep their id") {
    const Digest d = parse(kHead + paper("T", "2505.01259v1.", "Text."));
    REQUIRE(d.papers.size() == 1);
    CHECK(d.papers[0].arxivId == QLatin1String("2505.01259"));
    CHECK(d.papers[0].version == 1);
}

TEST_CASE("a level-2 Table of Contents heading is the contents, not a paper") {
    const Digest d = parse("# 2025-05-06\n\n## Table of Contents\n* [T](#T)\n\n" +
                           paper("T", "2505.00001v1", "Text."));
    REQUIRE(d.papers.size() == 1);
    CHECK(d.diagnostics.isEmpty());
}

TEST_CASE("bold-italic keywords lose all their stars and authors joined by and are split") {
    const Digest d = parse("# 2025-05-06\n\n## T\n\n>Authors: Ann Lee, Bo Chan and Cy Doe\n\n"
                           ">2025-05-02\n\n> http://arxiv.org/abs/2505.00001v1\n\n"
                           "A ***bolditalic*** term.\n");
    REQUIRE(d.papers.size() == 1);
    CHECK(d.papers[0].keywords == QStringList{QStringLiteral("bolditalic")});
    CHECK(d.papers[0].authors == QStringList{QStringLiteral("Ann Lee"), QStringLiteral("Bo Chan"),
                                             QStringLiteral("Cy Doe")});
}

TEST_CASE("ordinary Markdown notes are not digests") {
    CHECK(parse("# Meeting notes\n\nAuthors: Bob\n\nWe met.\n").hasErrors());
    CHECK(parse("# Shopping\n\n2024-01-01\n\nEggs.\n").hasErrors());
}

TEST_CASE("a duplicate with a newer version replaces the first in place") {
    const QByteArray text = kHead + paper("Old", "2505.00001v1", "Old.") +
                            paper("Other", "2505.00002v1", "X.") +
                            paper("New", "2505.00001v2", "New.");
    const Digest d = parse(text);
    REQUIRE(d.papers.size() == 2);
    CHECK(d.papers[0].title == QLatin1String("New"));
    CHECK(d.papers[0].line == 6);
    CHECK(hasDiag(d, QStringLiteral("appears again (first on line 6)"), 26));
}
