// InputFile: only regular files are read, within a size limit, and nothing blocks.
#include "io/inputfile.h"
#include "testsupport.h"

#include <catch2/catch_test_macros.hpp>

#include <QDir>
#include <QElapsedTimer>
#include <QFile>

#include <sys/stat.h>
#include <unistd.h>

using namespace lectern;

namespace {

struct Read {
    std::optional<QByteArray> data;
    QString error;
};

Read readPath(const QString &path, qint64 maxBytes = InputFile::kMaxBytes) {
    Read r;
    r.data = InputFile::read(path, &r.error, maxBytes);
    return r;
}

} // namespace

TEST_CASE("InputFile reads a regular file whole, and through a symlink", "[inputfile]") {
    const QString dir = test::scratchDir(QStringLiteral("inputfile-regular"));
    const QByteArray text = "# 2025-05-06\n\nhello\n";
    test::writeFile(dir + u"/a.md", text);
    const Read r = readPath(dir + u"/a.md");
    REQUIRE(r.data.has_value());
    CHECK(*r.data == text);
    CHECK(r.error.isEmpty());

    REQUIRE(QFile::link(dir + u"/a.md", dir + u"/link.md"));
    const Read viaLink = readPath(dir + u"/link.md");
    REQUIRE(viaLink.data.has_value());
    CHECK(*viaLink.data == text);
    CHECK(InputFile::isRegularFile(dir + u"/link.md"));

    test::writeFile(dir + u"/empty.md", QByteArray());
    const Read empty = readPath(dir + u"/empty.md");
    REQUIRE(empty.data.has_value());
    CHECK(empty.data->isEmpty());
}

TEST_CASE("InputFile refuses devices, FIFOs, folders and links to them at once", "[inputfile]") {
    const QString dir = test::scratchDir(QStringLiteral("inputfile-special"));
    const QString fifo = dir + u"/x.md";
    REQUIRE(::mkfifo(QFile::encodeName(fifo).constData(), 0600) == 0);
    REQUIRE(QFile::link(QStringLiteral("/dev/zero"), dir + u"/zero.md"));

    struct Case {
        QString path;
        QString says;
    };
    const QList<Case> cases = {{QStringLiteral("/dev/zero"), QStringLiteral("device")},
                               {dir + u"/zero.md", QStringLiteral("device")},
                               {fifo, QStringLiteral("FIFO")},
                               {dir, QStringLiteral("folder")}};
    for (const Case &c : cases) {
        INFO(c.path.toStdString());
        QElapsedTimer timer;
        timer.start();
        const Read r = readPath(c.path);
        CHECK_FALSE(r.data.has_value());
        CHECK(r.error.contains(c.path));
        CHECK(r.error.contains(c.says));
        CHECK(r.error.contains(QStringLiteral("not a regular file")));
        CHECK(timer.elapsed() < 5000); // a blocking open or read would never return
        CHECK_FALSE(InputFile::isRegularFile(c.path));
    }
}

TEST_CASE("InputFile refuses a file over the limit and names the limit", "[inputfile]") {
    const QString dir = test::scratchDir(QStringLiteral("inputfile-large"));
    test::writeFile(dir + u"/big.md", QByteArray(3 * 1024 * 1024, 'a'));
    const Read big = readPath(dir + u"/big.md", 2 * 1024 * 1024);
    CHECK_FALSE(big.data.has_value());
    CHECK(big.error.contains(dir + u"/big.md"));
    CHECK(big.error.contains(QStringLiteral("2 MB")));

    const Read fits = readPath(dir + u"/big.md", 3 * 1024 * 1024);
    REQUIRE(fits.data.has_value());
    CHECK(fits.data->size() == 3 * 1024 * 1024);
}

TEST_CASE("InputFile names the file and the cause when it cannot open it", "[inputfile]") {
    const QString dir = test::scratchDir(QStringLiteral("inputfile-missing"));
    const Read missing = readPath(dir + u"/nope.md");
    CHECK_FALSE(missing.data.has_value());
    CHECK(missing.error.contains(dir + u"/nope.md"));
    CHECK(missing.error.contains(QStringLiteral("No such file")));

    // A path with a '%1' in it is quoted as it is (the message is not built with chained arg).
    const QString odd = dir + u"/100%1 sure.md";
    const Read oddMissing = readPath(odd);
    CHECK(oddMissing.error.contains(odd));
}
