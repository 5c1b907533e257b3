// bench_rank [N] [WORKDIR]: generates N synthetic papers (default 100000) as digests and
// imports them (not timed; the library in WORKDIR is reused when it has N papers), gives them
// user state (papers with one of a few words starred, about a quarter of the rest read), then
// prints: reading every paper's text from the library, building the tf-idf index, training and
// scoring (liblinear) with the why lines, writing the scores; a second update with the index
// cached; More like this over 100 papers; the memory of the index and model (its own count,
// and the heap's growth by mallinfo2). Targets: train + score under 3 s, More like this under
// 100 ms, model + vectors under 100 MB at 100k papers.
#include "digestgenerator.h"
#include "rank/rankengine.h"
#include "rank/rankmodel.h"
#include "store/library.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTextStream>

#include <malloc.h>

#include <algorithm>
#include <memory>
#include <vector>

using namespace lectern;

namespace {

QTextStream &out() {
    static QTextStream s(stdout);
    return s;
}

std::unique_ptr<Library> ensureLibrary(const QString &dir, int n) {
    const QString path = dir + QStringLiteral("/lib.sqlite");
    if (QFile::exists(path)) {
        auto lib = std::make_unique<Library>();
        if (lib->open(path) && lib->query(QString(), SortOrder::Date, 0).total == n)
            return lib;
    }
    const QString digests = dir + QStringLiteral("/digests");
    QDir(digests).removeRecursively();
    QFile::remove(path);
    auto lib = std::make_unique<Library>();
    if (bench::generateDigests(digests, n) == 0 || !lib->open(path))
        return nullptr;
    const ImportStats s = lib->importPaths({digests});
    out() << "library: " << s.newPapers << " papers imported\n";
    return s.newPapers == n ? std::move(lib) : nullptr;
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
    const std::unique_ptr<Library> opened = ensureLibrary(dir, n);
    if (!opened || !giveState(opened.get())) {
        out() << "setup failed: " << (opened ? opened->lastError() : QString()) << '\n';
        return 1;
    }
    Library &lib = *opened;
    const size_t heapBefore = heapInUse();
    RankEngine engine;
    RankEngine::Timing first, second;
    const std::optional<RankOutcome> outcome = engine.update(lib, &first);
    const size_t heapAfter = heapInUse();
    if (!outcome || !outcome->trained()) {
        out() << "ranking failed: " << (outcome ? outcome->message() : lib.lastError()) << '\n';
        return 1;
    }
    engine.update(lib, &second);
    out() << "papers: " << n << ", terms: " << engine.index().termCount() << ", positives "
          << outcome->positives << ", negatives " << outcome->negatives << '\n';
    out() << "first update:  read " << first.readMs << " ms, index " << first.indexMs
          << " ms, train+score " << first.trainScoreMs << " ms, write " << first.writeMs << " ms\n";
    out() << "second update: read " << second.readMs << " ms, index (cached) " << second.indexMs
          << " ms, train+score " << second.trainScoreMs << " ms, write " << second.writeMs
          << " ms\n";

    std::vector<double> times;
    for (int i = 0; i < 100; ++i) {
        const qint64 id = engine.index().id((i * 997) % engine.index().size());
        QElapsedTimer t;
        t.start();
        const auto similar = engine.similar(lib, id, 20);
        times.push_back(double(t.nsecsElapsed()) / 1e6);
        if (!similar || similar->size() != 20)
            out() << "More like this: " << (similar ? similar->size() : -1) << " papers for " << id
                  << '\n';
    }
    std::sort(times.begin(), times.end());
    out() << "More like this (20 of " << n << "): median " << QString::number(times[50], 'f', 2)
          << " ms, max " << QString::number(times.back(), 'f', 2) << " ms\n";
    out() << "memory: index " << engine.index().memoryBytes() / (1024 * 1024)
          << " MB (counted), heap growth over the first update "
          << qint64(heapAfter - heapBefore) / (1024 * 1024) << " MB\n";
    out().flush();
    return 0;
}
