// Undo and redo of every change the user makes in the window (issue 10, section 4): read and
// star toggles, mark all read, tags and notes, each entry named after what it does; after the
// list was re-sorted or filtered; and a failed undo (the library refuses the write), which
// says so and leaves the stack where it was.
#include "filterbar.h"
#include "guitestsupport.h"
#include "mainwindow.h"
#include "noteeditor.h"
#include "paperlistmodel.h"
#include "paperroles.h"
#include "statecontroller.h"
#include "store/library.h"
#include "testsupport.h"

#include <catch2/catch_test_macros.hpp>

#include <QAction>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTableView>
#include <QTest>
#include <QUndoStack>

using namespace Qt::StringLiterals;
using namespace lectern;
using namespace lectern::test;

namespace {

// One digest of `count` papers titled "Paper number 1" .. "Paper number count".
QByteArray digest(int count) {
    QString text = u"# 2025-02-03\n\n# Table of Contents\n"_s;
    for (int i = 1; i <= count; ++i)
        text += u"* [Paper number "_s + QString::number(i) + u"](#p)\n"_s;
    text += u"\n\n"_s;
    for (int i = 1; i <= count; ++i)
        text += u"## Paper number "_s + QString::number(i) +
                u"\n\n>Authors: Ann Author\n\n>2025-02-03\n\n> http://arxiv.org/abs/2502."_s +
                QString::number(10000 + i) + u"v1\n\nAn abstract.\n\n"_s;
    return text.toUtf8();
}

struct Window : TestWindow {
    explicit Window(const QString &name, int count = 6)
        : TestWindow(name, {digest(count)}) {}
    QUndoStack *stack() const { return w->undoStack(); }
    QString title(qint64 id) const { return lib.paper(id)->paper.title; }
    qint64 idOf(int n) const { // paper "Paper number n"
        return lib.idForKey(u"2502."_s + QString::number(10000 + n)).value();
    }
    bool modelRead(qint64 id) const {
        return w->model()->index(w->model()->locate(id), 0).data(ReadRole).toBool();
    }
    bool modelStarred(qint64 id) const {
        return w->model()->index(w->model()->locate(id), 0).data(StarredRole).toBool();
    }
    void select(qint64 id) {
        w->paperList()->setCurrentIndex(w->model()->index(w->model()->locate(id), 1));
        REQUIRE(w->currentPaperId() == id);
    }
    void undo() { key(Qt::Key_Z, Qt::ControlModifier); }
    void redo() { key(Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier); }
};

// Another process holding the library's write lock: the window's writes fail as Busy.
class WriteLock {
public:
    explicit WriteLock(const QString &path) {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"undo-lock"_s);
        db.setDatabaseName(path);
        REQUIRE(db.open());
        REQUIRE(QSqlQuery(db).exec(u"BEGIN IMMEDIATE"_s));
    }
    ~WriteLock() {
        {
            QSqlDatabase db = QSqlDatabase::database(u"undo-lock"_s);
            QSqlQuery(db).exec(u"ROLLBACK"_s);
            db.close();
        }
        QSqlDatabase::removeDatabase(u"undo-lock"_s);
    }
};

} // namespace

TEST_CASE("a failed undo says so and why, and leaves the stack and the library as they were",
          "[gui][undo]") {
    Window t(u"undo-failed"_s);
    const qint64 id = t.w->currentPaperId();
    REQUIRE(id != 0);
    t.key(Qt::Key_S);
    REQUIRE(t.lib.paper(id)->starred);
    REQUIRE(t.stack()->index() == 1);
    {
        WriteLock lock(t.lib.path());
        t.undo();
        CHECK(t.status().startsWith(u"Could not undo: Star “Paper number"_s));
        CHECK(t.status().contains(u"busy"_s));
        CHECK_FALSE(t.status().contains(u"Undid"_s));
        CHECK(t.stack()->index() == 1); // still undoable
        CHECK(t.stack()->canUndo());
    }
    CHECK(t.lib.paper(id)->starred);
    CHECK(t.modelStarred(id));
    // Once the library can be written again, the same entry is undone.
    t.undo();
    CHECK(t.status().startsWith(u"Undid: Star “Paper number"_s));
    CHECK(t.stack()->index() == 0);
    CHECK_FALSE(t.lib.paper(id)->starred);
    CHECK_FALSE(t.modelStarred(id));
    // The same for redo.
    {
        WriteLock lock(t.lib.path());
        t.redo();
        CHECK(t.status().startsWith(u"Could not redo: Star “Paper number"_s));
        CHECK(t.stack()->index() == 0);
        CHECK(t.stack()->canRedo());
    }
    CHECK_FALSE(t.lib.paper(id)->starred);
    t.redo();
    CHECK(t.status().startsWith(u"Redid: Star “Paper number"_s));
    CHECK(t.stack()->index() == 1);
    CHECK(t.lib.paper(id)->starred);
}

TEST_CASE("star and read toggles: entries name the paper; undo acts on it after a re-sort",
          "[gui][undo]") {
    Window t(u"undo-toggles"_s);
    const qint64 first = t.idOf(1), other = t.idOf(4);
    t.select(first);
    t.key(Qt::Key_S);
    t.key(Qt::Key_R); // marks it read (the mark-read delay is 0, so it was read: unread)
    const bool readNow = t.lib.paper(first)->read;
    const QString name = u"“"_s + t.title(first) + u"”"_s;
    CHECK(t.stack()->count() == 2);
    CHECK(t.stack()->text(0) == u"Star "_s + name);
    CHECK(t.stack()->text(1) == (readNow ? u"Mark read "_s : u"Mark unread "_s) + name);
    CHECK(t.w->action(u"undo"_s)->text().contains(t.stack()->text(1)));

    // Re-sort by title, descending, and make another paper current: the undo acts on `first`.
    t.w->model()->sort(PaperListModel::TitleColumn, Qt::DescendingOrder);
    t.select(other);
    const bool otherRead = t.lib.paper(other)->read;
    t.undo();
    CHECK(t.status() == u"Undid: "_s + t.stack()->text(1));
    CHECK(t.lib.paper(first)->read == !readNow);
    CHECK(t.modelRead(first) == !readNow);
    t.undo();
    CHECK_FALSE(t.lib.paper(first)->starred);
    CHECK_FALSE(t.modelStarred(first));
    CHECK_FALSE(t.lib.paper(other)->starred);
    CHECK(t.lib.paper(other)->read == otherRead);
    t.redo();
    CHECK(t.status() == u"Redid: Star "_s + name);
    CHECK(t.lib.paper(first)->starred);
    CHECK(t.modelStarred(first));
}

TEST_CASE("mark all read: undo restores exactly the papers it changed, after filtering",
          "[gui][undo]") {
    Window t(u"undo-markall"_s, 8);
    // Two papers were read before; the rest are unread.
    REQUIRE(t.lib.setRead({t.idOf(2), t.idOf(5)}, true));
    t.w->model()->reload();
    t.key(Qt::Key_A, Qt::ShiftModifier);
    CHECK(t.lib.query(u"is:unread"_s).total == 0);
    CHECK(t.status() == u"Marked 6 papers read (Ctrl+Z to undo)."_s);
    CHECK(t.stack()->text(t.stack()->index() - 1) == u"Mark 6 papers read"_s);
    CHECK(t.w->action(u"undo"_s)->text() == u"&Undo Mark 6 papers read"_s);

    // Filter the list to one paper and sort it differently: the undo still restores all six.
    t.w->model()->sort(PaperListModel::TitleColumn, Qt::DescendingOrder);
    t.w->filterBar()->setText(u"\"Paper number 3\""_s);
    REQUIRE(t.w->model()->rowCount() == 1);
    t.undo();
    CHECK(t.status() == u"Undid: Mark 6 papers read"_s);
    CHECK(t.lib.query(u"is:unread"_s).total == 6);
    CHECK(t.lib.paper(t.idOf(2))->read);
    CHECK(t.lib.paper(t.idOf(5))->read);
    CHECK_FALSE(t.modelRead(t.idOf(3))); // the row in view follows
    t.w->filterBar()->clear();
    CHECK_FALSE(t.modelRead(t.idOf(1)));
    CHECK(t.modelRead(t.idOf(2)));
    t.redo();
    CHECK(t.lib.query(u"is:unread"_s).total == 0);
    CHECK(t.modelRead(t.idOf(1)));
}

TEST_CASE("mark all read over a large view: written by the worker, the window never waits; "
          "its undo and redo too",
          "[gui][undo]") {
    const int n = StateController::BulkPapers + 200;
    Window t(u"undo-markall-worker"_s, n);
    auto unread = [&t] { return t.lib.total(u"is:unread"_s).value_or(-1); };
    REQUIRE(unread() == n);
    {
        WorkerGate gate(t.w.get()); // the worker is busy: the key press must not wait for it
        t.key(Qt::Key_A, Qt::ShiftModifier);
        CHECK(unread() == n); // not written on the UI thread
        CHECK(t.status() == u"Marking %1 papers read…"_s.arg(n));
        t.key(Qt::Key_A, Qt::ShiftModifier); // refused until the change is written
        CHECK(t.status().startsWith(u"Still saving"_s));
        gate.release();
        REQUIRE(waitUntil([&] { return t.stack()->count() == 1; }, 30000));
    }
    CHECK(unread() == 0);
    CHECK(t.status() == u"Marked %1 papers read (Ctrl+Z to undo)."_s.arg(n));
    CHECK(t.stack()->text(0) == u"Mark %1 papers read"_s.arg(n));
    CHECK(t.modelRead(t.idOf(1)));
    {
        WorkerGate gate(t.w.get());
        t.undo();
        CHECK(unread() == 0);
        CHECK(t.stack()->index() == 1); // the stack moves once the library is written
        gate.release();
        REQUIRE(waitUntil([&] { return t.stack()->index() == 0; }, 30000));
    }
    CHECK(unread() == n);
    CHECK(t.status() == u"Undid: Mark %1 papers read"_s.arg(n));
    CHECK_FALSE(t.modelRead(t.idOf(1)));
    t.redo();
    REQUIRE(waitUntil([&] { return t.stack()->index() == 1; }, 30000));
    CHECK(unread() == 0);
    CHECK(t.modelRead(t.idOf(n)));
}

TEST_CASE("tags: adding and removing a tag is an entry; undo and redo update the editor",
          "[gui][undo]") {
    Window t(u"undo-tags"_s);
    const qint64 id = t.idOf(1);
    t.select(id);
    const QString name = u"“"_s + t.title(id) + u"”"_s;
    t.key(Qt::Key_T);
    QTest::keyClicks(t.w->noteEditor()->tagsEdit(), u"todo"_s);
    QTest::keyClick(t.w->noteEditor()->tagsEdit(), Qt::Key_Return);
    REQUIRE(t.lib.paper(id)->tags == QStringList{u"todo"_s});
    CHECK(t.stack()->text(t.stack()->index() - 1) == u"Tag “todo” on "_s + name);
    QTest::keyClicks(t.w->noteEditor()->tagsEdit(), u", later"_s);
    QTest::keyClick(t.w->noteEditor()->tagsEdit(), Qt::Key_Return);
    REQUIRE(t.lib.paper(id)->tags == (QStringList{u"later"_s, u"todo"_s}));
    CHECK(t.stack()->text(t.stack()->index() - 1) == u"Tag “later” on "_s + name);
    // Emptied (no completion pops up), then Esc saves and goes back to the list.
    QTest::keyClick(t.w->noteEditor()->tagsEdit(), Qt::Key_A, Qt::ControlModifier);
    QTest::keyClick(t.w->noteEditor()->tagsEdit(), Qt::Key_Delete);
    QTest::keyClick(t.w->noteEditor()->tagsEdit(), Qt::Key_Escape);
    REQUIRE(t.lib.paper(id)->tags.isEmpty());
    CHECK(t.stack()->text(t.stack()->index() - 1) == u"Edit tags of "_s + name);
    REQUIRE(QApplication::focusWidget() == t.w->paperList());

    // Filter to another paper: the undo still acts on this one, and the editor (showing the
    // other paper) is left alone.
    t.w->filterBar()->setText(u"\"Paper number 4\""_s);
    REQUIRE(t.w->currentPaperId() == t.idOf(4));
    t.w->paperList()->setFocus();
    t.undo();
    CHECK(t.status() == u"Undid: Edit tags of "_s + name);
    CHECK(t.lib.paper(id)->tags == (QStringList{u"later"_s, u"todo"_s}));
    CHECK(t.w->noteEditor()->tagsEdit()->text().isEmpty());
    t.w->filterBar()->clear();
    t.select(id);
    REQUIRE(t.w->noteEditor()->tagsEdit()->text() == u"later, todo"_s);
    t.w->paperList()->setFocus();
    t.undo();
    CHECK(t.status() == u"Undid: Tag “later” on "_s + name);
    CHECK(t.w->noteEditor()->tagsEdit()->text() == u"todo"_s);
    t.undo();
    CHECK(t.lib.paper(id)->tags.isEmpty());
    CHECK(t.w->noteEditor()->tagsEdit()->text().isEmpty());
    t.redo();
    CHECK(t.lib.paper(id)->tags == QStringList{u"todo"_s});
    CHECK(t.w->noteEditor()->tagsEdit()->text() == u"todo"_s);
}

TEST_CASE("notes: one entry per edit session, undone to the text before it", "[gui][undo]") {
    Window t(u"undo-notes"_s);
    const qint64 id = t.idOf(1);
    REQUIRE(t.lib.setNote(id, u"old"_s));
    t.w->model()->reload();
    t.select(t.idOf(3));
    t.select(id);
    const QString name = u"“"_s + t.title(id) + u"”"_s;
    const int before = t.stack()->count();
    // One visit of the paper: two saves (Esc saves and leaves the editor) are one entry.
    t.key(Qt::Key_E);
    QTest::keyClicks(t.w->noteEditor()->editor(), u" one"_s);
    t.key(Qt::Key_Escape);
    t.key(Qt::Key_E);
    QTest::keyClicks(t.w->noteEditor()->editor(), u" two"_s);
    t.key(Qt::Key_Escape);
    REQUIRE(t.lib.paper(id)->note == u"old one two"_s);
    CHECK(t.stack()->count() == before + 1);
    CHECK(t.stack()->text(t.stack()->index() - 1) == u"Edit note of "_s + name);
    // Another paper, and back, starts a new session. Moving past a paper with `j` marks it
    // read: not an entry of its own.
    t.select(t.idOf(3));
    t.key(Qt::Key_J);
    REQUIRE(t.w->currentPaperId() != t.idOf(3));
    CHECK(t.lib.paper(t.idOf(3))->read);
    CHECK(t.stack()->count() == before + 1);
    t.select(id);
    t.key(Qt::Key_E);
    QTest::keyClicks(t.w->noteEditor()->editor(), u" three"_s);
    t.key(Qt::Key_Escape);
    REQUIRE(t.lib.paper(id)->note == u"old one two three"_s);
    CHECK(t.stack()->count() == before + 2);

    t.undo();
    CHECK(t.status() == u"Undid: Edit note of "_s + name);
    CHECK(t.lib.paper(id)->note == u"old one two"_s);
    CHECK(t.w->noteEditor()->editor()->toPlainText() == u"old one two"_s);
    t.undo();
    CHECK(t.lib.paper(id)->note == u"old"_s);
    CHECK(t.w->noteEditor()->editor()->toPlainText() == u"old"_s);
    t.redo();
    CHECK(t.lib.paper(id)->note == u"old one two"_s);
    CHECK(t.w->noteEditor()->editor()->toPlainText() == u"old one two"_s);
    // Undo to an empty note clears the list's note mark.
    const qint64 second = t.idOf(2);
    t.select(second);
    t.key(Qt::Key_E);
    QTest::keyClicks(t.w->noteEditor()->editor(), u"new"_s);
    t.key(Qt::Key_Escape);
    REQUIRE(t.w->model()->index(t.w->model()->locate(second), 0).data(HasNoteRole).toBool());
    t.undo();
    CHECK(t.lib.paper(second)->note.isEmpty());
    CHECK(t.w->noteEditor()->editor()->toPlainText().isEmpty());
    CHECK_FALSE(t.w->model()->index(t.w->model()->locate(second), 0).data(HasNoteRole).toBool());
}

TEST_CASE("a filter keystroke keeps the paper shown when it is among the first rows of the "
          "result, else shows the first",
          "[gui][filter]") {
    Window t(u"filter-first-rows"_s, 300);
    PaperListModel *model = t.w->model();
    REQUIRE(model->rowCount() == 300);
    const qint64 near = model->idAt(20);
    t.select(near);
    t.w->filterBar()->setText(u"number"_s); // every paper matches, in the same order
    CHECK(t.w->currentPaperId() == near);
    // Deeper than the first page (200 rows): finding its row again would be a count over the
    // whole view on each keystroke (Library::rowOf); the list starts at the top instead.
    const qint64 deep = model->idAt(250);
    t.select(deep);
    t.w->filterBar()->setText(u"Paper"_s);
    REQUIRE(model->rowCount() == 300);
    CHECK(t.w->currentPaperId() == model->idAt(0));
    CHECK(t.w->paperList()->currentIndex().row() == 0);
}
