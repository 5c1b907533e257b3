#pragma once

// "For you" over a Library: reads every paper (one query), keeps the tf-idf index in memory
// while the papers' text stays the same (a new import rebuilds it), trains and scores, and
// writes the scores and why lines back in one transaction; "More like this" from the same
// index. Not thread-safe: one engine per thread, with that thread's Library (the GUI keeps one
// on its DatabaseWorker; lectern-cli makes one per run).

#include "model/rankdocument.h"
#include "rank/ranker.h"
#include "rank/rankindex.h"

#include <QList>
#include <QString>

#include <optional>

namespace lectern {

class Library;

// A paper "like" another: its id and the cosine of their vectors.
struct SimilarPaper {
    qint64 id = 0;
    double cosine = 0;
};

class RankEngine {
public:
    struct Timing {
        qint64 readMs = 0, indexMs = 0, trainScoreMs = 0, writeMs = 0;
        bool indexRebuilt = false;
    };

    // Trains and scores from the library's state and writes the scores (cold start: clears
    // them). nullopt on a library failure (lib.lastError()).
    std::optional<RankOutcome> update(Library &lib, Timing *timing = nullptr);
    // The k papers nearest to paper `id` (none when it is not in the library); nullopt on a
    // library failure.
    std::optional<QList<SimilarPaper>> similar(Library &lib, qint64 id, int k = 20);

private:
    bool refresh(Library &lib, QList<RankDocument> *docs, Timing *timing);

    RankIndex m_index;
    size_t m_textHash = 0;
    bool m_built = false;
};

} // namespace lectern
