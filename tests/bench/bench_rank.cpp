// bench_rank [N] [WORKDIR]: generates N synthetic papers (default 100000) as digests and
// imports them (not timed; the library in WORKDIR is reused when it has N papers), gives them
// user state (papers with one of a few words starred, about a quarter of the rest read), then
// prints, in wall and CPU time: reading every paper's text from the library, building the tf-idf
// index, training and scoring (liblinear) with the why lines, writing the scores; More like
// this over 100 papers; the memory of the index and model (its own count, and the heap's
// growth by mallinfo2). Targets: train + score under 3 s, More like this under
// 100 ms, model + vectors under 100 MB at 100k papers.
#include "benchlibrary.h"
#include "digestgenerator.h"
#include "rank/ranker.h"
#include "rank/rankmodel.h"
#include "store/library.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTextStream>

#include <malloc.h>
#include <sys/resource.h>

#include <algorithm>
#include <memory>
#include <vector>

using namespace lectern;
using namespace Qt::StringLiterals;

namespace {

QTextStream &out() {
    static QTextStream s(stdout);
    return s;
}

// Papers with one of three mid-frequency words starred; every 4th other paper read.
bool giveState(Library *lib) {
    const std::optional<QList<RankDocument>> docs = lib->rankDocuments();
    if (!docs)
        return false;
    const QStringList liked{bench::vocabularyWord(300), bench::vocabularyWord(420),
                            bench::vocabularyWord(555)};
    QList<qint64> starred, read;
    for (qsizetype i = 0; i < docs->size(); ++i) {
        const RankDocument &d = docs->at(i);
        bool likes = false;
        for (const QString &w : liked)
            likes = likes || d.title.contains(w);
        if (likes)
            starred << d.id;
        if (likes || i % 4 == 0)
            read << d.id;
    }
    out() << "state: " << starred.size() << " starred, " << read.size() << " read\n";
    QList<qint64> all;
    for (const RankDocument &d : *docs)
        all << d.id;
    return lib->setStarred(all, false) && lib->setRead(all, false) &&
           lib->setStarred(starred, true) && lib->setRead(read, true);
}

qint64 cpuMs() { // every thread of the process: the index is built on several
    rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return (ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1000 +
           (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1000;
}

// Wall and CPU time of consecutive phases, printed as they end.
struct Clock {
    QElapsedTimer wall;
    qint64 cpu = cpuMs();
    Clock() { wall.start(); }
    void lap(const QString &what) {
        const qint64 now = cpuMs();
        out() << what << ": " << wall.restart() << " ms wall, " << now - cpu << " ms CPU\n";
        cpu = now;
    }
};

size_t heapInUse() {
    const struct mallinfo2 m = mallinfo2();
    return m.uordblks + m.hblkhd;
}

} // namespace

int main(int argc, char **argv) {
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const int n = args.size() > 1 ? args.at(1).toInt() : 100000;
    const QString dir =
        args.size() > 2 ? args.at(2) : QDir::tempPath() + QStringLiteral("/bench_rank");
    QDir().mkpath(dir);
    const std::unique_ptr<Library> opened =
        bench::benchLibrary(dir, n, dir + QStringLiteral("/lib.sqlite"));
    if (!opened || !giveState(opened.get())) {
        out() << "setup failed: " << (opened ? opened->lastError() : QString()) << '\n';
        return 1;
    }
    Library &lib = *opened;
    // Each phase as RankEngine::update runs it, timed on the wall and on this thread's CPU
    // (the machine may be busy with other work: the CPU time is the cost).
    Clock clock;
    const std::optional<QList<RankDocument>> docs = lib.rankDocuments();
    if (!docs)
        return 1;
    clock.lap(u"read every paper (Library::rankDocuments)"_s);
    const size_t heapBefore = heapInUse();
    const RankIndex index = RankIndex::build(*docs);
    const size_t heapIndex = heapInUse() - heapBefore;
    clock.lap(u"tf-idf index (RankIndex::build)"_s);
    std::vector<int> labels;
    for (const RankDocument &d : *docs)
        labels.push_back(d.label());
    const RankOutcome outcome = Ranker::rank(index, labels);
    if (!outcome.trained()) {
        out() << "ranking failed: " << outcome.message() << '\n';
        return 1;
    }
    clock.lap(u"train + score + why (Ranker::rank)"_s);
    if (!lib.writeRankScores(outcome.scores))
        return 1;
    clock.lap(u"write the scores (one transaction)"_s);
    out() << "papers: " << n << ", terms: " << index.termCount() << ", positives "
          << outcome.positives << ", negatives " << outcome.negatives << '\n';

    std::vector<double> times;
    for (int i = 0; i < 100; ++i) {
        QElapsedTimer t;
        t.start();
        const auto similar = index.similar((i * 997) % index.size(), 20);
        times.push_back(double(t.nsecsElapsed()) / 1e6);
        if (similar.size() != 20)
            out() << "More like this: " << similar.size() << " papers\n";
    }
    std::sort(times.begin(), times.end());
    out() << "More like this (20 of " << n << "): median " << QString::number(times[50], 'f', 2)
          << " ms, max " << QString::number(times.back(), 'f', 2) << " ms\n";
    const std::optional<RankModel> model = RankModel::train(index, labels);
    out() << "memory: index " << index.memoryBytes() / (1024 * 1024) << " MB counted, heap growth "
          << qint64(heapIndex) / (1024 * 1024) << " MB (mallinfo2); model "
          << (model ? model->memoryBytes() / 1024 : -1) << " KB\n";
    out().flush();
    return 0;
}
