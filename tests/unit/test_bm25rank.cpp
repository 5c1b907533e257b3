// lectern_bm25 (store/bm25rank_p.h) gives every match the score FTS5's bm25() gives it (up to
// the rounding of the last bits) with the weights the library uses, none, or fewer than the
// columns, twice in one statement; over words, prefixes, phrases, author: terms and negations,
// on generated papers of unequal lengths with notes, on the real digests when they are beside
// the tree, and on an FTS5 table other than the library's (whose lengths it must not take from
// the library's).
#include "libraryfixtures.h"
#include "rawsql.h"
#include "search/querylanguage.h"
#include "store/ftstokenizer_p.h"
#include "store/library.h"
#include "testsupport.h"

#include <catch2/catch_test_macros.hpp>

#include <QDir>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>
#include <cmath>

using namespace lectern;
using namespace lectern::test;

namespace {

const QStringList kWords = {
    QStringLiteral("quantum"),   QStringLiteral("quantize"),  QStringLiteral("graph"),
    QStringLiteral("graphene"),  QStringLiteral("model"),     QStringLiteral("models"),
    QStringLiteral("learning"),  QStringLiteral("language"),  QStringLiteral("large"),
    QStringLiteral("diffusion"), QStringLiteral("the"),       QStringLiteral("of"),
    QStringLiteral("sparse"),    QStringLiteral("attention"), QStringLiteral("Schr\u00f6dinger")};

// 150 papers: titles of 2 to 9 words, abstracts of 5 to 300 (so lengths differ widely),
// authors from a few names, a note on every seventh paper.
QString generatedLibrary() {
    const QString dir = scratchDir(QStringLiteral("bm25rank"));
    const QString path = dir + QStringLiteral("/lib.sqlite");
    Library lib;
    REQUIRE(lib.open(path));
    quint32 state = 3;
    auto below = [&state](int n) {
        state = state * 1103515245u + 12345u;
        return int((state >> 8) % quint32(n));
    };
    auto text = [&](int n) {
        QStringList out;
        for (int i = 0; i < n; ++i)
            out << kWords.at(below(int(kWords.size())));
        return out.join(QLatin1Char(' '));
    };
    const QStringList authors = {QStringLiteral("Jane Smith, Bob Quist"),
                                 QStringLiteral("Ann Graham"),
                                 QStringLiteral("Li Wei, Model Person, Sam Large")};
    QList<FixturePaper> papers;
    for (int i = 0; i < 150; ++i)
        papers << FixturePaper{QStringLiteral("2501.") + QString::number(10000 + i),
                               1,
                               text(2 + below(8)),
                               authors.at(i % 3),
                               QDate(2025, 1, 1).addDays(i % 30).toString(Qt::ISODate),
                               text(5 + below(296))};
    REQUIRE(lib.importData(dir + QStringLiteral("/d.md"),
                           digestText(QStringLiteral("2025-02-01"), papers))
                .imported);
    for (int id = 1; id <= 150; id += 7)
        REQUIRE(lib.setNote(id, text(1 + below(20))));
    return path;
}

// Equal up to rounding: the same sums in the same order are equal to the bit on x86-64, but a
// compiler may fuse a multiply and an add (FMA) in one build and not in the other.
bool sameScore(double a, double b) {
    return std::abs(a - b) <= 1e-12 * std::max(1.0, std::abs(a));
}

// For each query's FTS5 expression, every match's scores by both functions, with each set of
// weights. Returns how many matches were compared.
int compareScores(const QString &path, const QStringList &queries) {
    FtsTokenizer::install(); // the tokenizer and the functions on every new connection
    static const QStringList weights = {QStringLiteral("8.0, 4.0, 1.0, 2.0, 2.0"), QString(),
                                        QStringLiteral("3.0"), QStringLiteral("1.0, 0.5, 7.0")};
    int compared = 0;
    withConnection(path, [&](QSqlQuery &q) {
        for (const QString &query : queries) {
            const CompiledQuery cq = QueryLanguage::compile(query);
            if (!cq.ok() || cq.match.isEmpty())
                continue;
            for (const QString &w : weights) {
                const QString args = w.isEmpty() ? QStringLiteral("fts") : "fts, " + w;
                INFO("query " << query.toStdString() << ", weights " << w.toStdString());
                // The second lectern_bm25 (as FTS5's bm25, all calls of the function in a
                // statement share its per-query figures) with the library's weights.
                REQUIRE(q.prepare("SELECT rowid, bm25(" + args + "), lectern_bm25(" + args +
                                  "), bm25(fts, 8.0, 4.0, 1.0, 2.0, 2.0), lectern_bm25(fts, 8.0, "
                                  "4.0, 1.0, 2.0, 2.0) FROM fts WHERE fts MATCH ?"));
                q.addBindValue(cq.match);
                INFO(q.lastError().text().toStdString());
                REQUIRE(q.exec());
                while (q.next()) {
                    INFO("paper " << q.value(0).toLongLong());
                    CHECK(sameScore(q.value(1).toDouble(), q.value(2).toDouble()));
                    CHECK(sameScore(q.value(3).toDouble(), q.value(4).toDouble()));
                    ++compared;
                }
            }
        }
    });
    return compared;
}

} // namespace

TEST_CASE("lectern_bm25 scores every match as FTS5's bm25 does") {
    const QString path = generatedLibrary();
    QStringList queries;
    for (const QString &w : kWords)
        queries << w << w.left(2) << w.left(3) << QStringLiteral("author:") + w.left(3)
                << QStringLiteral("\"") + w + QStringLiteral(" model\"");
    queries << QStringLiteral("quant graph") << QStringLiteral("model -quantum")
            << QStringLiteral("\"large language\" diff") << QStringLiteral("sparse attention l")
            << QStringLiteral("gr -\"graph model\"") << QStringLiteral("schro");
    CHECK(compareScores(path, queries) > 5000);
}

TEST_CASE("lectern_bm25 scores the real digests as FTS5's bm25 does") {
    const QString dir = seedsDir();
    if (dir.isEmpty())
        SKIP("../shared/seeds is absent");
    const QString path =
        scratchDir(QStringLiteral("bm25rank-seeds")) + QStringLiteral("/lib.sqlite");
    {
        Library lib;
        REQUIRE(lib.open(path));
        const QDir seeds(dir);
        for (const QString &name : seeds.entryList({QStringLiteral("*.txt")}, QDir::Files))
            REQUIRE(lib.importData(seeds.filePath(name), readFile(seeds.filePath(name))).imported);
    }
    const QStringList queries = {QStringLiteral("model"),
                                 QStringLiteral("la"),
                                 QStringLiteral("quant"),
                                 QStringLiteral("\"large language model\""),
                                 QStringLiteral("author:wa"),
                                 QStringLiteral("graph neural"),
                                 QStringLiteral("learn -reinforcement"),
                                 QStringLiteral("diffusion"),
                                 QStringLiteral("sparse attention"),
                                 QStringLiteral("sch")};
    CHECK(compareScores(path, queries) > 500);
}

TEST_CASE("lectern_bm25 on another FTS5 table takes that table's lengths, not the library's") {
    const QString path = generatedLibrary();
    FtsTokenizer::install();
    withConnection(path, [](QSqlQuery &q) {
        // Rows 1..150 as the library's ids, five columns as the library's index has, each row
        // one to three words long (the library's papers are tens to hundreds of words): the
        // library's lengths would read whole and score them all wrong.
        REQUIRE(q.exec(QStringLiteral("CREATE VIRTUAL TABLE other USING fts5(a, b, c, d, e)")));
        for (int id = 1; id <= 150; ++id) {
            REQUIRE(q.prepare(QStringLiteral("INSERT INTO other(rowid, a, b) VALUES(?, ?, ?)")));
            q.addBindValue(id);
            q.addBindValue(id % 2 ? QStringLiteral("quantum") : QStringLiteral("quantum graph"));
            q.addBindValue(id % 3 ? QString() : QStringLiteral("graph"));
            REQUIRE(q.exec());
        }
        int compared = 0;
        for (const QString &match : {QStringLiteral("quantum"), QStringLiteral("graph"),
                                     QStringLiteral("qu*"), QStringLiteral("quantum graph")}) {
            REQUIRE(q.prepare(QStringLiteral("SELECT rowid, bm25(other, 2.0), lectern_bm25(other, "
                                             "2.0) FROM other WHERE other MATCH ?")));
            q.addBindValue(match);
            REQUIRE(q.exec());
            while (q.next()) {
                INFO(match.toStdString() << ", row " << q.value(0).toLongLong());
                CHECK(sameScore(q.value(1).toDouble(), q.value(2).toDouble()));
                ++compared;
            }
        }
        CHECK(compared > 300);
    });
}
