// Watched folders in the window: a digest copied into a watched folder is imported by itself,
// a file that is not a digest is reported once (not at every rescan, nor at the next start),
// a missing folder is said once in the status bar and marked in the dialog.
#include "guitestsupport.h"
#include "importer.h"
#include "paperlistmodel.h"
#include "problemspanel.h"
#include "testsupport.h"
#include "watch/folderwatcher.h"
#include "watch/watchlist.h"
#include "watchcontroller.h"
#include "watchfoldersdialog.h"

#include <catch2/catch_test_macros.hpp>

#include <QDir>
#include <QFile>
#include <QListWidget>
#include <QStatusBar>
#include <QTest>

using namespace lectern;
using namespace lectern::test;

namespace {

int problemsNaming(const MainWindow *w, const QString &needle) {
    int n = 0;
    for (const QString &p : w->problemsPanel()->problems())
        n += p.contains(needle) ? 1 : 0;
    return n;
}

// Rescans by hand, then lets every import it started finish.
void rescanAndSettle(MainWindow *w) {
    FolderWatcher *watcher = w->watchController()->watcher();
    watcher->rescan();
    REQUIRE(waitUntil([&] { return watcher->pendingCount() == 0 && !w->importer()->isRunning(); }));
}

} // namespace

TEST_CASE("a digest copied into a watched folder is imported; a non-digest is reported once",
          "[gui]") {
    TestWindow t(QStringLiteral("watch-window"), {});
    const QString inbox = t.dir + QStringLiteral("/inbox");
    QDir().mkpath(inbox);
    t.w->watchController()->setFolders({inbox});
    CHECK(WatchList(t.settings->store()).folders() == QStringList{QDir(inbox).canonicalPath()});
    REQUIRE(t.w->model()->rowCount() == 0);

    // Written elsewhere, then moved in whole (as a download or a copy tool ends).
    writeFile(t.dir + QStringLiteral("/tmp.md"), sampleDigest());
    REQUIRE(
        QFile::rename(t.dir + QStringLiteral("/tmp.md"), inbox + QStringLiteral("/2025-05-06.md")));
    REQUIRE(waitUntil([&] { return t.w->model()->rowCount() > 0; }));
    const int papers = t.w->model()->rowCount();
    CHECK(t.w->problemsPanel()->errorCount() == 0);

    writeFile(inbox + QStringLiteral("/shopping.txt"), "milk\neggs\n");
    writeFile(inbox + QStringLiteral("/photo.jpg"), "\xff\xd8\xff");
    REQUIRE(waitUntil([&] { return problemsNaming(t.w.get(), QStringLiteral("shopping.txt")); }));
    for (int i = 0; i < 3; ++i)
        rescanAndSettle(t.w.get());
    CHECK(problemsNaming(t.w.get(), QStringLiteral("shopping.txt")) == 1);
    CHECK(problemsNaming(t.w.get(), QStringLiteral("photo.jpg")) == 0);
    CHECK(t.w->model()->rowCount() == papers);

    // The next start imports nothing again and reports nothing again.
    t.w->close();
    t.w = std::make_unique<MainWindow>(&t.lib, t.settings.get());
    t.w->show();
    REQUIRE(waitUntil([&] { return t.w->watchController()->watcher()->isRunning(); }));
    rescanAndSettle(t.w.get());
    CHECK(t.w->problemsPanel()->problems().isEmpty());
    CHECK(t.w->model()->rowCount() == papers);

    // A file that arrived while the window was closed is imported at start.
    t.w->close();
    t.w.reset();
    QByteArray second = sampleDigest();
    second.replace("2509.9000", "2509.8000"); // other papers
    writeFile(inbox + QStringLiteral("/2025-06-06.md"), second);
    t.w = std::make_unique<MainWindow>(&t.lib, t.settings.get());
    t.w->show();
    REQUIRE(waitUntil([&] { return t.w->model()->rowCount() > papers; }));
    CHECK(t.w->problemsPanel()->problems().isEmpty());
}

TEST_CASE("a watched folder that is missing is said once and marked in the dialog", "[gui]") {
    TestWindow t(QStringLiteral("watch-missing"), {});
    const QString drive = t.dir + QStringLiteral("/drive");
    QDir().mkpath(drive);
    t.w->watchController()->setFolders({drive});
    REQUIRE(QDir(drive).removeRecursively());
    FolderWatcher *watcher = t.w->watchController()->watcher();
    int unavailable = 0;
    QObject::connect(watcher, &FolderWatcher::folderUnavailable, watcher,
                     [&](const QString &) { ++unavailable; });
    REQUIRE(waitUntil([&] { return !watcher->isAvailable(drive); }));
    CHECK(t.status().contains(QStringLiteral("unavailable")));
    CHECK(t.status().contains(drive));
    for (int i = 0; i < 3; ++i)
        watcher->rescan();
    CHECK(unavailable == 1);

    WatchFoldersDialog dialog(t.w->watchController()->folders(),
                              [&](const QString &f) { return watcher->isAvailable(f); });
    REQUIRE(dialog.list()->count() == 1);
    CHECK(dialog.list()->item(0)->text() == drive + QStringLiteral(" (unavailable)"));
    CHECK_FALSE(dialog.addFolder(t.dir + QStringLiteral("/library.sqlite")));
    CHECK(dialog.lastError().contains(QStringLiteral("not a folder")));
    CHECK(dialog.addFolder(t.dir));
    CHECK(dialog.list()->count() == 2);
    dialog.list()->item(0)->setSelected(true);
    dialog.removeSelected();
    CHECK(dialog.folders() == QStringList{QDir(t.dir).canonicalPath()});
    saveScreenshot(&dialog, QStringLiteral("watch-folders-dialog"));

    QDir().mkpath(drive); // the drive comes back: the next rescan finds it
    watcher->rescan();
    CHECK(watcher->isAvailable(drive));
    CHECK(t.status().contains(QStringLiteral("is back")));
    CHECK(unavailable == 1);
}

TEST_CASE("the watched folders dialog: Return accepts", "[gui][watch]") {
    guiApp();
    WatchFoldersDialog dialog({}, nullptr);
    dialog.show();
    REQUIRE(QTest::qWaitForWindowExposed(&dialog));
    dialog.list()->setFocus();
    QTest::keyClick(dialog.list(), Qt::Key_Return);
    CHECK(dialog.result() == QDialog::Accepted);
    CHECK_FALSE(dialog.isVisible());
}
