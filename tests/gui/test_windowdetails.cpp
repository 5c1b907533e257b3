// GUI tests of details a reviewer found in use: import warnings in the problems panel, the pane
// after tags and notes are saved, the overlay's undo/redo lines, the status bar after undo,
// list titles on one line, and `n` over a long run of read papers.
#include "guitestsupport.h"
#include "helpoverlay.h"
#include "importer.h"
#include "mainwindow.h"
#include "noteeditor.h"
#include "paperlistmodel.h"
#include "paperroles.h"
#include "parse/digestparser.h"
#include "problemspanel.h"
#include "readingpane.h"
#include "settings.h"
#include "sidebar.h"
#include "store/library.h"
#include "testsupport.h"

#include <catch2/catch_test_macros.hpp>

#include <QAction>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QRegularExpression>
#include <QStatusBar>
#include <QTableView>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace lectern;
using namespace lectern::test;

namespace {

struct Window : TestWindow {
    explicit Window(const QString &name, const QByteArray &digest = sampleDigest())
        : TestWindow(name, digest.isEmpty() ? QList<QByteArray>() : QList<QByteArray>{digest}) {}
};

// A digest of `count` papers; without authors lines each paper gives a warning.
QByteArray digest(const QString &date, int first, int count, bool authors = true,
                  const QString &titlePrefix = u"Paper number"_s) {
    QString text = u"# "_s + date + u"\n\n# Table of Contents\n"_s;
    for (int i = first; i < first + count; ++i)
        text += u"* [%1 %2](#p%2)\n"_s.arg(titlePrefix).arg(i);
    text += u"\n\n"_s;
    for (int i = first; i < first + count; ++i) {
        text += u"## %1 %2\n\n"_s.arg(titlePrefix).arg(i);
        if (authors)
            text += u">Authors: Ann Author, Ben Writer\n\n"_s;
        text +=
            u">%1\n\n> http://arxiv.org/abs/2501.%2v1\n\nAn abstract about topic%3.\n\n"_s.arg(date)
                .arg(i + 10000, 5, 10, QLatin1Char('0'))
                .arg(i);
    }
    return text.toUtf8();
}

int countContaining(const QStringList &lines, const QString &a, const QString &b) {
    int n = 0;
    for (const QString &l : lines)
        n += l.contains(a) && l.contains(b);
    return n;
}

} // namespace

TEST_CASE("warnings of an imported digest are listed after errors, a long run cut short",
          "[gui][review]") {
    Window t(u"review-warnings"_s, QByteArray());
    const QByteArray sloppy = digest(u"2025-01-05"_s, 1, 30, false);
    const Digest parsed = DigestParser::parse(sloppy, u"2025-01-05.md"_s);
    const int warnings = parsed.warningCount();
    REQUIRE(parsed.errorCount() == 0);
    REQUIRE(warnings > ProblemsPanel::MaxWarningsPerFile);
    writeFile(t.dir + u"/in/2025-01-05.md"_s, sloppy);
    writeFile(t.dir + u"/bad/notes.md"_s, "just some notes\nnothing like a digest\n");

    t.w->importPaths({t.dir + u"/in/2025-01-05.md"_s});
    REQUIRE(t.w->importer()->waitForFinished());
    CHECK(t.lib.counts().value().all == 30); // imported regardless
    QStringList problems = t.w->problemsPanel()->problems();
    CHECK(t.w->problemsPanel()->isVisible());
    // At most 20 warning lines for the file, as file:line: warning: message, then the rest told.
    CHECK(countContaining(problems, u"2025-01-05.md:"_s, u": warning: "_s) ==
          ProblemsPanel::MaxWarningsPerFile);
    REQUIRE_FALSE(problems.isEmpty());
    CHECK(problems.last().contains(
        u"and %1 more warning"_s.arg(warnings - ProblemsPanel::MaxWarningsPerFile)));
    CHECK(problems.last().contains(u"2025-01-05.md"_s));
    CHECK(t.w->problemsPanel()->warningCount() == warnings);
    // The status bar does not pass the warnings over.
    CHECK(t.status().contains(u"%1 warning"_s.arg(warnings)));

    // An error of a later file is listed above every warning.
    t.w->importPaths({t.dir + u"/bad"_s});
    REQUIRE(t.w->importer()->waitForFinished());
    problems = t.w->problemsPanel()->problems();
    REQUIRE(problems.size() == ProblemsPanel::MaxWarningsPerFile + 2);
    CHECK(problems.first().contains(u"notes.md:1: error: "_s));
    CHECK(t.w->problemsPanel()->errorCount() == 1);
    CHECK(t.w->problemsPanel()->title().contains(u"1 error"_s));
    CHECK(t.w->problemsPanel()->title().contains(u"%1 warning"_s.arg(warnings)));
    saveScreenshot(t.w.get(), u"problems-warnings-light"_s);
}

TEST_CASE("saved tags show in the pane at once; a saved note marks the row", "[gui][review]") {
    Window t(u"review-tags"_s);
    const qint64 id = t.w->currentPaperId();
    REQUIRE(id != 0);
    CHECK_FALSE(t.w->readingPane()->toPlainText().contains(u"tags:"_s));
    t.key(Qt::Key_T);
    REQUIRE(QApplication::focusWidget() == t.w->noteEditor()->tagsEdit());
    QTest::keyClicks(t.w->noteEditor()->tagsEdit(), u"alpha, beta"_s);
    QTest::keyClick(t.w->noteEditor()->tagsEdit(), Qt::Key_Return);
    REQUIRE(t.lib.paper(id)->tags == QStringList({u"alpha"_s, u"beta"_s}));
    CHECK(t.w->readingPane()->paperId() == id);
    CHECK(t.w->readingPane()->toPlainText().contains(u"tags: alpha, beta"_s));
    t.key(Qt::Key_Escape);

    // The note: the list's "noted" state follows the autosave (the pane does not show notes).
    const int row = t.w->model()->rowForId(id);
    CHECK_FALSE(t.w->model()->index(row, 0).data(HasNoteRole).toBool());
    t.key(Qt::Key_E);
    QTest::keyClicks(t.w->noteEditor()->editor(), u"x"_s);
    REQUIRE(QTest::qWaitFor([&] { return t.lib.paper(id)->note == u"x"_s; }, 1500));
    CHECK(t.w->model()->index(row, 0).data(HasNoteRole).toBool());
    QTest::keyClick(t.w->noteEditor()->editor(), Qt::Key_Backspace);
    REQUIRE(QTest::qWaitFor([&] { return t.lib.paper(id)->note.isEmpty(); }, 1500));
    CHECK_FALSE(t.w->model()->index(row, 0).data(HasNoteRole).toBool());
}

TEST_CASE("the overlay lists redo, and undo under a fixed label", "[gui][review]") {
    Window t(u"review-overlay"_s);
    t.key(Qt::Key_S); // the undo action's text becomes "Undo Star"
    REQUIRE(t.w->action(u"undo"_s)->text().contains(u"Star"_s));
    t.key(Qt::Key_Question);
    REQUIRE(t.w->helpOverlay()->isVisible());
    const QString text = t.w->helpOverlay()->text();
    // Each row lists the action's keys: the platform's standard one first, then the README's
    // when it differs (Ctrl+Y / Ctrl+Shift+Z where redo is Ctrl+Y).
    auto keysOf = [&](const QString &label) {
        const QRegularExpression row(u"<tt>([^<]*)</tt></b></td><td>"_s + label + u"</td>"_s);
        return row.match(text).captured(1).split(u" / "_s);
    };
    CHECK(keysOf(u"Redo"_s).contains(u"Ctrl+Shift+Z"_s));
    CHECK(keysOf(u"Undo"_s).contains(u"Ctrl+Z"_s));
    CHECK_FALSE(text.contains(u"Undo Star"_s));
    QTest::keyClick(t.w->helpOverlay(), Qt::Key_Escape);
}

TEST_CASE("undo and redo replace the status message of the change", "[gui][review]") {
    Window t(u"review-undo"_s);
    t.key(Qt::Key_A, Qt::ShiftModifier);
    REQUIRE(t.status().contains(u"Marked"_s));
    t.key(Qt::Key_Z, Qt::ControlModifier);
    CHECK_FALSE(t.status().contains(u"Marked"_s));
    CHECK(t.status().startsWith(u"Undid: Mark"_s));
    t.key(Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
    CHECK(t.status().startsWith(u"Redid: Mark"_s));
    CHECK(t.lib.query(u"is:unread"_s).total == 0);
    t.key(Qt::Key_S);
    t.key(Qt::Key_Z, Qt::ControlModifier);
    CHECK(t.status().startsWith(u"Undid: Star “"_s)); // the entry names the paper
}

TEST_CASE("list titles are one line with single spaces, like the pane", "[gui][review]") {
    Window t(u"review-title"_s, digest(u"2025-01-06"_s, 1, 1, true, u"FineScope  Precision"_s));
    const QModelIndex title = t.w->model()->index(0, PaperListModel::TitleColumn);
    REQUIRE(title.data(TitleSourceRole).toString().contains(u"FineScope  Precision"_s));
    CHECK(title.data().toString() == u"FineScope Precision 1"_s);
    CHECK(t.w->readingPane()->toPlainText().contains(u"FineScope Precision 1"_s));
}

TEST_CASE("n finds the next unread paper far down without paging through the read ones",
          "[gui][review]") {
    const int count = 9 * PaperListModel::BatchSize + 17;
    Window t(u"review-next-unread"_s, digest(u"2025-01-07"_s, 1, count));
    QList<qint64> all;
    for (const PaperRow &r : t.lib.query(QString(), t.w->model()->sortOrder()).rows)
        all << r.id;
    REQUIRE(all.size() == count);
    // Everything is read but one paper in the third batch.
    const qint64 middle = all[2 * PaperListModel::BatchSize + 5], last = all.last();
    REQUIRE(t.lib.setRead(all, true));
    REQUIRE(t.lib.setRead({middle}, false));
    t.w->model()->reload();
    t.w->paperList()->setCurrentIndex(t.w->model()->index(0, 1));
    REQUIRE(t.w->model()->rowCount() == count);
    REQUIRE(t.w->model()->loadedRowCount() == PaperListModel::BatchSize);

    t.key(Qt::Key_N);
    CHECK(t.w->currentPaperId() == middle);
    CHECK(t.w->paperList()->currentIndex().row() == 2 * PaperListModel::BatchSize + 5);
    CHECK(t.w->model()->idAt(t.w->paperList()->currentIndex().row()) == middle);
    // Nothing unread below: a message, and the rest of the view is not loaded to learn it
    // (the next page is looked at; beyond it the library's unread query answers).
    t.key(Qt::Key_N);
    CHECK(t.status().contains(u"No unread papers below"_s));
    CHECK(t.lib.paper(middle)->read); // passed
    CHECK(t.w->model()->loadedPages().size() <= 6);
    // The last paper becomes unread (say, by another window): n gets there, loading the few
    // pages a binary search touches, not the ones between.
    REQUIRE(t.lib.setRead({last}, false));
    t.key(Qt::Key_N);
    CHECK(t.w->currentPaperId() == last);
    CHECK(t.w->paperList()->currentIndex().row() == count - 1);
    CHECK(t.w->model()->loadedRowCount() < count - PaperListModel::BatchSize);
    // The last paper becomes unread (say, by another window): n gets there.
    CHECK(t.w->model()->idAt(t.w->paperList()->currentIndex().row()) == last);

    // In the other direction of the date order the same holds.
    REQUIRE(t.lib.setRead({all[1], all[count - 3]}, false));
    t.w->model()->sort(PaperListModel::DateColumn, Qt::AscendingOrder);
    REQUIRE(t.w->model()->isReversed());
    t.w->paperList()->setCurrentIndex(t.w->model()->index(0, 1));
    const qint64 firstShown = t.w->currentPaperId();
    t.key(Qt::Key_N);
    const QList<PaperRow> order =
        t.lib.query(u"is:unread"_s, SortOrder::Date).rows; // library order; the view reverses it
    REQUIRE(order.size() >= 2);
    const qint64 expected =
        order.last().id == firstShown ? order[order.size() - 2].id : order.last().id;
    CHECK(t.w->currentPaperId() == expected);

    // Shift+A then j at the end: the summary counts the whole view, loaded or not.
    t.w->model()->sort(-1, Qt::AscendingOrder);
    t.w->paperList()->setCurrentIndex(t.w->model()->index(0, 1));
    REQUIRE(t.lib.setStarred({last}, true));
    t.key(Qt::Key_A, Qt::ShiftModifier);
    t.w->paperList()->setCurrentIndex(t.w->model()->index(t.w->model()->rowCount() - 1, 1));
    t.key(Qt::Key_J);
    CHECK(waitUntil([&] {
        return t.status().contains(u"%1 of %1 read, 1 starred, 0 with notes"_s.arg(count));
    }));
}
