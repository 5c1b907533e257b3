// Robustness: prefixes and random byte mutations of a seed never crash or hang the parser.
// (ctest gives this test a time limit; a hang fails it.)
#include "layoutfixtures.h"
#include "parse/digestparser.h"
#include "testsupport.h"

#include <catch2/catch_test_macros.hpp>

#include <random>

using namespace lectern;

namespace {

QByteArray seedOrSkip() {
    const QString path = test::seedPath(QStringLiteral("000"));
    if (path.isEmpty())
        SKIP("../shared/seeds is absent: mutation tests skipped");
    return test::readFile(path);
}

// Invariants that must hold for any input.
void checkSane(const Digest &d) {
    if (d.hasErrors())
        CHECK(d.papers.isEmpty());
    for (const Paper &p : d.papers) {
        CHECK(p.line >= 1);
        CHECK(p.keywords.size() == p.keywordHints.size());
    }
    for (const Diagnostic &x : d.diagnostics)
        CHECK(!x.message.isEmpty());
}

} // namespace

TEST_CASE("every line-boundary prefix of a seed, and bytes around it, parses") {
    const QByteArray seed = seedOrSkip();
    qsizetype pos = 0;
    int parsed = 0;
    qsizetype previousPapers = 0;
    while (pos >= 0 && pos < seed.size()) {
        for (qsizetype cut : {pos - 1, pos, pos + 1}) {
            if (cut < 0 || cut > seed.size())
                continue;
            const Digest d = DigestParser::parse(QByteArrayView(seed).first(cut));
            checkSane(d);
            ++parsed;
            if (cut == pos) {
                CHECK(d.papers.size() >= previousPapers); // a longer prefix never loses papers
                previousPapers = d.papers.size();
            }
        }
        pos = seed.indexOf('\n', pos + 1);
    }
    CHECK(previousPapers >= 107);
    CHECK(parsed > 3000);
    for (qsizetype cut = 0; cut < 4096; ++cut) // every byte prefix of the head (date, ToC)
        checkSane(DigestParser::parse(QByteArrayView(seed).first(cut)));
}

TEST_CASE("2,000 random byte mutations of a seed parse without crashing") {
    const QByteArray seed = seedOrSkip();
    std::mt19937 rng(20261125);
    const char interesting[] = {'\0', '\r', '\n', '#', '>', '*',        '[',
                                ']',  '(',  ')',  '!', '$', '\\',       '{',
                                '}',  '-',  '|',  '<', ' ', char(0xC3), char(0xFF)};
    for (int i = 0; i < 2000; ++i) {
        QByteArray m = seed;
        const int edits = 1 + int(rng() % 16);
        for (int e = 0; e < edits && !m.isEmpty(); ++e) {
            const qsizetype at = qsizetype(rng() % quint32(m.size()));
            const char byte = (rng() % 2) ? interesting[rng() % sizeof(interesting)] : char(rng());
            switch (rng() % 4) {
            case 0:
                m[at] = byte;
                break;
            case 1:
                m.insert(at, byte);
                break;
            case 2:
                m.remove(at, 1 + qsizetype(rng() % 64));
                break;
            default: // duplicate a chunk: repeated headings, links, badges
                m.insert(at, m.mid(qsizetype(rng() % quint32(m.size())), qsizetype(rng() % 200)));
                break;
            }
        }
        checkSane(DigestParser::parse(m, QStringLiteral("2025-01-01.md")));
    }
}

TEST_CASE("mutations of every layout's fixture parse without crashing") {
    std::mt19937 rng(7);
    const char interesting[] = {'\0', '\r', '\n', '#', '>', '*', '[', ']', '(',        ')',
                                '!',  '-',  '_',  '%', '|', '<', '/', ' ', char(0xE4), char(0x80)};
    for (const QByteArray &fixture :
         {test::kOldClassic, test::kHeadings, test::kBadges, test::kCards}) {
        for (qsizetype cut = 0; cut <= fixture.size(); ++cut)
            checkSane(DigestParser::parse(QByteArrayView(fixture).first(cut)));
        for (int i = 0; i < 2000; ++i) {
            QByteArray m = fixture;
            const int edits = 1 + int(rng() % 6);
            for (int e = 0; e < edits && !m.isEmpty(); ++e) {
                const qsizetype at = qsizetype(rng() % quint32(m.size()));
                const char byte = interesting[rng() % sizeof(interesting)];
                if (rng() % 2)
                    m[at] = byte;
                else
                    m.insert(at, byte);
            }
            checkSane(DigestParser::parse(m, QStringLiteral("2024-09-20.md")));
        }
    }
}
