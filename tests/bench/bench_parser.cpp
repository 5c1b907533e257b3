// Parser throughput on the seed digests (and on a synthetic one when ../shared is absent).
// Run: build/tests/bench/bench_parser   (figures are bytes/s of digest text)
#include "parse/digestparser.h"

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

} // namespace

BENCHMARK_MAIN();
