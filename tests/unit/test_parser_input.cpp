// What counts as a digest, and what the parser lets through: Markdown files that are not
// digests, control characters, user text inside diagnostics (issue 8: 4.4, 4.5, 4.12).
#include "parse/digestparser.h"
#include "testsupport.h"

#include <catch2/catch_test_macros.hpp>

using namespace lectern;
using namespace lectern::test;

namespace {

// Written to files and read back, as an import would see them.
Digest parseWritten(const QString &name, const QByteArray &text) {
    const QString path = scratchDir(QStringLiteral("parser-input")) + QLatin1Char('/') + name;
    writeFile(path, text);
    return DigestParser::parse(readFile(path), path);
}

// Badges on the first line (read as a cards keyword line) and a quoted arXiv link: each looked
// like a paper's metadata to the parser.
const QByteArray kReadme =
    "# Lectern\n\n"
    "![Build](https://img.shields.io/badge/build-passing-brightgreen) "
    "![License](https://img.shields.io/badge/license-MIT-blue)\n\n"
    "A desktop reader and annotator for arXiv digest files.\n\n"
    "## Table of Contents\n- [Install](#install)\n- [Usage](#usage)\n- [Authors](#authors)\n\n"
    "## Install\n\n```sh\ncmake -B build -G Ninja\ncmake --build build\n```\n\n"
    "## Usage\n\n> The ranking follows http://arxiv.org/abs/2505.01259v1 closely.\n\n"
    "Run `lectern-cli parse FILE` or start the app.\n\n"
    "## Authors\n\nAnn Lee, Bo Li and the contributors.\n\n"
    "## License\n\nMIT. Copyright 2024-2025.\n";

// Release dates as date headings: the sections under them read as papers of a dated digest.
const QByteArray kChangelog =
    "# Changelog\n\nAll notable changes to this project, newest first.\n\n"
    "# 2025-03-02\n\n## Fixed\n\n- A crash on empty files.\n"
    "- Dates like 2025-02-30 are reported.\n\n"
    "## Added\n\n- Search by keyword (`kw:`).\n\n"
    "# 2025-01-15\n\n## Added\n\n- First release.\n";

const QByteArray kNotes = "# 2025-01-10\n\n"
                          "## Reading group\n\n"
                          ">2025-01-17\n\n"
                          "Discuss the attention paper (arXiv 2501.00001) next week.\n\n"
                          "## Todo\n\n- Buy milk.\n- Review the **sparse** attention draft.\n\n"
                          "## Ideas\n\n* A reader for digests.\n";

void checkNotADigest(const Digest &d) {
    INFO(diagnosticsText(d).toStdString());
    CHECK(d.hasErrors());
    CHECK(d.papers.isEmpty());
    CHECK(hasDiagnostic(d, Severity::Error, QStringLiteral("not a digest"), 1));
}

} // namespace

TEST_CASE("a project README is not a digest") {
    checkNotADigest(parseWritten(QStringLiteral("README.md"), kReadme));
}

TEST_CASE("a CHANGELOG is not a digest") {
    checkNotADigest(parseWritten(QStringLiteral("CHANGELOG.md"), kChangelog));
}

TEST_CASE("a dated notes file with sections is not a digest") {
    checkNotADigest(parseWritten(QStringLiteral("2025-01-10-notes.md"), kNotes));
}

TEST_CASE("a digest with one section missing its metadata is still a digest") {
    const QByteArray text = "# 2025-05-06\n\n# Table of Contents\n* [A](#A)\n* [B](#B)\n\n"
                            "## A\n\n>Authors: Ann\n\n>2025-05-02\n\n"
                            "> http://arxiv.org/abs/2505.00001v1\n\nText.\n\n"
                            "## B\n\nOnly an abstract.\n";
    const Digest d = parseWritten(QStringLiteral("d.md"), text);
    INFO(diagnosticsText(d).toStdString());
    CHECK_FALSE(d.hasErrors());
    REQUIRE(d.papers.size() == 2);
    CHECK(d.papers[1].title == QLatin1String("B"));
}

TEST_CASE("control characters are dropped from every field, with one warning") {
    // ESC ] 52 ; … BEL writes the terminal's clipboard; the others are stray C0 bytes and DEL.
    const QByteArray text =
        "# 2025-06-01\n\n# Table of Contents\n* [Evil Title](#Evil-Title)\n\n---\n\n"
        "## Evil\x1b]52;c;aGk=\x07 Title\n\n"
        "![](https://img.shields.io/badge/Spar\x1bse-FF8C00)\n\n"
        "> Sum\x1b[2Jmary.\n\n"
        "**Authors:** Ann\x08 Lee, Bo\x7f Li | **Date:** 2025-05-30\n\n"
        "**Link:** "
        "[http://arxiv.org/abs/2505.20000v1\x1b](http://arxiv.org/abs/2505.20000v1\x1b)\n\n"
        "<details><summary>Abstract</summary>\n\nAn **ab\x1bstract** with a\x0b"
        "vertical tab\x0c and a bell\x07.\n\n</details>\n\n---\n";
    const Digest d = DigestParser::parse(text, QStringLiteral("c.md"));
    INFO(diagnosticsText(d).toStdString());
    REQUIRE(d.papers.size() == 1);
    const Paper &p = d.papers[0];
    CHECK(p.title == QLatin1String("Evil]52;c;aGk= Title"));
    CHECK(p.authors == QStringList{QStringLiteral("Ann Lee"), QStringLiteral("Bo Li")});
    CHECK(p.url == QLatin1String("http://arxiv.org/abs/2505.20000v1"));
    CHECK(p.arxivId == QLatin1String("2505.20000"));
    CHECK(p.summary == QLatin1String("Sum[2Jmary."));
    CHECK(p.keywords == QStringList({QStringLiteral("sparse"), QStringLiteral("abstract")}));
    CHECK(p.abstract == QLatin1String("An **abstract** with avertical tab and a bell."));
    int warnings = 0;
    for (const Diagnostic &x : d.diagnostics)
        warnings += x.message.contains(QLatin1String("control character"));
    CHECK(warnings == 1);
    CHECK(hasDiagnostic(d, Severity::Warning, QStringLiteral("control character"), 8));
    CHECK_FALSE(d.hasErrors());
}

TEST_CASE("tab, CR and CRLF are not control characters to drop") {
    const QByteArray text = "# 2025-05-06\r\n\r\n## T\tab\r\n\r\n>Authors: A\r\n\r\n>2025-05-02\r\n"
                            "\r\n> http://arxiv.org/abs/2505.00001v1\r\n\r\nText.\r\n";
    const Digest d = DigestParser::parse(text, QStringLiteral("t.md"));
    REQUIRE(d.papers.size() == 1);
    CHECK(d.papers[0].title == QLatin1String("T\tab"));
    CHECK_FALSE(hasDiagnostic(d, Severity::Warning, QStringLiteral("control character")));
}

TEST_CASE("a title with %1 listed twice keeps its text and its line in the warning") {
    const QByteArray section = "## Top-%1 Accuracy\n\n>Authors: Ann\n\n>2025-05-02\n\nText.\n\n";
    const QByteArray text = "# 2025-05-06\n\n" + section + section;
    const Digest d = DigestParser::parse(text, QStringLiteral("t.md"));
    INFO(diagnosticsText(d).toStdString());
    REQUIRE(d.papers.size() == 1);
    CHECK(hasDiagnostic(
        d, Severity::Warning,
        QStringLiteral("paper Top-%1 Accuracy appears again (first on line 3); kept once"), 11));
}

TEST_CASE("C1 controls are dropped too; other non-ASCII characters are kept") {
    // U+009B is CSI, which some terminals obey like ESC [; U+00A0 (no-break space) is text.
    const QByteArray text = "# 2025-05-06\n\n## A\xc2\x9b"
                            "2J title\xc2\xa0ok \xc3\xa9\n\n"
                            ">Authors: A\n\n>2025-05-02\n\n"
                            "> http://arxiv.org/abs/2505.00001v1\n\nText.\n";
    const Digest d = DigestParser::parse(text, QStringLiteral("t.md"));
    INFO(diagnosticsText(d).toStdString());
    REQUIRE(d.papers.size() == 1);
    CHECK(d.papers[0].title == QString::fromUtf8("A2J title\xc2\xa0ok \xc3\xa9"));
    CHECK(hasDiagnostic(d, Severity::Warning, QStringLiteral("control character"), 3));
}
