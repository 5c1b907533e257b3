// CJK search terms (substring search) read only the papers listed in cjk_papers (schema 12),
// which the triggers keep for every writer: the listed papers are exactly those whose title,
// abstract, summary or note holds a character of isCjk(), and the results are those of a
// substring search over every paper.
#include "layoutfixtures.h"
#include "libraryfixtures.h"
#include "rawsql.h"
#include "store/backupmanager.h"
#include "store/ftstokenizer_p.h"
#include "store/library.h"
#include "store/schema_p.h"
#include "testsupport.h"
#include "text/cjk_p.h"

#include <catch2/catch_test_macros.hpp>

#include <QSet>
#include <QSqlQuery>
#include <QVariant>

using namespace lectern;
using namespace lectern::test;

namespace {

// The ids in cjk_papers, read on a connection of its own.
QSet<qint64> listed(const QString &path) {
    QSet<qint64> ids;
    for (const QVariant &id : columnOn(path, QStringLiteral("SELECT paper_id FROM cjk_papers")))
        ids.insert(id.toLongLong());
    return ids;
}

// Text for paper i: CJK (each range's first and last character), characters just outside the
// ranges, accented Latin, or ASCII.
QString textOf(int i) {
    static const char16_t inside[] = {0x3040, 0x30FF, 0x3400, 0x4DBF, 0x4E00,
                                      0x9FFF, 0xAC00, 0xD7AF, 0xF900, 0xFAFF};
    static const char16_t outside[] = {0x303F, 0x3100, 0x33FF, 0x4DC0, 0xA000,
                                       0xABFF, 0xD7B0, 0xF8FF, 0xFB00, 0x2014};
    switch (i % 4) {
    case 0:
        return QStringLiteral("model ") + QChar(inside[(i / 4) % 10]) + QStringLiteral("x");
    case 1:
        return QStringLiteral("model ") + QChar(outside[(i / 4) % 10]) + QStringLiteral("x");
    case 2:
        return QStringLiteral("Schr\u00f6dinger na\u00efve model");
    default:
        return QStringLiteral("plain model");
    }
}

// 80 papers: CJK or not in the title (i % 8 < 4) or the abstract (else).
QList<FixturePaper> cjkPapers() {
    QList<FixturePaper> papers;
    for (int i = 0; i < 80; ++i) {
        const bool inTitle = i % 8 < 4;
        papers << FixturePaper{QStringLiteral("2501.") + QString::number(10000 + i),
                               1,
                               QStringLiteral("Paper ") + QString::number(i) + QLatin1Char(' ') +
                                   (inTitle ? textOf(i) : QString()),
                               QStringLiteral("A Author"),
                               QDate(2025, 1, 1).addDays(i).toString(Qt::ISODate),
                               QStringLiteral("An abstract. ") + (inTitle ? QString() : textOf(i))};
    }
    return papers;
}

// The papers of the view whose text holds term (brute force over every row).
QSet<qint64> containing(Library &lib, const QString &term) {
    QSet<qint64> ids;
    for (const PaperRow &row : lib.query(QString()).rows) {
        const auto p = lib.paper(row.id);
        REQUIRE(p.has_value());
        if (p->paper.title.contains(term) || p->paper.abstract.contains(term) ||
            p->paper.summary.contains(term) || p->note.contains(term))
            ids.insert(row.id);
    }
    return ids;
}

// Every paper whose text holds a CJK character.
QSet<qint64> withCjk(Library &lib) {
    QSet<qint64> ids;
    for (const PaperRow &row : lib.query(QString()).rows) {
        const auto p = lib.paper(row.id);
        REQUIRE(p.has_value());
        if (containsCjk(p->paper.title) || containsCjk(p->paper.abstract) ||
            containsCjk(p->paper.summary) || containsCjk(p->note))
            ids.insert(row.id);
    }
    return ids;
}

QSet<qint64> idSet(const QueryResult &r) {
    QSet<qint64> ids;
    for (const PaperRow &row : r.rows)
        ids.insert(row.id);
    return ids;
}

// Each CJK term finds exactly the papers whose text holds it; negated, all the others.
void checkTerms(Library &lib, const QStringList &terms) {
    const int all = lib.query(QString()).total;
    for (const QString &term : terms) {
        INFO("term: " << term.toStdString());
        const QueryResult r = lib.query(term);
        REQUIRE(r.ok());
        CHECK(idSet(r) == containing(lib, term));
        CHECK(r.total == r.rows.size());
        CHECK(lib.query(QStringLiteral("-") + term).total == all - r.total);
        CHECK(lib.query(term + QStringLiteral(" model")).total ==
              int((containing(lib, term) & idSet(lib.query(QStringLiteral("model")))).size()));
    }
}

// A schema 10 library (before cjk_papers) of five papers: 3, 4 and 5 hold CJK text (in the
// summary, the title, the abstract).
void writeV10Library(const QString &path) {
    FtsTokenizer::install();
    withConnection(path, [](QSqlQuery &q) {
        for (int v = 1; v <= 10; ++v)
            for (const QString &sql : Schema::migrationStatements(v))
                REQUIRE(q.exec(sql));
        REQUIRE(q.prepare(QStringLiteral(
            "INSERT INTO papers(id, key, version, title, authors, date, abstract, summary) "
            "VALUES(?, ?, 1, ?, 'A Author', '2024-01-04', ?, ?)")));
        const QList<QStringList> rows = {
            {QStringLiteral("Plain"), QStringLiteral("ascii"), QString()},
            {QStringLiteral("Caf\u00e9"), QStringLiteral("accented only"), QString()},
            {QStringLiteral("Title"), QStringLiteral("abstract"), QString::fromUtf8("模型摘要")},
            {QString::fromUtf8("大模型"), QStringLiteral("abstract"), QString()},
            {QStringLiteral("Title"), QString::fromUtf8("한국어 모델"), QString()}};
        for (int i = 0; i < rows.size(); ++i) {
            q.addBindValue(i + 1);
            q.addBindValue(QString(QStringLiteral("2401.0000") + QString::number(i + 1)));
            q.addBindValue(rows[i][0]);
            q.addBindValue(rows[i][1]);
            q.addBindValue(rows[i][2].isEmpty() ? QVariant() : QVariant(rows[i][2]));
            REQUIRE(q.exec());
        }
        REQUIRE(q.exec(QStringLiteral("INSERT INTO fts(fts) VALUES('rebuild')")));
        REQUIRE(q.exec(QStringLiteral("PRAGMA user_version = 10")));
    });
}

} // namespace

TEST_CASE("the papers with CJK text are listed by every writer; CJK terms find the same") {
    const QString dir = scratchDir(QStringLiteral("query-cjk"));
    const QString path = dir + QStringLiteral("/lib.sqlite");
    Library lib;
    REQUIRE(lib.open(path));
    REQUIRE(lib.importData(dir + QStringLiteral("/a.md"),
                           digestText(QStringLiteral("2025-06-01"), cjkPapers()))
                .imported);
    REQUIRE(lib.importData(dir + QStringLiteral("/cards.md"), kCards).imported); // summaries
    const QSet<qint64> cjk = withCjk(lib);
    CHECK(cjk.size() == 20 + 2);
    CHECK(listed(path) == cjk);
    const QStringList terms = {QString(QChar(0x3040)),
                               QString(QChar(0xFAFF)),
                               QString(QChar(0x4E00)) + QLatin1Char('x'),
                               QString::fromUtf8("稀疏注意力"),
                               QString::fromUtf8("一句话"),
                               QString::fromUtf8("不存在")};
    checkTerms(lib, terms);

    // A note with CJK text lists its paper; a paper whose CJK note goes stays listed (the
    // table only narrows what is read) and is no longer found.
    const qint64 plain = lib.idForKey(QStringLiteral("2501.10003")).value();
    REQUIRE_FALSE(cjk.contains(plain));
    REQUIRE(lib.setNote(plain, QString::fromUtf8("读过：不错")));
    CHECK(listed(path).contains(plain));
    CHECK(idSet(lib.query(QString::fromUtf8("不错"))) == QSet<qint64>{plain});
    REQUIRE(lib.setNote(plain, QString()));
    CHECK(lib.query(QString::fromUtf8("不错")).total == 0);
    checkTerms(lib, terms);

    // A new version whose title gains CJK text (an ASCII paper no note has listed: the
    // import updates its row, and the UPDATE trigger lists it).
    const qint64 other = lib.idForKey(QStringLiteral("2501.10007")).value();
    REQUIRE_FALSE(listed(path).contains(other));
    QList<FixturePaper> newer = cjkPapers().mid(7, 1);
    newer[0].version = 2;
    newer[0].title = QStringLiteral("Paper seven ") + QString::fromUtf8("新版");
    REQUIRE(lib.importData(dir + QStringLiteral("/b.md"),
                           digestText(QStringLiteral("2025-06-02"), newer))
                .imported);
    CHECK(listed(path).contains(other));
    CHECK(idSet(lib.query(QString::fromUtf8("新版"))) == QSet<qint64>{other});
}

TEST_CASE("the schema 12 migration lists the papers that already have CJK text") {
    const QString path =
        scratchDir(QStringLiteral("query-cjk-migrate")) + QStringLiteral("/v10.sqlite");
    writeV10Library(path);
    Library lib;
    REQUIRE(lib.open(path));
    CHECK(listed(path) == QSet<qint64>{3, 4, 5});
    CHECK(idSet(lib.query(QString::fromUtf8("模型"))) == QSet<qint64>{3, 4});
    CHECK(idSet(lib.query(QString::fromUtf8("모델"))) == QSet<qint64>{5});
    CHECK(lib.query(QString::fromUtf8("-模型")).total == 3);
}

TEST_CASE("salvage lists the papers with CJK text again (from an older schema too)") {
    // A schema 10 library has no cjk_papers: salvaged into a new (schema 12) file, the table
    // is filled from the papers copied, like the sidebar's counts, and reported as rebuilt,
    // not lost. A schema 12 library's list is rebuilt too (it may name papers not copied).
    const QString dir = scratchDir(QStringLiteral("query-cjk-salvage"));
    const QString v10 = dir + QStringLiteral("/v10.sqlite");
    writeV10Library(v10);
    const QString v12 = dir + QStringLiteral("/v12.sqlite");
    {
        Library lib;
        REQUIRE(lib.open(v12));
        REQUIRE(lib.importData(dir + QStringLiteral("/a.md"),
                               digestText(QStringLiteral("2025-06-01"), cjkPapers()))
                    .imported);
    }
    for (const QString &from : {v10, v12}) {
        INFO("salvaged: " << from.toStdString());
        const QString to = from + QStringLiteral(".salvaged");
        BackupManager backups(from);
        const std::optional<SalvageResult> r = backups.salvage(to);
        INFO(backups.lastError().toStdString());
        REQUIRE(r);
        const QString summary = r->copied.join(QLatin1Char('\n'));
        INFO(summary.toStdString());
        CHECK(r->lostTables == 0);
        CHECK_FALSE(summary.contains(QStringLiteral("unreadable")));
        CHECK(summary.contains(QStringLiteral("cjk_papers: ")));
        Library lib;
        REQUIRE(lib.open(to));
        CHECK(listed(to) == withCjk(lib));
        if (from == v10) {
            CHECK(listed(to) == QSet<qint64>{3, 4, 5});
            CHECK(idSet(lib.query(QString::fromUtf8("模型"))) == QSet<qint64>{3, 4});
            CHECK(idSet(lib.query(QString::fromUtf8("모델"))) == QSet<qint64>{5});
        } else {
            CHECK(listed(to).size() == 20);
            checkTerms(lib, {QString(QChar(0x3040)), QString(QChar(0x4E00)) + QLatin1Char('x')});
        }
    }
}
