// One Lectern per library: the hand-off between real `lectern` processes (offscreen), a socket
// left by a killed instance, an instance that does not answer, two started at once, and the
// command line (usage errors, --version, the version in the window title).
#include "guitestsupport.h"
#include "singleinstance.h"
#include "store/library.h"
#include "testsupport.h"

#include <catch2/catch_test_macros.hpp>

#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocalServer>
#include <QLocalSocket>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>

#include <memory>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

using namespace lectern;
using namespace Qt::StringLiterals;

namespace {

constexpr int kUnresponsiveExit = 3; // documented in README.md

// A scratch library with its own settings, data and runtime folder (the sockets). The runtime
// folder is set for this process too, so SingleInstance::serverName() here names the socket
// the child processes use; it is a short one under /tmp (0700): a socket path has at most 107
// bytes, whatever the depth of the build tree.
struct Scratch {
    QTemporaryDir runtimeDir{QDir::tempPath() + u"/lectern-si-XXXXXX"_s};
    QString dir, db, runtime;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();

    // create: the library exists first, as a window's (the window asks before creating one
    // anywhere but the default path).
    explicit Scratch(const QString &name, bool create = true)
        : dir(test::scratchDir(name))
        , db(dir + u"/lib.sqlite"_s)
        , runtime(runtimeDir.path()) {
        REQUIRE(runtimeDir.isValid());
        qputenv("XDG_RUNTIME_DIR", runtime.toUtf8());
        env.insert(u"XDG_RUNTIME_DIR"_s, runtime);
        env.insert(u"XDG_CONFIG_HOME"_s, dir + u"/config"_s);
        env.insert(u"XDG_DATA_HOME"_s, dir + u"/data"_s);
        env.insert(u"XDG_CACHE_HOME"_s, dir + u"/cache"_s);
        env.insert(u"QT_QPA_PLATFORM"_s, u"offscreen"_s);
        env.remove(u"LECTERN_DB"_s);
        if (create) {
            lectern::Library lib;
            REQUIRE(lib.open(db));
        }
    }
    QString serverName() const {
        return SingleInstance::serverName(SingleInstance::canonicalDbPath(db));
    }
    std::unique_ptr<QProcess> start(const QStringList &args, const QString &cwd = {}) const {
        auto p = std::make_unique<QProcess>();
        p->setProcessEnvironment(env);
        if (!cwd.isEmpty())
            p->setWorkingDirectory(cwd);
        p->start(QStringLiteral(LECTERN_GUI_PATH), QStringList{u"--db"_s, db} + args);
        return p;
    }
    // Runs `lectern --db LIB ARGS`; code -1 when it did not finish within the deadline.
    test::ProcessResult run(const QStringList &args, const QString &cwd = {},
                            int deadlineMs = 15000) const {
        auto p = start(args, cwd);
        const bool finished = p->waitForFinished(deadlineMs);
        if (!finished) {
            p->kill();
            p->waitForFinished();
        }
        const bool normal = finished && p->exitStatus() == QProcess::NormalExit;
        return {normal ? p->exitCode() : -1, p->readAllStandardOutput(), p->readAllStandardError()};
    }
    // Papers in the library as `lectern-cli list` counts them (-1: the CLI failed).
    int papers() const {
        const test::ProcessResult r = test::runBoundedCli({u"--db"_s, db, u"list"_s, u"--json"_s});
        return r.code == 0 ? QJsonDocument::fromJson(r.out).object().value(u"total"_s).toInt(-1)
                           : -1;
    }
};

// True once something accepts connections on the name.
bool waitListening(const QString &name, int timeoutMs = 30000) {
    return test::waitUntil(
        [&] {
            QLocalSocket probe;
            probe.connectToServer(name);
            return probe.waitForConnected(200);
        },
        timeoutMs);
}

struct Killer { // the primary is killed whatever the test's outcome
    QProcess *p;
    ~Killer() {
        if (p->state() != QProcess::NotRunning) {
            p->kill();
            p->waitForFinished();
        }
    }
};

// How many papers a seed gives in a fresh library (the reference for a hand-off's import).
int papersOf(const QString &seed, const QString &scratch) {
    const QString db = scratch + u"/reference.sqlite"_s;
    test::runBoundedCli({u"--db"_s, db, u"--create"_s, u"import"_s, seed});
    const test::ProcessResult r = test::runBoundedCli({u"--db"_s, db, u"list"_s, u"--json"_s});
    return QJsonDocument::fromJson(r.out).object().value(u"total"_s).toInt(-1);
}

// Name, size and modification time of every file in a folder.
QStringList listing(const QString &dir) {
    QStringList out;
    for (const QFileInfo &f : QDir(dir).entryInfoList(QDir::Files | QDir::Hidden))
        out << f.fileName() + u' ' + QString::number(f.size()) + u' ' +
                   QString::number(f.lastModified().toMSecsSinceEpoch());
    return out;
}

} // namespace

TEST_CASE("singleinstance: one server name per library, whatever path leads to it") {
    Scratch s(u"si-name"_s);
    QDir().mkpath(s.dir + u"/a"_s);
    QFile::link(s.dir + u"/a"_s, s.dir + u"/link"_s);
    const QString viaLink = SingleInstance::canonicalDbPath(s.dir + u"/link/../a/lib.sqlite"_s);
    CHECK(viaLink == SingleInstance::canonicalDbPath(s.dir + u"/a/lib.sqlite"_s));
    CHECK(SingleInstance::serverName(viaLink) ==
          SingleInstance::serverName(SingleInstance::canonicalDbPath(s.dir + u"/a/lib.sqlite"_s)));
    CHECK(SingleInstance::serverName(u"/x/one.sqlite"_s) !=
          SingleInstance::serverName(u"/x/two.sqlite"_s));
    const QString name = SingleInstance::serverName(u"/x/one.sqlite"_s);
    CHECK(name.startsWith(s.runtime + u"/lectern-"_s + QString::number(::getuid()) + u'-'));
    qunsetenv("XDG_RUNTIME_DIR");
    CHECK(SingleInstance::serverName(u"/x/one.sqlite"_s)
              .startsWith(u"lectern-"_s + QString::number(::getuid()) + u'-'));
}

TEST_CASE("singleinstance: a second lectern hands its files to the running one and exits 0") {
    const QString seed = test::seedPath(u"000"_s);
    if (seed.isEmpty())
        SKIP("no seeds");
    Scratch s(u"si-handoff"_s);
    const int expected = papersOf(seed, s.dir);
    REQUIRE(expected > 0);

    auto primary = s.start({});
    Killer killer{primary.get()};
    REQUIRE(waitListening(s.serverName()));
    CHECK(s.papers() == 0);

    // A relative name, made absolute by the sender (it runs in the seed's folder).
    const test::ProcessResult second = s.run({QFileInfo(seed).fileName()}, test::seedsDir());
    INFO(second.err.toStdString());
    CHECK(second.code == 0);
    CHECK(second.err.isEmpty());
    CHECK(test::waitUntil([&] { return s.papers() == expected; }, 30000));

    // No files: it only raises the window; the primary goes on.
    CHECK(s.run({}).code == 0);
    CHECK(primary->state() == QProcess::Running);
}

TEST_CASE("singleinstance: the primary receives absolute paths and survives a garbage client") {
    Scratch s(u"si-protocol"_s);
    SingleInstance primary(SingleInstance::canonicalDbPath(s.db));
    REQUIRE(primary.start({}) == SingleInstance::Result::Primary);
    QSignalSpy spy(&primary, &SingleInstance::activationRequested);

    QLocalSocket junk; // a frame announcing 4 GB, then one with the wrong magic
    junk.connectToServer(s.serverName());
    REQUIRE(junk.waitForConnected(2000));
    junk.write(QByteArray("\xff\xff\xff\xff garbage", 12));
    junk.flush();
    QLocalSocket wrong;
    wrong.connectToServer(s.serverName());
    REQUIRE(wrong.waitForConnected(2000));
    wrong.write(QByteArray("\0\0\0\x08"
                           "ABCDEFGH",
                           12));
    wrong.flush();
    CHECK(test::waitUntil([&] { return junk.state() == QLocalSocket::UnconnectedState; }, 5000));
    CHECK(test::waitUntil([&] { return wrong.state() == QLocalSocket::UnconnectedState; }, 5000));
    CHECK(spy.isEmpty());

    QDir().mkpath(s.dir + u"/sub"_s);
    auto second = s.start({u"one.md"_s, u"../two.md"_s}, s.dir + u"/sub"_s);
    REQUIRE(test::waitUntil([&] { return second->state() == QProcess::NotRunning; }, 15000));
    INFO(second->readAllStandardError().toStdString());
    CHECK(second->exitCode() == 0);
    REQUIRE(spy.size() == 1);
    CHECK(spy.at(0).at(0).toStringList() ==
          QStringList{s.dir + u"/sub/one.md"_s, s.dir + u"/two.md"_s});
}

TEST_CASE("singleinstance: a socket left by a killed lectern is replaced") {
    Scratch s(u"si-stale"_s);
    const QString name = s.serverName();
    { // a socket file nobody listens on, as a killed process leaves it
        const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
        REQUIRE(fd >= 0);
        sockaddr_un addr{};
        addr.sun_family = AF_UNIX;
        const QByteArray path = QFile::encodeName(name);
        REQUIRE(size_t(path.size()) < sizeof(addr.sun_path));
        std::copy(path.begin(), path.end(), addr.sun_path);
        REQUIRE(::bind(fd, reinterpret_cast<sockaddr *>(&addr), sizeof(addr)) == 0);
        ::close(fd);
    }
    REQUIRE(QFileInfo::exists(name));
    SingleInstance instance(SingleInstance::canonicalDbPath(s.db));
    CHECK(instance.start({}) == SingleInstance::Result::Primary);
    CHECK(instance.isListening());
}

TEST_CASE("singleinstance: a lectern started after one was killed becomes the primary") {
    const QString seed = test::seedPath(u"001"_s);
    if (seed.isEmpty())
        SKIP("no seeds");
    Scratch s(u"si-killed"_s);
    auto first = s.start({});
    REQUIRE(waitListening(s.serverName()));
    first->kill(); // SIGKILL: the socket file stays
    first->waitForFinished();
    REQUIRE(QFileInfo::exists(s.serverName()));

    auto next = s.start({seed});
    Killer killer{next.get()};
    CHECK(waitListening(s.serverName()));
    CHECK(test::waitUntil([&] { return s.papers() > 0; }, 30000));
    CHECK(next->state() == QProcess::Running);
}

TEST_CASE("singleinstance: an instance that does not answer: exit code, library untouched") {
    const QString seed = test::seedPath(u"000"_s);
    if (seed.isEmpty())
        SKIP("no seeds");
    Scratch s(u"si-hung"_s);
    REQUIRE(test::runBoundedCli({u"--db"_s, s.db, u"import"_s, test::seedPath(u"001"_s)}).code ==
            0);
    const QStringList before = listing(s.dir);
    const QByteArray bytes = test::readFile(s.db);

    // Accepts connections (the kernel queues them) but never reads nor answers: this process
    // runs no event loop while the child waits.
    QLocalServer hung;
    REQUIRE(hung.listen(s.serverName()));
    const test::ProcessResult r = s.run({seed}, {}, 10000);
    INFO(r.err.toStdString());
    CHECK(r.code == kUnresponsiveExit);
    CHECK(r.err.count('\n') == 1);
    CHECK(r.err.contains("did not answer"));
    CHECK(listing(s.dir) == before);
    CHECK(test::readFile(s.db) == bytes);
}

TEST_CASE("singleinstance: a primary that wakes up after the sender gave up does not import") {
    Scratch s(u"si-late"_s);
    SingleInstance primary(SingleInstance::canonicalDbPath(s.db));
    REQUIRE(primary.start({}) == SingleInstance::Result::Primary);
    QSignalSpy spy(&primary, &SingleInstance::activationRequested);

    // No event loop here while the sender waits (a stopped or busy primary): it gives up.
    const test::ProcessResult r = s.run({u"late.md"_s}, {}, 10000);
    CHECK(r.code == kUnresponsiveExit);
    // Now the primary reads the request; the sender told its user nothing was done.
    test::waitUntil([] { return false; }, 1000);
    CHECK(spy.isEmpty());
}

TEST_CASE("singleinstance: lecterns started at once end with one primary") {
    Scratch s(u"si-race"_s);
    std::vector<std::unique_ptr<QProcess>> all;
    for (int i = 0; i < 3; ++i)
        all.push_back(s.start({}));
    auto running = [&] {
        return std::count_if(all.begin(), all.end(),
                             [](const auto &p) { return p->state() != QProcess::NotRunning; });
    };
    const bool settled = test::waitUntil([&] { return running() == 1; }, 20000);
    for (const auto &p : all) {
        if (p->state() == QProcess::NotRunning) {
            INFO(p->readAllStandardError().toStdString());
            CHECK(p->exitStatus() == QProcess::NormalExit);
            CHECK(p->exitCode() == 0);
        }
    }
    CHECK(settled);
    CHECK(s.run({}).code == 0); // and the one left answers
    for (const auto &p : all) {
        p->kill();
        p->waitForFinished();
    }
}

TEST_CASE("lectern command line: usage error, help and version") {
    Scratch s(u"si-cli"_s, false);
    const test::ProcessResult bogus = s.run({u"--bogus"_s});
    CHECK(bogus.code == 2);
    CHECK(bogus.out.isEmpty());
    CHECK(bogus.err.contains("bogus"));
    CHECK(bogus.err.contains("--db"));
    CHECK(bogus.err.contains("Usage:"));
    CHECK_FALSE(QFileInfo::exists(s.db));

    // --version and --help need no display.
    Scratch noDisplay(u"si-cli-nodisplay"_s, false);
    for (const QString &v : {u"QT_QPA_PLATFORM"_s, u"DISPLAY"_s, u"WAYLAND_DISPLAY"_s})
        noDisplay.env.remove(v);
    const test::ProcessResult version = noDisplay.run({u"--version"_s});
    INFO(version.err.toStdString());
    CHECK(version.code == 0);
    CHECK(version.out.trimmed() == QByteArray("Lectern " LECTERN_EXPECTED_VERSION));
    const test::ProcessResult help = noDisplay.run({u"--help"_s});
    CHECK(help.code == 0);
    CHECK(help.out.contains("--db"));
    CHECK_FALSE(QFileInfo::exists(noDisplay.db));
}

TEST_CASE("the window title shows the version") {
    test::TestWindow t(u"si-title"_s, {test::sampleDigest()});
    CHECK(t.w->windowTitle().contains(QStringLiteral(LECTERN_EXPECTED_VERSION)));
    REQUIRE(test::waitUntil([&] { return t.w->windowTitle().contains(u"unread"_s); }, 10000));
    CHECK(t.w->windowTitle().contains(QStringLiteral(LECTERN_EXPECTED_VERSION)));
}
