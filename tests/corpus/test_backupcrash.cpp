// A backup killed (SIGKILL) at random moments never leaves a half backup that looks whole:
// after each kill, every backup the folder lists passes integrity_check and holds every
// paper, and the next backup removes the leftover temporaries.
#include "digestgenerator.h"
#include "store/backupmanager.h"
#include "store/library.h"
#include "testsupport.h"

#include <catch2/catch_test_macros.hpp>

#include <QDir>
#include <QElapsedTimer>
#include <QProcess>
#include <QRandomGenerator>
#include <QThread>

using namespace lectern;
using namespace lectern::test;

namespace {

const QString kCli = QStringLiteral(LECTERN_CLI_PATH);
constexpr int kPapers = 20000;

int partialsIn(const QString &folder) {
    return int(QDir(folder).entryList({QStringLiteral("*.partial*")}, QDir::Files).size());
}

} // namespace

TEST_CASE("SIGKILL during a backup leaves no backup or a whole one, 20 times", "[backup][slow]") {
    const QString dir = scratchDir(QStringLiteral("backup-crash"));
    const QString digests = dir + QStringLiteral("/digests");
    REQUIRE(bench::generateDigests(digests, kPapers, 500) > 0);
    const QString db = dir + QStringLiteral("/library.sqlite");
    {
        Library lib;
        REQUIRE(lib.open(db));
        REQUIRE(lib.importPaths({digests}).newPapers == kPapers);
    }
    BackupManager backups(db);
    // One uninterrupted backup, to know how long one takes.
    QElapsedTimer t;
    t.start();
    REQUIRE(QProcess::execute(kCli, {QStringLiteral("--db"), db, QStringLiteral("backup")}) == 0);
    const int oneMs = int(t.elapsed());
    REQUIRE(backups.list().size() == 1);

    QRandomGenerator rng(20261129);
    int killedMidway = 0;
    for (int i = 0; i < 20; ++i) {
        QProcess child;
        child.start(kCli, {QStringLiteral("--db"), db, QStringLiteral("backup")});
        REQUIRE(child.waitForStarted());
        QThread::msleep(rng.bounded(oneMs + oneMs / 5 + 1));
        if (child.state() == QProcess::Running)
            ++killedMidway;
        child.kill(); // SIGKILL
        child.waitForFinished();
        for (const BackupInfo &b : backups.list(true)) {
            INFO("kill " << i << ": " << b.path.toStdString());
            CHECK(BackupManager::check(b.path, true).ok);
            CHECK(b.papers == kPapers);
        }
    }
    WARN("kills during a backup: " << killedMidway << " of 20; one backup took " << oneMs << " ms");
    CHECK(killedMidway >= 10); // the kills did land during backups
    REQUIRE(backups.backup());
    CHECK(partialsIn(backups.folder()) == 0);
    CHECK(BackupManager::check(db).ok);
}
