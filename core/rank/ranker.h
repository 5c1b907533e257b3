#pragma once

// "For you" over a RankIndex: counts what the user told (stars, notes, reads), trains the
// model when there are enough positives and scores every paper with its why line; with fewer
// than kMinPositives it says how many more stars it needs (cold start) and scores nothing, so
// the order falls back to the view's date order.

#include "model/rankdocument.h"
#include "rank/rankindex.h"

#include <QList>
#include <QString>

namespace lectern {

struct RankOutcome {
    int positives = 0, negatives = 0;
    int needMore = 0;        // cold start: stars (or notes) still needed; 0 when trained
    QList<RankScore> scores; // every paper of the index when trained, in index order
    QString error;           // training failed (the scores are empty)
    bool trained() const { return needMore == 0 && error.isEmpty(); }
    // What to tell the user: the cold-start sentence, the error, or how it learnt.
    QString message() const;
};

class Ranker {
public:
    static constexpr int kMinPositives = 5;
    static constexpr int kWhyTerms = 5;

    // labels[row]: RankDocument::label() of the index's papers, in index order.
    static RankOutcome rank(const RankIndex &index, const std::vector<int> &labels);
    // "Star 3 more papers (or write notes) and For you learns what you like; until then it
    // lists papers by date."
    static QString coldStartMessage(int needMore);
};

} // namespace lectern
