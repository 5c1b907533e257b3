// Golden files: `lectern-cli parse --json` of every layout fixture and seed, compared with the
// reference JSON in tests/data/parse/ (KSyntaxHighlighting's reference-data habit), so a parser
// change shows as a diff. The comparison is semantic (key order and whitespace do not matter);
// a mismatch names the first differing value. Each run writes the actual output to
// build/test-output/golden/; tests/data/update-golden.sh copies it over the references.
#include "layoutfixtures.h"
#include "testsupport.h"

#include <catch2/catch_test_macros.hpp>

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>

using namespace lectern;
using namespace lectern::test;

namespace {

const QString kReferenceDir = QStringLiteral(LECTERN_GOLDEN_DIR);

// The JSON of `lectern-cli parse --json FILE`, with the "path" of each file reduced to its name
// (no absolute paths in reference data).
QJsonDocument parseJson(const QString &file) {
    QProcess cli;
    cli.setProcessChannelMode(QProcess::SeparateChannels);
    cli.start(QStringLiteral(LECTERN_CLI_PATH),
              {QStringLiteral("parse"), QStringLiteral("--json"), file});
    REQUIRE(cli.waitForFinished(60000));
    QJsonParseError error;
    QJsonDocument doc = QJsonDocument::fromJson(cli.readAllStandardOutput(), &error);
    INFO("lectern-cli parse --json " << file.toStdString() << ": "
                                     << error.errorString().toStdString());
    REQUIRE(error.error == QJsonParseError::NoError);
    QJsonObject root = doc.object();
    QJsonArray files = root.value(QLatin1String("files")).toArray();
    for (qsizetype i = 0; i < files.size(); ++i) {
        QJsonObject f = files[i].toObject();
        f[QLatin1String("path")] = QFileInfo(f.value(QLatin1String("path")).toString()).fileName();
        files[i] = f;
    }
    root[QLatin1String("files")] = files;
    return QJsonDocument(root);
}

QString shown(const QJsonValue &v) {
    if (v.isObject() || v.isArray()) {
        const QJsonDocument d =
            v.isObject() ? QJsonDocument(v.toObject()) : QJsonDocument(v.toArray());
        const QString s = QString::fromUtf8(d.toJson(QJsonDocument::Compact));
        return s.size() > 300 ? s.left(300) + QStringLiteral("…") : s;
    }
    if (v.isUndefined())
        return QStringLiteral("(absent)");
    return QString::fromUtf8(QJsonDocument(QJsonArray{v}).toJson(QJsonDocument::Compact))
        .sliced(1)
        .chopped(1);
}

// The first difference between two JSON values as "path: expected X, got Y", or empty.
QString firstDifference(const QJsonValue &want, const QJsonValue &got, const QString &path) {
    const auto differ = [&] {
        return path + QStringLiteral(": expected ") + shown(want) + QStringLiteral(", got ") +
               shown(got);
    };
    if (want.type() != got.type())
        return differ();
    if (want.isObject()) {
        const QJsonObject a = want.toObject(), b = got.toObject();
        QStringList keys = a.keys() + b.keys();
        keys.removeDuplicates();
        keys.sort();
        for (const QString &k : std::as_const(keys)) {
            const QString d = firstDifference(a.value(k), b.value(k), path + u'.' + k);
            if (!d.isEmpty())
                return d;
        }
        return {};
    }
    if (want.isArray()) {
        const QJsonArray a = want.toArray(), b = got.toArray();
        for (qsizetype i = 0; i < std::min(a.size(), b.size()); ++i) {
            const QString d = firstDifference(a[i], b[i], path + u'[' + QString::number(i) + u']');
            if (!d.isEmpty())
                return d;
        }
        if (a.size() != b.size())
            return path + QStringLiteral(": expected ") + QString::number(a.size()) +
                   QStringLiteral(" elements, got ") + QString::number(b.size());
        return {};
    }
    return want == got ? QString() : differ();
}

// Parses `file`, writes the result to build/test-output/golden/NAME.json and compares it with
// tests/data/parse/NAME.json.
void checkGolden(const QString &name, const QString &file) {
    const QJsonDocument actual = parseJson(file);
    const QString outDir = QStringLiteral(LECTERN_TEST_OUTPUT_DIR "/golden");
    writeFile(outDir + u'/' + name + QStringLiteral(".json"),
              actual.toJson(QJsonDocument::Indented));
    const QString refPath = kReferenceDir + u'/' + name + QStringLiteral(".json");
    const QByteArray ref = readFile(refPath);
    INFO("reference " << refPath.toStdString()
                      << " (tests/data/update-golden.sh rewrites it from the current parser)");
    REQUIRE(!ref.isEmpty());
    QJsonParseError error;
    const QJsonDocument expected = QJsonDocument::fromJson(ref, &error);
    REQUIRE(error.error == QJsonParseError::NoError);
    const QString diff = firstDifference(expected.object(), actual.object(), QStringLiteral("$"));
    INFO("first difference: " << diff.toStdString());
    CHECK(diff.isEmpty());
}

void checkFixture(const QString &name, const QString &fileName, const QByteArray &text) {
    const QString path = scratchDir(QStringLiteral("golden-input/") + name) + u'/' + fileName;
    writeFile(path, text);
    checkGolden(name, path);
}

void checkSeed(const QString &prefix) {
    const QString path = seedPath(prefix);
    if (path.isEmpty())
        SKIP("../shared/seeds is absent: seed golden files not compared");
    checkGolden(QStringLiteral("seed-") + prefix, path);
}

} // namespace

TEST_CASE("golden: classic layout fixture") {
    checkFixture(QStringLiteral("layout-classic"), QStringLiteral("old-classic.md"), kOldClassic);
}

TEST_CASE("golden: headings layout fixture") {
    checkFixture(QStringLiteral("layout-headings"), QStringLiteral("2024-09-20.md"), kHeadings);
}

TEST_CASE("golden: badges layout fixture") {
    checkFixture(QStringLiteral("layout-badges"), QStringLiteral("badges.md"), kBadges);
}

TEST_CASE("golden: cards layout fixture") {
    checkFixture(QStringLiteral("layout-cards"), QStringLiteral("cards.md"), kCards);
}

TEST_CASE("golden: seed 000") {
    checkSeed(QStringLiteral("000"));
}

TEST_CASE("golden: seed 001") {
    checkSeed(QStringLiteral("001"));
}

TEST_CASE("golden: the comparison names the first differing value") {
    const QJsonObject a{{QStringLiteral("files"),
                         QJsonArray{QJsonObject{{QStringLiteral("keywords"),
                                                 QJsonArray{QStringLiteral("low-bit")}}}}}};
    const QJsonObject b{{QStringLiteral("files"),
                         QJsonArray{QJsonObject{{QStringLiteral("keywords"),
                                                 QJsonArray{QStringLiteral("low bit")}}}}}};
    CHECK(firstDifference(a, a, QStringLiteral("$")).isEmpty());
    CHECK(firstDifference(a, b, QStringLiteral("$")) ==
          QStringLiteral("$.files[0].keywords[0]: expected \"low-bit\", got \"low bit\""));
    const QJsonObject c{{QStringLiteral("files"), QJsonArray{}}};
    CHECK(firstDifference(a, c, QStringLiteral("$")) ==
          QStringLiteral("$.files: expected 1 elements, got 0"));
}
