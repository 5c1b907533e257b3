// QueryTerms: the sidebar's terms, built from values, compile to a query that matches exactly
// that value (quotes, spaces, a leading '-'); highlighting terms come from the compiled query.
#include "libraryfixtures.h"
#include "search/querylanguage.h"
#include "search/queryterms.h"
#include "store/library.h"
#include "testsupport.h"

#include <catch2/catch_test_macros.hpp>

using namespace lectern;
using namespace lectern::test;

namespace {

// One paper per value, each with the value as its keyword (**value**) and its tag.
const QStringList &awkwardValues() {
    static const QStringList values = {
        QStringLiteral("low-bit"),        QStringLiteral("two words"),
        QStringLiteral("-leading dash"),  QStringLiteral("-dash"),
        QStringLiteral("say \"hi\" now"), QStringLiteral("\"quoted\""),
        QStringLiteral("kw:nested"),      QStringLiteral("is:read"),
    };
    return values;
}

Library &awkwardLibrary() {
    static Library *lib = [] {
        auto *l = new Library;
        REQUIRE(
            l->open(scratchDir(QStringLiteral("queryterms-lib")) + QStringLiteral("/lib.sqlite")));
        QList<FixturePaper> papers;
        const QStringList &values = awkwardValues();
        for (int i = 0; i < values.size(); ++i)
            papers << FixturePaper{
                QStringLiteral("2506.%1").arg(10001 + i, 5, 10, QLatin1Char('0')),
                1,
                QStringLiteral("Paper number %1").arg(i),
                QStringLiteral("Alice Smith"),
                QStringLiteral("2025-06-01"),
                QStringLiteral("About **") + values[i] + QStringLiteral("** only.")};
        REQUIRE(
            l->importData(QStringLiteral("a.md"), digestText(QStringLiteral("2025-06-02"), papers))
                .imported);
        for (int i = 0; i < values.size(); ++i)
            REQUIRE(l->setTags(l->idForKey(papers[i].id).value(), {values[i]}));
        return l;
    }();
    return *lib;
}

// The keywords the library holds for the paper of value i (the parser decides their form).
QStringList keywordsOf(int i) {
    const auto paper = awkwardLibrary().paperByArxivId(
        QStringLiteral("2506.%1").arg(10001 + i, 5, 10, QLatin1Char('0')));
    REQUIRE(paper);
    return paper->paper.keywords;
}

QList<qint64> matches(const QString &query) {
    const QueryResult r = awkwardLibrary().query(query);
    INFO("query: " << query.toStdString() << " error: " << r.error.toStdString());
    REQUIRE(r.ok());
    QList<qint64> ids;
    for (const PaperRow &row : r.rows)
        ids << row.id;
    return ids;
}

} // namespace

TEST_CASE("QueryTerms: a tag with quotes, spaces or a leading dash round-trips", "[queryterms]") {
    const QStringList &values = awkwardValues();
    for (int i = 0; i < values.size(); ++i) {
        const QString term = QueryTerms::tag(values[i]);
        INFO("tag " << values[i].toStdString() << " -> " << term.toStdString());
        const qint64 id =
            awkwardLibrary()
                .idForKey(QStringLiteral("2506.%1").arg(10001 + i, 5, 10, QLatin1Char('0')))
                .value();
        CHECK(matches(term) == QList<qint64>{id});
        // Combined with other terms it stays one term.
        CHECK(matches(QueryTerms::all({term, QueryTerms::state(QueryTerms::State::Unread)})) ==
              QList<qint64>{id});
    }
}

TEST_CASE("QueryTerms: every keyword of the library round-trips", "[queryterms]") {
    const QStringList &values = awkwardValues();
    for (int i = 0; i < values.size(); ++i) {
        const QStringList keywords = keywordsOf(i);
        REQUIRE(keywords.size() == 1);
        const QString term = QueryTerms::keyword(keywords.first());
        INFO("keyword " << keywords.first().toStdString() << " -> " << term.toStdString());
        const qint64 id =
            awkwardLibrary()
                .idForKey(QStringLiteral("2506.%1").arg(10001 + i, 5, 10, QLatin1Char('0')))
                .value();
        CHECK(matches(term) == QList<qint64>{id});
    }
}

TEST_CASE("QueryTerms: quoting", "[queryterms]") {
    CHECK(QueryTerms::keyword(QStringLiteral("llm")) == QStringLiteral("kw:llm"));
    CHECK(QueryTerms::keyword(QStringLiteral("two words")) == QStringLiteral("kw:\"two words\""));
    CHECK(QueryTerms::tag(QStringLiteral("say \"hi\"")) ==
          QStringLiteral("tag:\"say \"\"hi\"\"\""));
    CHECK(QueryTerms::digest(QDate(2025, 5, 6)) == QStringLiteral("digest:2025-05-06"));
    CHECK(QueryTerms::state(QueryTerms::State::Noted) == QStringLiteral("is:noted"));
    CHECK(QueryTerms::all({QString(), QStringLiteral("a"), QStringLiteral(" "),
                           QStringLiteral("b")}) == QStringLiteral("a b"));
    // The doubled quote is one quote in the language.
    const CompiledQuery cq = QueryLanguage::compile(QStringLiteral("\"say \"\"hi\"\"\""));
    REQUIRE(cq.ok());
    CHECK(cq.freeTerms == QStringList{QStringLiteral("say \"hi\"")});
    CHECK_FALSE(QueryLanguage::compile(QStringLiteral("\"open \"\" still")).ok());
}

TEST_CASE("QueryTerms: highlight terms come from the compiled query", "[queryterms]") {
    CHECK(QueryTerms::highlightTerms(QStringLiteral("Sparse \"Long Context\" kw:graph -zebra "
                                                    "author:smith quant* a tag:x")) ==
          QStringList{QStringLiteral("sparse"), QStringLiteral("long context"),
                      QStringLiteral("quant")});
    // Quoted with a doubled quote, and a field the regex of old took for a free word.
    CHECK(QueryTerms::highlightTerms(QStringLiteral("\"a \"\"b\"\" c\" digest:2025-05-06")) ==
          QStringList{QStringLiteral("a \"b\" c")});
    CHECK(QueryTerms::highlightTerms(QStringLiteral("-\"not this\" is:unread")).isEmpty());
    CHECK(QueryTerms::highlightTerms(QStringLiteral("\"unclosed")).isEmpty());
}
