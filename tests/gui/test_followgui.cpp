// Following in the window: `f` offers the shown paper's authors and keywords, the papers
// matching the list are marked and listed under Following (with a count), the pane highlights
// the match; the dialogs work from the keyboard; the list dialog adds and removes.
#include "followcontroller.h"
#include "followdialog.h"
#include "followlistdialog.h"
#include "guitestsupport.h"
#include "libraryfixtures.h"
#include "paperlistmodel.h"
#include "paperroles.h"
#include "readingpane.h"
#include "sidebar.h"
#include "testsupport.h"

#include <catch2/catch_test_macros.hpp>

#include <QApplication>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QTableView>
#include <QTest>

using namespace lectern;
using namespace lectern::test;
using namespace Qt::StringLiterals;

namespace {

int markedRows(const MainWindow *w) {
    int n = 0;
    for (int r = 0; r < w->model()->rowCount(); ++r)
        n += w->model()->index(r, 1).data(FollowedRole).toBool() ? 1 : 0;
    return n;
}

QString followingCount(const MainWindow *w) {
    const QList<QTreeWidgetItem *> items =
        w->sidebar()->findItems(u"Following"_s, Qt::MatchExactly | Qt::MatchRecursive);
    return items.isEmpty() ? QString() : items.first()->text(1);
}

} // namespace

TEST_CASE("f follows the shown paper's author: marked, counted, highlighted", "[gui][follow]") {
    TestWindow t(u"follow-window"_s, {fixtureDigest1(), fixtureDigest2()});
    FollowController *follow = t.w->followController();
    REQUIRE(t.w->sidebar()->select(u"view:all"_s));
    const qint64 paper3 = t.lib.idForKey(u"2505.00003"_s).value();
    const int row = t.w->model()->locate(paper3);
    REQUIRE(row >= 0);
    t.w->paperList()->setCurrentIndex(t.w->model()->index(row, 1));
    REQUIRE(t.w->currentPaperId() == paper3);
    CHECK(markedRows(t.w.get()) == 0);

    // "Quantized Diffusion Transformers" by Dan Brown and Alice Smith, keyword quantization.
    QList<Follow> offered;
    follow->setChooser([&](const QList<Follow> &o, const QList<bool> &followed) {
        offered = o;
        CHECK(followed == QList<bool>(o.size(), false));
        QList<bool> want(o.size(), false);
        want[1] = true; // Alice Smith
        return std::optional<QList<bool>>(want);
    });
    t.key(Qt::Key_F);
    REQUIRE(offered.size() == 3);
    CHECK(offered.at(0).spec() == u"author:\"Dan Brown\""_s);
    CHECK(offered.at(1).spec() == u"author:\"Alice Smith\""_s);
    CHECK(offered.at(2).spec() == u"kw:quantization"_s);
    REQUIRE(waitUntil([&] { return !follow->isBusy() && markedRows(t.w.get()) == 2; }));
    REQUIRE(waitUntil([&] { return followingCount(t.w.get()) == u"2"_s; }));
    CHECK(t.w->currentPaperId() == paper3);
    CHECK(t.w->readingPane()->toPlainText().contains(u"Following: author:\"Alice Smith\""_s));
    // The followed author is highlighted (as keywords are), the other one is not.
    const LibraryPaper shown = t.lib.paper(paper3).value();
    PaneExtras extras;
    extras.follows = t.lib.followsOf(paper3).value();
    const QString html = ReadingPane::paperHtml(shown, {}, lightPalette(), extras);
    CHECK(html.contains(u"<span class=\"kw\">Alice Smith</span>"_s));
    CHECK_FALSE(html.contains(u"<span class=\"kw\">Dan Brown</span>"_s));

    // The Following view lists exactly them.
    REQUIRE(t.w->sidebar()->select(u"view:following"_s));
    REQUIRE(waitUntil([&] { return t.w->model()->rowCount() == 2; }));

    // f again: Alice Smith is checked (followed); unchecking her stops following.
    QList<bool> shownFollowed;
    follow->setChooser([&](const QList<Follow> &o, const QList<bool> &followed) {
        shownFollowed = followed;
        return std::optional<QList<bool>>(QList<bool>(o.size(), false));
    });
    t.w->paperList()->setCurrentIndex(t.w->model()->index(t.w->model()->locate(paper3), 1));
    t.key(Qt::Key_F);
    CHECK(shownFollowed == QList<bool>({false, true, false}));
    REQUIRE(waitUntil([&] { return !follow->isBusy() && t.w->model()->rowCount() == 0; }));
    REQUIRE(waitUntil([&] { return followingCount(t.w.get()) == u"0"_s; }));
    CHECK(t.lib.follows()->isEmpty());
}

TEST_CASE("the follow dialog: Space checks, Enter accepts", "[gui][follow]") {
    guiApp();
    const QList<Follow> offered = {Follow(Follow::Kind::Author, u"Yann LeCun"_s),
                                   Follow(Follow::Kind::Author, u"Léon Bottou"_s),
                                   Follow(Follow::Kind::Keyword, u"llm"_s)};
    FollowDialog dialog(offered, {false, true, false});
    dialog.show();
    REQUIRE(QTest::qWaitForWindowExposed(&dialog));
    QListWidget *list = dialog.list();
    list->setFocus();
    REQUIRE(list->currentRow() == 0);
    QTest::keyClick(list, Qt::Key_Space);
    QTest::keyClick(list, Qt::Key_Down);
    QTest::keyClick(list, Qt::Key_Space); // unchecks Bottou
    QTest::keyClick(list, Qt::Key_Down);
    CHECK(dialog.checked() == QList<bool>({true, false, false}));
    QTest::keyClick(list, Qt::Key_Return);
    CHECK(dialog.result() == QDialog::Accepted);
    CHECK_FALSE(dialog.isVisible());
}

TEST_CASE("the follow list dialog adds, refuses nonsense and removes", "[gui][follow]") {
    guiApp();
    FollowListDialog dialog({FollowEntry{1, Follow(Follow::Kind::Keyword, u"llm"_s), 4}});
    CHECK(dialog.list()->count() == 1);
    CHECK(dialog.list()->item(0)->text().contains(u"4 papers"_s));
    dialog.line()->setText(u"author:Łukasz Kaiser"_s);
    CHECK(dialog.addFromLine());
    dialog.line()->setText(u"author:\"lukasz kaiser\""_s); // the same person: not twice
    CHECK(dialog.addFromLine());
    dialog.line()->setText(u"tag:later"_s);
    CHECK_FALSE(dialog.addFromLine());
    CHECK(dialog.line()->text() == u"tag:later"_s); // kept, to be corrected
    REQUIRE(dialog.follows().size() == 2);
    dialog.list()->item(0)->setSelected(true);
    dialog.removeSelected();
    REQUIRE(dialog.follows().size() == 1);
    CHECK(dialog.follows().first().spec() == u"author:\"Łukasz Kaiser\""_s);
}

TEST_CASE("the follow list dialog: Tab goes list, line, Follow; Return in the line adds",
          "[gui][follow]") {
    guiApp();
    FollowListDialog dialog({});
    dialog.show();
    REQUIRE(QTest::qWaitForWindowExposed(&dialog));
    dialog.list()->setFocus();
    QTest::keyClick(dialog.list(), Qt::Key_Tab);
    CHECK(QApplication::focusWidget() == dialog.line());
    QTest::keyClick(dialog.line(), Qt::Key_Tab);
    auto *follow = qobject_cast<QPushButton *>(QApplication::focusWidget());
    REQUIRE(follow);
    CHECK(follow->text() == FollowListDialog::tr("&Follow"));
    dialog.line()->setFocus();
    QTest::keyClicks(dialog.line(), u"kw:llm"_s);
    QTest::keyClick(dialog.line(), Qt::Key_Return);
    CHECK(dialog.follows().size() == 1);
    CHECK(dialog.isVisible()); // added, not closed
}
