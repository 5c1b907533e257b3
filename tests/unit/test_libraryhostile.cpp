// Library import on hostile input: costs that must stay linear, cancels that must be prompt.
// Slow (hundreds of thousands of papers): LABEL slow.
#include "libraryfixtures.h"
#include "store/library.h"
#include "testsupport.h"

#include <catch2/catch_test_macros.hpp>

#include <QElapsedTimer>

using namespace lectern;
using namespace lectern::test;

namespace {

QByteArray manyPapers(int n, bool withLinks) {
    QList<FixturePaper> papers;
    papers.reserve(n);
    for (int i = 0; i < n; ++i) {
        FixturePaper p{QString(),
                       1,
                       QStringLiteral("Paper number %1 on hostile input").arg(i),
                       QStringLiteral("Ann Author"),
                       QStringLiteral("2025-05-01"),
                       QStringLiteral("A short abstract.")};
        if (withLinks) // 2501.00000 ... 2502.99999
            p.id = QString::number(2501 + i / 100000) + QLatin1Char('.') +
                   QStringLiteral("%1").arg(i % 100000, 5, 10, QLatin1Char('0'));
        papers << p;
    }
    return digestText(QStringLiteral("2025-05-06"), papers);
}

} // namespace

TEST_CASE("100k papers without a link import in linear time (generous bound: 30 s)") {
    const QString dir = scratchDir(QStringLiteral("hostile-linkless"));
    writeFile(dir + QStringLiteral("/linkless.md"), manyPapers(100000, false));
    Library lib;
    REQUIRE(lib.open(dir + QStringLiteral("/lib.sqlite")));
    QElapsedTimer t;
    t.start();
    const ImportStats s = lib.importPaths({dir + QStringLiteral("/linkless.md")});
    const qint64 ms = t.elapsed();
    INFO("import took " << ms << " ms");
    CHECK(s.newPapers == 100000);
    CHECK(ms < 30000);
    REQUIRE(s.results.size() == 1);
    CHECK(s.results.first().diagnostics.size() <= 101); // capped, not 100k warnings
}

TEST_CASE("a 200k-paper file cancelled after its first chunk leaves nothing of it") {
    const QString dir = scratchDir(QStringLiteral("hostile-cancel"));
    writeFile(dir + QStringLiteral("/big.md"), manyPapers(200000, true));
    Library lib;
    REQUIRE(lib.open(dir + QStringLiteral("/lib.sqlite")));
    int callsForFile = 0;
    const ImportStats s =
        lib.importPaths({dir + QStringLiteral("/big.md")}, [&](int, int, const QString &path) {
            if (path.isEmpty())
                return true;
            return ++callsForFile < 2; // before it, 1st chunk
        });
    CHECK(s.cancelled);
    CHECK(callsForFile == 2);
    CHECK(s.newPapers == 0);
    CHECK(lib.query(QString()).total == 0);
    CHECK(lib.query(QStringLiteral("digest:2025-05-06")).total == 0);
}
