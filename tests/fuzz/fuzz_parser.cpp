// libFuzzer target for the digest parser (all layouts). Build with clang:
//   CC=clang CXX=clang++ cmake -B build-fuzz -G Ninja -DLECTERN_FUZZ=ON
//   cmake --build build-fuzz --target fuzz_parser
//   build-fuzz/tests/fuzz/fuzz_parser -max_total_time=600 tests/fuzz/corpus
#include "parse/digestparser.h"
#include "text/latextext.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    const QByteArrayView bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    const lectern::Digest d = lectern::DigestParser::parse(bytes, QStringLiteral("2024-09-20.md"));
    for (const lectern::Paper &p : d.papers) {
        if (p.keywords.size() != p.keywordHints.size())
            __builtin_trap();
        // The converters run on every parsed abstract and title in the app.
        (void)lectern::LatexText::toPlainText(p.title);
        (void)lectern::LatexText::toHtml(p.abstract, p.keywords);
    }
    if (d.hasErrors() && !d.papers.isEmpty())
        __builtin_trap();
    return 0;
}
