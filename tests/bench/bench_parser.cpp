// Parser throughput on the seed digests (and on a synthetic one when ../shared is absent), and
// the cost of hostile input (issue 8, 4.11): a paper with 50,000 keywords to highlight, 5 MB
// abstracts of unclosed openers, a digest full of control characters.
// Run: build/tests/bench/bench_parser   (figures are bytes/s of digest text)
//
// Figures (Debian 13 build root, 2 cores shared with other builds; wall time per iteration):
//   before the one-pass fixes: HighlightManyKeywords ~54 s; LatexUnclosed bold ~17 s,
//     mathOpen ~6 s, italic ~4 s; ParseSeeds ~104 MiB/s (CPU time)
//   after: HighlightManyKeywords ~0.16 s; LatexUnclosed bold ~0.2 s, mathOpen ~0.45 s,
//     italic ~0.23 s; ParseSeeds ~106 MiB/s; ParseControlCharacters ~80 MiB/s
#include "parse/digestparser.h"
#include "text/latextext.h"

#include <benchmark/benchmark.h>

#include <QDir>
#include <QFile>

using namespace lectern;

namespace {

QList<QByteArray> seeds() {
    QList<QByteArray> out;
    const QDir dir(QStringLiteral(LECTERN_SHARED_DIR "/seeds"));
    for (const QString &name : dir.entryList({QStringLiteral("*.txt")}, QDir::Files)) {
        QFile f(dir.filePath(name));
        if (f.open(QIODevice::ReadOnly))
            out.append(f.readAll());
    }
    return out;
}

QByteArray synthetic() {
    QByteArray text = "# 2025-05-06\n\n";
    const QByteArray abstract = QByteArray("We study **sparse** attention with $O(N^2)$ cost, "
                                           "and propose a method that is faster.\n")
                                    .repeated(14);
    for (int i = 0; i < 100; ++i)
        text += "## Paper " + QByteArray::number(i) +
                "\n\n>Authors: A. Author, B. Author\n\n"
                ">2025-05-02\n\n> http://arxiv.org/abs/2505." +
                QByteArray::number(10000 + i) + "v1\n\n" + abstract + "\n\n";
    return text;
}

void BM_ParseSeeds(benchmark::State &state) {
    QList<QByteArray> inputs = seeds();
    if (inputs.isEmpty())
        inputs.append(synthetic());
    qint64 bytes = 0, papers = 0;
    for (auto _ : state) {
        for (const QByteArray &in : std::as_const(inputs)) {
            const Digest d = DigestParser::parse(in);
            papers += d.papers.size();
            bytes += in.size();
            benchmark::DoNotOptimize(d.papers.data());
        }
    }
    state.SetBytesProcessed(bytes);
    state.counters["papers/s"] = benchmark::Counter(double(papers), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_ParseSeeds)->Unit(benchmark::kMillisecond);

void BM_ParseSynthetic(benchmark::State &state) {
    const QByteArray in = synthetic();
    for (auto _ : state)
        benchmark::DoNotOptimize(DigestParser::parse(in).papers.size());
    state.SetBytesProcessed(qint64(state.iterations()) * in.size());
}
BENCHMARK(BM_ParseSynthetic)->Unit(benchmark::kMillisecond);

// One paper with 50,000 "**kN**" paragraphs, highlighted with its 50,000 keywords (one pass).
void BM_HighlightManyKeywords(benchmark::State &state) {
    QString source;
    QStringList terms;
    for (int i = 0; i < 50000; ++i) {
        const QString k = u'k' + QString::number(i);
        source += QStringLiteral("**") + k + QStringLiteral("** text\n\n");
        terms.append(k);
    }
    for (auto _ : state)
        benchmark::DoNotOptimize(LatexText::toHtml(source, terms).size());
    state.SetBytesProcessed(qint64(state.iterations()) * source.size() * 2);
}
BENCHMARK(BM_HighlightManyKeywords)->Unit(benchmark::kMillisecond);

// 5 MB abstracts of one unclosed opener repeated: each look-ahead must not rescan.
void BM_LatexUnclosed(benchmark::State &state, const QString &unit) {
    const QString source = unit.repeated(5 * 1024 * 1024 / unit.size());
    for (auto _ : state)
        benchmark::DoNotOptimize(LatexText::toPlainText(source).size());
    state.SetBytesProcessed(qint64(state.iterations()) * source.size() * 2);
}
BENCHMARK_CAPTURE(BM_LatexUnclosed, bold, QStringLiteral("**a "))->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_LatexUnclosed, mathOpen, QStringLiteral("\\(a "))
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_LatexUnclosed, italic, QStringLiteral("*a "))->Unit(benchmark::kMillisecond);

// A synthetic digest with an escape sequence on every line: the control-character pass.
void BM_ParseControlCharacters(benchmark::State &state) {
    QByteArray in = synthetic();
    in.replace("\n\n", "\x1b[0m\n\n");
    for (auto _ : state)
        benchmark::DoNotOptimize(DigestParser::parse(in).papers.size());
    state.SetBytesProcessed(qint64(state.iterations()) * in.size());
}
BENCHMARK(BM_ParseControlCharacters)->Unit(benchmark::kMillisecond);

} // namespace

BENCHMARK_MAIN();
