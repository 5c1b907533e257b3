// Layouts meet the library: the same paper in two layouts is one paper; summaries are stored
// and searchable; keyword hints survive.
#include "layoutfixtures.h"
#include "store/library.h"
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

TEST_CASE("a paper first seen without a usable link becomes one paper with its real id later") {
    const QString dir = test::scratchDir(QStringLiteral("title-keyed"));
    Library lib;
    REQUIRE(lib.open(dir + QStringLiteral("/lib.sqlite")));
    auto digest = [](const QByteArray &date, const QByteArray &link) {
        return "# " + date +
               "\n\n## One Target, Many Views\n\n>Authors: Sajad Daei\n\n>2025-05-02\n\n" + link +
               "\n\nWe propose a pilot-free framework.\n";
    };
    const ImportFileResult bad = lib.importData(
        dir + QStringLiteral("/a.md"), digest("2025-05-06", "> http://arxiv.org/abs/notanid"));
    REQUIRE(bad.imported);
    REQUIRE(lib.query(QString()).total == 1);
    const qint64 id = lib.query(QString()).rows.first().id;
    REQUIRE(lib.setStarred({id}, true));
    REQUIRE(lib.setNote(id, QStringLiteral("keep me")));

    const ImportFileResult good = lib.importData(
        dir + QStringLiteral("/b.md"), digest("2025-05-07", "> http://arxiv.org/abs/2505.01223v1"));
    REQUIRE(good.imported);
    CHECK(good.newPapers == 0);
    CHECK(lib.query(QString()).total == 1);
    const auto paper = lib.paperByArxivId(QStringLiteral("2505.01223"));
    REQUIRE(paper.has_value());
    CHECK(paper->id == id);
    CHECK(paper->starred);
    CHECK(paper->note == QLatin1String("keep me"));
    CHECK(paper->paper.version == 1);

    // And a later digest without a link for it joins the same paper.
    const ImportFileResult none =
        lib.importData(dir + QStringLiteral("/c.md"), digest("2025-05-08", ""));
    REQUIRE(none.imported);
    CHECK(none.newPapers == 0);
    CHECK(lib.query(QString()).total == 1);
    CHECK(lib.paper(id)->digests.size() == 3);
}
