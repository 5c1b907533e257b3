// Library: notes with revisions (compare-and-set between writers), their history, and the
// schema-3 migration that brings them.
#include "libraryfixtures.h"
#include "store/library.h"
#include "store/schema_p.h"
#include "testsupport.h"

#include <catch2/catch_test_macros.hpp>

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTimeZone>

using namespace lectern;
using namespace lectern::test;

namespace {

struct TwoWriters {
    QString path;
    Library gui, cli; // two connections to one file, as the window and lectern-cli
    qint64 id = 0;

    explicit TwoWriters(const QString &name)
        : path(scratchDir(name) + QStringLiteral("/library.sqlite")) {
        REQUIRE(gui.open(path));
        REQUIRE(cli.open(path));
        REQUIRE(gui.importData(QStringLiteral("1.md"), fixtureDigest1()).imported);
        id = gui.idForKey(QStringLiteral("2505.00001")).value();
    }
};

} // namespace

TEST_CASE("a note saved with a stale revision does not overwrite another writer's note") {
    TwoWriters t(QStringLiteral("notes-cas"));
    const StoredNote loaded = t.gui.note(t.id).value();
    CHECK(loaded.text.isEmpty());

    SECTION("the command line changed it meanwhile: conflict, both texts still there") {
        REQUIRE(t.cli.setNote(t.id, QStringLiteral("theirs")));
        const NoteWrite w = t.gui.setNote(t.id, QStringLiteral("mine"), loaded.revision);
        CHECK(w.status == NoteWriteStatus::Conflict);
        CHECK(w.note.text == QLatin1String("theirs"));
        CHECK(w.note.revision != loaded.revision);
        CHECK(t.cli.note(t.id)->text == QLatin1String("theirs"));
        // Saving again against the revision just seen is the user's decision: it writes.
        const NoteWrite again = t.gui.setNote(t.id, QStringLiteral("mine"), w.note.revision);
        CHECK(again.status == NoteWriteStatus::Saved);
        CHECK(t.cli.note(t.id)->text == QLatin1String("mine"));
        CHECK(again.note.revision == t.cli.note(t.id)->revision);
    }
    SECTION("import-annotations changed it meanwhile: conflict too") {
        REQUIRE(t.cli.importAnnotations(
            R"({"version":1,"papers":{"2505.00001":{"note":"from the other machine"}}})"));
        const NoteWrite w = t.gui.setNote(t.id, QStringLiteral("mine"), loaded.revision);
        CHECK(w.status == NoteWriteStatus::Conflict);
        CHECK(t.gui.note(t.id)->text == QLatin1String("from the other machine"));
    }
    SECTION("unchanged meanwhile: saved, and each save moves the revision on") {
        const NoteWrite w1 = t.gui.setNote(t.id, QStringLiteral("one"), loaded.revision);
        REQUIRE(w1.status == NoteWriteStatus::Saved);
        CHECK(w1.note.revision > loaded.revision);
        const NoteWrite w2 = t.gui.setNote(t.id, QStringLiteral("two"), w1.note.revision);
        REQUIRE(w2.status == NoteWriteStatus::Saved);
        CHECK(w2.note.revision > w1.note.revision);
        CHECK(t.gui.query(QStringLiteral("two")).total == 1); // indexed
        CHECK(t.gui.query(QStringLiteral("one")).total == 0);
        // The same text as stored is no conflict, whatever the revision.
        CHECK(t.gui.setNote(t.id, QStringLiteral("two"), 0).status == NoteWriteStatus::Saved);
    }
    SECTION("a paper not in the library fails") {
        const NoteWrite w = t.gui.setNote(987654, QStringLiteral("x"), 0);
        CHECK(w.status == NoteWriteStatus::Failed);
        CHECK_FALSE(t.gui.lastError().isEmpty());
        CHECK_FALSE(t.gui.note(987654));
    }
}

TEST_CASE("every version of a note is kept, one per editing session, at most 50") {
    TwoWriters t(QStringLiteral("notes-history"));
    qint64 rev = 0;
    // One editing session's autosaves are one version.
    for (const char *text : {"d", "dr", "draft"}) {
        const NoteWrite w = t.gui.setNote(t.id, QString::fromLatin1(text), rev, 7);
        REQUIRE(w.status == NoteWriteStatus::Saved);
        rev = w.note.revision;
    }
    REQUIRE(t.cli.setNote(t.id, QStringLiteral("from the command line")));
    rev = t.gui.note(t.id)->revision;
    // A new session after another writer: a new version, even with the same session id.
    for (const char *text : {"draft 2", "draft 2, longer"}) {
        const NoteWrite w = t.gui.setNote(t.id, QString::fromLatin1(text), rev, 7);
        REQUIRE(w.status == NoteWriteStatus::Saved);
        rev = w.note.revision;
    }
    REQUIRE(t.gui.setNote(t.id, QString())); // deleted
    const QList<NoteVersion> h = t.gui.noteHistory(t.id).value();
    REQUIRE(h.size() == 4);
    CHECK(h[0].text.isEmpty()); // newest first: the deletion
    CHECK(h[1].text == QLatin1String("draft 2, longer"));
    CHECK(h[2].text == QLatin1String("from the command line"));
    CHECK(h[3].text == QLatin1String("draft"));
    CHECK(h[0].savedAt.isValid());
    CHECK(h[0].savedAt >= h[3].savedAt);

    // Restoring is a write like any other: a new version.
    REQUIRE(t.gui.setNote(t.id, h[3].text, t.gui.note(t.id)->revision).status ==
            NoteWriteStatus::Saved);
    CHECK(t.gui.noteHistory(t.id)->size() == 5);
    CHECK(t.gui.noteHistory(t.id)->first().text == QLatin1String("draft"));

    // Bounded: the newest 50 are kept.
    for (int i = 0; i < 60; ++i)
        REQUIRE(t.cli.setNote(t.id, QStringLiteral("version %1").arg(i)));
    const QList<NoteVersion> all = t.gui.noteHistory(t.id).value();
    REQUIRE(all.size() == Library::kNoteHistoryLimit);
    CHECK(all.first().text == QLatin1String("version 59"));
    CHECK(all.last().text == QLatin1String("version 10"));
}

TEST_CASE("a version-2 library migrates to version 3 keeping everything; its notes are their "
          "first version") {
    const QString dir = scratchDir(QStringLiteral("notes-migrate-v2"));
    const QString path = dir + QStringLiteral("/v2.sqlite");
    {
        QSqlDatabase db =
            QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("v2"));
        db.setDatabaseName(path);
        REQUIRE(db.open());
        QSqlQuery q(db);
        for (int v = 1; v <= 2; ++v)
            for (const QString &sql : Schema::migrationStatements(v))
                REQUIRE(q.exec(sql));
        REQUIRE(q.exec(QStringLiteral(
            "INSERT INTO digests(id, date, path, hash, imported_at, paper_count) VALUES "
            "(1, '2025-01-05', '/old/2025-01-05.md', 'abc', '2025-01-05T10:00:00Z', 2)")));
        REQUIRE(q.exec(QStringLiteral(
            "INSERT INTO papers(id, key, version, title, authors, date, abstract, keywords, "
            "last_digest, read, read_at, starred, starred_at, note, note_at, summary) VALUES "
            "(1, '2501.00001', 1, 'Tapirs at Night', 'Ann Old', '2025-01-04', 'About tapirs.', "
            "'tapirs', '2025-01-05', 1, '2025-01-06T10:00:00Z', 1, '2025-01-06T10:00:01Z', "
            "'note on tapirs', '2025-01-06T11:00:00Z', 'one line'),"
            "(2, '2501.00002', 1, 'Without a Note', 'Bo New', '2025-01-04', 'Plain.', NULL, "
            "'2025-01-05', 0, NULL, 0, NULL, NULL, NULL, NULL)")));
        REQUIRE(q.exec(QStringLiteral("INSERT INTO paper_digests VALUES (1, 1), (1, 2)")));
        REQUIRE(q.exec(QStringLiteral("INSERT INTO keywords VALUES (1, 'tapirs')")));
        REQUIRE(q.exec(QStringLiteral("INSERT INTO paper_keywords VALUES (1, 1)")));
        REQUIRE(q.exec(QStringLiteral("INSERT INTO tags VALUES ('night', 1)")));
        REQUIRE(q.exec(QStringLiteral(
            "INSERT INTO pending_annotations VALUES ('2501.09999', '{\"note\":\"waiting\"}')")));
        REQUIRE(q.exec(QStringLiteral("INSERT INTO fts(fts) VALUES('rebuild')")));
        REQUIRE(q.exec(QStringLiteral("PRAGMA user_version = 2")));
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("v2"));

    Library lib;
    QString error;
    REQUIRE(lib.open(path, &error));
    const auto p = lib.paperByArxivId(QStringLiteral("2501.00001"));
    REQUIRE(p);
    CHECK(p->paper.title == QLatin1String("Tapirs at Night"));
    CHECK(p->paper.summary == QLatin1String("one line"));
    CHECK(p->read);
    CHECK(p->starred);
    CHECK(p->note == QLatin1String("note on tapirs"));
    CHECK(p->noteAt == QDateTime(QDate(2025, 1, 6), QTime(11, 0), QTimeZone::UTC));
    CHECK(p->tags == QStringList{QStringLiteral("night")});
    CHECK(p->paper.keywords == QStringList{QStringLiteral("tapirs")});
    CHECK(lib.query(QString()).total == 2);
    CHECK(lib.query(QStringLiteral("tapirs")).total == 1);
    CHECK(lib.exportAnnotations()->contains("waiting"));
    // The existing note is the first version of its history; the other paper has none.
    const QList<NoteVersion> h = lib.noteHistory(p->id).value();
    REQUIRE(h.size() == 1);
    CHECK(h[0].text == QLatin1String("note on tapirs"));
    CHECK(h[0].savedAt == p->noteAt);
    CHECK(lib.noteHistory(2)->isEmpty());
    // Compare-and-set works on the migrated rows.
    const StoredNote n = lib.note(p->id).value();
    REQUIRE(lib.setNote(p->id, QStringLiteral("tapirs, revised"), n.revision).status ==
            NoteWriteStatus::Saved);
    CHECK(lib.noteHistory(p->id)->size() == 2);
    CHECK(lib.query(QStringLiteral("revised")).total == 1);
}
