// The library's FTS5 tokenizer ("lectern", schema 8): unicode61's tokens without English stop
// words, and what searching such words does.
#include "libraryfixtures.h"
#include "store/ftstokenizer_p.h"
#include "store/library.h"
#include "store/schema_p.h"
#include "testsupport.h"

#include <QDir>
#include <QFile>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

#include <catch2/catch_test_macros.hpp>

using namespace lectern;
using namespace lectern::test;

namespace {

// The terms an FTS5 table with this tokenizer indexes for the texts (fts5vocab).
QSet<QString> vocabulary(QSqlDatabase &db, const QString &tokenizer, const QStringList &texts) {
    QSqlQuery q(db);
    REQUIRE(q.exec(QStringLiteral("DROP TABLE IF EXISTS t")));
    REQUIRE(q.exec(QStringLiteral("DROP TABLE IF EXISTS v")));
    INFO(q.lastError().text().toStdString());
    REQUIRE(q.exec(QStringLiteral("CREATE VIRTUAL TABLE t USING fts5(x, tokenize=\"") + tokenizer +
                   QStringLiteral("\")")));
    REQUIRE(q.exec(QStringLiteral("CREATE VIRTUAL TABLE v USING fts5vocab(t, row)")));
    REQUIRE(q.prepare(QStringLiteral("INSERT INTO t(x) VALUES(?)")));
    for (const QString &text : texts) {
        q.addBindValue(text);
        REQUIRE(q.exec());
    }
    QSet<QString> out;
    REQUIRE(q.exec(QStringLiteral("SELECT term FROM v")));
    while (q.next())
        out.insert(q.value(0).toString());
    return out;
}

QStringList seedTexts() {
    QStringList texts;
    const QString dir = seedsDir();
    if (dir.isEmpty())
        return texts;
    const QDir seeds(dir);
    for (const QString &name : seeds.entryList({QStringLiteral("*.txt")}, QDir::Files)) {
        QFile f(seeds.filePath(name));
        if (f.open(QIODevice::ReadOnly))
            texts << QString::fromUtf8(f.readAll());
    }
    return texts;
}

} // namespace

TEST_CASE("the lectern tokenizer gives unicode61's tokens, without the stop words") {
    FtsTokenizer::install();
    {
        QSqlDatabase db =
            QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("tokens"));
        db.setDatabaseName(QStringLiteral(":memory:"));
        REQUIRE(db.open());
        QStringList texts = seedTexts();
        texts << QStringLiteral("The Café of naïve Ünïcode: state-of-the-art, x_y 3.5 "
                                "ÀB and Œuvre. It IS what it is!")
              << QStringLiteral("All ASCII: The art OF War, v2.0 (2024) and__more");
        texts << FtsTokenizer::stopWords().join(QLatin1Char(' ')).toUpper();
        const QSet<QString> ours = vocabulary(db, QStringLiteral("lectern"), texts);
        QSet<QString> expected =
            vocabulary(db, QStringLiteral("unicode61 remove_diacritics 2"), texts);
        if (!seedsDir().isEmpty())
            CHECK(expected.size() > 1000); // the seeds were read
        for (const QString &w : FtsTokenizer::stopWords()) {
            CHECK(expected.contains(w)); // each is in the text...
            expected.remove(w);          // ...and not in our index
        }
        CHECK(ours.contains(QStringLiteral("cafe")));
        CHECK(ours.contains(QStringLiteral("unicode")));
        CHECK_FALSE(ours.contains(QStringLiteral("the")));
        CHECK(ours == expected);
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("tokens"));
}

namespace {

Library &stopWordLibrary() {
    static Library *lib = [] {
        auto *l = new Library;
        REQUIRE(l->open(scratchDir(QStringLiteral("fts-stop")) + QStringLiteral("/lib.sqlite")));
        QList<FixturePaper> papers = fixturePapers();
        papers << FixturePaper{QStringLiteral("2505.00006"),
                               1,
                               QStringLiteral("The State of the Art in Lemur Calls"),
                               QStringLiteral("Wei An, Will Smith"),
                               QStringLiteral("2025-05-05"),
                               QStringLiteral("Lemurs call at dusk; theory follows.")};
        REQUIRE(
            l->importData(QStringLiteral("1.md"), digestText(QStringLiteral("2025-05-06"), papers))
                .imported);
        return l;
    }();
    return *lib;
}

int total(const QString &query) {
    const QueryResult r = stopWordLibrary().query(query);
    INFO("query: " << query.toStdString() << " error: " << r.error.toStdString());
    REQUIRE(r.ok());
    return r.total;
}

} // namespace

TEST_CASE("a phrase skips stop words: across them, and with them left out") {
    CHECK(total(QStringLiteral("\"state of the art\"")) == 1);
    CHECK(total(QStringLiteral("state-of-the-art")) == 1);
    CHECK(total(QStringLiteral("\"the state of the art in lemur calls\"")) == 1);
    CHECK(total(QStringLiteral("\"state art\"")) == 1); // documented: the stop words are gone
    CHECK(total(QStringLiteral("\"art state\"")) == 0);
}

TEST_CASE("stop words beside other words are ignored; alone they find nothing, without error") {
    CHECK(total(QStringLiteral("lemur")) == 1);
    CHECK(total(QStringLiteral("\"the\" lemur")) == 1);
    CHECK(total(QStringLiteral("lemur -\"of\"")) == 1);
    CHECK(total(QStringLiteral("a lemur")) == 1);
    CHECK(total(QStringLiteral("the lemur")) == 1); // not "theory" AND lemur
    CHECK(total(QStringLiteral("lemur AND calls")) == 1);
    CHECK(total(QStringLiteral("a")) == 0);
    CHECK(total(QStringLiteral("\"of the\"")) == 0);
    // A typed word is a prefix: "the" finds "theory" (and "thermoregulation"), not "the".
    CHECK(total(QStringLiteral("the")) == 2);
}

TEST_CASE("names that are also English words are indexed: author:An, author:Will") {
    CHECK(total(QStringLiteral("author:\"wei an\"")) == 1);
    CHECK(total(QStringLiteral("author:will")) == 1);
}

TEST_CASE("the schema 8 migration rebuilds the index with the tokenizer; nothing stays queued") {
    const QString path = scratchDir(QStringLiteral("fts-migrate")) + QStringLiteral("/v7.sqlite");
    {
        QSqlDatabase db =
            QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("v7"));
        db.setDatabaseName(path);
        REQUIRE(db.open());
        QSqlQuery q(db);
        for (int v = 1; v <= 7; ++v)
            for (const QString &sql : Schema::migrationStatements(v))
                REQUIRE(q.exec(sql));
        REQUIRE(q.exec(QStringLiteral(
            "INSERT INTO papers(id, key, version, title, authors, date, abstract) VALUES "
            "(1, '2401.00001', 1, 'State of the Art Lemurs', 'Ann Old', '2024-01-04', "
            "'Large language models of lemur calls.')")));
        REQUIRE(q.exec(QStringLiteral("INSERT INTO fts_pending(paper_id) VALUES(1)")));
        REQUIRE(q.exec(QStringLiteral("PRAGMA user_version = 7")));
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("v7"));
    Library lib;
    REQUIRE(lib.open(path));
    CHECK(lib.pendingIndexCount() == 0);
    CHECK(lib.query(QStringLiteral("\"state of the art\" lemur")).total == 1);
    CHECK(lib.query(QStringLiteral("\"large language models\"")).total == 1);
}
