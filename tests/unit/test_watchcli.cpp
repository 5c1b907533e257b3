// lectern-cli watch add|remove|list, run as a child process with XDG_CONFIG_HOME in a scratch
// folder (never the user's settings).
#include "testsupport.h"
#include "watch/watchlist.h"

#include <catch2/catch_test_macros.hpp>

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QSettings>

using namespace lectern::test;

namespace {

struct Run {
    int code = -1;
    QString out, err;
};

struct WatchCli {
    QString dir;
    explicit WatchCli(const QString &name)
        : dir(scratchDir(name)) {}

    Run operator()(const QStringList &args, const QString &workingDir = {}) const {
        QProcess p;
        QProcessEnvironment e = QProcessEnvironment::systemEnvironment();
        e.insert(QStringLiteral("XDG_CONFIG_HOME"), dir + QStringLiteral("/config"));
        p.setProcessEnvironment(e);
        if (!workingDir.isEmpty())
            p.setWorkingDirectory(workingDir);
        p.start(QStringLiteral(LECTERN_CLI_PATH), QStringList{QStringLiteral("watch")} + args);
        p.closeWriteChannel();
        p.waitForFinished(60000);
        Run r;
        r.code = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
        r.out = QString::fromUtf8(p.readAllStandardOutput());
        r.err = QString::fromUtf8(p.readAllStandardError());
        return r;
    }
    QString configFile() const { return dir + QStringLiteral("/config/Lectern/Lectern.conf"); }
};

} // namespace

TEST_CASE("watch add, list, remove: the folder list in the settings the window reads") {
    const WatchCli cli(QStringLiteral("watchcli"));
    const QString inbox = cli.dir + QStringLiteral("/in box");
    QDir().mkpath(inbox);
    QDir().mkpath(cli.dir + QStringLiteral("/drive"));

    CHECK(cli({QStringLiteral("list")}).out.isEmpty());
    // A relative path is made absolute (and canonical) against the working directory.
    Run r = cli({QStringLiteral("add"), QStringLiteral("./in box/../in box")}, cli.dir);
    CHECK(r.code == 0);
    CHECK(r.out.contains(inbox));
    r = cli({QStringLiteral("add"), cli.dir + QStringLiteral("/drive")});
    CHECK(r.code == 0);
    r = cli({QStringLiteral("add"), inbox});
    CHECK(r.code == 0);
    CHECK(r.out.contains(QStringLiteral("already watched")));

    r = cli({QStringLiteral("list")});
    CHECK(r.code == 0);
    CHECK(r.out == inbox + QStringLiteral("\n") + cli.dir + QStringLiteral("/drive\n"));

    // The window's settings file holds the same list.
    QSettings settings(cli.configFile(), QSettings::IniFormat);
    CHECK(lectern::WatchList(&settings).folders() ==
          QStringList{inbox, cli.dir + QStringLiteral("/drive")});

    // A folder that went away is listed as unavailable, and can still be removed.
    REQUIRE(QDir(cli.dir + QStringLiteral("/drive")).removeRecursively());
    r = cli({QStringLiteral("list")});
    CHECK(r.out ==
          inbox + QStringLiteral("\n") + cli.dir + QStringLiteral("/drive (unavailable)\n"));
    r = cli({QStringLiteral("remove"), cli.dir + QStringLiteral("/drive")});
    CHECK(r.code == 0);
    r = cli({QStringLiteral("remove"), QStringLiteral("in box")}, cli.dir);
    CHECK(r.code == 0);
    CHECK(cli({QStringLiteral("list")}).out.isEmpty());
}

TEST_CASE("watch: a file, a missing folder and bad usage are refused clearly") {
    const WatchCli cli(QStringLiteral("watchcli-errors"));
    writeFile(cli.dir + QStringLiteral("/digest.md"), "x");

    Run r = cli({QStringLiteral("add"), cli.dir + QStringLiteral("/digest.md")});
    CHECK(r.code == 1);
    CHECK(r.err.contains(cli.dir + QStringLiteral("/digest.md: not a folder")));
    r = cli({QStringLiteral("add"), cli.dir + QStringLiteral("/nowhere")});
    CHECK(r.code == 1);
    CHECK(r.err.contains(cli.dir + QStringLiteral("/nowhere: no such folder")));
    r = cli({QStringLiteral("remove"), cli.dir});
    CHECK(r.code == 1);
    CHECK(r.err.contains(QStringLiteral("not a watched folder")));
    CHECK(cli({QStringLiteral("list")}).out.isEmpty());
    const QStringList saved = QSettings(cli.configFile(), QSettings::IniFormat)
                                  .value(QStringLiteral("watch/folders"))
                                  .toStringList();
    CHECK(saved.isEmpty());

    CHECK(cli({}).code == 2);
    CHECK(cli({QStringLiteral("add")}).code == 2);
    CHECK(cli({QStringLiteral("list"), cli.dir}).code == 2);
    r = cli({QStringLiteral("watch-it"), cli.dir});
    CHECK(r.code == 2);
    CHECK(r.err.contains(QStringLiteral("unknown action 'watch-it'")));
    CHECK(r.err.contains(QStringLiteral("usage: lectern-cli watch")));
}
