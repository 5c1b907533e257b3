// The query language: compilation (errors, escaping) and results over a fixture library.
#include "libraryfixtures.h"
#include "rawsql.h"
#include "search/phrasematch_p.h"
#include "search/querylanguage.h"
#include "store/library.h"
#include "testsupport.h"

#include <algorithm>

#include <QCoreApplication>
#include <QSqlDatabase>
#include <QSqlQuery>

#include <catch2/catch_test_macros.hpp>

using namespace lectern;
using namespace lectern::test;

namespace {

QStringList ids(const QueryResult &r) {
    QStringList s;
    for (const PaperRow &row : r.rows)
        s << row.arxivId.right(1); // "2505.00003" -> "3"
    return s;
}

Library &fixtureLibrary() {
    static Library *lib = [] {
        auto *l = new Library;
        // One folder per process: CTest runs the test cases of this file in parallel.
        REQUIRE(l->open(scratchDir(QStringLiteral("query-lib-") +
                                   QString::number(QCoreApplication::applicationPid())) +
                        QStringLiteral("/lib.sqlite")));
        REQUIRE(l->importData(QStringLiteral("1.md"), fixtureDigest1()).imported);
        REQUIRE(l->importData(QStringLiteral("2.md"), fixtureDigest2()).imported);
        REQUIRE(l->setRead({l->idForKey(QStringLiteral("2505.00001")).value(),
                            l->idForKey(QStringLiteral("2505.00004")).value()},
                           true));
        REQUIRE(l->setStarred({l->idForKey(QStringLiteral("2505.00002")).value()}, true));
        REQUIRE(l->setNote(l->idForKey(QStringLiteral("2505.00005")).value(),
                           QStringLiteral("Check the okapi data")));
        REQUIRE(l->addTag({l->idForKey(QStringLiteral("2505.00003")).value(),
                           l->idForKey(QStringLiteral("2505.00005")).value()},
                          QStringLiteral("Reading-Group")));
        return l;
    }();
    return *lib;
}

QStringList find(const QString &q, SortOrder sort = SortOrder::Date) {
    const QueryResult r = fixtureLibrary().query(q, sort);
    INFO("query: " << q.toStdString() << " error: " << r.error.toStdString());
    REQUIRE(r.ok());
    CHECK(r.total == r.rows.size());
    return ids(r);
}

} // namespace

TEST_CASE("malformed queries give a message naming the problem, never SQL") {
    struct Case {
        const char *query;
        const char *needle;
    };
    for (const Case &c :
         {Case{"\"unclosed phrase", "unclosed quote"}, Case{"graph \"", "unclosed quote"},
          Case{"is:bogus", "bogus"}, Case{"is:", "needs a value"},
          Case{"digest:yesterday", "bad date"}, Case{"after:2025-02-30", "bad date"},
          Case{"before:2025/01/01", "YYYY-MM-DD"}, Case{"-author:", "needs a value"},
          Case{"kw:\"open", "unclosed"}}) {
        const QueryResult r = fixtureLibrary().query(QLatin1String(c.query));
        INFO(c.query << " -> " << r.error.toStdString());
        CHECK_FALSE(r.ok());
        CHECK(r.error.contains(QLatin1String(c.needle)));
        CHECK_FALSE(r.error.contains(QLatin1String("SQL")));
        CHECK_FALSE(r.error.contains(QLatin1String("fts5")));
        CHECK(r.rows.isEmpty());
    }
}

TEST_CASE("FTS5 syntax in user input is just text") {
    for (const char *q : {"AND",
                          "OR",
                          "NOT",
                          "NEAR",
                          "NEAR(graph molecules)",
                          "*",
                          "graph*",
                          "^graph",
                          "title:graph",
                          "a\"\"b\"",
                          "graph:",
                          "(",
                          ")",
                          "{title}",
                          "-",
                          "--",
                          "+",
                          "graph AND zebras",
                          "\"graph\" OR \"zebra\"",
                          "'",
                          ";DROP TABLE papers;--",
                          "col : x",
                          "graph NOT zebras",
                          "\\",
                          "\"\"",
                          "\" \""}) {
        const QueryResult r = fixtureLibrary().query(QLatin1String(q));
        INFO(q << " -> " << r.error.toStdString());
        // Only quoting can be malformed; a query of nothing but symbols says so.
        if (!r.ok())
            CHECK((r.error.contains(QLatin1String("quote")) ||
                   r.error.contains(QLatin1String("nothing to search for"))));
    }
    CHECK(fixtureLibrary().query(QString()).total == 5);
    // "graph NEAR zebras": three words ANDed; "NEAR" is a word here, found in no paper.
    CHECK(find(QStringLiteral("graph NEAR zebras")).isEmpty());
    CHECK(find(QStringLiteral("graph AND zebras")) == L({"5"})); // "and" is in its title
    CHECK(find(QStringLiteral("graph zebras")) == L({"5"}));
}

TEST_CASE("free words: prefix match over title, authors, abstract and note; phrases exact") {
    CHECK(find(QStringLiteral("quantiz")) == L({"3", "1"}));
    CHECK(find(QStringLiteral("QUANTIZATION")) == L({"3", "1"}));
    CHECK(find(QStringLiteral("smith")) == L({"3", "1"}));
    CHECK(find(QStringLiteral("okapi")) == L({"5"})); // the note
    CHECK(find(QStringLiteral("graph neural")) == L({"2"}));
    CHECK(find(QStringLiteral("\"exact phrase matching\"")) == L({"2"}));
    CHECK(find(QStringLiteral("\"phrase matching exact\"")) == L({"3"}));
    CHECK(find(QStringLiteral("\"phrase match\"")).isEmpty()); // phrases are not prefixes
    CHECK(find(QStringLiteral("low-bit")) == L({"3"}));
    CHECK(find(QStringLiteral("sim-to-real")) == L({"4"}));
    CHECK(find(QStringLiteral("\"sim to real\"")) == L({"4"}));
    CHECK(find(QStringLiteral("\"real to sim\"")).isEmpty()); // all words there, not in order
    // Markdown bold and case do not break a phrase; whole words only.
    CHECK(find(QStringLiteral("\"SPARSE attention\"")) == L({"1"}));
    CHECK(find(QStringLiteral("\"sparse attent\"")).isEmpty());
    CHECK(find(QStringLiteral("\"parse attention\"")).isEmpty());
    // Accents are ignored both ways.
    CHECK(find(QStringLiteral("thermorégulation")) == L({"5"}));
}

TEST_CASE("a one-letter word matches only that word, not every word starting with it") {
    // "q" as a prefix would match "quantization"; as a word it matches nothing here.
    CHECK(find(QStringLiteral("q")).isEmpty());
    CHECK(find(QStringLiteral("qu")) == find(QStringLiteral("quantiz")));
}

TEST_CASE("large result sets (read along the date index) come in exact date order") {
    // Above 2,000 matches the window is read by walking the date index instead of sorting;
    // the order, ties included, must be the same as a full sort.
    const QString dir = test::scratchDir(QStringLiteral("query-walk"));
    Library lib;
    REQUIRE(lib.open(dir + QStringLiteral("/lib.sqlite")));
    QByteArray text = "# 2025-05-06\n\n";
    for (int i = 0; i < 2600; ++i) {
        const QByteArray day = QByteArray::number(1 + (i * 7) % 28).rightJustified(2, '0');
        text += "## Paper " + QByteArray::number(i) + "\n\n>Authors: A\n\n>2025-04-" + day +
                "\n\n> http://arxiv.org/abs/2504." + QByteArray::number(10000 + i) +
                "v1\n\nA common word" + (i % 3 ? QByteArray(" and rarer") : QByteArray()) + ".\n\n";
    }
    REQUIRE(lib.importData(dir + QStringLiteral("/d.md"), text).imported);
    for (const QString &q : {QStringLiteral("common"), QStringLiteral("rarer"), QString()}) {
        const QueryResult all = lib.query(q, SortOrder::Date);
        REQUIRE(all.total > 1700);
        QList<PaperRow> sorted = all.rows;
        std::sort(sorted.begin(), sorted.end(), [](const PaperRow &a, const PaperRow &b) {
            return a.date != b.date ? a.date > b.date : a.id > b.id;
        });
        for (int offset : {0, 1000}) {
            const QueryResult page = lib.query(q, SortOrder::Date, 100, offset);
            CHECK(page.total == all.total);
            REQUIRE(page.rows.size() == 100);
            for (int i = 0; i < 100; ++i)
                CHECK(page.rows[i].id == sorted[offset + i].id);
        }
    }
}

TEST_CASE("a phrase's tokens follow the index's tokens") {
    const QStringList phrase = PhraseMatch::tokens(QStringLiteral("Café Crème"));
    CHECK(phrase == QStringList{QStringLiteral("cafe"), QStringLiteral("creme")});
}

TEST_CASE("fields: author, kw, tag, is, digest, after, before") {
    CHECK(find(QStringLiteral("author:smith")) == L({"3", "1"}));
    CHECK(find(QStringLiteral("author:\"alice smith\"")) == L({"3", "1"}));
    CHECK(find(QStringLiteral("author:brown")) == L({"3"}));
    CHECK(find(QStringLiteral("author:graph")).isEmpty()); // only the authors field
    CHECK(find(QStringLiteral("kw:graph")) == L({"2", "5"}));
    CHECK(find(QStringLiteral("KW:Quantization")) == L({"3", "1"}));
    CHECK(find(QStringLiteral("kw:quant")).isEmpty()); // keywords are exact
    CHECK(find(QStringLiteral("tag:reading-group")) == L({"3", "5"}));
    CHECK(find(QStringLiteral("is:read")) == L({"4", "1"}));
    CHECK(find(QStringLiteral("is:unread")) == L({"3", "2", "5"}));
    CHECK(find(QStringLiteral("is:starred")) == L({"2"}));
    CHECK(find(QStringLiteral("is:noted")) == L({"5"}));
    CHECK(find(QStringLiteral("digest:2025-05-07")) == L({"4", "3", "5"}));
    CHECK(find(QStringLiteral("digest:2024-01-01")).isEmpty());
    CHECK(find(QStringLiteral("after:2025-05-02")) == L({"4", "3", "2"}));
    CHECK(find(QStringLiteral("before:2025-05-02")) == L({"1", "5"}));
    CHECK(find(QStringLiteral("after:2025-05-01 before:2025-05-03")) == L({"2", "1"}));
}

TEST_CASE("negation of any term, and combinations") {
    CHECK(find(QStringLiteral("-graph")) == L({"4", "3", "1"}));
    CHECK(find(QStringLiteral("kw:graph -zebra")) == L({"2"}));
    CHECK(find(QStringLiteral("graph -\"neural networks\"")) == L({"5"}));
    CHECK(find(QStringLiteral("-author:smith")) == L({"4", "2", "5"}));
    CHECK(find(QStringLiteral("-is:read")) == L({"3", "2", "5"}));
    CHECK(find(QStringLiteral("-kw:quantization -tag:reading-group")) == L({"4", "2"}));
    CHECK(find(QStringLiteral("-digest:2025-05-06")) == L({"4", "5"}));
    CHECK(find(QStringLiteral("-\"SPARSE attention\"")) == L({"4", "3", "2", "5"}));
    CHECK(find(QStringLiteral("-author:\"alice smith\"")) == L({"4", "2", "5"}));
    CHECK(find(QStringLiteral("-after:2025-05-02")) == L({"1", "5"}));
    CHECK(find(QStringLiteral("is:unread kw:quantization")) == L({"3"}));
    CHECK(find(QStringLiteral("smith -diffusion is:unread")).isEmpty());
}

TEST_CASE("sorting: date, digest, title, relevance; limit and offset with a total") {
    CHECK(find(QString(), SortOrder::Date) == L({"4", "3", "2", "1", "5"}));
    CHECK(find(QString(), SortOrder::Digest) == L({"4", "3", "5", "2", "1"}));
    CHECK(find(QString(), SortOrder::Title) == L({"2", "3", "4", "1", "5"}));
    CHECK(find(QString(), SortOrder::Relevance) == L({"4", "3", "2", "1", "5"})); // no words: date
    // "graph" in the title of 2 weighs more than in the abstract of 5.
    CHECK(find(QStringLiteral("graph"), SortOrder::Relevance) == L({"2", "5"}));
    const QueryResult page = fixtureLibrary().query(QString(), SortOrder::Date, 2, 1);
    CHECK(page.total == 5);
    CHECK(ids(page) == L({"3", "2"}));
    const QueryResult none = fixtureLibrary().query(QString(), SortOrder::Date, 0);
    CHECK(none.total == 5);
    CHECK(none.rows.isEmpty());
    // Phrase queries take another path (one pass for total and window): same contract.
    const QueryResult phrase =
        fixtureLibrary().query(QStringLiteral("\"phrase matching\""), SortOrder::Date, 1, 1);
    CHECK(phrase.total == 2);
    CHECK(ids(phrase) == L({"2"}));
    CHECK(fixtureLibrary().query(QStringLiteral("\"phrase matching\""), SortOrder::Date, 0).total ==
          2);
    const QueryResult past = fixtureLibrary().query(QString(), SortOrder::Date, 10, 50);
    CHECK(past.total == 5);
    CHECK(past.rows.isEmpty());
}

TEST_CASE("rows carry what the list shows") {
    const QueryResult r = fixtureLibrary().query(QStringLiteral("okapi"));
    REQUIRE(r.rows.size() == 1);
    const PaperRow &row = r.rows.first();
    CHECK(row.arxivId == QLatin1String("2505.00005"));
    CHECK(row.title == QLatin1String("Zebra Stripes and Thermoregulation"));
    CHECK(row.authors == QStringList{QStringLiteral("Frank Black")});
    CHECK(row.date == QDate(2025, 4, 20));
    CHECK(row.keywords == QStringList{QStringLiteral("graph")});
    CHECK(row.hasNote);
    CHECK_FALSE(row.read);
    CHECK_FALSE(row.starred);
}

TEST_CASE("compile: free terms are reported for highlighting; values are bound, not inlined") {
    const CompiledQuery c =
        QueryLanguage::compile(QStringLiteral("Graph \"Exact Phrase\" kw:x'); -y author:z"));
    REQUIRE(c.ok());
    CHECK(c.freeTerms == QStringList{QStringLiteral("graph"), QStringLiteral("exact phrase")});
    for (const QString &w : c.where)
        CHECK_FALSE(w.contains(QLatin1String("x')")));
    CHECK(c.binds.contains(QStringLiteral("x');")));
    CHECK(QueryLanguage::ftsString(QStringLiteral("a\"b")) == QLatin1String("\"a\"\"b\""));
}

TEST_CASE("random queries never reach SQL or FTS5 as syntax") {
    // Words, field prefixes, operators and punctuation in random order: the result is either
    // a search or one of the language's own messages.
    const QStringList pieces = {QStringLiteral("graph"),       QStringLiteral("\""),
                                QStringLiteral("-"),           QStringLiteral("*"),
                                QStringLiteral("AND"),         QStringLiteral("OR"),
                                QStringLiteral("NOT"),         QStringLiteral("NEAR("),
                                QStringLiteral(")"),           QStringLiteral("("),
                                QStringLiteral("author:"),     QStringLiteral("kw:"),
                                QStringLiteral("tag:"),        QStringLiteral("is:read"),
                                QStringLiteral("is:"),         QStringLiteral("digest:2025-05-06"),
                                QStringLiteral("after:"),      QStringLiteral("before:x"),
                                QStringLiteral("'"),           QStringLiteral(";"),
                                QStringLiteral("{title}"),     QStringLiteral(":"),
                                QStringLiteral("^"),           QStringLiteral("\\"),
                                QStringLiteral("ü"),           QStringLiteral("数学"),
                                QStringLiteral("sim-to-real"), QStringLiteral(" "),
                                QStringLiteral("%"),           QStringLiteral("_"),
                                QStringLiteral("$x^2$"),       QStringLiteral("+"),
                                QStringLiteral("\t")};
    quint32 state = 12345;
    auto next = [&] {
        state = state * 1664525u + 1013904223u;
        return state >> 8;
    };
    for (int i = 0; i < 1500; ++i) {
        QString q;
        const int n = 1 + int(next() % 7);
        for (int k = 0; k < n; ++k)
            q += pieces.at(int(next() % pieces.size())) +
                 (next() % 2 ? QStringLiteral(" ") : QString());
        const QueryResult r = fixtureLibrary().query(q, SortOrder(next() % 4), 10);
        if (!r.ok()) {
            INFO(q.toStdString() << " -> " << r.error.toStdString());
            const bool known = r.error.contains(QLatin1String("unclosed quote")) ||
                               r.error.contains(QLatin1String("needs a value")) ||
                               r.error.contains(QLatin1String("unknown state")) ||
                               r.error.contains(QLatin1String("bad date")) ||
                               r.error.contains(QLatin1String("nothing to search for"));
            CHECK(known);
        }
    }
}

TEST_CASE("a query of nothing searchable is a message, not every paper") {
    for (const char *q : {"*", "-", "--", "\xF0\x9F\x9A\x80", "author:\"\"", "&& ||"}) {
        const QueryResult r = fixtureLibrary().query(QString::fromUtf8(q));
        INFO(q);
        CHECK_FALSE(r.ok());
        CHECK(r.error.contains(QLatin1String("nothing to search for")));
        CHECK(r.total == 0);
    }
    // Beside a real term, a symbol is ignored.
    CHECK(find(QStringLiteral("quantiz *")) == find(QStringLiteral("quantiz")));
}

TEST_CASE("user text in an error message is never substituted twice (is:%1, dates)") {
    const CompiledQuery state = QueryLanguage::compile(QStringLiteral("graph is:%1"));
    INFO(state.error.toStdString());
    REQUIRE_FALSE(state.ok());
    CHECK(state.error.contains(QStringLiteral("is:%1")));
    CHECK(state.error.contains(QStringLiteral("at position 7")));
    CHECK_FALSE(state.error.contains(QStringLiteral("%2")));

    const CompiledQuery date = QueryLanguage::compile(QStringLiteral("after:%2%3"));
    INFO(date.error.toStdString());
    REQUIRE_FALSE(date.ok());
    CHECK(date.error.contains(QStringLiteral("after:%2%3")));
    CHECK(date.error.contains(QStringLiteral("at position 1")));
}

TEST_CASE("phrases are FTS5 phrase queries answered from the index's positions") {
    // No per-row check (lectern_phrase over every candidate cost 2 s at a million papers).
    const CompiledQuery phrase = QueryLanguage::compile(QStringLiteral("\"Exact Phrase\""));
    REQUIRE(phrase.ok());
    CHECK(phrase.where.isEmpty());
    CHECK(phrase.match == QLatin1String("\"exact\" + \"phrase\""));
    // A typed word with punctuation is a phrase whose last word is a prefix.
    CHECK(QueryLanguage::compile(QStringLiteral("sim-to-re")).match ==
          QLatin1String("\"sim\" + \"to\" + \"re\"*"));
    CHECK(QueryLanguage::compile(QStringLiteral("author:\"Jane Doe\"")).match ==
          QLatin1String("authors : (\"jane\" + \"doe\")"));
    const CompiledQuery negated =
        QueryLanguage::compile(QStringLiteral("graph -\"phrase matching\""));
    CHECK(negated.where.isEmpty());
    CHECK(negated.match == QLatin1String("(\"graph\"*) NOT (\"phrase\" + \"matching\")"));
    // The same answers as before, total and window from the index.
    CHECK(find(QStringLiteral("-\"sim to real\"")).size() == 4);
    CHECK(find(QStringLiteral("author:\"smith\"")) == L({"3", "1"}));
}

namespace {

// A few thousand papers in two overlapping digests: keywords, tags, read papers and dates
// with ties, so that large views are read along an index (probing each row) and small ones
// are sorted.
Library &largeLibrary() {
    static Library *lib = [] {
        auto *l = new Library;
        const QString dir = test::scratchDir(QStringLiteral("query-large-") +
                                             QString::number(QCoreApplication::applicationPid()));
        REQUIRE(l->open(dir + QStringLiteral("/lib.sqlite")));
        auto paper = [](int i) {
            const QString day =
                QString::number(1 + (i * 7) % 28).rightJustified(2, QLatin1Char('0'));
            QString abstract = QStringLiteral("A common word");
            if (i % 3)
                abstract += QStringLiteral(" and rarer");
            if (i % 2 == 0)
                abstract += QStringLiteral(", **alpha**");
            if (i % 5)
                abstract += QStringLiteral(", **beta**");
            return FixturePaper{QStringLiteral("2504.") + QString::number(10000 + i),
                                1,
                                QStringLiteral("Paper ") + QString::number(i),
                                QStringLiteral("A Author"),
                                QStringLiteral("2025-04-") + day,
                                abstract + QLatin1Char('.')};
        };
        QList<FixturePaper> first, second;
        for (int i = 0; i < 2600; ++i)
            first << paper(i);
        for (int i = 2400; i < 3000; ++i)
            second << paper(i);
        REQUIRE(l->importData(dir + QStringLiteral("/1.md"),
                              digestText(QStringLiteral("2025-05-06"), first))
                    .imported);
        REQUIRE(l->importData(dir + QStringLiteral("/2.md"),
                              digestText(QStringLiteral("2025-05-07"), second))
                    .imported);
        QList<qint64> read, tagged;
        for (qint64 id = 1; id <= 3000; ++id) {
            if (id % 11 == 0)
                read << id;
            if (id % 13 == 0)
                tagged << id;
        }
        REQUIRE(l->setRead(read, true));
        REQUIRE(l->addTag(tagged, QStringLiteral("t")));
        return l;
    }();
    return *lib;
}

QList<qint64> rowIds(const QList<PaperRow> &rows) {
    QList<qint64> out;
    for (const PaperRow &r : rows)
        out << r.id;
    return out;
}

} // namespace

TEST_CASE("a page of a large view read by probing each row is the page of the full sort") {
    // The full view (no limit) is read with each condition's set; a page of a large view
    // along the index probes each row (EXISTS) instead, and by date with free words reads
    // only the matches from a rowid and date on. Same papers, same order, same total.
    Library &lib = largeLibrary();
    const QStringList queries = {QStringLiteral("kw:beta"),
                                 QStringLiteral("kw:beta is:unread"),
                                 QStringLiteral("-tag:t"),
                                 QStringLiteral("kw:beta -kw:alpha"),
                                 QStringLiteral("digest:2025-05-06"),
                                 QStringLiteral("-digest:2025-05-07"),
                                 QStringLiteral("common kw:beta"),
                                 QStringLiteral("kw:alpha"),
                                 QStringLiteral("tag:t"),
                                 QStringLiteral("is:unread -has:pdf"),
                                 QStringLiteral("-cat:cs"),
                                 QStringLiteral("rarer -kw:alpha"),
                                 QStringLiteral("common"),
                                 QStringLiteral("rarer"),
                                 QStringLiteral("\"common word\""),
                                 QStringLiteral("common -tag:t is:unread")};
    for (const SortOrder sort : {SortOrder::Date, SortOrder::Digest, SortOrder::Title}) {
        for (const QString &q : queries) {
            INFO("query: " << q.toStdString() << ", sort " << int(sort));
            const QueryResult all = lib.query(q, sort);
            REQUIRE(all.ok());
            REQUIRE(all.total == all.rows.size());
            if (sort == SortOrder::Title) { // read along the title index: as a full sort
                QList<PaperRow> sorted = all.rows;
                std::sort(sorted.begin(), sorted.end(), [](const PaperRow &a, const PaperRow &b) {
                    const int c = a.title.compare(b.title, Qt::CaseInsensitive);
                    return c != 0 ? c < 0 : a.id < b.id;
                });
                CHECK(rowIds(sorted) == rowIds(all.rows));
            }
            CHECK(lib.total(q) == all.total);
            for (int offset : {0, 150, 1000}) {
                const QueryResult page = lib.query(q, sort, 100, offset);
                CHECK(page.total == all.total);
                CHECK(rowIds(page.rows) == rowIds(all.rows.mid(offset, 100)));
            }
        }
    }
    // The sets of the large views are large enough to be read along the index.
    CHECK(lib.query(QStringLiteral("kw:beta"), SortOrder::Date, 1).total == 2400);
    CHECK(lib.query(QStringLiteral("digest:2025-05-06"), SortOrder::Date, 1).total == 2600);
    CHECK(lib.query(QStringLiteral("-tag:t"), SortOrder::Date, 1).total == 3000 - 230);
}

TEST_CASE("a capped count says it is a lower bound; total() and query() count all") {
    Library &lib = largeLibrary();
    for (const QString &q :
         {QStringLiteral("common"), QStringLiteral("rarer kw:beta"), QStringLiteral("kw:alpha"),
          QStringLiteral("kw:beta is:unread"), QString(), QStringLiteral("tag:t"),
          QStringLiteral("after:2025-04-10 kw:beta -tag:t")}) {
        INFO("query: " << q.toStdString());
        const QueryResult exact = lib.query(q, SortOrder::Date, 50);
        REQUIRE(exact.ok());
        CHECK_FALSE(exact.totalIsLowerBound);
        CHECK(lib.total(q) == exact.total);
        const QueryResult capped = lib.queryCapped(q, SortOrder::Date, 50, 0, 500);
        REQUIRE(capped.ok());
        CHECK(rowIds(capped.rows) == rowIds(exact.rows));
        if (QueryLanguage::compile(q).counted) {
            // One of the kept counts (all, kw:, is:unread): exact at once, whatever the cap.
            CHECK(capped.total == exact.total);
            CHECK_FALSE(capped.totalIsLowerBound);
        } else {
            CHECK(capped.total == std::min(500, exact.total));
            CHECK(capped.totalIsLowerBound == (exact.total > 500));
        }
        const QueryResult uncapped = lib.queryCapped(q, SortOrder::Date, 50, 0, 0);
        CHECK(uncapped.total == exact.total);
        CHECK_FALSE(uncapped.totalIsLowerBound);
    }
    // Counting by relevance counts the same papers as by date.
    CHECK(lib.query(QStringLiteral("rarer"), SortOrder::Relevance, 10).total ==
          lib.query(QStringLiteral("rarer"), SortOrder::Date, 10).total);
    CHECK(lib.queryCapped(QStringLiteral("common"), SortOrder::Relevance, 10, 0, 100).total == 100);
    CHECK_FALSE(lib.total(QStringLiteral("is:bogus")).has_value());
}

TEST_CASE("by date, free words read from a rowid and date on give the page of the full sort") {
    // Papers listed in date order, ten a day, as imports usually add them: the newest matches
    // have the highest rowids, so the page is read from a bound date on, ties at it included.
    const QString dir = test::scratchDir(QStringLiteral("query-bound"));
    Library lib;
    REQUIRE(lib.open(dir + QStringLiteral("/lib.sqlite")));
    QList<FixturePaper> papers;
    for (int i = 0; i < 2500; ++i)
        papers << FixturePaper{QStringLiteral("2501.") + QString::number(10000 + i),
                               1,
                               QStringLiteral("Paper ") + QString::number(i),
                               QStringLiteral("A Author"),
                               QDate(2025, 1, 1).addDays(i / 10).toString(Qt::ISODate),
                               i % 3 ? QStringLiteral("A common word and rarer.")
                                     : QStringLiteral("A common word.")};
    REQUIRE(lib.importData(dir + QStringLiteral("/d.md"),
                           digestText(QStringLiteral("2025-12-01"), papers))
                .imported);
    for (const QString &q : {QStringLiteral("common"), QStringLiteral("rarer"),
                             QStringLiteral("common -rarer"), QStringLiteral("\"common word\"")}) {
        INFO("query: " << q.toStdString());
        const QueryResult all = lib.query(q);
        REQUIRE(all.total > 800);
        for (int offset : {0, 7, 150, 1000}) {
            const QueryResult page = lib.query(q, SortOrder::Date, 13, offset);
            CHECK(page.total == all.total);
            CHECK(rowIds(page.rows) == rowIds(all.rows.mid(offset, 13)));
        }
    }
}

TEST_CASE("free words with few matches, read once and sorted, give the page of the full view") {
    // Free words only (not by relevance): the matches are counted by reading their ids, and
    // with at most 2000 of them the window is them sorted. Same papers, order and total as the
    // view's own SQL (Library::ids), for every order, page and cap; larger results as before.
    Library &lib = largeLibrary();
    const QStringList queries = {QStringLiteral("\"alpha\""),
                                 QStringLiteral("\"rarer\" \"alpha\""),
                                 QStringLiteral("\"alpha\" -\"rarer\""),
                                 QStringLiteral("\"paper 12\""),
                                 QStringLiteral("\"common word\""),
                                 QStringLiteral("\"beta\""),
                                 QStringLiteral("12"),
                                 QStringLiteral("\"absent\""),
                                 QStringLiteral("\"alpha\" -12"),
                                 QStringLiteral("alph"),
                                 QStringLiteral("rarer alph"),
                                 QStringLiteral("comm"),
                                 QStringLiteral("alph -12")};
    for (const SortOrder sort : {SortOrder::Date, SortOrder::Digest, SortOrder::Title,
                                 SortOrder::ForYou, SortOrder::Similar}) {
        for (const QString &q : queries) {
            INFO("query: " << q.toStdString() << ", sort " << int(sort));
            const std::optional<QList<qint64>> all = lib.ids(q, sort);
            REQUIRE(all.has_value());
            CHECK(lib.total(q) == all->size());
            CHECK(rowIds(lib.query(q, sort).rows) == *all);
            for (int offset : {0, 7, 150, 1000}) {
                const QueryResult page = lib.query(q, sort, 13, offset);
                CHECK(page.total == all->size());
                CHECK_FALSE(page.totalIsLowerBound);
                CHECK(rowIds(page.rows) == all->mid(offset, 13));
                const QueryResult capped = lib.queryCapped(q, sort, 13, offset, 500);
                CHECK(capped.total == std::min(qsizetype(500), all->size()));
                CHECK(capped.totalIsLowerBound == (all->size() > 500));
                CHECK(rowIds(capped.rows) == all->mid(offset, 13));
            }
        }
    }
    // Between none and all of the papers.
    CHECK(lib.total(QStringLiteral("\"alpha\"")) == 1500);
    CHECK(lib.total(QStringLiteral("\"paper 12\"")) == 1);
    CHECK(lib.total(QStringLiteral("\"alpha\" -\"rarer\"")) == 500);
}

TEST_CASE("a capped count's first page, read by probing each row walked, is the page of the "
          "full sort") {
    // A capped count (the list's first page: more than the cap match) is a lower bound, no
    // total to estimate the rows walked from: a page of a view with set conditions walks the
    // order's index probing each row (EXISTS) and stops at the window, instead of building the
    // sets over every match. Ids far apart (a paper at 3,000,000) made the estimate from the
    // cap exceed the probe limit. Same papers, same order as the full sort.
    const QString dir = scratchDir(QStringLiteral("query-capped-probe"));
    const QString path = dir + QStringLiteral("/lib.sqlite");
    auto paper = [](int i) {
        return FixturePaper{
            QStringLiteral("2504.") + QString::number(10000 + i),
            1,
            QStringLiteral("Paper ") + QString::number((i * 7919) % 3001),
            QStringLiteral("A Author"),
            QStringLiteral("2025-04-") +
                QString::number(1 + (i * 7) % 28).rightJustified(2, QLatin1Char('0')),
            i % 5 ? QStringLiteral("A common word, **beta**.") : QStringLiteral("A common word.")};
    };
    QList<FixturePaper> first, second;
    for (int i = 0; i < 3000; ++i)
        (i < 2500 ? first : second) << paper(i);
    {
        Library lib;
        REQUIRE(lib.open(path));
        REQUIRE(lib.importData(dir + QStringLiteral("/1.md"),
                               digestText(QStringLiteral("2025-05-06"), first))
                    .imported);
    }
    insertUnindexedPaper(path, 3000000, QStringLiteral("2504.99999"), QStringLiteral("Far away"),
                         QStringLiteral("2025-04-15"), QStringLiteral("Nothing in common."));
    Library lib;
    REQUIRE(lib.open(path));
    REQUIRE(lib.importData(dir + QStringLiteral("/2.md"),
                           digestText(QStringLiteral("2025-05-07"), second))
                .imported);
    QList<qint64> read;
    for (qint64 id = 1; id <= 2500; id += 11)
        read << id;
    REQUIRE(lib.setRead(read, true));
    REQUIRE(lib.idForKey(QStringLiteral("2504.12999")).value() > 3000000);
    for (const SortOrder sort : {SortOrder::Date, SortOrder::Digest, SortOrder::Title}) {
        // (-tag:x, which no paper has, keeps the kept counts of kw: and digest: out: those
        // are exact at once, read along the same paths as an uncapped count.)
        for (const QString &q :
             {QStringLiteral("kw:beta -tag:x"), QStringLiteral("kw:beta is:unread -tag:x"),
              QStringLiteral("common kw:beta"),
              QStringLiteral("digest:2025-05-06 is:unread -tag:x"), QStringLiteral("kw:beta"),
              QStringLiteral("kw:beta is:unread"), QStringLiteral("digest:2025-05-06 is:unread")}) {
            INFO("query: " << q.toStdString() << ", sort " << int(sort));
            const std::optional<QList<qint64>> all = lib.ids(q, sort);
            REQUIRE(all.has_value());
            REQUIRE(all->size() > 2100);
            const bool kept = QueryLanguage::compile(q).counted.has_value();
            for (int offset : {0, 150, 1000}) {
                const QueryResult capped = lib.queryCapped(q, sort, 200, offset, 2100);
                REQUIRE(capped.ok());
                CHECK(capped.totalIsLowerBound == !kept);
                if (kept) {
                    CHECK(capped.total == all->size());
                } else if (q.startsWith(QLatin1String("common"))) {
                    // A prefix word: the walk that asks each paper (test_matchprobe) stops
                    // counting at 1,000 or at the window's end, a lower bound all the same.
                    CHECK(capped.total == std::max(1000, offset + 200 - 1));
                    CHECK(capped.total < all->size());
                } else {
                    CHECK(capped.total == 2100);
                }
                CHECK(rowIds(capped.rows) == all->mid(offset, 200));
            }
        }
    }
}

TEST_CASE("a query is a kept count only when it is one scope and one read state, positive") {
    using Scope = CountedSet::Scope;
    using State = CountedSet::State;
    struct Case {
        const char *query;
        Scope scope;
        const char *name;
        State state;
    };
    for (const Case &c : {
             Case{"", Scope::Library, "", State::Any},
             Case{"is:unread", Scope::Library, "", State::Unread},
             Case{"IS:Read", Scope::Library, "", State::Read},
             Case{"kw:\"Large  Language Models\"", Scope::Keyword, "large language models",
                  State::Any},
             Case{"is:unread kw:Graph", Scope::Keyword, "graph", State::Unread},
             Case{"digest:2025-05-06 is:read", Scope::DigestDate, "2025-05-06", State::Read},
         }) {
        INFO(c.query);
        const CompiledQuery q = QueryLanguage::compile(QString::fromUtf8(c.query));
        REQUIRE(q.ok());
        REQUIRE(q.counted);
        CHECK(q.counted->scope == c.scope);
        CHECK(q.counted->name == QString::fromUtf8(c.name));
        CHECK(q.counted->state == c.state);
    }
    for (const char *query :
         {"-kw:graph", "-is:unread", "kw:a kw:b", "kw:a digest:2025-05-06", "is:unread is:read",
          "is:unread is:unread", "graph kw:graph", "tag:t", "is:starred", "after:2025-01-01",
          "kw:graph -\"exact phrase\"", "the", "author:smith is:unread", "\u6a21\u578b",
          "cat:cs.LG", "has:pdf", "follows:smith"}) {
        INFO(query);
        const CompiledQuery q = QueryLanguage::compile(QString::fromUtf8(query));
        CHECK_FALSE(q.counted);
    }
}

TEST_CASE("totalAndRead counts a view and its read papers in one pass, as total() does each") {
    const QString dir = scratchDir(QStringLiteral("query-total-read"));
    Library lib;
    REQUIRE(lib.open(dir + QStringLiteral("/lib.sqlite")));
    QList<FixturePaper> papers;
    for (int i = 0; i < 300; ++i)
        papers << FixturePaper{QStringLiteral("2504.") + QString::number(10000 + i),
                               1,
                               QStringLiteral("Paper ") + QString::number(i),
                               QStringLiteral("A Author"),
                               QStringLiteral("2025-04-10"),
                               i % 3 ? QStringLiteral("A common word, **beta**.")
                                     : QStringLiteral("A common word and rarer.")};
    REQUIRE(lib.importData(dir + QStringLiteral("/1.md"),
                           digestText(QStringLiteral("2025-05-06"), papers))
                .imported);
    REQUIRE(lib.addTag({1, 2, 3, 50, 51}, QStringLiteral("t")));
    const QStringList queries = {QString(),
                                 QStringLiteral("common"),
                                 QStringLiteral("rarer"),
                                 QStringLiteral("comm"),
                                 QStringLiteral("\"common word\" -rarer"),
                                 QStringLiteral("kw:beta"),
                                 QStringLiteral("kw:beta is:unread"),
                                 QStringLiteral("is:read"),
                                 QStringLiteral("digest:2025-05-06"),
                                 QStringLiteral("tag:t"),
                                 QStringLiteral("common -tag:t"),
                                 QStringLiteral("nothingmatches")};
    auto check = [&] {
        for (const QString &q : queries) {
            INFO("query: " << q.toStdString());
            const std::optional<int> total = lib.total(q);
            const std::optional<int> unread = lib.total(q + QStringLiteral(" is:unread"));
            REQUIRE(total);
            REQUIRE(unread);
            const std::optional<std::pair<int, int>> figures = lib.totalAndRead(q);
            REQUIRE(figures);
            CHECK(figures->first == *total);
            CHECK(figures->second == *total - *unread);
        }
    };
    // Few papers read (the read set is the smaller), then most of them (the unread set is).
    QList<qint64> some, most;
    for (qint64 id = 1; id <= 300; ++id)
        (id % 7 == 0 ? some : most) << id;
    REQUIRE(lib.setRead(some, true));
    check();
    REQUIRE(lib.setRead(most, true));
    REQUIRE(lib.setRead({4, 5, 6}, false));
    check();
    CHECK_FALSE(lib.totalAndRead(QStringLiteral("is:bogus")).has_value());
}

TEST_CASE("a relevance window of free words, from the scores alone, is the window of the full "
          "sort: ties at the window's edge, papers without a date") {
    const QString dir = scratchDir(QStringLiteral("query-relevance-window"));
    const QString path = dir + QStringLiteral("/lib.sqlite");
    QList<FixturePaper> papers;
    for (int i = 0; i < 400; ++i) {
        // Four texts only: scores tie in large groups; the title breaks some of them.
        const QString text = QStringList{QStringLiteral("Graph networks for graph data."),
                                         QStringLiteral("A graph."),
                                         QStringLiteral("Networks of many kinds, one graph."),
                                         QStringLiteral("Nothing else here.")}
                                 .at(i % 4);
        papers << FixturePaper{QStringLiteral("2504.") + QString::number(10000 + i),
                               1,
                               (i % 9 ? QStringLiteral("Paper ") : QStringLiteral("Graph paper ")) +
                                   QString::number(i),
                               QStringLiteral("A Author"),
                               QStringLiteral("2025-04-") +
                                   QString::number(1 + i % 5).rightJustified(2, QLatin1Char('0')),
                               text};
    }
    {
        Library lib;
        REQUIRE(lib.open(path));
        REQUIRE(lib.importData(dir + QStringLiteral("/1.md"),
                               digestText(QStringLiteral("2025-05-06"), papers))
                    .imported);
    }
    execOn(path, {QStringLiteral("UPDATE papers SET date = NULL WHERE id % 7 = 0")});
    Library lib;
    REQUIRE(lib.open(path));
    for (const QString &q :
         {QStringLiteral("graph"), QStringLiteral("gra"), QStringLiteral("networks graph"),
          QStringLiteral("\"a graph\""), QStringLiteral("nothingmatches")}) {
        INFO("query: " << q.toStdString());
        const std::optional<QList<qint64>> all = lib.ids(q, SortOrder::Relevance);
        REQUIRE(all.has_value());
        for (const auto &[offset, limit] :
             {std::pair(0, 1), std::pair(0, 50), std::pair(49, 30), std::pair(95, 10),
              std::pair(250, 200), std::pair(390, 50), std::pair(1000, 10)}) {
            INFO("offset " << offset << ", limit " << limit);
            const QueryResult page = lib.query(q, SortOrder::Relevance, limit, offset);
            REQUIRE(page.ok());
            CHECK(rowIds(page.rows) == all->mid(offset, limit));
            const QueryResult capped = lib.queryCapped(q, SortOrder::Relevance, limit, offset, 100);
            REQUIRE(capped.ok());
            CHECK(rowIds(capped.rows) == all->mid(offset, limit));
        }
    }
}

TEST_CASE("a kept count's pages in every order are the pages of the full sort") {
    Library &lib = largeLibrary();
    for (const SortOrder sort : {SortOrder::Date, SortOrder::Digest, SortOrder::Title,
                                 SortOrder::Relevance, SortOrder::ForYou, SortOrder::Similar}) {
        for (const QString &q : {QString(), QStringLiteral("kw:beta is:unread"),
                                 QStringLiteral("digest:2025-05-06 is:unread")}) {
            INFO("query: " << q.toStdString() << ", sort " << int(sort));
            REQUIRE(QueryLanguage::compile(q).counted);
            const std::optional<QList<qint64>> all = lib.ids(q, sort);
            REQUIRE(all.has_value());
            for (int offset : {0, 150, 1000}) {
                const QueryResult capped = lib.queryCapped(q, sort, 200, offset, 100);
                REQUIRE(capped.ok());
                CHECK_FALSE(capped.totalIsLowerBound);
                CHECK(capped.total == all->size());
                CHECK(rowIds(capped.rows) == all->mid(offset, 200));
            }
        }
    }
}

TEST_CASE("a remembered count follows every change to the library: this connection's and "
          "another's") {
    const QString dir = scratchDir(QStringLiteral("query-count-memo"));
    const QString path = dir + QStringLiteral("/lib.sqlite");
    auto papersFrom = [](int first, int n) {
        QList<FixturePaper> papers;
        for (int i = first; i < first + n; ++i)
            papers << FixturePaper{QStringLiteral("2504.") + QString::number(10000 + i),
                                   1,
                                   QStringLiteral("Paper ") + QString::number(i),
                                   QStringLiteral("A Author"),
                                   QStringLiteral("2025-04-10"),
                                   i % 2 ? QStringLiteral("A common word.")
                                         : QStringLiteral("A rarer word.")};
        return papers;
    };
    Library lib, other;
    REQUIRE(lib.open(path));
    REQUIRE(lib.importData(dir + QStringLiteral("/1.md"),
                           digestText(QStringLiteral("2025-05-06"), papersFrom(0, 40)))
                .imported);
    REQUIRE(other.openExisting(path));
    // Each figure as a connection opened afterwards counts it (opened after asking: its open
    // may write, which would show as another connection's commit).
    auto expectFresh = [&](const QString &q) {
        INFO("query: " << q.toStdString());
        const auto mine = lib.totalAndRead(q);
        const auto total = lib.total(q);
        const auto again = lib.totalAndRead(q); // unchanged since: remembered
        std::optional<std::pair<int, int>> truth;
        {
            Library fresh;
            REQUIRE(fresh.openExisting(path));
            truth = fresh.totalAndRead(q);
        }
        REQUIRE(truth);
        CHECK(mine == truth);
        CHECK(total == truth->first);
        CHECK(again == truth);
        // Remembered again after the fresh connection came and went, so the next change is
        // the only one.
        CHECK(lib.totalAndRead(q) == truth);
    };
    const QString q = QStringLiteral("common");
    expectFresh(q);
    CHECK(lib.totalAndRead(q) == std::pair(20, 0));
    const std::optional<QList<qint64>> common = lib.ids(q, SortOrder::Date);
    REQUIRE(common);
    REQUIRE(common->size() == 20);
    REQUIRE(other.setRead(common->mid(0, 2), true)); // another connection's commit
    expectFresh(q);
    CHECK(lib.totalAndRead(q) == std::pair(20, 2));
    REQUIRE(lib.setRead(common->mid(2, 3), true)); // this connection's own
    expectFresh(q);
    CHECK(lib.totalAndRead(q) == std::pair(20, 5));
    REQUIRE(other
                .importData(dir + QStringLiteral("/2.md"),
                            digestText(QStringLiteral("2025-05-07"), papersFrom(40, 10)))
                .imported);
    expectFresh(q);
    CHECK(lib.total(q) == 25);
    REQUIRE(
        lib.setNote(2, QStringLiteral("common ground"))); // the index changes, not the rows' count
    expectFresh(q);
    execOn(path, {QStringLiteral("UPDATE papers SET read = 1 WHERE id = 11")}); // raw SQL
    expectFresh(q);
    expectFresh(QStringLiteral("rarer")); // another query, then the first one again
    expectFresh(q);
    // A kept count and a set condition, each changed on this connection after it was counted.
    const QString unread = QStringLiteral("is:unread");
    expectFresh(unread);
    REQUIRE(lib.setRead(common->mid(5, 1), true));
    expectFresh(unread);
    const QString tagged = QStringLiteral("tag:t");
    expectFresh(tagged);
    REQUIRE(lib.addTag(common->mid(0, 4), QStringLiteral("t")));
    expectFresh(tagged);
    CHECK(lib.totalAndRead(tagged) == std::pair(4, 4));
    REQUIRE(lib.importData(dir + QStringLiteral("/3.md"),
                           digestText(QStringLiteral("2025-05-08"), papersFrom(50, 4)))
                .imported);
    expectFresh(q);
    // A remembered answer leaves no error behind; a malformed query still fails.
    CHECK(lib.totalAndRead(q).has_value());
    CHECK(lib.lastError().isEmpty());
    CHECK_FALSE(lib.totalAndRead(QStringLiteral("is:bogus")).has_value());
    CHECK_FALSE(lib.total(QStringLiteral("is:bogus")).has_value());
    CHECK_FALSE(lib.lastError().isEmpty());
    CHECK(lib.totalAndRead(q).has_value());
    CHECK(lib.lastError().isEmpty());
}
