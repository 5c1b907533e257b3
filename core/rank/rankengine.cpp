#include "rank/rankengine.h"

#include "store/library.h"

#include <QElapsedTimer>
#include <QHash>

namespace lectern {

namespace {

// A hash of every paper's id and text: the index is rebuilt only when it changes.
size_t textHash(const QList<RankDocument> &docs) {
    size_t h = qHash(docs.size());
    for (const RankDocument &d : docs) {
        h = qHashMulti(h, d.id, d.title, d.abstract);
        h = qHashMulti(h, d.authors, d.keywords);
    }
    return h;
}

} // namespace

bool RankEngine::refresh(Library &lib, QList<RankDocument> *docs, Timing *timing) {
    QElapsedTimer clock;
    clock.start();
    std::optional<QList<RankDocument>> read = lib.rankDocuments();
    if (!read)
        return false;
    *docs = std::move(*read);
    const size_t hash = textHash(*docs);
    if (timing)
        timing->readMs = clock.restart();
    if (!m_built || hash != m_textHash) {
        m_index = RankIndex::build(*docs);
        m_textHash = hash;
        m_built = true;
        if (timing) {
            timing->indexMs = clock.elapsed();
            timing->indexRebuilt = true;
        }
    }
    return true;
}

std::optional<RankOutcome> RankEngine::update(Library &lib, Timing *timing) {
    QList<RankDocument> docs;
    if (!refresh(lib, &docs, timing))
        return std::nullopt;
    QElapsedTimer clock;
    clock.start();
    // refresh() leaves the index's rows in the order of docs (built from them, or unchanged
    // text, ids included).
    std::vector<int> labels;
    labels.reserve(size_t(docs.size()));
    for (const RankDocument &d : docs)
        labels.push_back(d.label());
    RankOutcome outcome = Ranker::rank(m_index, labels);
    if (timing)
        timing->trainScoreMs = clock.restart();
    if (!lib.writeRankScores(outcome.scores))
        return std::nullopt;
    if (timing)
        timing->writeMs = clock.elapsed();
    return outcome;
}

std::optional<QList<SimilarPaper>> RankEngine::similar(Library &lib, qint64 id, int k) {
    if (!m_built || m_index.rowOf(id) < 0) { // a paper imported since the index was built
        QList<RankDocument> docs;
        if (!refresh(lib, &docs, nullptr))
            return std::nullopt;
    }
    QList<SimilarPaper> out;
    for (const RankIndex::Neighbour &n : m_index.similar(m_index.rowOf(id), k))
        out.append({m_index.id(n.row), double(n.cosine)});
    return out;
}

} // namespace lectern
