// The window's side of issue 10: it opens an existing library without asking, holds the
// library's lock while it runs (so a restore from the command line is refused), and lets go
// of it when it ends.
#include "libraryopener.h"
#include "store/backupmanager.h"
#include "store/library.h"
#include "testsupport.h"

#include <catch2/catch_test_macros.hpp>

using namespace lectern;
using namespace lectern::test;

TEST_CASE("the window holds the library's lock: restore is refused while it runs", "[backup]") {
    const QString dir = scratchDir(QStringLiteral("opener-lock"));
    const QString path = dir + QStringLiteral("/library.sqlite");
    {
        Library lib;
        REQUIRE(lib.open(path));
    }
    BackupManager backups(path);
    const std::optional<QString> backup = backups.backup();
    REQUIRE(backup);
    Library lib;
    REQUIRE(LibraryOpener::open(&lib, path)); // exists and is whole: no dialog
    {
        const std::unique_ptr<QLockFile> lock = LibraryOpener::lock(path);
        REQUIRE(lock);
        CHECK(BackupManager::isLocked(path));
        CHECK_FALSE(backups.restore(*backup));
        CHECK(backups.lastErrorKind() == ErrorKind::Busy);
        CHECK(backups.lastError().contains(QStringLiteral("open in a Lectern window")));
    }
    CHECK_FALSE(BackupManager::isLocked(path));
}
