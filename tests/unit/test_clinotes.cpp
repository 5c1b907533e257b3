// lectern-cli and other writers at once: the same file imported by two processes, and the
// history of a note (`note ID --history`).
#include "libraryfixtures.h"
#include "testsupport.h"

#include <catch2/catch_test_macros.hpp>

#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>

using namespace lectern::test;

namespace {

QProcess *startCli(const QStringList &args, QObject *parent) {
    auto *p = new QProcess(parent);
    p->start(QStringLiteral(LECTERN_CLI_PATH), args);
    return p;
}

int digestCount(const QString &db) {
    const QString conn = QStringLiteral("cli-notes-count");
    int n = -1;
    {
        QSqlDatabase d = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), conn);
        d.setDatabaseName(db);
        REQUIRE(d.open());
        QSqlQuery q(d);
        REQUIRE(q.exec(QStringLiteral("SELECT count(*) FROM digests")));
        REQUIRE(q.next());
        n = q.value(0).toInt();
    }
    QSqlDatabase::removeDatabase(conn);
    return n;
}

} // namespace

TEST_CASE("cli import: two processes importing the same file at once both succeed, the digest "
          "is stored once") {
    const QString dir = scratchDir(QStringLiteral("cli-same-file"));
    const QString file = dir + QStringLiteral("/a.md");
    writeFile(file, fixtureDigest1());
    for (int round = 0; round < 5; ++round) {
        const QString db =
            dir + QStringLiteral("/lib") + QString::number(round) + QStringLiteral(".sqlite");
        QObject owner;
        QProcess *a = startCli({QStringLiteral("--create"), QStringLiteral("import"), file,
                                QStringLiteral("--db"), db},
                               &owner);
        QProcess *b = startCli({QStringLiteral("--create"), QStringLiteral("import"), file,
                                QStringLiteral("--db"), db},
                               &owner);
        for (QProcess *p : {a, b}) {
            REQUIRE(p->waitForFinished(60000));
            INFO(p->readAllStandardError().toStdString());
            CHECK(p->exitStatus() == QProcess::NormalExit);
            CHECK(p->exitCode() == 0);
        }
        CHECK(digestCount(db) == 1);
    }
}

TEST_CASE("cli note --history: every version, newest first") {
    const QString dir = scratchDir(QStringLiteral("cli-note-history"));
    const QString db = dir + QStringLiteral("/lib.sqlite");
    writeFile(dir + QStringLiteral("/a.md"), fixtureDigest1());
    auto run = [&](QStringList args) {
        args << QStringLiteral("--db") << db;
        QProcess p;
        p.start(QStringLiteral(LECTERN_CLI_PATH), args);
        p.closeWriteChannel();
        p.waitForFinished(60000);
        return std::pair{p.exitCode(), QString::fromUtf8(p.readAllStandardOutput())};
    };
    REQUIRE(
        run({QStringLiteral("--create"), QStringLiteral("import"), dir + QStringLiteral("/a.md")})
            .first == 0);
    const QString id = QStringLiteral("2505.00001");
    CHECK(run({QStringLiteral("note"), id, QStringLiteral("--history")}) ==
          std::pair{0, QString()});
    REQUIRE(run({QStringLiteral("note"), id, QStringLiteral("first words")}).first == 0);
    REQUIRE(run({QStringLiteral("note"), id, QStringLiteral("second\n\nthoughts")}).first == 0);
    REQUIRE(run({QStringLiteral("note"), id, QString()}).first == 0); // deleted
    const auto [code, out] = run({QStringLiteral("note"), id, QStringLiteral("--history")});
    CHECK(code == 0);
    INFO(out.toStdString());
    const qsizetype deleted = out.indexOf(QLatin1String("(note deleted)"));
    const qsizetype second = out.indexOf(QLatin1String("    second"));
    const qsizetype first = out.indexOf(QLatin1String("    first words"));
    CHECK(out.startsWith(QLatin1String("#3  ")));
    CHECK(deleted >= 0);
    CHECK(second > deleted);
    CHECK(out.contains(QLatin1String("    thoughts")));
    CHECK(first > second);
    CHECK(out.contains(QLatin1String("#1  ")));
    // A text and --history together is a usage error.
    CHECK(
        run({QStringLiteral("note"), id, QStringLiteral("x"), QStringLiteral("--history")}).first ==
        2);
}
