// Fixture tests for DigestParser: every oddity the classic layout shows in the wild.
#include "parse/digestparser.h"
#include "testsupport.h"

#include <catch2/catch_test_macros.hpp>

#include <QStringList>

using namespace lectern;
using namespace lectern::test;

namespace {

Digest parse(const QByteArray &text, const QString &name = QStringLiteral("digest.md")) {
    return DigestParser::parse(text, name);
}

const QByteArray kClassic = "# 2025-05-06\n"
                            "\n"
                            "# Table of Contents\n"
                            "* [First Paper: A Study](#First-Paper-A-Study)\n"
                            "* [Second $O(N^3)$ Paper](#Second-$O(N^3)$-Paper)\n"
                            "\n"
                            "\n"
                            "## First Paper: A Study\n"
                            "\n"
                            ">Authors: Alice Smith, Bob Jones\n"
                            "\n"
                            ">2025-05-02\n"
                            "\n"
                            "> http://arxiv.org/abs/2505.01259v1\n"
                            "\n"
                            "We study **sparse** attention and\n"
                            "**Quantization** in large models.\n"
                            "\n"
                            "A second paragraph with **sparse** again.\n"
                            "\n"
                            "\n"
                            "## Second $O(N^3)$ Paper\n"
                            "\n"
                            ">Authors: Carol\n"
                            "\n"
                            ">2025-05-03\n"
                            "\n"
                            "> http://arxiv.org/abs/2505.00001v2\n"
                            "\n"
                            "Short abstract with {\\delta} math.\n";

// The first paper's abstract as the parser must give it: lines unwrapped, paragraphs kept.
const QLatin1StringView kFirstAbstract("We study **sparse** attention and **Quantization** in "
                                       "large models.\n\nA second paragraph with **sparse** "
                                       "again.");

} // namespace

TEST_CASE("classic digest: every field") {
    const Digest d = parse(kClassic);
    INFO(diagnosticsText(d).toStdString());
    CHECK(d.date == QDate(2025, 5, 6));
    CHECK(d.format == DigestFormat::Classic);
    CHECK(d.diagnostics.isEmpty());
    REQUIRE(d.papers.size() == 2);
    const Paper &p = d.papers[0];
    CHECK(p.arxivId == QLatin1String("2505.01259"));
    CHECK(p.version == 1);
    CHECK(p.title == QLatin1String("First Paper: A Study"));
    CHECK(p.authors == QStringList{QStringLiteral("Alice Smith"), QStringLiteral("Bob Jones")});
    CHECK(p.date == QDate(2025, 5, 2));
    CHECK(p.url == QLatin1String("http://arxiv.org/abs/2505.01259v1"));
    CHECK(p.abstract == kFirstAbstract);
    CHECK(p.keywords == QStringList{QStringLiteral("sparse"), QStringLiteral("quantization")});
    CHECK(p.summary.isEmpty());
    CHECK(p.line == 8);
    CHECK(d.papers[1].version == 2);
    CHECK(d.papers[1].title == QLatin1String("Second $O(N^3)$ Paper"));
    CHECK(d.papers[1].keywords.isEmpty());
}

TEST_CASE("line ends: CRLF and lone CR read like LF") {
    QByteArray crlf = kClassic;
    crlf.replace("\n", "\r\n");
    QByteArray cr = kClassic;
    cr.replace("\n", "\r");
    for (const QByteArray &variant : {kClassic, crlf, cr}) {
        const Digest d = parse(variant);
        INFO(diagnosticsText(d).toStdString());
        CHECK(d.diagnostics.isEmpty());
        REQUIRE(d.papers.size() == 2);
        CHECK(d.papers[0].abstract == kFirstAbstract);
        CHECK(d.papers[0].authors ==
              QStringList{QStringLiteral("Alice Smith"), QStringLiteral("Bob Jones")});
        CHECK(d.papers[1].line == 22);
        CHECK(d.papers[1].abstract == QLatin1String("Short abstract with {\\delta} math."));
    }
}

TEST_CASE("UTF-8 BOM, trailing spaces and missing blank lines are tolerated") {
    QByteArray text = "\xEF\xBB\xBF# 2025-05-06   \n"
                      "# Table of Contents\n"
                      "* [Only Paper](#Only-Paper)\n"
                      "## Only Paper   \n"
                      ">Authors: A. One ,  B. Two  \n"
                      ">2025-05-01  \n"
                      "> https://arxiv.org/abs/2505.11111   \n"
                      "Abstract line one  \n"
                      "line two.\n";
    const Digest d = parse(text);
    INFO(diagnosticsText(d).toStdString());
    CHECK(d.date == QDate(2025, 5, 6));
    CHECK(d.diagnostics.isEmpty());
    REQUIRE(d.papers.size() == 1);
    const Paper &p = d.papers[0];
    CHECK(p.title == QLatin1String("Only Paper"));
    CHECK(p.authors == QStringList{QStringLiteral("A. One"), QStringLiteral("B. Two")});
    CHECK(p.arxivId == QLatin1String("2505.11111"));
    CHECK(p.version == 0); // a link without a version
    CHECK(p.url == QLatin1String("https://arxiv.org/abs/2505.11111"));
    CHECK(p.abstract == QLatin1String("Abstract line one line two."));
}

TEST_CASE("extra blank lines do not split or lose anything") {
    QByteArray text = kClassic;
    text.replace("\n\n", "\n\n\n\n");
    const Digest d = parse(text);
    REQUIRE(d.papers.size() == 2);
    CHECK(d.papers[0].abstract == kFirstAbstract);
    CHECK(d.papers[1].abstract == QLatin1String("Short abstract with {\\delta} math."));
    CHECK(d.diagnostics.isEmpty());
}

TEST_CASE("Table of Contents: missing or disagreeing is a warning") {
    QByteArray noToc = kClassic;
    noToc.replace("# Table of Contents\n* [First Paper: A Study](#First-Paper-A-Study)\n"
                  "* [Second $O(N^3)$ Paper](#Second-$O(N^3)$-Paper)\n",
                  "");
    const Digest a = parse(noToc);
    CHECK(a.papers.size() == 2);
    CHECK(hasDiagnostic(a, Severity::Warning, QStringLiteral("no Table of Contents")));
    CHECK_FALSE(a.hasErrors());

    QByteArray wrong = kClassic;
    wrong.replace("* [Second $O(N^3)$ Paper]", "* [A Paper That Is Not There]");
    const Digest b = parse(wrong);
    INFO(diagnosticsText(b).toStdString());
    CHECK(b.papers.size() == 2);
    CHECK(hasDiagnostic(b, Severity::Warning, QStringLiteral("has no paper section"), 5));
    CHECK(
        hasDiagnostic(b, Severity::Warning, QStringLiteral("is not in the Table of Contents"), 22));
    CHECK_FALSE(b.hasErrors());
}

TEST_CASE("a paper without authors, date or link is kept with warnings") {
    // Beside a complete paper: a file whose only section has no metadata is not a digest.
    QByteArray text = "# 2025-05-06\n\n# Table of Contents\n* [Lonely Paper](#Lonely-Paper)\n\n"
                      "## Lonely Paper\n\nJust an abstract, nothing else.\n\n"
                      "## Full Paper\n\n>Authors: Ann\n\n>2025-05-02\n\n"
                      "> http://arxiv.org/abs/2505.00001v1\n\nText.\n";
    const Digest d = parse(text);
    INFO(diagnosticsText(d).toStdString());
    REQUIRE(d.papers.size() == 2);
    const Paper &p = d.papers[0];
    CHECK(p.arxivId.isEmpty());
    CHECK(p.version == 0);
    CHECK(p.authors.isEmpty());
    CHECK(p.date.isNull());
    CHECK(p.key() == QLatin1String("title:lonely paper"));
    CHECK(hasDiagnostic(d, Severity::Warning, QStringLiteral("no authors"), 6));
    CHECK(hasDiagnostic(d, Severity::Warning, QStringLiteral("no date"), 6));
    CHECK(hasDiagnostic(d, Severity::Warning, QStringLiteral("no arXiv link"), 6));
    CHECK_FALSE(d.hasErrors());
}

TEST_CASE("the same paper twice in one file is one paper, with a warning") {
    QByteArray text = kClassic;
    text += "\n## First Paper: A Study\n\n>Authors: Alice Smith\n\n>2025-05-02\n\n"
            "> http://arxiv.org/abs/2505.01259v1\n\nRepeated.\n";
    const Digest d = parse(text);
    CHECK(d.papers.size() == 2);
    CHECK(hasDiagnostic(d, Severity::Warning, QStringLiteral("appears again (first on line 8)")));
    CHECK(d.papers[0].abstract.startsWith(QLatin1String("We study")));
}

TEST_CASE("a newer version later in the same file wins") {
    QByteArray text = kClassic;
    text += "\n## First Paper: A Study (revised)\n\n>Authors: Alice Smith\n\n>2025-05-04\n\n"
            "> http://arxiv.org/abs/2505.01259v3\n\nRevised.\n";
    const Digest d = parse(text);
    REQUIRE(d.papers.size() == 2);
    CHECK(d.papers[0].version == 3);
    CHECK(d.papers[0].abstract == QLatin1String("Revised."));
}

TEST_CASE("titles keep $ [ ] # * backslashes and non-ASCII as written") {
    const QByteArray title = "A $\\mathcal{O}(n)$ [Survey] of #hashtags, *stars* and \\emph{ü} "
                             "— naïve 数学";
    QByteArray text = "# 2025-05-06\n\n# Table of Contents\n* [x](#x)\n\n## " + title +
                      "\n\n>Authors: Zoë Ångström, 王伟\n\n>2025-05-02\n\n"
                      "> http://arxiv.org/abs/2505.02222v1\n\nText.\n";
    const Digest d = parse(text);
    REQUIRE(d.papers.size() == 1);
    CHECK(d.papers[0].title == QString::fromUtf8(title));
    CHECK(d.papers[0].authors ==
          QStringList{QString::fromUtf8("Zoë Ångström"), QString::fromUtf8("王伟")});
}

TEST_CASE("invalid UTF-8 is replaced, with a warning naming the line") {
    QByteArray text = kClassic;
    text.replace("Short abstract", "Short \xC3\x28 abstract \xFF");
    const Digest d = parse(text);
    INFO(diagnosticsText(d).toStdString());
    REQUIRE(d.papers.size() == 2);
    CHECK(d.papers[1].abstract.contains(QChar(0xFFFD)));
    CHECK(hasDiagnostic(d, Severity::Warning, QStringLiteral("invalid UTF-8"), 30));
    CHECK_FALSE(d.hasErrors());
}

TEST_CASE("not a digest: NUL bytes, no header and no paper, empty") {
    QByteArray nul = kClassic;
    nul.insert(50, '\0');
    const Digest a = parse(nul);
    CHECK(a.hasErrors());
    CHECK(a.papers.isEmpty());
    CHECK(hasDiagnostic(a, Severity::Error, QStringLiteral("NUL byte"), 4));

    const Digest b = parse("# My notes\n\nSome text.\n\n## Section\n\nMore text.\n");
    CHECK(b.hasErrors());
    CHECK(b.papers.isEmpty());
    CHECK(hasDiagnostic(b, Severity::Error, QStringLiteral("not a digest"), 1));

    const Digest c = parse("");
    CHECK(c.hasErrors());
    CHECK(hasDiagnostic(c, Severity::Error, QStringLiteral("empty")));
    CHECK(parse("\n \n\t\n").hasErrors());
    CHECK(parse("\xEF\xBB\xBF").hasErrors());
}

TEST_CASE("an invalid calendar date is a warning, not a crash") {
    QByteArray text = kClassic;
    text.replace(">2025-05-02", ">2025-13-45");
    const Digest d = parse(text);
    REQUIRE(d.papers.size() == 2);
    CHECK(d.papers[0].date.isNull());
    CHECK(hasDiagnostic(d, Severity::Warning, QStringLiteral("not a valid date"), 12));
}

TEST_CASE("links: https, without version, old-style ids, non-arXiv links") {
    auto linkOf = [](const QByteArray &link) {
        const QByteArray text =
            "# 2025-05-06\n\n## T\n\n>Authors: A\n\n>2025-05-02\n\n> " + link + "\n\nText.\n";
        return parse(text);
    };
    CHECK(linkOf("https://arxiv.org/abs/2505.01259v12").papers[0].version == 12);
    CHECK(linkOf("http://arxiv.org/abs/2505.01259").papers[0].arxivId ==
          QLatin1String("2505.01259"));
    const Digest old = linkOf("http://arxiv.org/abs/hep-th/9901001v2");
    CHECK(old.papers[0].arxivId == QLatin1String("hep-th/9901001"));
    CHECK(old.papers[0].version == 2);
    const Digest other = linkOf("https://example.org/paper");
    CHECK(other.papers[0].arxivId.isEmpty());
    CHECK(other.papers[0].url == QLatin1String("https://example.org/paper"));
    CHECK(hasDiagnostic(other, Severity::Warning, QStringLiteral("not an arXiv abs link"), 9));
}

TEST_CASE("a 50 MB digest parses completely") {
    QByteArray big;
    big.reserve(52 * 1024 * 1024);
    big += "# 2025-05-06\n\n";
    const QByteArray abstract =
        QByteArray("Lorem ipsum **keyword** dolor sit amet, consectetur $O(N^2)$ adipiscing.\n")
            .repeated(16);
    int n = 0;
    while (big.size() < 50 * 1024 * 1024) {
        ++n;
        big += "## Paper number " + QByteArray::number(n) +
               "\n\n>Authors: A, B\n\n>2025-05-02\n\n"
               "> http://arxiv.org/abs/2505." +
               QByteArray::number(10000 + n).rightJustified(5, '0') + "v1\n\n" + abstract + "\n";
        if (n >= 89999)
            break;
    }
    const Digest d = parse(big);
    CHECK(d.papers.size() == n);
    CHECK(d.papers.last().keywords == QStringList{QStringLiteral("keyword")});
    CHECK_FALSE(d.hasErrors());
}
