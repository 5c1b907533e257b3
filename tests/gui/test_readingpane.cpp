// Tests of the reading pane alone: the HTML of a paper, its summary, the highlights.
#include "guitestsupport.h"
#include "readingpane.h"
#include "store/library.h"
#include "testsupport.h"

#include <catch2/catch_test_macros.hpp>

using namespace Qt::StringLiterals;
using namespace lectern;
using namespace lectern::test;

TEST_CASE("the reading pane shows the summary above the abstract, keywords highlighted", "[gui]") {
    guiApp();
    LibraryPaper lp;
    lp.id = 7;
    lp.paper.arxivId = u"2510.00001"_s;
    lp.paper.version = 2;
    lp.paper.title = u"Agents that plan with $\\alpha$-divergences"_s;
    lp.paper.authors = {u"Ann One"_s, u"李明"_s};
    lp.paper.date = QDate(2025, 10, 1);
    lp.paper.summary = u"本文提出了一种用于智能体规划的新方法。"_s;
    lp.paper.abstract = u"We study LLM agents that plan <script>x</script>.\n\nSecond paragraph."_s;
    lp.paper.keywords = {u"llm"_s, u"agents"_s};
    lp.paper.keywordHints = {u"FF8C00"_s, u"1E90FF"_s};
    lp.digests = {QDate(2025, 10, 2)};

    const QString html = ReadingPane::paperHtml(lp, {u"plan"_s}, lightPalette());
    CHECK(html.contains(u"本文提出了一种用于智能体规划的新方法。"_s));
    CHECK(html.indexOf(u"本文提出"_s) < html.indexOf(u"We study"_s));
    CHECK(html.contains(u"<span class=\"kw\">"_s));
    CHECK_FALSE(html.contains(u"<script>"_s));
    CHECK(html.contains(u"https://arxiv.org/abs/2510.00001"_s));
    CHECK(html.contains(u"https://arxiv.org/pdf/2510.00001v2"_s));
    CHECK(html.contains(u"2025-10-02"_s));

    ReadingPane pane;
    pane.resize(520, 420);
    pane.showPaper(lp, {u"plan"_s});
    pane.show();
    CHECK(pane.toPlainText().contains(u"本文提出了一种用于智能体规划的新方法。"_s));
    saveScreenshot(&pane, u"pane-summary-light"_s);
    pane.setPalette(darkPalette());
    saveScreenshot(&pane, u"pane-summary-dark"_s);
}
