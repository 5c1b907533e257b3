// lectern_match (store/matchprobe_p.h) answers as the FTS5 index does for every expression the
// query language writes, and a capped query answered by walking the newest papers and asking
// each one (a prefix term by date, digest or title) lists and counts what the index finds.
#include "layoutfixtures.h"
#include "libraryfixtures.h"
#include "rawsql.h"
#include "search/querylanguage.h"
#include "store/ftstokenizer_p.h"
#include "store/library.h"
#include "testsupport.h"

#include <catch2/catch_test_macros.hpp>

#include <QDir>
#include <QRegularExpression>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <algorithm>

using namespace lectern;
using namespace lectern::test;

namespace {

// Words that share prefixes, stop words (not indexed: phrases skip them), accents, digits,
// capitals and hyphens.
const QStringList &vocabulary() {
    static const QStringList words = {
        QStringLiteral("quantum"),     QStringLiteral("quality"),
        QStringLiteral("quasi"),       QStringLiteral("query"),
        QStringLiteral("queries"),     QStringLiteral("question"),
        QStringLiteral("control"),     QStringLiteral("convex"),
        QStringLiteral("context"),     QStringLiteral("contextual"),
        QStringLiteral("the"),         QStringLiteral("of"),
        QStringLiteral("and"),         QStringLiteral("in"),
        QStringLiteral("into"),        QStringLiteral("Schr\u00f6dinger"),
        QStringLiteral("na\u00efve"),  QStringLiteral("G\u00f6del"),
        QStringLiteral("3D"),          QStringLiteral("x2"),
        QStringLiteral("sim-to-real"), QStringLiteral("Large"),
        QStringLiteral("language"),    QStringLiteral("model"),
        QStringLiteral("models"),      QStringLiteral("modeling"),
        QStringLiteral("state"),       QStringLiteral("art"),
        QStringLiteral("graph"),       QStringLiteral("graphs"),
        QStringLiteral("stra\u00dfe"), QStringLiteral("\u00c9cole"),
        QStringLiteral("ecole"),       QStringLiteral("deep"),
        QStringLiteral("deeper"),      QStringLiteral("quantum_dot"),
        QStringLiteral("[quasi]"),     QStringLiteral("x@query"),
        QStringLiteral("2qu"),         QStringLiteral("qu2")};
    return words;
}

struct Random {
    quint32 state;
    int below(int n) {
        state = state * 1103515245u + 12345u;
        return int((state >> 8) % quint32(n));
    }
};

QString words(Random &r, int n) {
    QStringList out;
    for (int i = 0; i < n; ++i)
        out << vocabulary().at(r.below(int(vocabulary().size())));
    return out.join(QLatin1Char(' '));
}

// The library that ids() reads (the last one library() or a test opened).
QString &libraryPath() {
    static QString path;
    return path;
}

// 180 papers over three digests; every fifth has a note. Its file: libraryPath().
Library &library() {
    static Library lib;
    static QString path;
    if (lib.isOpen()) {
        libraryPath() = path;
        return lib;
    }
    const QString dir = scratchDir(QStringLiteral("matchprobe"));
    path = dir + QStringLiteral("/lib.sqlite");
    libraryPath() = path;
    REQUIRE(lib.open(path));
    Random r{7};
    const QStringList authors = {QStringLiteral("Jane Smith, Bob Quist"),
                                 QStringLiteral("Ana Quintero"),
                                 QStringLiteral("Li Contreras, Jane Modell")};
    for (int file = 0; file < 3; ++file) {
        QList<FixturePaper> papers;
        for (int i = 0; i < 60; ++i) {
            const int n = file * 60 + i;
            papers << FixturePaper{QStringLiteral("2501.") + QString::number(10000 + n),
                                   1,
                                   QStringLiteral("Paper ") + words(r, 4),
                                   authors.at(n % 3),
                                   QDate(2025, 1, 1).addDays(n % 40).toString(Qt::ISODate),
                                   words(r, 12 + n % 9)};
        }
        const QString date = QDate(2025, 3, 1 + file).toString(Qt::ISODate);
        REQUIRE(lib.importData(dir + QLatin1Char('/') + date + QStringLiteral(".md"),
                               digestText(date, papers))
                    .imported);
    }
    REQUIRE(lib.importData(dir + QStringLiteral("/cards.md"), kCards).imported); // summaries
    for (const PaperRow &row : lib.query(QString()).rows) {
        if (row.id % 5 == 0)
            REQUIRE(lib.setNote(row.id, QStringLiteral("note: ") + words(r, 3)));
    }
    return lib;
}

// Queries a user could type: words, prefixes, phrases, authors, negations, and mixes.
QStringList queries() {
    QStringList out = {
        QStringLiteral("qu"), QStringLiteral("qua"), QStringLiteral("quantum"),
        QStringLiteral("con"), QStringLiteral("context"), QStringLiteral("\"context\""),
        QStringLiteral("in"), QStringLiteral("int"), QStringLiteral("the"), QStringLiteral("th"),
        QStringLiteral("\"state of the art\""), QStringLiteral("\"large language model\""),
        QStringLiteral("\"language model\" qu"), QStringLiteral("sim-to-real"),
        QStringLiteral("sim-to"), QStringLiteral("schro"), QStringLiteral("Schr\u00f6dinger"),
        QStringLiteral("naive"), QStringLiteral("go"), QStringLiteral("ecole"),
        QStringLiteral("\u00e9co"), QStringLiteral("strasse"), QStringLiteral("stra"),
        QStringLiteral("3d"), QStringLiteral("x"), QStringLiteral("author:qu"),
        QStringLiteral("author:\"jane smith\""), QStringLiteral("author:mod model"),
        QStringLiteral("qu -con"), QStringLiteral("mo -\"language model\""), QStringLiteral("-qu"),
        QStringLiteral("-qu gra"), QStringLiteral("note"), QStringLiteral("no"),
        QStringLiteral("card"), QStringLiteral("qu is:unread"), QStringLiteral("con kw:graph"),
        QStringLiteral("qu after:2025-01-20"), QStringLiteral("grap -after:2025-01-10"),
        // A string with no token after a phrase's word: FTS5 gives its star to
        // the word before ("deep" + "" * matches "deeper").
        QStringLiteral("deep-\u037a\u037a"), QStringLiteral("deep-\u037a"),
        QStringLiteral("\"deep \u037a\""), QStringLiteral("quantum_d"), QStringLiteral("2q"),
        QStringLiteral("x@q"), QStringLiteral("-qu after:2025-01-20"), QStringLiteral("-con -qu"),
        QStringLiteral("-author:qu"), QStringLiteral("-\"language model\" -th"),
        QStringLiteral("-qu kw:graph"), QStringLiteral("-con is:unread"),
        QStringLiteral("-qu -kw:graph after:2025-01-05")};
    Random r{11};
    for (int i = 0; i < 60; ++i) {
        QStringList terms;
        const int n = 1 + r.below(3);
        for (int t = 0; t < n; ++t) {
            QString w = vocabulary().at(r.below(int(vocabulary().size())));
            switch (r.below(5)) {
            case 0:
                w = w.left(2 + r.below(3)); // a prefix
                break;
            case 1:
                w = QLatin1Char('"') + w + QLatin1Char(' ') + words(r, 1) + QLatin1Char('"');
                break;
            case 2:
                w = QLatin1Char('-') + w.left(3);
                break;
            case 3:
                w = QStringLiteral("author:") + w.left(3);
                break;
            default:
                break;
            }
            terms << w;
        }
        out << terms.join(QLatin1Char(' '));
    }
    return out;
}

// The ids for which sql (one '?': expr) holds, on a connection of its own.
QSet<qint64> ids(const QString &sql, const QString &expr) {
    FtsTokenizer::install(); // the tokenizer and lectern_match on every new connection
    QSet<qint64> out;
    for (const QVariant &id : columnOn(libraryPath(), sql, {expr}))
        out.insert(id.toLongLong());
    return out;
}

// For each query: the papers lectern_match finds for its FTS5 expressions (the positive match
// and each negative-only set, whose bind is an expression too) are the index's. Returns how
// many expressions matched some papers, and how many matched fewer than `fewer`.
std::pair<int, int> checkAgainstIndex(const QStringList &queries, qsizetype fewer) {
    int nonEmpty = 0, notAll = 0;
    for (const QString &query : queries) {
        INFO("query: " << query.toStdString());
        const CompiledQuery cq = QueryLanguage::compile(query);
        if (!cq.ok())
            continue; // nothing searchable ("-", punctuation): no expression
        QStringList expressions;
        if (!cq.match.isEmpty())
            expressions << cq.match;
        for (qsizetype i = 0; i < cq.where.size(); ++i) {
            if (cq.where.at(i).contains(QLatin1String("fts MATCH")))
                expressions << cq.binds.last().toString(); // finish() adds it last
        }
        for (const QString &expr : std::as_const(expressions)) {
            INFO("expression: " << expr.toStdString());
            const QSet<qint64> index =
                ids(QStringLiteral("SELECT rowid FROM fts WHERE fts MATCH ?"), expr);
            const QSet<qint64> probed =
                ids(QStringLiteral("SELECT id FROM papers WHERE lectern_match(?, title, authors, "
                                   "abstract, summary, note)"),
                    expr);
            CHECK(probed == index);
            nonEmpty += !index.isEmpty();
            notAll += index.size() < fewer;
        }
    }
    return {nonEmpty, notAll};
}

} // namespace

TEST_CASE("lectern_match holds for a paper exactly when the index matches it") {
    library();
    const auto [nonEmpty, notAll] = checkAgainstIndex(queries(), 150);
    CHECK(nonEmpty > 60); // the queries find something, and not everything
    CHECK(notAll > 60);
}

TEST_CASE("lectern_match agrees with the index over the real digests") {
    const QString dir = seedsDir();
    if (dir.isEmpty())
        SKIP("../shared/seeds is absent");
    Library lib;
    libraryPath() = scratchDir(QStringLiteral("matchprobe-seeds")) + QStringLiteral("/lib.sqlite");
    REQUIRE(lib.open(libraryPath()));
    const QDir seeds(dir);
    for (const QString &name : seeds.entryList({QStringLiteral("*.txt")}, QDir::Files))
        REQUIRE(lib.importData(seeds.filePath(name), readFile(seeds.filePath(name))).imported);
    // Words as written (accents, capitals, LaTeX and all): prefixes of 2 to 4 characters,
    // whole words, two-word phrases, authors, negations.
    QStringList queries;
    const QRegularExpression word(QStringLiteral("[\\w\\-']+"));
    Random r{5};
    const QueryResult all = lib.query(QString());
    for (const PaperRow &row : all.rows) {
        const auto paper = lib.paper(row.id);
        REQUIRE(paper.has_value());
        QStringList words;
        for (const QString &text : {paper->paper.title, paper->paper.abstract}) {
            auto it = word.globalMatch(text);
            while (it.hasNext())
                words << it.next().captured();
        }
        if (words.size() < 4)
            continue;
        auto pick = [&] { return words.at(r.below(int(words.size()))); };
        const int at = r.below(int(words.size()) - 1);
        queries << pick().left(2) << pick().left(3) << pick().left(4) << pick()
                << QLatin1Char('"') + words.at(at) + QLatin1Char(' ') + words.at(at + 1) +
                       QLatin1Char('"')
                << pick().left(3) + QLatin1Char(' ') + pick()
                << pick() + QStringLiteral(" -") + pick().left(3)
                << QStringLiteral("author:") + row.authors.value(0).left(4)
                << QStringLiteral("-") + pick();
    }
    REQUIRE(queries.size() > 500);
    const auto [nonEmpty, notAll] = checkAgainstIndex(queries, all.total);
    CHECK(nonEmpty > 400);
    CHECK(notAll > 400);
}

TEST_CASE("a malformed expression is an error, not a silent no-match") {
    library();
    FtsTokenizer::install();
    withConnection(libraryPath(), [](QSqlQuery &q) {
        for (const char *bad : {"\"open", "(\"a\"", "nosuchcolumn : \"a\"", "AND", "\"a\" +",
                                "\"a\" \"b\"", "\"a\" (\"b\")"}) {
            INFO(bad);
            REQUIRE(q.prepare(QStringLiteral("SELECT lectern_match(?, title, authors, abstract, "
                                             "summary, note) FROM papers")));
            q.addBindValue(QString::fromLatin1(bad));
            CHECK_FALSE((q.exec() && q.next()));
            CHECK(q.lastError().text().contains(QLatin1String("lectern_match")));
        }
    });
}

TEST_CASE("lectern_match reads ASCII text as the tokenizer cuts it") {
    library();
    FtsTokenizer::install();
    withConnection(libraryPath(), [](QSqlQuery &q) {
        // expression, text, whether it matches: runs of letters and digits, lower-cased, not
        // stop words; a control byte OR 0x20 looks like a digit and is none.
        const struct {
            const char *expr, *text;
            int match;
        } cases[] = {{"\"1\"*", "a \x11 b", 0}, {"\"1\"*", "a 1b", 1},    {"\"1b\"", "a 1B.", 1},
                     {"\"th\"*", "The the", 0}, {"\"th\"*", "THEORY", 1}, {"\"the\"*", "theory", 1},
                     {"\"ab\"", "xab ab_", 1},  {"\"ab\"", "xab abc", 0}, {"\"abc\"*", "ab", 0},
                     {"\"q\"", "@q", 1},        {"\"e\"", "\xc3\xa9", 1}};
        for (const auto &c : cases) {
            INFO(c.expr << " in " << c.text);
            REQUIRE(
                q.prepare(QStringLiteral("SELECT lectern_match(?, ?, NULL, NULL, NULL, NULL)")));
            q.addBindValue(QString::fromUtf8(c.expr));
            q.addBindValue(QString::fromUtf8(c.text));
            REQUIRE(q.exec());
            REQUIRE(q.next());
            CHECK(q.value(0).toInt() == c.match);
        }
    });
}

TEST_CASE("a capped query walked with the probe lists and counts as the full query does") {
    Library &lib = library();
    for (const SortOrder sort : {SortOrder::Date, SortOrder::Digest, SortOrder::Title}) {
        for (const QString &query : queries()) {
            INFO("query: " << query.toStdString() << ", sort " << int(sort));
            const QueryResult full = lib.query(query, sort, -1);
            REQUIRE(full.ok());
            const QList<qint64> all = idsOf(full);
            for (const int cap : {10, 40, 1000, 5000}) {
                for (const int offset : {0, 25}) {
                    const QueryResult r = lib.queryCapped(query, sort, 20, offset, cap);
                    REQUIRE(r.ok());
                    CHECK(idsOf(r) == all.mid(offset, 20));
                    // Exact up to the cap, or a lower bound: a walk's count may stop at
                    // 1,000 or at the window's end.
                    if (r.totalIsLowerBound) {
                        CHECK(r.total < full.total);
                        CHECK(r.total >= std::min(cap, 1000));
                    } else {
                        CHECK(r.total == full.total);
                        CHECK(full.total <= cap);
                    }
                }
            }
        }
    }
}

namespace {

// A library of n papers, the newest first by date: paper i's abstract holds "quorum" when
// withWord(i), and every paper holds "common".
template <typename F> QString spreadLibrary(const QString &name, int n, F withWord) {
    const QString dir = scratchDir(name);
    const QString path = dir + QStringLiteral("/lib.sqlite");
    Library lib;
    REQUIRE(lib.open(path));
    QList<FixturePaper> papers;
    for (int i = 0; i < n; ++i)
        papers << FixturePaper{QStringLiteral("2502.") + QString::number(10000 + i),
                               1,
                               QStringLiteral("Paper ") + QString::number(i),
                               QStringLiteral("A Author"),
                               QDate(2025, 1, 1).addDays(n - i).toString(Qt::ISODate),
                               withWord(i) ? QStringLiteral("A common quorum result.")
                                           : QStringLiteral("A common result.")};
    REQUIRE(lib.importData(dir + QStringLiteral("/d.md"),
                           digestText(QStringLiteral("2025-06-01"), papers))
                .imported);
    return path;
}

// Every page of the view, read as the list reads it (capped), is the full query's.
void checkPages(Library &lib, const QString &query, SortOrder sort, int cap) {
    const QueryResult full = lib.query(query, sort, -1);
    REQUIRE(full.ok());
    const QList<qint64> all = idsOf(full);
    for (int offset = 0; offset < full.total + 200; offset += 200) {
        INFO("query " << query.toStdString() << ", offset " << offset << ", cap " << cap);
        const QueryResult page = lib.queryCapped(query, sort, 200, offset, cap);
        REQUIRE(page.ok());
        CHECK(idsOf(page) == all.mid(offset, 200));
        CHECK(page.total <= full.total);
        CHECK(page.totalIsLowerBound == (page.total < full.total));
    }
    const QueryResult count = lib.queryCapped(query, sort, 0, 0, cap); // counting on alone
    CHECK(count.total == std::min(cap, full.total));
    CHECK(count.totalIsLowerBound == (full.total > cap));
}

} // namespace

TEST_CASE("pages of a walked query hand over to the index where matches thin out") {
    // The newest 300 papers hold the word one in 4 (the walk goes on), the rest never: a
    // window beyond them, or a count past them, is answered by FTS5; a word in one paper in
    // 30 is not walked at all. Every page is the full query's.
    const QString thinning = spreadLibrary(QStringLiteral("matchprobe-thin"), 3000,
                                           [](int i) { return i < 300 && i % 4 == 0; });
    const QString rare =
        spreadLibrary(QStringLiteral("matchprobe-rare"), 3000, [](int i) { return i % 30 == 0; });
    for (const QString &path : {thinning, rare}) {
        Library lib;
        REQUIRE(lib.open(path));
        for (const SortOrder sort : {SortOrder::Date, SortOrder::Digest, SortOrder::Title}) {
            for (const int cap : {50, 100, 1000, 10000}) {
                checkPages(lib, QStringLiteral("quo"), sort, cap);
                checkPages(lib, QStringLiteral("comm"), sort, cap);
                checkPages(lib, QStringLiteral("comm -quo"), sort, cap);
                checkPages(lib, QStringLiteral("-quo"), sort, cap);
                // Relevance without a positive word is the date order, walked as well.
                checkPages(lib, QStringLiteral("-quo"), SortOrder::Relevance, cap);
            }
        }
    }
}

TEST_CASE("a walked query leaves out the papers the index does not hold yet, as FTS5 does, and "
          "keeps them where a word must be absent") {
    const QString path =
        spreadLibrary(QStringLiteral("matchprobe-pending"), 400, [](int i) { return i % 2 == 0; });
    // A paper whose row is in but whose indexing waits (an import between its two phases),
    // dated newest so a walk meets it first.
    insertUnindexedPaper(path, 90000, QStringLiteral("2502.99999"),
                         QStringLiteral("Quorum sensing"), QStringLiteral("2030-01-01"),
                         QStringLiteral("A common quorum."));
    Library lib;
    REQUIRE(lib.openExisting(path));
    for (const SortOrder sort : {SortOrder::Date, SortOrder::Digest, SortOrder::Title}) {
        const QueryResult capped = lib.queryCapped(QStringLiteral("quo"), sort, 50, 0, 100);
        REQUIRE(capped.ok());
        CHECK_FALSE(idsOf(capped).contains(90000));
        checkPages(lib, QStringLiteral("quo"), sort, 100);
        // Not in the index, so not among the papers holding the word: -quo keeps it.
        checkPages(lib, QStringLiteral("-quo"), sort, 100);
    }
    const QueryResult newest = lib.queryCapped(QStringLiteral("-quo"), SortOrder::Date, 50, 0, 100);
    REQUIRE(newest.ok());
    CHECK(idsOf(newest).value(0) == 90000);
}

TEST_CASE("a walk by title without the title index (a large import dropped it) is sorted") {
    const QString path =
        spreadLibrary(QStringLiteral("matchprobe-notitle"), 600, [](int i) { return i % 2 == 0; });
    execOn(path, {QStringLiteral("DROP INDEX papers_title")});
    Library lib;
    REQUIRE(lib.openExisting(path, nullptr, Library::Check::Skip)); // not rebuilt by the open
    checkPages(lib, QStringLiteral("quo"), SortOrder::Title, 100);
}

namespace {

// Every exact page of query in the order, at several offsets (one past the end, one row at the
// last), equals the full list's.
void checkExactPages(Library &lib, const QString &query, SortOrder sort) {
    const QueryResult full = lib.query(query, sort, -1);
    REQUIRE(full.ok());
    REQUIRE(full.total > 2000);
    const QList<qint64> all = idsOf(full);
    for (const auto &[offset, limit] :
         std::initializer_list<std::pair<int, int>>{{0, 200},
                                                    {1, 200},
                                                    {199, 200},
                                                    {1500, 200},
                                                    {2790, 200},
                                                    {2999, 200},
                                                    {3100, 200},
                                                    {full.total - 1, 1},
                                                    {full.total, 5}}) {
        INFO("query " << query.toStdString() << ", sort " << int(sort) << ", offset " << offset
                      << ", limit " << limit);
        const QueryResult page = lib.query(query, sort, limit, offset);
        REQUIRE(page.ok());
        CHECK(page.total == full.total);
        CHECK_FALSE(page.totalIsLowerBound);
        CHECK(idsOf(page) == all.mid(offset, limit));
    }
}

} // namespace

TEST_CASE("an exact page of many matches is read along the order's index, its matches marked") {
    // 3,000 papers hold "common" (more than the 2,000 sorted directly), one in 30 "quorum";
    // some share a date, a title or a digest, or have no date (sorted last by date).
    const QString path =
        spreadLibrary(QStringLiteral("matchprobe-marked"), 3000, [](int i) { return i % 30 == 0; });
    execOn(path, {QStringLiteral("UPDATE papers SET date = '2025-03-01' WHERE id % 7 = 0"),
                  QStringLiteral("UPDATE papers SET date = NULL WHERE id % 11 = 0"),
                  QStringLiteral("UPDATE papers SET title = 'Same title' WHERE id % 13 = 0"),
                  QStringLiteral("UPDATE papers SET last_digest = '2025-07-01' WHERE id % 5 = 0"),
                  QStringLiteral("UPDATE papers SET last_digest = NULL WHERE id % 17 = 0")});
    Library lib;
    REQUIRE(lib.openExisting(path));
    for (const SortOrder sort :
         {SortOrder::Date, SortOrder::Digest, SortOrder::Title, SortOrder::ForYou}) {
        for (const QString &query : {QStringLiteral("comm"), QStringLiteral("\"common result\""),
                                     QStringLiteral("comm -quo"), QStringLiteral("result")})
            checkExactPages(lib, query, sort);
    }
}

TEST_CASE("an exact page of many matches with ids no bit can mark is read as before") {
    // Papers written by another program: one with a negative id, one with an id of 2^40,
    // both indexed and matching.
    const QString path = spreadLibrary(QStringLiteral("matchprobe-marked-ids"), 2600,
                                       [](int i) { return i % 30 == 0; });
    FtsTokenizer::install(); // the raw connection indexes with Lectern's tokenizer
    QStringList statements;
    for (const qint64 id : {qint64(-5), qint64(1) << 40})
        statements << QStringLiteral("INSERT INTO papers(id, key, version, title, authors, date, "
                                     "abstract) VALUES(%1, 'k%1', 1, 'Odd id', 'A Author', "
                                     "'2099-01-01', 'A common result.')")
                          .arg(id)
                   << QStringLiteral("INSERT INTO fts(rowid, title, authors, abstract) VALUES(%1, "
                                     "'Odd id', 'A Author', 'A common result.')")
                          .arg(id);
    execOn(path, statements);
    Library lib;
    REQUIRE(lib.openExisting(path));
    for (const SortOrder sort : {SortOrder::Date, SortOrder::Title}) {
        const QueryResult first = lib.query(QStringLiteral("comm"), sort, 5);
        REQUIRE(first.ok());
        CHECK(first.total == 2602);
        checkExactPages(lib, QStringLiteral("comm"), sort);
    }
    const QueryResult newest = lib.query(QStringLiteral("comm"), SortOrder::Date, 2);
    CHECK(idsOf(newest) ==
          QList<qint64>{qint64(1) << 40, -5}); // dated newest (2099), id descending
}

TEST_CASE("an exact page of negated prefixes alone asks each paper walked, as NOT IN answers") {
    // 3,000 papers, one in 30 holding "quorum": "-quo" matches 2,900 (enough to walk the
    // order's index), and a paper not indexed yet (holding the word) is among them.
    const QString path = spreadLibrary(QStringLiteral("matchprobe-excluded"), 3000,
                                       [](int i) { return i % 30 == 0; });
    insertUnindexedPaper(path, 90000, QStringLiteral("2502.99999"),
                         QStringLiteral("Quorum sensing"), QStringLiteral("2099-01-01"),
                         QStringLiteral("A common quorum."));
    Library lib;
    REQUIRE(lib.openExisting(path));
    for (const SortOrder sort : {SortOrder::Date, SortOrder::Digest, SortOrder::Title}) {
        checkExactPages(lib, QStringLiteral("-quo"), sort);
        checkExactPages(lib, QStringLiteral("-quo after:2025-02-01"), sort);
    }
    CHECK(idsOf(lib.query(QStringLiteral("-quo"), SortOrder::Date, 1)) == QList<qint64>{90000});
}
