// Backups, restore, integrity at open, salvage, explicit creation, network file systems,
// read-only and full disks (issue 10).
#include "io/filesystemtype.h"
#include "libraryfixtures.h"
#include "store/backupmanager.h"
#include "store/library.h"
#include "testsupport.h"

#include <catch2/catch_test_macros.hpp>

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLockFile>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>

#include <csignal>
#include <memory>
#include <sys/resource.h>
#include <unistd.h>

using namespace lectern;
using namespace lectern::test;

namespace {

QDateTime utc(const QString &iso) {
    QDateTime t = QDateTime::fromString(iso, Qt::ISODate);
    t.setTimeZone(QTimeZone::UTC);
    return t;
}

// A digest of n papers with long abstracts (about ten to a 16 KB page).
QByteArray bigDigest(int n, int first = 1) {
    QList<FixturePaper> papers;
    for (int i = first; i < first + n; ++i) {
        const QString id = QStringLiteral("2501.%1").arg(i, 5, 10, QLatin1Char('0'));
        papers.append({id, 1, QStringLiteral("Paper number ") + QString::number(i),
                       QStringLiteral("Alice Smith, Bob Jones"), QStringLiteral("2025-01-02"),
                       QStringLiteral("An abstract about **graphs** and more. ").repeated(30)});
    }
    return digestText(QStringLiteral("2025-01-03"), papers);
}

// A library of n papers; paper 2501.00001 has a note and is starred.
QString makeLibrary(const QString &dir, int n = 200) {
    const QString path = dir + QStringLiteral("/library.sqlite");
    Library lib;
    REQUIRE(lib.open(path));
    REQUIRE(lib.importData(dir + QStringLiteral("/d.md"), bigDigest(n)).imported);
    const qint64 id = *lib.idForKey(QStringLiteral("2501.00001"));
    REQUIRE(lib.setNote(id, QStringLiteral("my precious note")));
    REQUIRE(lib.setStarred({id}, true));
    return path;
}

QByteArray hashOf(const QString &path) {
    QFile f(path);
    REQUIRE(f.open(QIODevice::ReadOnly));
    return QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256);
}

quint32 be32(const QByteArray &b, qsizetype at) {
    return (quint32(quint8(b[at])) << 24) | (quint32(quint8(b[at + 1])) << 16) |
           (quint32(quint8(b[at + 2])) << 8) | quint32(quint8(b[at + 3]));
}

// Overwrites the header of the right-most leaf page of the papers table with garbage (the
// library must be closed: everything checkpointed into the file).
void damagePapersPage(const QString &path) {
    int root = 0;
    {
        QSqlDatabase db =
            QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("dmg"));
        db.setDatabaseName(path);
        REQUIRE(db.open());
        QSqlQuery q(db);
        REQUIRE(q.exec(QStringLiteral("SELECT rootpage FROM sqlite_master WHERE name = 'papers'")));
        REQUIRE(q.next());
        root = q.value(0).toInt();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("dmg"));
    QFile f(path);
    REQUIRE(f.open(QIODevice::ReadWrite));
    const QByteArray all = f.readAll();
    const int pageSize = (quint8(all[16]) << 8) | quint8(all[17]);
    const qsizetype rootAt = qsizetype(root - 1) * pageSize;
    REQUIRE(quint8(all[rootAt]) == 0x05);       // an interior table page: the library is big enough
    const quint32 leaf = be32(all, rootAt + 8); // its right-most child
    REQUIRE(f.seek(qint64(leaf - 1) * pageSize));
    REQUIRE(f.write(QByteArray(64, char(0x7f))) == 64);
}

QStringList filesIn(const QString &dir) {
    return QDir(dir).entryList(QDir::Files | QDir::Hidden, QDir::Name);
}

} // namespace

TEST_CASE("backup policy: parse and rotation", "[backup]") {
    const auto p = BackupPolicy::parse(QStringLiteral("daily=2,weekly=1,monthly=2"));
    REQUIRE(p);
    CHECK(p->daily == 2);
    CHECK(p->toString() == QStringLiteral("daily=2,weekly=1,monthly=2"));
    CHECK_FALSE(BackupPolicy::parse(QStringLiteral("0"))->enabled);
    QString error;
    CHECK_FALSE(BackupPolicy::parse(QStringLiteral("hourly=3"), &error));
    CHECK(error.contains(QStringLiteral("hourly=3")));

    // Two backups on the newest day, one each on three older days, one in an older month.
    const QList<QDateTime> times = {
        utc(QStringLiteral("2026-11-29T07:00:00")), utc(QStringLiteral("2026-11-29T08:00:00")),
        utc(QStringLiteral("2026-11-28T08:00:00")), utc(QStringLiteral("2026-11-27T08:00:00")),
        utc(QStringLiteral("2026-11-20T08:00:00")), utc(QStringLiteral("2026-10-05T08:00:00")),
        utc(QStringLiteral("2026-09-05T08:00:00"))};
    QList<int> gone = p->toDelete(times);
    std::sort(gone.begin(), gone.end());
    // kept: 29th 08:00 (newest, daily, weekly, monthly), 28th (daily), Oct (monthly)
    CHECK(gone == QList<int>{0, 3, 4, 6});
}

TEST_CASE("backup: a checked copy in backups/, listed with counts; temporaries cleaned",
          "[backup]") {
    const QString dir = scratchDir(QStringLiteral("backup-basic"));
    const QString path = makeLibrary(dir, 30);
    BackupManager backups(path);
    CHECK(backups.isDue());
    writeFile(backups.folder() + QStringLiteral("/library-old.sqlite.partial"), "half");
    const std::optional<QString> written = backups.backup();
    REQUIRE(written);
    CHECK(QFileInfo(*written).fileName().startsWith(QStringLiteral("library-20")));
    CHECK(BackupManager::check(*written, true).ok);
    CHECK(filesIn(backups.folder()) == QStringList{QFileInfo(*written).fileName()});
    CHECK_FALSE(backups.isDue());
    const QList<BackupInfo> all = backups.list(true);
    REQUIRE(all.size() == 1);
    CHECK(all.first().papers == 30);
    CHECK(all.first().notes == 1);
    CHECK(all.first().size > 0);
    // --to never overwrites
    CHECK_FALSE(backups.backup(*written));
    CHECK(backups.lastError().contains(QStringLiteral("exists")));
}

TEST_CASE("a damaged library is detected at open, not written, and restored", "[backup]") {
    const QString dir = scratchDir(QStringLiteral("backup-damaged"));
    const QString path = makeLibrary(dir);
    BackupManager backups(path);
    REQUIRE(backups.backup());
    damagePapersPage(path);
    const QByteArray before = hashOf(path);

    Library lib;
    CHECK_FALSE(lib.open(path));
    CHECK(lib.lastErrorKind() == ErrorKind::Corrupt);
    CHECK(lib.lastError().contains(path));
    CHECK(hashOf(path) == before);
    CHECK_FALSE(BackupManager::check(path).ok);

    const QString newest = backups.newestGoodBackup();
    REQUIRE_FALSE(newest.isEmpty());
    REQUIRE(backups.restore(newest));
    CHECK(hashOf(path + QStringLiteral(".before-restore")) == before);
    REQUIRE(lib.open(path));
    const auto p = lib.paperByArxivId(QStringLiteral("2501.00001"));
    REQUIRE(p);
    CHECK(p->note == QStringLiteral("my precious note"));
    CHECK(p->starred);
}

// Damages the library in place and gives it back the modification time it had: a change the
// stamp of the last check cannot see (as a failing disk's).
void damageUnseen(const QString &path) {
    const QDateTime mtime = QFileInfo(path).lastModified();
    damagePapersPage(path);
    QFile f(path);
    REQUIRE(f.open(QIODevice::ReadWrite));
    REQUIRE(f.setFileTime(mtime, QFileDevice::FileModificationTime));
}

TEST_CASE("the open's check is skipped only for a file unchanged since a checked close",
          "[backup]") {
    const QString dir = scratchDir(QStringLiteral("backup-stamp"));
    const QString path = makeLibrary(dir);
    const QString stamp = path + QStringLiteral("-checked");
    CHECK(QFileInfo::exists(stamp)); // the checked library's last close wrote it

    SECTION("a change the stamp sees (the file's time) is checked") {
        damagePapersPage(path);
        Library lib;
        CHECK_FALSE(lib.open(path));
        CHECK(lib.lastErrorKind() == ErrorKind::Corrupt);
        CHECK(readFile(stamp).startsWith("lectern-checked damaged")); // vouches for nothing
    }
    SECTION("damage found while the library is open is not stamped over at its close") {
        const QString good = dir + QStringLiteral("/good.sqlite");
        REQUIRE(QFile::copy(path, good));
        auto open = std::make_unique<Library>();
        REQUIRE(open->open(path)); // vouched for by the stamp
        damageUnseen(path);
        // The weekly check, or lectern-cli check in another process, finds it.
        CHECK_FALSE(BackupManager::checkLibrary(path, true).ok);
        open.reset(); // the last connection closes: no new stamp
        CHECK(readFile(stamp).startsWith("lectern-checked damaged"));
        {
            Library lib;
            CHECK_FALSE(lib.open(path));
            CHECK(lib.lastErrorKind() == ErrorKind::Corrupt);
        }
        // A good file in its place passes the check; its close stamps it again.
        REQUIRE(QFile::remove(path));
        REQUIRE(QFile::copy(good, path));
        {
            Library lib;
            CHECK(lib.open(path));
        }
        CHECK(readFile(stamp).startsWith("lectern-checked 1"));
    }
    SECTION("an unchanged file is not read again; an unseen change waits for the weekly check") {
        damageUnseen(path);
        {
            Library lib;
            CHECK(lib.open(path)); // the documented limit: the stamp vouches for size and time
        }
        QFile f(stamp);
        REQUIRE(f.open(QIODevice::ReadOnly));
        QList<QByteArray> lines = f.readAll().split('\n');
        f.close();
        REQUIRE(lines.size() >= 3);
        lines[2] = QByteArray::number(
            QDateTime::currentDateTimeUtc().addDays(-8).toMSecsSinceEpoch()); // a week old
        writeFile(stamp, lines.join('\n'));
        REQUIRE(QFileInfo(path).lastModified() < QFileInfo(stamp).lastModified());
        Library lib;
        CHECK_FALSE(lib.open(path));
        CHECK(lib.lastErrorKind() == ErrorKind::Corrupt);
    }
    SECTION("a WAL left behind (a crash, another program) means a check") {
        damageUnseen(path);
        writeFile(path + QStringLiteral("-wal"), QByteArray(4096, 'x'));
        Library lib;
        CHECK_FALSE(lib.open(path));
        CHECK(lib.lastErrorKind() == ErrorKind::Corrupt);
    }
    SECTION("the stamp is written by the last connection to close") {
        QFile::remove(stamp);
        auto first = std::make_unique<Library>();
        auto second = std::make_unique<Library>();
        REQUIRE(first->open(path));
        REQUIRE(second->open(path));
        REQUIRE(first->setStarred({1}, false));
        first.reset();
        CHECK_FALSE(QFileInfo::exists(stamp)); // the second one keeps the WAL
        second.reset();
        CHECK(QFileInfo::exists(stamp));
        damageUnseen(path);
        Library lib;
        CHECK(lib.open(path)); // vouched for: not read again
    }
}

TEST_CASE("salvage copies the readable rows into a new library", "[backup]") {
    const QString dir = scratchDir(QStringLiteral("backup-salvage"));
    const QString path = makeLibrary(dir);
    damagePapersPage(path);
    const QByteArray damaged = hashOf(path);
    BackupManager backups(path);
    QString kept;
    const std::optional<SalvageResult> r = backups.salvageInPlace(&kept);
    INFO(backups.lastError().toStdString());
    REQUIRE(r);
    INFO(r->copied.join(QLatin1Char('\n')).toStdString());
    CHECK(QFileInfo::exists(kept));
    CHECK(hashOf(kept) == damaged); // read, never written
    Library lib;
    REQUIRE(lib.open(path));
    const auto p = lib.paperByArxivId(QStringLiteral("2501.00001"));
    REQUIRE(p);
    CHECK(p->note == QStringLiteral("my precious note"));
    CHECK(p->starred);
    const int all = lib.query(QString()).total;
    CHECK(all > 150); // one leaf page (about ten papers) is lost
    CHECK(all < 200);
    CHECK(lib.query(QStringLiteral("precious")).total == 1); // the search index was rebuilt
}

TEST_CASE("restore is refused while a window holds the library's lock", "[backup]") {
    const QString dir = scratchDir(QStringLiteral("backup-locked"));
    const QString path = makeLibrary(dir, 20);
    BackupManager backups(path);
    const std::optional<QString> b = backups.backup();
    REQUIRE(b);
    QLockFile lock(BackupManager::lockPath(path));
    REQUIRE(lock.tryLock(0));
    const QByteArray before = hashOf(path);
    const ProcessResult r =
        runBoundedCli({QStringLiteral("--db"), path, QStringLiteral("restore"), *b});
    CHECK(r.code == 1);
    CHECK(QString::fromUtf8(r.err).contains(QStringLiteral("open in a Lectern window")));
    CHECK(hashOf(path) == before);
    CHECK_FALSE(QFileInfo::exists(path + QStringLiteral(".before-restore")));
    lock.unlock();
    const ProcessResult ok =
        runBoundedCli({QStringLiteral("--db"), path, QStringLiteral("restore"), *b});
    CHECK(ok.code == 0);
    CHECK(QFileInfo::exists(path + QStringLiteral(".before-restore")));
}

TEST_CASE("cli: backup, backups, check", "[backup]") {
    const QString dir = scratchDir(QStringLiteral("backup-cli"));
    const QString path = makeLibrary(dir, 20);
    const ProcessResult b = runBoundedCli({QStringLiteral("--db"), path, QStringLiteral("backup")});
    REQUIRE(b.code == 0);
    const QString written = QString::fromUtf8(b.out).trimmed();
    CHECK(QFileInfo::exists(written));
    const ProcessResult list =
        runBoundedCli({QStringLiteral("--db"), path, QStringLiteral("backups")});
    CHECK(list.code == 0);
    CHECK(QString::fromUtf8(list.out).contains(written + QLatin1Char('\t')));
    CHECK(QString::fromUtf8(list.out).contains(QStringLiteral("\t20\t1\n")));
    const ProcessResult check =
        runBoundedCli({QStringLiteral("--db"), path, QStringLiteral("check")});
    CHECK(check.code == 0);
    CHECK(QString::fromUtf8(check.out).contains(QStringLiteral("ok")));
}

TEST_CASE("cli check: a damaged library exits 1 and names the damage", "[backup]") {
    const QString dir = scratchDir(QStringLiteral("backup-check-damaged"));
    const QString path = makeLibrary(dir);
    damagePapersPage(path);
    for (const QString &mode : {QString(), QStringLiteral("--full")}) {
        QStringList args{QStringLiteral("--db"), path, QStringLiteral("check")};
        if (!mode.isEmpty())
            args << mode;
        const ProcessResult r = runBoundedCli(args);
        CHECK(r.code == 1);
        CHECK(QString::fromUtf8(r.out).contains(QStringLiteral("DAMAGED")));
    }
}

TEST_CASE("a missing library is an error, not a new one, unless --create", "[backup]") {
    const QString dir = scratchDir(QStringLiteral("backup-missing"));
    const QString path = dir + QStringLiteral("/gone/library.sqlite");
    Library lib;
    CHECK_FALSE(lib.openExisting(path));
    CHECK(lib.lastError().contains(QStringLiteral("no library at ") + path));
    CHECK_FALSE(QFileInfo::exists(QFileInfo(path).absolutePath()));
    const ProcessResult r = runBoundedCli({QStringLiteral("--db"), path, QStringLiteral("list")});
    CHECK(r.code == 1);
    CHECK(QString::fromUtf8(r.err).contains(QStringLiteral("no library at")));
    CHECK_FALSE(QFileInfo::exists(path));
    const ProcessResult c = runBoundedCli(
        {QStringLiteral("--db"), path, QStringLiteral("--create"), QStringLiteral("list")});
    CHECK(c.code == 0);
    CHECK(QFileInfo::exists(path));
}

TEST_CASE("on a network file system: rollback journal, no mmap, and a warning", "[backup]") {
    const QString dir = scratchDir(QStringLiteral("backup-nfs"));
    const QString path = dir + QStringLiteral("/library.sqlite");
    FileSystemType::setOverride(0x6969);
    Library lib;
    const bool opened = lib.open(path);
    FileSystemType::setOverride(std::nullopt);
    REQUIRE(opened);
    CHECK(lib.openWarning().contains(QStringLiteral("NFS")));
    CHECK_FALSE(QFileInfo::exists(path + QStringLiteral("-wal")));
    QString name;
    CHECK(FileSystemType::isNetwork(long(0xFF534D42u), &name));
    CHECK(name == QStringLiteral("CIFS"));
    CHECK_FALSE(FileSystemType::isNetwork(0xEF53)); // ext4
    Library local;
    REQUIRE(local.open(dir + QStringLiteral("/local.sqlite")));
    CHECK(local.openWarning().isEmpty());
}

TEST_CASE("a read-only library: a clear error naming the file", "[backup]") {
    const QString dir = scratchDir(QStringLiteral("backup-readonly"));
    const QString path = makeLibrary(dir, 10);
    const QByteArray before = hashOf(path);
    const auto readOnly = QFile::ReadOwner | QFile::ReadGroup | QFile::ReadOther;
    const auto enter = QFile::ExeOwner | QFile::ExeGroup | QFile::ExeOther;
    QFile::setPermissions(path, readOnly);
    QFile::setPermissions(dir, readOnly | enter);
    // chmod binds no root: the CLI then runs as nobody.
    QProcess p;
    p.setChildProcessModifier([] {
        if (::geteuid() == 0 && (::setgid(65534) != 0 || ::setuid(65534) != 0))
            ::_exit(99);
    });
    p.start(QStringLiteral(LECTERN_CLI_PATH),
            {QStringLiteral("--db"), path, QStringLiteral("mark"), QStringLiteral("2501.00001"),
             QStringLiteral("--read")});
    const bool finished = p.waitForFinished(30000);
    QFile::setPermissions(dir, readOnly | enter | QFile::WriteOwner);
    QFile::setPermissions(path, readOnly | QFile::WriteOwner);
    REQUIRE(finished);
    const QString err = QString::fromUtf8(p.readAllStandardError());
    INFO(err.toStdString());
    CHECK(p.exitCode() == 1);
    CHECK(err.contains(path));
    CHECK(err.contains(QStringLiteral("read-only")));
    CHECK(hashOf(path) == before);
}

TEST_CASE("disk full (RLIMIT_FSIZE): a clear error, nothing half-written", "[backup]") {
    const QString dir = scratchDir(QStringLiteral("backup-full"));
    const QString path = makeLibrary(dir, 10);
    const QString digest = dir + QStringLiteral("/big.md");
    writeFile(digest, bigDigest(3000, 100));
    const qint64 limit = QFileInfo(path).size() + 256 * 1024;
    QProcess p;
    p.setChildProcessModifier([limit] {
        ::signal(SIGXFSZ, SIG_IGN); // write() then fails with EFBIG instead of killing
        const rlimit l{rlim_t(limit), rlim_t(limit)};
        ::setrlimit(RLIMIT_FSIZE, &l);
    });
    p.start(QStringLiteral(LECTERN_CLI_PATH),
            {QStringLiteral("--db"), path, QStringLiteral("import"), digest});
    REQUIRE(p.waitForFinished(60000));
    const QString err = QString::fromUtf8(p.readAllStandardError());
    INFO(err.toStdString());
    CHECK(p.exitStatus() == QProcess::NormalExit);
    CHECK(p.exitCode() == 1);
    CHECK(err.contains(path));
    CHECK(BackupManager::check(path, true).ok);
    Library lib;
    REQUIRE(lib.open(path));
    CHECK(lib.query(QString()).total == 10);
    // and a backup that does not fit leaves nothing that looks whole
    QProcess b;
    b.setChildProcessModifier([] {
        ::signal(SIGXFSZ, SIG_IGN);
        const rlimit l{rlim_t(64 * 1024), rlim_t(64 * 1024)};
        ::setrlimit(RLIMIT_FSIZE, &l);
    });
    b.start(QStringLiteral(LECTERN_CLI_PATH),
            {QStringLiteral("--db"), path, QStringLiteral("backup")});
    REQUIRE(b.waitForFinished(60000));
    CHECK(b.exitCode() == 1);
    CHECK(QString::fromUtf8(b.readAllStandardError()).contains(QStringLiteral("backup")));
    CHECK(BackupManager(path).list().isEmpty());
}
