// FolderWatcher and WatchList on scratch folders: stable files reported once, a file written
// in chunks only when complete, non-digest names ignored, a folder that goes away and comes
// back, and the list kept in the settings.
#include "testsupport.h"
#include "watch/folderwatcher.h"
#include "watch/watchlist.h"

#include <catch2/catch_test_macros.hpp>

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QSettings>

using namespace lectern;
using namespace lectern::test;

namespace {

// Lets the event loop run for ms milliseconds (the watcher's timers fire meanwhile).
void pump(int ms) {
    QDeadlineTimer until(ms);
    while (!until.hasExpired())
        QCoreApplication::processEvents(QEventLoop::AllEvents | QEventLoop::WaitForMoreEvents, 10);
}

// Every path the watcher reported, in order, with the file's size at the moment it was.
struct Reports {
    QStringList paths;
    QList<qint64> sizes;
    QStringList unavailable, available;

    explicit Reports(FolderWatcher *w) {
        QObject::connect(w, &FolderWatcher::filesReady, w, [this](const QStringList &ready) {
            for (const QString &p : ready) {
                paths << p;
                sizes << QFileInfo(p).size();
            }
        });
        QObject::connect(w, &FolderWatcher::folderUnavailable, w,
                         [this](const QString &f) { unavailable << f; });
        QObject::connect(w, &FolderWatcher::folderAvailable, w,
                         [this](const QString &f) { available << f; });
    }
};

FolderWatcher::Timing fast(int settleMs) {
    FolderWatcher::Timing t;
    t.settleMs = settleMs;
    t.debounceMs = 50;
    t.rescanMs = 150;
    return t;
}

} // namespace

TEST_CASE("FolderWatcher: a file written slowly in chunks is reported once, when complete") {
    const QString dir = scratchDir(QStringLiteral("watch-chunks"));
    FolderWatcher w;
    w.setTiming(fast(1500)); // far longer than the pauses between chunks, even on a busy machine
    w.setFolders({dir});
    Reports reports(&w);
    w.start();

    const QString path = dir + QStringLiteral("/slow.md");
    QFile f(path);
    REQUIRE(f.open(QIODevice::WriteOnly));
    const QByteArray chunk(512, 'x');
    for (int i = 0; i < 20; ++i) { // ~2 s, a chunk every 100 ms
        f.write(chunk);
        f.flush();
        pump(100);
    }
    f.close();
    const qint64 full = QFileInfo(path).size();
    REQUIRE(full == 20 * 512);

    REQUIRE(waitUntil([&] { return !reports.paths.isEmpty(); }, 30000));
    CHECK(reports.paths == QStringList{path});
    CHECK(reports.sizes == QList<qint64>{full}); // never while it was growing
    // Several rescans later it has not been reported again.
    pump(1500);
    CHECK(reports.paths.size() == 1);
    CHECK(w.pendingCount() == 0);
}

TEST_CASE("FolderWatcher: only digest-like names, in subfolders too; a rescan does not re-report") {
    const QString dir = scratchDir(QStringLiteral("watch-names"));
    writeFile(dir + QStringLiteral("/a.md"), "a");
    writeFile(dir + QStringLiteral("/b.TXT"), "b");
    writeFile(dir + QStringLiteral("/sub/c.markdown"), "c");
    writeFile(dir + QStringLiteral("/paper.pdf"), "%PDF");
    writeFile(dir + QStringLiteral("/notes.md.bak"), "x");
    FolderWatcher w;
    w.setTiming(fast(0)); // settle 0: stable at the first look (driven by hand here)
    w.setFolders({dir});
    Reports reports(&w);

    w.rescan();
    CHECK(reports.paths == QStringList{dir + QStringLiteral("/a.md"),
                                       dir + QStringLiteral("/b.TXT"),
                                       dir + QStringLiteral("/sub/c.markdown")});
    w.rescan();
    w.rescan();
    CHECK(reports.paths.size() == 3);

    // A changed file is reported again, once.
    writeFile(dir + QStringLiteral("/a.md"), "a, longer now");
    w.rescan();
    w.rescan();
    CHECK(reports.paths.size() == 4);
    CHECK(reports.paths.last() == dir + QStringLiteral("/a.md"));
}

TEST_CASE("FolderWatcher: a file handled in an earlier session is not reported again") {
    const QString dir = scratchDir(QStringLiteral("watch-handled"));
    writeFile(dir + QStringLiteral("/old.md"), "old");
    writeFile(dir + QStringLiteral("/new.md"), "new");
    FolderWatcher w;
    w.setTiming(fast(0));
    w.setFolders({dir});
    w.setHandled(
        {{dir + QStringLiteral("/old.md"), FolderWatcher::stampOf(dir + QStringLiteral("/old.md"))},
         {QStringLiteral("/elsewhere/x.md"), FileStamp{1, 1}}});
    Reports reports(&w);
    w.rescan();
    CHECK(reports.paths == QStringList{dir + QStringLiteral("/new.md")});
    // Changing the folders drops the entries outside them.
    w.setFolders({dir});
    CHECK(!w.handled().contains(QStringLiteral("/elsewhere/x.md")));
    CHECK(w.handled().contains(dir + QStringLiteral("/old.md")));
}

TEST_CASE("FolderWatcher: a folder that disappears is unavailable once, and resumes") {
    const QString base = scratchDir(QStringLiteral("watch-gone"));
    const QString dir = base + QStringLiteral("/drive");
    writeFile(dir + QStringLiteral("/one.md"), "1");
    FolderWatcher w;
    w.setTiming(fast(200));
    w.setFolders({dir});
    Reports reports(&w);
    w.start();
    REQUIRE(waitUntil([&] { return reports.paths.size() == 1; }, 30000));

    REQUIRE(QDir(dir).removeRecursively());
    REQUIRE(waitUntil([&] { return !reports.unavailable.isEmpty(); }, 30000));
    CHECK(!w.isAvailable(dir));
    CHECK(w.unavailableFolders() == QStringList{dir});
    pump(1000); // several rescans while it is away: no more signals
    CHECK(reports.unavailable == QStringList{dir});
    CHECK(reports.available.isEmpty());

    writeFile(dir + QStringLiteral("/two.md"), "2");
    REQUIRE(waitUntil([&] { return reports.paths.size() == 2; }, 30000));
    CHECK(reports.available == QStringList{dir});
    CHECK(reports.paths.last() == dir + QStringLiteral("/two.md"));
    CHECK(w.isAvailable(dir));
    // one.md is gone; the same name coming back with other content is new again.
    writeFile(dir + QStringLiteral("/one.md"), "1 again");
    REQUIRE(waitUntil([&] { return reports.paths.size() == 3; }, 30000));
    pump(600);
    CHECK(reports.paths.size() == 3);
    CHECK(reports.unavailable.size() == 1);
}

TEST_CASE("FolderWatcher: a file that is still changing is not reported") {
    const QString dir = scratchDir(QStringLiteral("watch-changing"));
    FolderWatcher w;
    w.setTiming(fast(60000)); // never settles within the test
    w.setFolders({dir});
    Reports reports(&w);
    writeFile(dir + QStringLiteral("/a.md"), "a");
    w.rescan();
    w.rescan();
    CHECK(reports.paths.isEmpty());
    CHECK(w.pendingCount() == 1);
    QFile::remove(dir + QStringLiteral("/a.md")); // gone before it settled: forgotten
    w.rescan();
    CHECK(w.pendingCount() == 0);
}

TEST_CASE("WatchList: folders and handled files in the settings") {
    const QString dir = scratchDir(QStringLiteral("watchlist"));
    QDir().mkpath(dir + QStringLiteral("/in box"));
    writeFile(dir + QStringLiteral("/file.md"), "x");
    REQUIRE(QFile::link(dir + QStringLiteral("/in box"), dir + QStringLiteral("/link")));
    QSettings settings(dir + QStringLiteral("/settings.ini"), QSettings::IniFormat);
    WatchList list(&settings);

    QString error;
    CHECK(list.add(dir + QStringLiteral("/link/../in box/."), &error));
    CHECK(list.add(dir + QStringLiteral("/link"), &error)); // the same folder: listed once
    CHECK(list.folders() == QStringList{QDir(dir + QStringLiteral("/in box")).canonicalPath()});
    CHECK_FALSE(list.add(dir + QStringLiteral("/file.md"), &error));
    CHECK(error.contains(QStringLiteral("not a folder")));
    CHECK(error.contains(QStringLiteral("file.md")));
    CHECK_FALSE(list.add(dir + QStringLiteral("/missing"), &error));
    CHECK(error.contains(QStringLiteral("no such folder")));

    FileStamps handled{{dir + QStringLiteral("/in box/a b.md"), FileStamp{12, 1700000000123}}};
    list.setHandledFiles(handled);
    settings.sync();
    QSettings again(dir + QStringLiteral("/settings.ini"), QSettings::IniFormat);
    CHECK(WatchList(&again).handledFiles() == handled);
    CHECK(WatchList(&again).folders() == list.folders());

    CHECK_FALSE(list.remove(dir + QStringLiteral("/missing")));
    CHECK(list.remove(dir + QStringLiteral("/link")));
    CHECK(list.folders().isEmpty());
}
