// Layouts meet the library: the same paper in two layouts is one paper; summaries are stored
// and searchable; keyword hints survive.
#include "layoutfixtures.h"
#include "library.h"
#include "testsupport.h"

#include <catch2/catch_test_macros.hpp>

using namespace lectern;

TEST_CASE("the same paper written in two layouts imports as one paper") {
    const QString dir = test::scratchDir(QStringLiteral("layouts-library"));
    Library lib;
    REQUIRE(lib.open(dir + QStringLiteral("/lib.sqlite")));
    const QByteArray classic = "# 2025-06-02\n\n# Table of Contents\n* [Card Paper One](#x)\n\n"
                               "## Card Paper One\n\n>Authors: Wei Zhang, Li Na\n\n>2025-05-30\n\n"
                               "> http://arxiv.org/abs/2505.20000v1\n\nText about **sparse**.\n";
    const ImportFileResult a = lib.importData(dir + QStringLiteral("/cards.md"), test::kCards);
    REQUIRE(a.imported);
    CHECK(a.newPapers == 2);
    const ImportFileResult b = lib.importData(dir + QStringLiteral("/classic.md"), classic);
    REQUIRE(b.imported);
    CHECK(b.newPapers == 0);
    CHECK(b.unchanged + b.updated == 1);

    const QueryResult all = lib.query(QString());
    CHECK(all.total == 2);
    const auto paper = lib.paperByArxivId(QStringLiteral("2505.20000"));
    REQUIRE(paper.has_value());
    CHECK(paper->digests == QList<QDate>{QDate(2025, 6, 1), QDate(2025, 6, 2)});
    CHECK(paper->paper.summary ==
          QString::fromUtf8("本文提出一种稀疏注意力方法，显著降低计算开销。"));
    CHECK(paper->paper.keywords.contains(QStringLiteral("quantization")));
}

TEST_CASE("summaries are searchable and keyword hints are stored") {
    const QString dir = test::scratchDir(QStringLiteral("layouts-summary"));
    Library lib;
    REQUIRE(lib.open(dir + QStringLiteral("/lib.sqlite")));
    REQUIRE(lib.importData(dir + QStringLiteral("/cards.md"), test::kCards).imported);
    REQUIRE(lib.importData(dir + QStringLiteral("/badges.md"), test::kBadges).imported);
    // A word that occurs only in the English summary-free badge abstract...
    CHECK(lib.query(QStringLiteral("mentions")).total == 1);
    // ...and words of a Chinese summary, which has no spaces between words: a whole run, a
    // word inside a run, and a negated one.
    CHECK(lib.query(QString::fromUtf8("一句话总结")).total == 1);
    const QueryResult word = lib.query(QString::fromUtf8("稀疏注意力"));
    INFO(word.error.toStdString());
    CHECK(word.total == 1);
    CHECK(lib.query(QString::fromUtf8("稀疏 kw:sparse")).total == 1);
    CHECK(lib.query(QString::fromUtf8("-稀疏")).total == 3);
    CHECK(lib.query(QString::fromUtf8("不存在")).total == 0);
    const auto badge = lib.paperByArxivId(QStringLiteral("2501.00001"));
    REQUIRE(badge.has_value());
    CHECK(badge->paper.keywordHints.size() == badge->paper.keywords.size());
    CHECK(badge->paper.keywordHints.first() == QLatin1String("FF8C00"));
}
