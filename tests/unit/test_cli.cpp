// lectern-cli parse: summary lines, JSON shape, diagnostics on stderr, exit codes.
#include "layoutfixtures.h"
#include "testsupport.h"

#include <catch2/catch_test_macros.hpp>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>

#include <sys/resource.h>
#include <sys/stat.h>

namespace {

struct Run {
    int code = -1;
    QByteArray out, err;
};

Run cli(const QStringList &args) {
    QProcess p;
    p.start(QStringLiteral(LECTERN_CLI_PATH), args);
    p.waitForFinished(60000);
    return {p.exitCode(), p.readAllStandardOutput(), p.readAllStandardError()};
}

Run boundedCli(const QStringList &args, int deadlineMs = 20000) {
    const lectern::test::ProcessResult r = lectern::test::runBoundedCli(args, deadlineMs);
    return {r.code, r.out, r.err};
}

} // namespace

TEST_CASE("parse --json: shape, nulls, plain abstract, format and summary") {
    const QString dir = lectern::test::scratchDir(QStringLiteral("cli-json"));
    const QString cards = dir + QStringLiteral("/cards.md");
    const QString bad = dir + QStringLiteral("/bad.md");
    lectern::test::writeFile(cards, lectern::test::kCards);
    lectern::test::writeFile(bad, "# Notes\n\nnot a digest\n");
    const Run r = cli({QStringLiteral("parse"), QStringLiteral("--json"), cards, bad,
                       dir + QStringLiteral("/missing.md")});
    CHECK(r.code == 1); // two files had errors
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(r.out, &error);
    REQUIRE(error.error == QJsonParseError::NoError);
    const QJsonArray files = doc.object().value(QLatin1String("files")).toArray();
    REQUIRE(files.size() == 3);
    const QJsonObject f = files[0].toObject();
    CHECK(f[QLatin1String("path")].toString() == cards);
    CHECK(f[QLatin1String("date")].toString() == QLatin1String("2025-06-01"));
    CHECK(f[QLatin1String("format")].toString() == QLatin1String("cards"));
    const QJsonArray papers = f[QLatin1String("papers")].toArray();
    REQUIRE(papers.size() == 2);
    const QJsonObject p = papers[0].toObject();
    CHECK(p[QLatin1String("arxiv_id")].toString() == QLatin1String("2505.20000"));
    CHECK(p[QLatin1String("version")].toInt() == 1);
    CHECK(p[QLatin1String("title")].toString() == QLatin1String("Card Paper One"));
    CHECK(p[QLatin1String("authors")].toArray().size() == 2);
    CHECK(p[QLatin1String("date")].toString() == QLatin1String("2025-05-30"));
    CHECK(p[QLatin1String("url")].toString() == QLatin1String("http://arxiv.org/abs/2505.20000v1"));
    CHECK(p[QLatin1String("keywords")].toArray().size() == 2);
    CHECK(p[QLatin1String("summary")].toString().startsWith(QString::fromUtf8("本文")));
    const QString abstract = p[QLatin1String("abstract")].toString();
    CHECK_FALSE(abstract.contains(QLatin1Char('$')));
    CHECK(abstract.contains(QString::fromUtf8("O(N log N)")));
    CHECK(f[QLatin1String("diagnostics")].toArray().isEmpty());

    const QJsonObject b = files[1].toObject();
    CHECK(b[QLatin1String("date")].isNull());
    CHECK(b[QLatin1String("papers")].toArray().isEmpty());
    const QJsonObject diag = b[QLatin1String("diagnostics")].toArray().first().toObject();
    CHECK(diag[QLatin1String("line")].toInt() == 1);
    CHECK(diag[QLatin1String("severity")].toString() == QLatin1String("error"));
    CHECK(r.err.contains(QByteArray(bad.toUtf8() + ":1: error: not a digest")));
    CHECK(r.err.contains(
        QByteArray("missing.md:0: error: cannot read " + dir.toUtf8() + "/missing.md")));
}

TEST_CASE("parse: a paper without a link has null id and version") {
    const QString dir = lectern::test::scratchDir(QStringLiteral("cli-null"));
    const QString path = dir + QStringLiteral("/d.md");
    lectern::test::writeFile(path, "# 2025-01-01\n\n## No Link\n\n>Authors: A\n\nText.\n");
    const Run r = cli({QStringLiteral("parse"), QStringLiteral("--json"), path});
    CHECK(r.code == 0); // warnings only
    const QJsonObject p = QJsonDocument::fromJson(r.out)
                              .object()[QLatin1String("files")][0][QLatin1String("papers")][0]
                              .toObject();
    CHECK(p[QLatin1String("arxiv_id")].isNull());
    CHECK(p[QLatin1String("version")].isNull());
    CHECK(p[QLatin1String("date")].isNull());
    CHECK(r.err.contains(":3: warning: paper \xe2\x80\x9cNo Link\xe2\x80\x9d has no date line"));
}

TEST_CASE("parse: summary lines and usage errors") {
    const QString dir = lectern::test::scratchDir(QStringLiteral("cli-summary"));
    const QString path = dir + QStringLiteral("/2024-09-20.md");
    lectern::test::writeFile(path, lectern::test::kHeadings);
    const Run r = cli({QStringLiteral("parse"), path});
    CHECK(r.code == 0);
    const QByteArray expected =
        path.toUtf8() + ": date 2024-09-20, format headings, 2 papers, 0 warnings, 0 errors";
    CHECK(r.out.trimmed() == expected);
    CHECK(cli({QStringLiteral("parse")}).code == 2);
    CHECK(cli({QStringLiteral("parse"), QStringLiteral("--bogus"), path}).code == 2);
    CHECK(cli({}).code == 2);
    CHECK(cli({QStringLiteral("frobnicate")}).code == 2);
}

TEST_CASE("note ID - with an empty standard input changes nothing") {
    const QString dir = lectern::test::scratchDir(QStringLiteral("cli-note-empty"));
    const QString db = dir + QStringLiteral("/lib.sqlite");
    const QString digest = dir + QStringLiteral("/d.md");
    lectern::test::writeFile(digest, lectern::test::kCards);
    REQUIRE(cli({QStringLiteral("import"), QStringLiteral("--create"), digest,
                 QStringLiteral("--db"), db})
                .code == 0);
    REQUIRE(cli({QStringLiteral("note"), QStringLiteral("2505.20000"), QStringLiteral("precious"),
                 QStringLiteral("--db"), db})
                .code == 0);
    QProcess p;
    p.start(QStringLiteral(LECTERN_CLI_PATH), {QStringLiteral("note"), QStringLiteral("2505.20000"),
                                               QStringLiteral("-"), QStringLiteral("--db"), db});
    p.closeWriteChannel(); // an empty pipe
    p.waitForFinished(60000);
    CHECK(p.exitCode() == 1);
    CHECK(p.readAllStandardError().contains("standard input was empty"));
    const Run shown =
        cli({QStringLiteral("note"), QStringLiteral("2505.20000"), QStringLiteral("--db"), db});
    CHECK(shown.out.trimmed() == "precious");
}

TEST_CASE("library commands: an empty --db is a usage error, not the default library") {
    const Run r = cli({QStringLiteral("list"), QStringLiteral("--db"), QString()});
    CHECK(r.code == 2);
    CHECK(r.err.contains("--db needs a PATH"));
    CHECK(cli({QStringLiteral("list"), QStringLiteral("--db=")}).code == 2);
}

TEST_CASE("parse: /dev/zero and a FIFO named x.md end at once with a clear error") {
    const QString dir = lectern::test::scratchDir(QStringLiteral("cli-special"));
    const QString fifo = dir + QStringLiteral("/x.md");
    REQUIRE(::mkfifo(fifo.toLocal8Bit().constData(), 0600) == 0);
    for (const QString &path : {QStringLiteral("/dev/zero"), fifo}) {
        INFO(path.toStdString());
        Run r = boundedCli({QStringLiteral("parse"), path});
        CHECK(r.code == 1);
        CHECK(
            r.err.contains(QByteArray(path.toUtf8() + ":0: error: cannot read " + path.toUtf8())));
        CHECK(r.err.contains("not a regular file"));
        r = boundedCli({QStringLiteral("parse"), QStringLiteral("--json"), path});
        CHECK(r.code == 1);
        const QJsonObject f =
            QJsonDocument::fromJson(r.out).object()[QLatin1String("files")][0].toObject();
        CHECK(f[QLatin1String("path")].toString() == path);
        CHECK(f[QLatin1String("diagnostics")][0][QLatin1String("message")].toString().contains(
            QLatin1String("not a regular file")));
    }
}

TEST_CASE("import-annotations: /dev/zero and a FIFO end at once with a clear error") {
    const QString dir = lectern::test::scratchDir(QStringLiteral("cli-special-annotations"));
    const QString fifo = dir + QStringLiteral("/a.json");
    REQUIRE(::mkfifo(fifo.toLocal8Bit().constData(), 0600) == 0);
    const QString db = dir + QStringLiteral("/lib.sqlite");
    for (const QString &path : {QStringLiteral("/dev/zero"), fifo}) {
        INFO(path.toStdString());
        const Run r =
            boundedCli({QStringLiteral("import-annotations"), path, QStringLiteral("--db"), db});
        CHECK(r.code == 1);
        CHECK(r.err.contains(QByteArray("cannot read " + path.toUtf8())));
        CHECK(r.err.contains("not a regular file"));
    }
}

TEST_CASE("diagnostics on stderr never carry raw control characters") {
    const QString dir = lectern::test::scratchDir(QStringLiteral("cli-stderr-controls"));
    // A file name that would set the terminal's clipboard (OSC 52) if printed raw.
    const QString missing = dir + QStringLiteral("/evil\x1b]52;c;SGk=\x07.md");
    const QString titled = dir + QStringLiteral("/t.md");
    lectern::test::writeFile(
        titled, "# 2025-01-01\n\n## Evil \x1b]52;c;SGk=\x07 Title\n\n>Authors: A\n\nText.\n");
    const Run r = cli({QStringLiteral("parse"), missing, titled}); // stderr is a pipe here
    CHECK(r.code == 1);
    CHECK_FALSE(r.err.contains('\x1b'));
    CHECK_FALSE(r.err.contains('\x07'));
    CHECK(r.err.contains("/evil\\x1b]52;c;SGk=\\x07.md:0: error: cannot read"));
    CHECK(r.err.contains(QByteArray(titled.toUtf8() + ":3: warning:")));
    // Piped output is data: a JSON consumer gets the name back exactly.
    const Run j = cli({QStringLiteral("parse"), QStringLiteral("--json"), missing});
    CHECK_FALSE(j.out.contains('\x1b'));
    CHECK(QJsonDocument::fromJson(j.out)
              .object()[QLatin1String("files")][0][QLatin1String("path")]
              .toString() == missing);
}

TEST_CASE("usage: --help prints every command and option on stdout; --version") {
    const Run r = cli({QStringLiteral("--help")});
    CHECK(r.code == 0);
    static const char *const needles[] = {
        "parse FILE... [--json]",
        "import PATH...",
        "list [QUERY] [--json] [--limit N] [--sort date|digest|title|relevance|foryou] [--why]",
        "show ARXIV_ID [--json]",
        "mark ARXIV_ID... --read|--unread|--star|--unstar",
        "note ARXIV_ID [TEXT|-]",
        "tag ARXIV_ID... +TAG|-TAG",
        "export-annotations [FILE]",
        "import-annotations FILE",
        "watch add DIR|remove DIR|list",
        "fetch ARXIV_ID...|--query QUERY",
        "pdf ARXIV_ID...",
        "export --format bibtex|ris|csv|json|markdown [QUERY]",
        "backup [--to FILE]",
        "backups",
        "restore BACKUP",
        "check [--full]",
        "--db PATH",
        "--create",
        "--help",
        "--version",
    };
    for (const char *needle : needles)
        CHECK(r.out.contains(needle));
    // The usage line of each command names exactly the options the command accepts (its own
    // --help lists them, one per line).
    static const QRegularExpression optionRe(QStringLiteral("--[a-z-]+"));
    int commands = 0;
    for (const QByteArray &line : r.out.split('\n')) {
        static const QRegularExpression commandRe(QStringLiteral("^  ([a-z][a-z-]*) "));
        const auto m = commandRe.match(QString::fromUtf8(line));
        if (!m.hasMatch())
            continue;
        ++commands;
        const QString cmd = m.captured(1);
        INFO(cmd.toStdString());
        const Run help = cli({cmd, QStringLiteral("--help")});
        CHECK(help.code == 0);
        CHECK(help.out.contains(QByteArray("usage: lectern-cli " + line.trimmed())));
        QSet<QString> inUsage, inHelp;
        for (const auto &o : optionRe.globalMatch(QString::fromUtf8(line)))
            inUsage << o.captured();
        for (const QByteArray &h : help.out.split('\n')) {
            if (h.startsWith("  --"))
                inHelp << optionRe.match(QString::fromUtf8(h)).captured();
        }
        for (const char *global : {"--db", "--create", "--help", "--version"})
            inHelp.remove(QLatin1String(global));
        CHECK(inUsage == inHelp);
    }
    CHECK(commands == 17);
    const Run v = cli({QStringLiteral("--version")});
    CHECK(v.code == 0);
    CHECK(QRegularExpression(QStringLiteral("^lectern-cli \\d+\\.\\d+\\.\\d+\n$"))
              .match(QString::fromUtf8(v.out))
              .hasMatch());
    CHECK(cli({QStringLiteral("-v")}).out == v.out);
    // No command, or an unknown option anywhere: usage on stderr, exit 2.
    const Run none = cli({});
    CHECK(none.code == 2);
    CHECK(none.err.contains("usage: lectern-cli"));
    const QString dir = lectern::test::scratchDir(QStringLiteral("cli-usage"));
    const QString path = dir + QStringLiteral("/2024-09-20.md");
    lectern::test::writeFile(path, lectern::test::kHeadings);
    for (const QStringList &args :
         {QStringList{QStringLiteral("--bogus"), QStringLiteral("parse"), path},
          QStringList{QStringLiteral("parse"), path, QStringLiteral("--bogus")},
          QStringList{QStringLiteral("parse"), QStringLiteral("--json=x"), path}}) {
        INFO(args.join(QLatin1Char(' ')).toStdString());
        const Run bad = cli(args);
        CHECK(bad.code == 2);
        CHECK(bad.out.isEmpty());
        CHECK(bad.err.contains("usage: lectern-cli parse"));
    }
}

TEST_CASE("parse: options before the command") {
    const QString dir = lectern::test::scratchDir(QStringLiteral("cli-options-anywhere"));
    const QString path = dir + QStringLiteral("/2024-09-20.md");
    lectern::test::writeFile(path, lectern::test::kHeadings);
    const Run after = cli({QStringLiteral("parse"), path, QStringLiteral("--json")});
    CHECK(after.code == 0);
    const Run before = cli({QStringLiteral("--json"), QStringLiteral("parse"), path});
    CHECK(before.code == 0);
    CHECK(before.out == after.out);
}
