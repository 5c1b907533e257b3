// Library: store, import rules, user state, migrations, busy handling.
#include "libraryfixtures.h"
#include "parse/digestparser.h"
#include "store/library.h"
#include "store/schema_p.h"
#include "testsupport.h"

#include <catch2/catch_test_macros.hpp>

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

using namespace lectern;
using namespace lectern::test;

namespace {

QString freshDb(const QString &name) {
    return scratchDir(name) + QStringLiteral("/library.sqlite");
}

// Row counts of every table: "nothing changed" means these are equal.
QString snapshot(const QString &dbPath) {
    const QString conn = QStringLiteral("snapshot");
    QString out;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), conn);
        db.setDatabaseName(dbPath);
        REQUIRE(db.open());
        QSqlQuery q(db);
        for (const char *t : {"digests", "papers", "paper_digests", "keywords", "paper_keywords",
                              "tags", "pending_annotations", "fts_pending"}) {
            REQUIRE(q.exec(QStringLiteral("SELECT count(*) FROM ") + QLatin1String(t)));
            q.next();
            out += QLatin1String(t) + QLatin1Char('=') + q.value(0).toString() + QLatin1Char(' ');
        }
        REQUIRE(q.exec(QStringLiteral("SELECT group_concat(key || ':' || version || ':' || "
                                      "coalesce(last_digest, ''), ',') FROM papers")));
        q.next();
        out += q.value(0).toString();
    }
    QSqlDatabase::removeDatabase(conn);
    return out;
}

QStringList ids(const QueryResult &r) {
    QStringList s;
    for (const PaperRow &row : r.rows)
        s << row.arxivId;
    return s;
}

} // namespace

TEST_CASE("a new library is created with the current schema, WAL and an empty state") {
    const QString path = freshDb(QStringLiteral("lib-new"));
    Library lib;
    QString error;
    REQUIRE(lib.open(path, &error));
    CHECK(error.isEmpty());
    CHECK(lib.isOpen());
    CHECK(lib.path() == path);
    const Counts c = lib.counts().value();
    CHECK(c.all == 0);
    CHECK(lib.query(QString()).total == 0);
    CHECK(QFile::exists(path + QStringLiteral("-wal")));
}

TEST_CASE("opening something that is not a library fails clearly and leaves it alone") {
    const QString dir = scratchDir(QStringLiteral("lib-notdb"));
    const QString path = dir + QStringLiteral("/notes.txt");
    writeFile(path, "These are my notes, not a database.\n");
    Library lib;
    QString error;
    CHECK_FALSE(lib.open(path, &error));
    CHECK_FALSE(error.isEmpty());
    CHECK(readFile(path) == "These are my notes, not a database.\n");
}

TEST_CASE("both seeds import, and importing them again changes nothing") {
    if (seedsDir().isEmpty())
        SKIP("../shared/seeds is absent");
    const QString path = freshDb(QStringLiteral("lib-seeds"));
    Library lib;
    REQUIRE(lib.open(path));
    const ImportStats first = lib.importPaths({seedsDir()});
    CHECK(first.files == 2);
    CHECK(first.skipped == 0);
    int expected = 0;
    QSet<QString> keys;
    for (const QString &f : Library::expandPaths({seedsDir()})) {
        const Digest d = DigestParser::parse(readFile(f), f);
        for (const Paper &p : d.papers)
            keys.insert(p.key());
    }
    expected = int(keys.size());
    CHECK(first.newPapers + first.updated == expected);
    CHECK(lib.query(QString()).total == expected);
    CHECK(lib.pendingIndexCount() == 0);
    CHECK(lib.counts().value().digests.size() == 2);
    CHECK(lib.query(QStringLiteral("reproducibility")).total > 0);

    const QString before = snapshot(path);
    const ImportStats again = lib.importPaths({seedsDir()});
    CHECK(again.alreadyImported == 2);
    CHECK(again.newPapers == 0);
    CHECK(again.updated == 0);
    CHECK(snapshot(path) == before);
}

TEST_CASE("a paper in two digests is one paper linked to both") {
    Library lib;
    REQUIRE(lib.open(freshDb(QStringLiteral("lib-two-digests"))));
    const ImportFileResult a = lib.importData(QStringLiteral("a.md"), fixtureDigest1());
    REQUIRE(a.imported);
    CHECK(a.newPapers == 3);
    const ImportFileResult b = lib.importData(QStringLiteral("b.md"), fixtureDigest2());
    REQUIRE(b.imported);
    CHECK(b.newPapers == 2);
    CHECK(b.unchanged == 1);
    CHECK(lib.query(QString()).total == 5);
    const auto p = lib.paperByArxivId(QStringLiteral("2505.00003"));
    REQUIRE(p);
    CHECK(p->digests == QList<QDate>{QDate(2025, 5, 6), QDate(2025, 5, 7)});
    CHECK(ids(lib.query(QStringLiteral("digest:2025-05-06"))).size() == 3);
    CHECK(ids(lib.query(QStringLiteral("digest:2025-05-07"))).size() == 3);
    // Digest sort: the latest digest first, then by date.
    CHECK(ids(lib.query(QString(), SortOrder::Digest)) ==
          QStringList{QStringLiteral("2505.00004"), QStringLiteral("2505.00003"),
                      QStringLiteral("2505.00005"), QStringLiteral("2505.00002"),
                      QStringLiteral("2505.00001")});
    const Counts c = lib.counts().value();
    REQUIRE(c.digests.size() == 2);
    CHECK(c.digests[0].name == QLatin1String("2025-05-07"));
    CHECK(c.digests[0].total == 3);
    CHECK(c.digests[0].unread == 3);
}

TEST_CASE("a newer version replaces title and abstract; note, star, tags and read survive") {
    Library lib;
    REQUIRE(lib.open(freshDb(QStringLiteral("lib-v2"))));
    REQUIRE(lib.importData(QStringLiteral("a.md"), fixtureDigest1()).imported);
    const qint64 id = lib.idForKey(QStringLiteral("2505.00001")).value();
    REQUIRE(id != 0);
    REQUIRE(lib.setNote(id, QStringLiteral("My **note** about okapis")));
    REQUIRE(lib.setStarred({id}, true));
    REQUIRE(lib.setRead({id}, true));
    REQUIRE(lib.addTag({id}, QStringLiteral("to-cite")));

    auto v2 = fixturePapers()[0];
    v2.version = 2;
    v2.title = QStringLiteral("Sparse Attention Revisited");
    v2.abstract = QStringLiteral("A rewritten abstract about **pangolins**.");
    const ImportFileResult r =
        lib.importData(QStringLiteral("c.md"), digestText(QStringLiteral("2025-05-09"), {v2}));
    REQUIRE(r.imported);
    CHECK(r.updated == 1);
    CHECK(r.newPapers == 0);
    const auto p = lib.paper(id);
    REQUIRE(p);
    CHECK(p->paper.version == 2);
    CHECK(p->paper.title == QLatin1String("Sparse Attention Revisited"));
    CHECK(p->paper.url == QLatin1String("http://arxiv.org/abs/2505.00001v2"));
    CHECK(p->firstSeen.isValid());
    CHECK(p->lastSeen >= p->firstSeen);
    CHECK(p->paper.keywords == QStringList{QStringLiteral("pangolins")});
    CHECK(p->note == QLatin1String("My **note** about okapis"));
    CHECK(p->starred);
    CHECK(p->read);
    CHECK(p->tags == QStringList{QStringLiteral("to-cite")});
    CHECK(p->digests.size() == 2);
    // The index follows: the new text is found, the old is not, the note still is.
    CHECK(ids(lib.query(QStringLiteral("pangolins"))) == QStringList{QStringLiteral("2505.00001")});
    CHECK(lib.query(QStringLiteral("pruning")).total == 0);
    CHECK(lib.query(QStringLiteral("okapis")).total == 1);
    CHECK(lib.query(QStringLiteral("kw:pangolins")).total == 1);
    CHECK(lib.query(QStringLiteral("kw:sparse")).total == 0);

    // An older version seen later changes nothing.
    const ImportFileResult old = lib.importData(QStringLiteral("d.md"), fixtureDigest1());
    CHECK(old.alreadyImported);
    auto v1again = fixturePapers()[0];
    const ImportFileResult r3 =
        lib.importData(QStringLiteral("e.md"), digestText(QStringLiteral("2025-05-10"), {v1again}));
    CHECK(r3.unchanged == 1);
    CHECK(lib.paper(id)->paper.version == 2);
}

TEST_CASE("a file with one bad section among good ones keeps the good papers and reports the bad") {
    Library lib;
    REQUIRE(lib.open(freshDb(QStringLiteral("lib-bad-section"))));
    QByteArray text = fixtureDigest1();
    text += "## A broken section\n\nno authors, no date, no link, just words.\n\n\n";
    const Digest parsed = DigestParser::parse(text, QStringLiteral("x.md"));
    REQUIRE_FALSE(parsed.hasErrors());
    const ImportFileResult r = lib.importData(QStringLiteral("x.md"), text);
    for (const Diagnostic &d : r.diagnostics)
        UNSCOPED_INFO(d.line << ": " << d.message.toStdString());
    REQUIRE(r.imported);
    CHECK(r.newPapers == int(parsed.papers.size()));
    bool warned = false;
    for (const Diagnostic &d : r.diagnostics)
        warned = warned || (d.severity == Severity::Warning && d.line > 0);
    CHECK(warned);
    for (const char *id : {"2505.00001", "2505.00002", "2505.00003"})
        CHECK(lib.idForKey(QLatin1String(id)).value() != 0);
}

TEST_CASE("folders import recursively; files that are not digests are reported and skipped") {
    const QString dir = scratchDir(QStringLiteral("lib-folder"));
    writeFile(dir + QStringLiteral("/2025/a.md"), fixtureDigest1());
    writeFile(dir + QStringLiteral("/2025/05/b.txt"), fixtureDigest2());
    writeFile(dir + QStringLiteral("/notes.markdown"), "# Shopping\n\nmilk, eggs\n");
    writeFile(dir + QStringLiteral("/image.png"), QByteArray("\x89PNG\0\0", 6));
    writeFile(dir + QStringLiteral("/binary.md"), QByteArray("# 2025-05-06\n\0\0\0", 16));
    const QStringList files = Library::expandPaths({dir});
    CHECK(files.size() == 4);
    Library lib;
    REQUIRE(lib.open(dir + QStringLiteral("/lib.sqlite")));
    QList<int> progress;
    const ImportStats s = lib.importPaths({dir}, [&](int done, int total, const QString &) {
        CHECK(total == 4);
        progress << done;
        return true;
    });
    CHECK(s.files == 4);
    CHECK(s.newPapers == 5);
    CHECK(s.skipped == 2);
    CHECK(s.errors >= 2);
    CHECK(progress.first() == 0);
    CHECK(progress.last() == 4);
    int reported = 0;
    for (const ImportFileResult &r : s.results) {
        if (r.path.endsWith(QLatin1String("notes.markdown")) ||
            r.path.endsWith(QLatin1String("binary.md"))) {
            CHECK_FALSE(r.imported);
            REQUIRE_FALSE(r.diagnostics.isEmpty());
            CHECK(r.diagnostics.first().line > 0);
            ++reported;
        }
    }
    CHECK(reported == 2);
    CHECK(lib.counts().value().digests.size() == 2);
}

TEST_CASE("an import can be cancelled from the progress callback; what was imported stays whole") {
    const QString dir = scratchDir(QStringLiteral("lib-cancel"));
    writeFile(dir + QStringLiteral("/a.md"), fixtureDigest1());
    writeFile(dir + QStringLiteral("/b.md"), fixtureDigest2());
    Library lib;
    REQUIRE(lib.open(dir + QStringLiteral("/lib.sqlite")));
    const ImportStats s = lib.importPaths(
        {dir}, [](int done, int, const QString &path) { return path.isEmpty() || done < 1; });
    CHECK(s.cancelled);
    CHECK(s.files == 1);
    CHECK(lib.query(QString()).total == 3);
    CHECK(lib.query(QStringLiteral("diffusion")).total == 1); // indexed despite the cancel
}

TEST_CASE("user state: read, starred, notes and tags, each kept with its time") {
    Library lib;
    REQUIRE(lib.open(freshDb(QStringLiteral("lib-state"))));
    REQUIRE(lib.importData(QStringLiteral("a.md"), fixtureDigest1()).imported);
    const qint64 a = lib.idForKey(QStringLiteral("2505.00001")).value();
    const qint64 b = lib.idForKey(QStringLiteral("arXiv:2505.00002v1")).value();
    REQUIRE(b != 0);
    CHECK(lib.idForKey(QStringLiteral("https://arxiv.org/abs/2505.00002v7")).value() == b);
    REQUIRE(lib.setRead({a, b}, true));
    const QDateTime readAt = lib.paper(a)->readAt;
    CHECK(readAt.isValid());
    REQUIRE(lib.setRead({a}, true)); // again: the first time is kept
    CHECK(lib.paper(a)->readAt == readAt);
    REQUIRE(lib.setRead({b}, false));
    CHECK_FALSE(lib.paper(b)->read);
    CHECK_FALSE(lib.paper(b)->readAt.isValid());
    REQUIRE(lib.setStarred({b}, true));
    CHECK(lib.paper(b)->starredAt.isValid());
    REQUIRE(lib.setNote(a, QStringLiteral("first thoughts on *narwhals*")));
    CHECK(lib.paper(a)->noteAt.isValid());
    CHECK(lib.query(QStringLiteral("narwhals")).total == 1);
    REQUIRE(lib.setNote(a, QStringLiteral("second thoughts on walruses")));
    CHECK(lib.query(QStringLiteral("narwhals")).total == 0);
    CHECK(lib.query(QStringLiteral("walruses")).total == 1);
    REQUIRE(lib.setNote(a, QStringLiteral("   ")));
    CHECK(lib.paper(a)->note.isEmpty());
    CHECK(lib.query(QStringLiteral("walruses")).total == 0);
    CHECK(lib.query(QStringLiteral("is:noted")).total == 0);
    CHECK_FALSE(lib.setNote(987654, QStringLiteral("x")));
    CHECK_FALSE(lib.lastError().isEmpty());

    REQUIRE(
        lib.setTags(a, {QStringLiteral("zeta"), QStringLiteral("Alpha"), QStringLiteral("alpha")}));
    CHECK(lib.paper(a)->tags == QStringList{QStringLiteral("Alpha"), QStringLiteral("zeta")});
    REQUIRE(lib.addTag({a, b}, QStringLiteral("queue")));
    REQUIRE(lib.removeTag({a}, QStringLiteral("zeta")));
    CHECK(lib.paper(a)->tags == QStringList{QStringLiteral("Alpha"), QStringLiteral("queue")});
    CHECK(lib.allTags().value() == QStringList{QStringLiteral("Alpha"), QStringLiteral("queue")});
    CHECK_FALSE(lib.addTag({a}, QStringLiteral("  ")));

    const Counts c = lib.counts().value();
    CHECK(c.all == 3);
    CHECK(c.unread == 2);
    CHECK(c.starred == 1);
    CHECK(c.noted == 0);
    REQUIRE(c.tags.size() == 2);
    CHECK(c.tags[1].name == QLatin1String("queue"));
    CHECK(c.tags[1].total == 2);
    CHECK(c.tags[1].unread == 1);
    REQUIRE_FALSE(c.keywords.isEmpty());
    CHECK(c.keywords[0].name == QLatin1String("quantization"));
    CHECK(c.keywords[0].total == 2);
}

TEST_CASE(
    "annotations: export, new empty library, import digests, import annotations: same state") {
    const QString dir = scratchDir(QStringLiteral("lib-annotations"));
    Library a;
    REQUIRE(a.open(dir + QStringLiteral("/a.sqlite")));
    REQUIRE(a.importData(QStringLiteral("1.md"), fixtureDigest1()).imported);
    REQUIRE(a.importData(QStringLiteral("2.md"), fixtureDigest2()).imported);
    const qint64 p1 = a.idForKey(QStringLiteral("2505.00001")).value();
    const qint64 p3 = a.idForKey(QStringLiteral("2505.00003")).value();
    const qint64 p5 = a.idForKey(QStringLiteral("2505.00005")).value();
    REQUIRE(a.setRead({p1, p3}, true));
    REQUIRE(a.setStarred({p3}, true));
    REQUIRE(a.setNote(p1, QStringLiteral("Line one\n\n- a list with \"quotes\" and ünïcode")));
    REQUIRE(a.addTag({p3, p5}, QStringLiteral("later")));
    const QByteArray exported = a.exportAnnotations().value();

    SECTION("digests first, then annotations") {
        Library b;
        REQUIRE(b.open(dir + QStringLiteral("/b.sqlite")));
        REQUIRE(b.importData(QStringLiteral("1.md"), fixtureDigest1()).imported);
        REQUIRE(b.importData(QStringLiteral("2.md"), fixtureDigest2()).imported);
        QString error;
        REQUIRE(b.importAnnotations(exported, &error));
        CHECK(b.exportAnnotations().value() == exported);
        CHECK(b.query(QStringLiteral("is:read")).total == 2);
        CHECK(b.query(QStringLiteral("ünïcode")).total == 1);
        // Importing the same annotations again changes nothing.
        REQUIRE(b.importAnnotations(exported, &error));
        CHECK(b.exportAnnotations().value() == exported);
    }
    SECTION("annotations first (a new machine), then the digests") {
        Library b;
        REQUIRE(b.open(dir + QStringLiteral("/c.sqlite")));
        REQUIRE(b.importAnnotations(exported));
        CHECK(b.exportAnnotations().value() == exported); // pending ones are exported too
        REQUIRE(b.importData(QStringLiteral("1.md"), fixtureDigest1()).imported);
        REQUIRE(b.importData(QStringLiteral("2.md"), fixtureDigest2()).imported);
        CHECK(b.exportAnnotations().value() == exported);
        CHECK(b.query(QStringLiteral("tag:later")).total == 2);
        CHECK(b.query(QStringLiteral("quotes")).total == 1);
    }
}

TEST_CASE("annotations merge without losing what either side wrote; bad files change nothing") {
    Library lib;
    REQUIRE(lib.open(freshDb(QStringLiteral("lib-merge"))));
    REQUIRE(lib.importData(QStringLiteral("1.md"), fixtureDigest1()).imported);
    const qint64 p1 = lib.idForKey(QStringLiteral("2505.00001")).value();
    REQUIRE(lib.setNote(p1, QStringLiteral("local note")));
    REQUIRE(lib.addTag({p1}, QStringLiteral("mine")));
    const QByteArray incoming = R"({"version":1,"papers":{"2505.00001v3":{"read":true,
        "read_at":"2025-01-02T03:04:05.000Z","starred":false,"note":"remote note",
        "note_at":"2030-01-01T00:00:00.000Z","tags":["theirs"]}}})";
    REQUIRE(lib.importAnnotations(incoming));
    const auto p = lib.paper(p1);
    CHECK(p->read);
    CHECK(p->readAt == QDateTime(QDate(2025, 1, 2), QTime(3, 4, 5), QTimeZone::UTC));
    CHECK(p->note.contains(QLatin1String("local note")));
    CHECK(p->note.contains(QLatin1String("remote note")));
    CHECK(p->note.startsWith(QLatin1String("remote note"))); // the newer first
    CHECK(p->tags == QStringList{QStringLiteral("mine"), QStringLiteral("theirs")});

    const QByteArray before = lib.exportAnnotations().value();
    QString error;
    CHECK_FALSE(lib.importAnnotations("{not json", &error));
    CHECK(error.contains(QLatin1String("JSON")));
    CHECK_FALSE(
        lib.importAnnotations(R"({"version":1,"papers":{"2505.00001":{"read":"yes"}}})", &error));
    CHECK(error.contains(QLatin1String("read")));
    CHECK_FALSE(lib.importAnnotations(R"({"version":7,"papers":{}})", &error));
    CHECK(lib.exportAnnotations().value() == before);
}

TEST_CASE("a version-1 library is migrated, keeping its data, with a backup copy") {
    const QString dir = scratchDir(QStringLiteral("lib-migrate"));
    const QString path = dir + QStringLiteral("/old.sqlite");
    {
        // The version-1 fixture, written the way the first release wrote it.
        QSqlDatabase db =
            QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("v1"));
        db.setDatabaseName(path);
        REQUIRE(db.open());
        QSqlQuery q(db);
        for (const QString &sql : Schema::migrationStatements(1))
            REQUIRE(q.exec(sql));
        REQUIRE(q.exec(QStringLiteral(
            "INSERT INTO digests(id, date, path, hash, imported_at, paper_count) VALUES "
            "(1, '2024-01-05', '/old/2024-01-05.md', 'abc', '2024-01-05T10:00:00Z', 1)")));
        REQUIRE(q.exec(QStringLiteral(
            "INSERT INTO papers(id, key, version, title, authors, date, url, abstract, keywords, "
            "last_digest, read, read_at, starred, note, note_at) VALUES "
            "(1, '2401.00001', 1, 'Old Paper on Lemurs', 'Ann Old', '2024-01-04', "
            "'http://arxiv.org/abs/2401.00001v1', 'An abstract about lemurs.', 'lemurs', "
            "'2024-01-05', 1, "
            "'2024-01-06T10:00:00Z', 0, 'note on capybaras', '2024-01-06T11:00:00Z')")));
        REQUIRE(q.exec(QStringLiteral("INSERT INTO paper_digests VALUES (1, 1)")));
        REQUIRE(q.exec(QStringLiteral("INSERT INTO keywords VALUES (1, 'lemurs')")));
        REQUIRE(q.exec(QStringLiteral("INSERT INTO paper_keywords VALUES (1, 1)")));
        REQUIRE(q.exec(QStringLiteral("INSERT INTO tags VALUES ('old-tag', 1)")));
        REQUIRE(q.exec(QStringLiteral("INSERT INTO fts(fts) VALUES('rebuild')")));
        REQUIRE(q.exec(QStringLiteral("PRAGMA user_version = 1")));
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("v1"));
    const QByteArray v1Bytes = readFile(path);

    Library lib;
    QString error;
    REQUIRE(lib.open(path, &error));
    INFO(error.toStdString());
    const QString backup = path + QStringLiteral(".v1.bak");
    REQUIRE(QFile::exists(backup));
    {
        QSqlDatabase db =
            QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("bak"));
        db.setDatabaseName(backup);
        REQUIRE(db.open());
        QSqlQuery q(db);
        REQUIRE(q.exec(QStringLiteral("PRAGMA user_version")));
        q.next();
        CHECK(q.value(0).toInt() == 1);
        REQUIRE(q.exec(QStringLiteral("SELECT note FROM papers")));
        q.next();
        CHECK(q.value(0).toString() == QLatin1String("note on capybaras"));
    }
    QSqlDatabase::removeDatabase(QStringLiteral("bak"));
    CHECK_FALSE(v1Bytes.isEmpty());

    const auto p = lib.paperByArxivId(QStringLiteral("2401.00001"));
    REQUIRE(p);
    CHECK(p->paper.title == QLatin1String("Old Paper on Lemurs"));
    CHECK(p->read);
    CHECK(p->note == QLatin1String("note on capybaras"));
    CHECK(p->tags == QStringList{QStringLiteral("old-tag")});
    CHECK(p->paper.keywords == QStringList{QStringLiteral("lemurs")});
    CHECK(p->paper.url == QLatin1String("http://arxiv.org/abs/2401.00001v1"));
    CHECK(p->firstSeen == QDateTime(QDate(2024, 1, 5), QTime(10, 0), QTimeZone::UTC));
    CHECK(p->paper.keywordHints == QStringList{QString()});
    CHECK(p->digests == QList<QDate>{QDate(2024, 1, 5)});
    CHECK(lib.query(QStringLiteral("capybaras")).total == 1);
    CHECK(lib.query(QStringLiteral("lemur")).total == 1);
    // The migrated library takes new imports, summaries included.
    REQUIRE(lib.importData(QStringLiteral("1.md"), fixtureDigest1()).imported);
    CHECK(lib.query(QString()).total == 4);
    // Opening again does not migrate (or back up) again.
    QFile::remove(backup);
    Library again;
    REQUIRE(again.open(path));
    CHECK_FALSE(QFile::exists(backup));
}

TEST_CASE("a library whose index keeps no positions (schema 4) is rebuilt with them") {
    const QString dir = scratchDir(QStringLiteral("lib-migrate-fts"));
    const QString path = dir + QStringLiteral("/v4.sqlite");
    {
        QSqlDatabase db =
            QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("v4"));
        db.setDatabaseName(path);
        REQUIRE(db.open());
        QSqlQuery q(db);
        for (int v = 1; v <= 4; ++v)
            for (const QString &sql : Schema::migrationStatements(v))
                REQUIRE(q.exec(sql));
        REQUIRE(q.exec(QStringLiteral(
            "INSERT INTO papers(id, key, version, title, authors, date, abstract) VALUES "
            "(1, '2401.00001', 1, 'Lemurs at Dusk', 'Ann Old', '2024-01-04', "
            "'Large language models of lemur calls.'),"
            "(2, '2401.00002', 1, 'Models', 'Bo New', '2024-01-04', "
            "'Language models, large ones.')")));
        REQUIRE(q.exec(QStringLiteral("INSERT INTO fts(fts) VALUES('rebuild')")));
        REQUIRE(q.exec(QStringLiteral("PRAGMA user_version = 4")));
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("v4"));
    {
        Library lib;
        REQUIRE(lib.open(path));
        CHECK(lib.query(QStringLiteral("\"large language models\"")).total == 1);
        CHECK(lib.query(QStringLiteral("lemur")).total == 1);
    }
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("v7"));
    db.setDatabaseName(path);
    REQUIRE(db.open());
    QSqlQuery q(db);
    REQUIRE(q.exec(QStringLiteral("SELECT sql FROM sqlite_master WHERE name = 'fts'")));
    REQUIRE(q.next());
    CHECK_FALSE(q.value(0).toString().contains(QLatin1String("detail")));
    // The index answers a phrase by itself (positions kept): no row is read to check it.
    REQUIRE(q.exec(QStringLiteral(
        "SELECT count(*) FROM fts WHERE fts MATCH '\"large\" + \"language\" + \"models\"'")));
    REQUIRE(q.next());
    CHECK(q.value(0).toInt() == 1);
    q.finish();
    db.close();
    db = QSqlDatabase();
    QSqlDatabase::removeDatabase(QStringLiteral("v7"));
}

TEST_CASE("a library from a newer Lectern is refused and left untouched") {
    const QString path = freshDb(QStringLiteral("lib-newer"));
    {
        QSqlDatabase db =
            QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("newer"));
        db.setDatabaseName(path);
        REQUIRE(db.open());
        QSqlQuery q(db);
        REQUIRE(q.exec(QStringLiteral("CREATE TABLE future(x)")));
        REQUIRE(q.exec(QStringLiteral("PRAGMA user_version = 99")));
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("newer"));
    Library lib;
    QString error;
    CHECK_FALSE(lib.open(path, &error));
    CHECK(error.contains(QLatin1String("newer")));
}

TEST_CASE("a busy library: a writer waits, then fails with a clear message; nothing is lost") {
    const QString path = freshDb(QStringLiteral("lib-busy"));
    Library lib;
    REQUIRE(lib.open(path));
    REQUIRE(lib.importData(QStringLiteral("1.md"), fixtureDigest1()).imported);
    const qint64 id = lib.idForKey(QStringLiteral("2505.00001")).value();
    {
        QSqlDatabase other =
            QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("other"));
        other.setDatabaseName(path);
        REQUIRE(other.open());
        QSqlQuery q(other);
        REQUIRE(q.exec(QStringLiteral("BEGIN IMMEDIATE")));
        // Readers are not blocked under WAL.
        CHECK(lib.query(QString()).total == 3);
        QElapsedTimer t;
        t.start();
        CHECK_FALSE(lib.setNote(id, QStringLiteral("blocked")));
        CHECK(t.elapsed() >= 3000);
        CHECK(lib.lastError().contains(QLatin1String("busy")));
        const ImportFileResult r = lib.importData(QStringLiteral("2.md"), fixtureDigest2());
        CHECK_FALSE(r.imported);
        REQUIRE_FALSE(r.diagnostics.isEmpty());
        CHECK(r.diagnostics.last().message.contains(QLatin1String("busy")));
        REQUIRE(q.exec(QStringLiteral("ROLLBACK")));
    }
    QSqlDatabase::removeDatabase(QStringLiteral("other"));
    CHECK(lib.setNote(id, QStringLiteral("now it works")));
    CHECK(lib.importData(QStringLiteral("2.md"), fixtureDigest2()).imported);
    CHECK(lib.query(QString()).total == 5);
}

TEST_CASE("two Library objects on one file (GUI + importer) see each other's writes") {
    {
        // Both open a new file: one creates the schema, the other finds it done.
        const QString fresh = freshDb(QStringLiteral("lib-two-new"));
        Library a, b;
        QString error;
        REQUIRE(a.open(fresh, &error));
        REQUIRE(b.open(fresh, &error));
        CHECK(b.query(QString()).ok());
    }
    const QString path = freshDb(QStringLiteral("lib-two"));
    Library ui, importer;
    REQUIRE(ui.open(path));
    REQUIRE(importer.open(path));
    REQUIRE(importer.importData(QStringLiteral("1.md"), fixtureDigest1()).imported);
    CHECK(ui.query(QString()).total == 3);
    REQUIRE(ui.setStarred({ui.idForKey(QStringLiteral("2505.00002")).value()}, true));
    CHECK(importer.query(QStringLiteral("is:starred")).total == 1);
}

TEST_CASE("indexing in the file's own transaction (deferred indexing off) gives the same results") {
    Library lib;
    REQUIRE(lib.open(freshDb(QStringLiteral("lib-immediate"))));
    lib.setDeferredIndexing(false);
    REQUIRE(lib.importData(QStringLiteral("1.md"), fixtureDigest1()).imported);
    CHECK(lib.pendingIndexCount() == 0);
    CHECK(lib.query(QStringLiteral("diffusion")).total == 1);
    auto v2 = fixturePapers()[2];
    v2.version = 2;
    v2.abstract = QStringLiteral("Now about **axolotls** only.");
    REQUIRE(lib.importData(QStringLiteral("2.md"), digestText(QStringLiteral("2025-05-08"), {v2}))
                .updated == 1);
    CHECK(lib.pendingIndexCount() == 0);
    CHECK(lib.query(QStringLiteral("axolotls")).total == 1);
    CHECK(lib.query(QStringLiteral("reversed")).total == 0);
}
