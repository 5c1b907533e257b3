// lectern-cli library commands, run as a child process: import, list, show, mark, note, tag,
// export-annotations, import-annotations; all with --db.
#include "libraryfixtures.h"
#include "testsupport.h"

#include <catch2/catch_test_macros.hpp>

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>

using namespace lectern::test;

namespace {

struct Run {
    int code = -1;
    QString out, err;
};

Run cli(const QStringList &args, const QByteArray &stdinData = {}, const QStringList &env = {}) {
    QProcess p;
    QProcessEnvironment e = QProcessEnvironment::systemEnvironment();
    for (const QString &kv : env)
        e.insert(kv.section(QLatin1Char('='), 0, 0), kv.section(QLatin1Char('='), 1));
    p.setProcessEnvironment(e);
    p.start(QStringLiteral(LECTERN_CLI_PATH), args);
    p.waitForStarted();
    if (!stdinData.isEmpty())
        p.write(stdinData);
    p.closeWriteChannel();
    p.waitForFinished(60000);
    Run r;
    r.code = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

struct Fixture {
    QString dir, db;
    Fixture() {
        dir = scratchDir(QStringLiteral("cli-lib"));
        db = dir + QStringLiteral("/lib.sqlite");
        writeFile(dir + QStringLiteral("/d/a.md"), fixtureDigest1());
        writeFile(dir + QStringLiteral("/d/sub/b.md"), fixtureDigest2());
        const Run r =
            cli({QStringLiteral("import"), dir + QStringLiteral("/d"), QStringLiteral("--db"), db});
        REQUIRE(r.code == 0);
    }
    Run operator()(QStringList args, const QByteArray &in = {}) const {
        args << QStringLiteral("--db") << db;
        return cli(args, in);
    }
};

QJsonObject json(const QString &text) {
    QJsonParseError e;
    const QJsonDocument d = QJsonDocument::fromJson(text.toUtf8(), &e);
    INFO(text.toStdString());
    REQUIRE(e.error == QJsonParseError::NoError);
    return d.object();
}

} // namespace

TEST_CASE("cli import: progress on stderr, a summary on stdout, bad files reported with lines") {
    const QString dir = scratchDir(QStringLiteral("cli-import"));
    writeFile(dir + QStringLiteral("/a.md"), fixtureDigest1());
    writeFile(dir + QStringLiteral("/notes.txt"), "# Groceries\n\nmilk\n");
    const QString db = dir + QStringLiteral("/lib.sqlite");
    Run r = cli({QStringLiteral("import"), dir, QStringLiteral("--db"), db});
    CHECK(r.code == 1); // one file could not be imported
    CHECK(r.err.contains(QLatin1String("[1/2]")));
    CHECK(r.err.contains(dir + QStringLiteral("/notes.txt:1: error:")));
    CHECK(r.out.contains(QLatin1String("files: 2, new papers: 3, updated: 0, unchanged: 0")));
    CHECK(r.out.contains(QLatin1String("skipped: 1")));
    r = cli({QStringLiteral("import"), dir + QStringLiteral("/a.md"), QStringLiteral("--db"), db});
    CHECK(r.code == 0);
    CHECK(r.out.contains(QLatin1String("new papers: 0")));
    CHECK(r.out.contains(QLatin1String("already imported: 1")));
    // LECTERN_DB is the default library.
    r = cli({QStringLiteral("list"), QStringLiteral("--json")}, {},
            {QStringLiteral("LECTERN_DB=") + db});
    CHECK(r.code == 0);
    CHECK(json(r.out).value(QLatin1String("total")).toInt() == 3);
    CHECK(cli({QStringLiteral("import"), QStringLiteral("--db")}).code == 2);
}

TEST_CASE("cli list --json: the documented shape") {
    const Fixture run;
    Run r = run({QStringLiteral("list"), QStringLiteral("--json")});
    REQUIRE(r.code == 0);
    const QJsonObject o = json(r.out);
    CHECK(o.keys() == QStringList{QStringLiteral("papers"), QStringLiteral("total")});
    CHECK(o.value(QLatin1String("total")).toInt() == 5);
    const QJsonArray papers = o.value(QLatin1String("papers")).toArray();
    REQUIRE(papers.size() == 5);
    const QJsonObject p = papers.at(0).toObject(); // newest date first
    QStringList keys = p.keys();
    keys.sort();
    QStringList expected{
        QStringLiteral("arxiv_id"), QStringLiteral("version"), QStringLiteral("title"),
        QStringLiteral("authors"),  QStringLiteral("date"),    QStringLiteral("keywords"),
        QStringLiteral("read"),     QStringLiteral("starred"), QStringLiteral("note"),
        QStringLiteral("tags"),     QStringLiteral("digests")};
    expected.sort();
    CHECK(keys == expected);
    // Keys come in the documented order.
    CHECK(r.out.indexOf(QLatin1String("\"arxiv_id\"")) <
          r.out.indexOf(QLatin1String("\"version\"")));
    CHECK(r.out.indexOf(QLatin1String("\"tags\"")) < r.out.indexOf(QLatin1String("\"digests\"")));
    CHECK(p.value(QLatin1String("arxiv_id")).toString() == QLatin1String("2505.00004"));
    CHECK(p.value(QLatin1String("version")).toInt() == 1);
    CHECK(p.value(QLatin1String("authors")).toArray() == QJsonArray{QStringLiteral("Eve Green")});
    CHECK(p.value(QLatin1String("date")).toString() == QLatin1String("2025-05-04"));
    CHECK(p.value(QLatin1String("keywords")).toArray() == QJsonArray{QStringLiteral("robots")});
    CHECK(p.value(QLatin1String("read")).toBool() == false);
    CHECK(p.value(QLatin1String("note")).isNull());
    CHECK(p.value(QLatin1String("digests")).toArray() == QJsonArray{QStringLiteral("2025-05-07")});

    r = run({QStringLiteral("list"), QStringLiteral("kw:graph"), QStringLiteral("--json"),
             QStringLiteral("--limit"), QStringLiteral("1"), QStringLiteral("--sort"),
             QStringLiteral("title")});
    REQUIRE(r.code == 0);
    const QJsonObject limited = json(r.out);
    CHECK(limited.value(QLatin1String("total")).toInt() == 2);
    REQUIRE(limited.value(QLatin1String("papers")).toArray().size() == 1);
    CHECK(limited.value(QLatin1String("papers"))
              .toArray()
              .at(0)
              .toObject()
              .value(QLatin1String("arxiv_id")) == QLatin1String("2505.00002"));
    // Several words without quoting form one query.
    r = run({QStringLiteral("list"), QStringLiteral("graph"), QStringLiteral("neural")});
    CHECK(r.code == 0);
    CHECK(r.out.contains(QLatin1String("2505.00002")));
    CHECK(r.out.contains(QLatin1String("1 paper")));
}

TEST_CASE("cli list: a malformed query is a clear error, exit 1; bad options exit 2") {
    const Fixture run;
    Run r = run({QStringLiteral("list"), QStringLiteral("is:bogus")});
    CHECK(r.code == 1);
    CHECK(r.err.contains(QLatin1String("bogus")));
    r = run({QStringLiteral("list"), QStringLiteral("\"open")});
    CHECK(r.code == 1);
    CHECK(r.err.contains(QLatin1String("unclosed quote")));
    CHECK(run({QStringLiteral("list"), QStringLiteral("--sort"), QStringLiteral("size")}).code ==
          2);
    CHECK(run({QStringLiteral("list"), QStringLiteral("--limit"), QStringLiteral("x")}).code == 2);
}

TEST_CASE("cli mark, note, tag, show") {
    const Fixture run;
    CHECK(run({QStringLiteral("mark"), QStringLiteral("2505.00001"),
               QStringLiteral("arXiv:2505.00002v1"), QStringLiteral("--read")})
              .code == 0);
    CHECK(run({QStringLiteral("mark"), QStringLiteral("2505.00003"), QStringLiteral("--star")})
              .code == 0);
    // An unknown id changes nothing, not even the known ones.
    Run r = run({QStringLiteral("mark"), QStringLiteral("2505.00004"), QStringLiteral("9999.99999"),
                 QStringLiteral("--read")});
    CHECK(r.code == 1);
    CHECK(r.err.contains(QLatin1String("9999.99999")));
    CHECK(run({QStringLiteral("mark"), QStringLiteral("2505.00004")}).code == 2);
    CHECK(run({QStringLiteral("mark"), QStringLiteral("2505.00004"), QStringLiteral("--read"),
               QStringLiteral("--star")})
              .code == 2);

    CHECK(run({QStringLiteral("note"), QStringLiteral("2505.00003"), QStringLiteral("Typed note")})
              .code == 0);
    r = run({QStringLiteral("note"), QStringLiteral("2505.00003")});
    CHECK(r.out == QLatin1String("Typed note\n"));
    const QByteArray md = "# Heading\n\n- item with ünïcode\n";
    CHECK(
        run({QStringLiteral("note"), QStringLiteral("2505.00003"), QStringLiteral("-")}, md).code ==
        0);
    CHECK(run({QStringLiteral("note"), QStringLiteral("2505.00003")}).out.toUtf8() == md);

    CHECK(run({QStringLiteral("tag"), QStringLiteral("2505.00003"), QStringLiteral("2505.00005"),
               QStringLiteral("+later"), QStringLiteral("+survey")})
              .code == 0);
    CHECK(run({QStringLiteral("tag"), QStringLiteral("2505.00005"), QStringLiteral("-survey")})
              .code == 0);
    CHECK(run({QStringLiteral("tag"), QStringLiteral("2505.00005")}).code == 2);

    r = run({QStringLiteral("list"), QStringLiteral("--json")});
    const QJsonArray papers = json(r.out).value(QLatin1String("papers")).toArray();
    QHash<QString, QJsonObject> byId;
    for (const QJsonValue &v : papers)
        byId.insert(v.toObject().value(QLatin1String("arxiv_id")).toString(), v.toObject());
    CHECK(byId[QStringLiteral("2505.00001")].value(QLatin1String("read")).toBool());
    CHECK(byId[QStringLiteral("2505.00002")].value(QLatin1String("read")).toBool());
    CHECK_FALSE(byId[QStringLiteral("2505.00004")].value(QLatin1String("read")).toBool());
    CHECK(byId[QStringLiteral("2505.00003")].value(QLatin1String("starred")).toBool());
    CHECK(byId[QStringLiteral("2505.00003")].value(QLatin1String("note")).toString().toUtf8() ==
          md);
    CHECK(byId[QStringLiteral("2505.00003")].value(QLatin1String("tags")).toArray() ==
          QJsonArray{QStringLiteral("later"), QStringLiteral("survey")});
    CHECK(byId[QStringLiteral("2505.00005")].value(QLatin1String("tags")).toArray() ==
          QJsonArray{QStringLiteral("later")});
    CHECK(byId[QStringLiteral("2505.00003")].value(QLatin1String("digests")).toArray() ==
          QJsonArray{QStringLiteral("2025-05-06"), QStringLiteral("2025-05-07")});

    r = run({QStringLiteral("show"), QStringLiteral("2505.00003")});
    REQUIRE(r.code == 0);
    for (const char *needle :
         {"Quantized Diffusion Transformers", "Dan Brown, Alice Smith", "2025-05-03",
          "http://arxiv.org/abs/2505.00003v1", "quantization", "2025-05-06, 2025-05-07", "starred",
          "later, survey", "# Heading", "Low-bit"})
        CHECK(r.out.contains(QString::fromUtf8(needle)));
    r = run({QStringLiteral("show"), QStringLiteral("2505.00003"), QStringLiteral("--json")});
    REQUIRE(r.code == 0);
    const QJsonObject shown = json(r.out);
    CHECK(shown.value(QLatin1String("abstract")).toString().contains(QLatin1String("diffusion")));
    CHECK(shown.value(QLatin1String("url")).toString() ==
          QLatin1String("http://arxiv.org/abs/2505.00003v1"));
    CHECK(run({QStringLiteral("show"), QStringLiteral("1234.5678")}).code == 1);
}

TEST_CASE("cli annotations: export, a new library, import digests and annotations: same state") {
    const Fixture run;
    run({QStringLiteral("mark"), QStringLiteral("2505.00001"), QStringLiteral("--read")});
    run({QStringLiteral("mark"), QStringLiteral("2505.00002"), QStringLiteral("--star")});
    run({QStringLiteral("note"), QStringLiteral("2505.00003"),
         QStringLiteral("a \"quoted\" note")});
    run({QStringLiteral("tag"), QStringLiteral("2505.00004"), QStringLiteral("+x")});
    const QString file = run.dir + QStringLiteral("/annotations.json");
    REQUIRE(run({QStringLiteral("export-annotations"), file}).code == 0);
    const QByteArray exported = readFile(file);
    const QJsonObject papers =
        QJsonDocument::fromJson(exported).object().value(QLatin1String("papers")).toObject();
    CHECK(papers.keys() == QStringList{QStringLiteral("2505.00001"), QStringLiteral("2505.00002"),
                                       QStringLiteral("2505.00003"), QStringLiteral("2505.00004")});
    const Run stdoutExport = run({QStringLiteral("export-annotations")});
    CHECK(stdoutExport.out.toUtf8() == exported);

    const QString db2 = run.dir + QStringLiteral("/new.sqlite");
    REQUIRE(cli({QStringLiteral("import-annotations"), file, QStringLiteral("--db"), db2}).code ==
            0);
    REQUIRE(
        cli({QStringLiteral("import"), run.dir + QStringLiteral("/d"), QStringLiteral("--db"), db2})
            .code == 0);
    const Run before = run({QStringLiteral("list"), QStringLiteral("--json")});
    const Run after =
        cli({QStringLiteral("list"), QStringLiteral("--json"), QStringLiteral("--db"), db2});
    CHECK(after.out == before.out);
    CHECK(cli({QStringLiteral("export-annotations"), QStringLiteral("--db"), db2}).out.toUtf8() ==
          exported);

    writeFile(run.dir + QStringLiteral("/bad.json"), "{\"version\":1,\"papers\":[]}");
    const Run bad =
        run({QStringLiteral("import-annotations"), run.dir + QStringLiteral("/bad.json")});
    CHECK(bad.code == 1);
    CHECK(bad.err.contains(QLatin1String("papers")));
}

TEST_CASE("cli on a busy library: waits, then fails clearly; nothing is lost") {
    const Fixture run;
    {
        QSqlDatabase other =
            QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("holder"));
        other.setDatabaseName(run.db);
        REQUIRE(other.open());
        QSqlQuery q(other);
        REQUIRE(q.exec(QStringLiteral("BEGIN IMMEDIATE"))); // another process writing
        QElapsedTimer t;
        t.start();
        const Run busy =
            run({QStringLiteral("note"), QStringLiteral("2505.00001"), QStringLiteral("blocked")});
        CHECK(t.elapsed() >= 3000);
        CHECK(busy.code == 1);
        CHECK(busy.err.contains(QLatin1String("busy")));
        // Reading still works meanwhile.
        CHECK(run({QStringLiteral("list"), QStringLiteral("--json")}).code == 0);
        REQUIRE(q.exec(QStringLiteral("ROLLBACK")));
    }
    QSqlDatabase::removeDatabase(QStringLiteral("holder"));
    CHECK(run({QStringLiteral("note"), QStringLiteral("2505.00001")}).out.isEmpty());
    CHECK(run({QStringLiteral("note"), QStringLiteral("2505.00001"), QStringLiteral("now")}).code ==
          0);
    CHECK(run({QStringLiteral("note"), QStringLiteral("2505.00001")}).out ==
          QLatin1String("now\n"));
}
