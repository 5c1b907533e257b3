// GUI: the note editor and other writers of the same library (lectern-cli note,
// import-annotations, a second window): a change made elsewhere is shown when the editor has
// nothing unsaved, and never overwritten by, nor overwrites, what the user is typing.
#include "guitestsupport.h"
#include "mainwindow.h"
#include "noteconflictbar.h"
#include "noteeditor.h"
#include "notehistorydialog.h"
#include "store/library.h"
#include "testsupport.h"

#include <catch2/catch_test_macros.hpp>

#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTest>
#include <QToolButton>

using namespace Qt::StringLiterals;
using namespace lectern;
using namespace lectern::test;

TEST_CASE("a note changed elsewhere while the user types: neither text is lost", "[gui][notes]") {
    TestWindow t(u"notes-conflict"_s, {sampleDigest()});
    const qint64 id = t.w->currentPaperId();
    REQUIRE(id != 0);
    NoteEditor *notes = t.w->noteEditor();
    t.key(Qt::Key_E);
    REQUIRE(QApplication::focusWidget() == notes->editor());
    QTest::keyClicks(notes->editor(), u"mine: typed in the window"_s);

    // Meanwhile another connection (lectern-cli note, import-annotations) writes the note.
    Library other;
    REQUIRE(other.open(t.dir + u"/library.sqlite"_s));
    REQUIRE(other.setNote(id, u"theirs: written by the command line"_s));

    notes->flush(); // the autosave
    const QString stored = t.lib.paper(id)->note;
    const QString shown = notes->editor()->toPlainText();
    INFO(stored.toStdString() + " | " + shown.toStdString());
    CHECK(stored.contains(u"theirs: written by the command line"_s));
    CHECK(shown.contains(u"mine: typed in the window"_s));
    CHECK(notes->inConflict());
}

TEST_CASE("the conflict bar: keep mine, use theirs or merge; the other text stays in the history",
          "[gui][notes]") {
    TestWindow t(u"notes-conflict-bar"_s, {sampleDigest()});
    const qint64 id = t.w->currentPaperId();
    NoteEditor *notes = t.w->noteEditor();
    Library other;
    REQUIRE(other.open(t.dir + u"/library.sqlite"_s));
    t.key(Qt::Key_E);
    QTest::keyClicks(notes->editor(), u"mine"_s);
    REQUIRE(other.setNote(id, u"theirs"_s));
    notes->flush();
    REQUIRE(notes->inConflict());
    CHECK(notes->conflictBar()->isVisible());
    CHECK(notes->conflictBar()->text().contains(u"theirs"_s));
    CHECK(notes->statusText().contains(u"changed elsewhere"_s));
    // Typing on while the bar is shown writes nothing, and the typing is kept.
    QTest::keyClicks(notes->editor(), u" and more"_s);
    notes->flush();
    CHECK(t.lib.note(id)->text == u"theirs"_s);
    CHECK(notes->editor()->toPlainText() == u"mine and more"_s);
    saveScreenshot(t.w.get(), u"note-conflict-bar"_s);

    SECTION("merge: both texts, mine first") {
        QTest::mouseClick(notes->conflictBar()->button(NoteConflictBar::Merge), Qt::LeftButton);
        CHECK(t.lib.note(id)->text == u"mine and more\n\n---\n\ntheirs"_s);
        CHECK(notes->editor()->toPlainText() == t.lib.note(id)->text);
    }
    SECTION("keep mine: saved; theirs is a version in the history") {
        QTest::mouseClick(notes->conflictBar()->button(NoteConflictBar::KeepMine), Qt::LeftButton);
        CHECK(t.lib.note(id)->text == u"mine and more"_s);
        const QList<NoteVersion> h = t.lib.noteHistory(id).value();
        REQUIRE(h.size() == 2);
        CHECK(h[1].text == u"theirs"_s);
    }
    SECTION("use theirs: the editor shows it, nothing more is written") {
        QTest::mouseClick(notes->conflictBar()->button(NoteConflictBar::UseTheirs), Qt::LeftButton);
        CHECK(notes->editor()->toPlainText() == u"theirs"_s);
        CHECK(t.lib.note(id)->text == u"theirs"_s);
    }
    SECTION("closing the window with the bar open keeps both") {
        t.w->close();
        const QString stored = t.lib.note(id)->text;
        CHECK(stored.contains(u"mine and more"_s));
        CHECK(stored.contains(u"theirs"_s));
    }
    CHECK_FALSE(notes->inConflict());
    CHECK_FALSE(notes->conflictBar()->isVisible());
}

TEST_CASE("a note changed elsewhere is shown when the editor has nothing unsaved", "[gui][notes]") {
    TestWindow t(u"notes-reload"_s, {sampleDigest()});
    const qint64 id = t.w->currentPaperId();
    NoteEditor *notes = t.w->noteEditor();
    t.key(Qt::Key_E);
    QTest::keyClicks(notes->editor(), u"first"_s);
    notes->flush();
    REQUIRE(t.lib.note(id)->text == u"first"_s);

    Library other;
    REQUIRE(other.open(t.dir + u"/library.sqlite"_s));
    REQUIRE(other.setNote(id, u"changed by lectern-cli note"_s));
    // Checked every NoteSync::CheckMs, on focusing the editor and on showing the paper.
    REQUIRE(waitUntil(
        [&] { return notes->editor()->toPlainText() == u"changed by lectern-cli note"_s; }, 20000));
    CHECK_FALSE(notes->inConflict());
    CHECK(notes->statusText().contains(u"changed elsewhere"_s));
    // Typing now builds on their text: saved without a conflict.
    notes->editor()->moveCursor(QTextCursor::End);
    QTest::keyClicks(notes->editor(), u", then mine"_s);
    notes->flush();
    CHECK(t.lib.note(id)->text == u"changed by lectern-cli note, then mine"_s);
    CHECK_FALSE(notes->inConflict());
}

TEST_CASE("the note's history: one version per editing session, restored from the dialog",
          "[gui][notes]") {
    TestWindow t(u"notes-history"_s, {sampleDigest()});
    const qint64 id = t.w->currentPaperId();
    NoteEditor *notes = t.w->noteEditor();
    t.key(Qt::Key_E);
    for (const QString &word : {u"one"_s, u" two"_s, u" three"_s}) {
        QTest::keyClicks(notes->editor(), word);
        notes->flush(); // an autosave each
    }
    Library other;
    REQUIRE(other.open(t.dir + u"/library.sqlite"_s));
    REQUIRE(other.setNote(id, u"rewritten elsewhere"_s));
    REQUIRE(waitUntil([&] { return notes->editor()->toPlainText() == u"rewritten elsewhere"_s; },
                      20000));
    REQUIRE(t.lib.noteHistory(id)->size() == 2);

    QTest::mouseClick(notes->historyButton(), Qt::LeftButton);
    auto *dialog = t.w->findChild<NoteHistoryDialog *>();
    REQUIRE(dialog);
    REQUIRE(waitUntil([&] { return dialog->isVisible(); }, 5000));
    REQUIRE(dialog->list()->count() == 2);
    CHECK(dialog->list()->item(0)->text().contains(u"rewritten elsewhere"_s));
    CHECK_FALSE(dialog->restoreButton()->isEnabled()); // the newest is the note itself
    dialog->list()->setCurrentRow(1);
    CHECK(dialog->preview()->toPlainText() == u"one two three"_s);
    saveScreenshot(dialog, u"note-history-dialog"_s);
    QTest::mouseClick(dialog->restoreButton(), Qt::LeftButton);
    CHECK(notes->editor()->toPlainText() == u"one two three"_s);
    CHECK(t.lib.note(id)->text == u"one two three"_s);
    const QList<NoteVersion> h = t.lib.noteHistory(id).value();
    REQUIRE(h.size() == 3); // the restore is a version of its own
    CHECK(h[0].text == u"one two three"_s);
    CHECK(h[1].text == u"rewritten elsewhere"_s);
}
