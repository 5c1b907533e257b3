#pragma once

// The "For you" model: a linear classifier over the tf-idf vectors of a RankIndex, trained with
// liblinear (L2-regularised logistic regression, primal trust-region Newton: deterministic, no
// random shuffling) on positives (starred or noted papers) and negatives (read, neither),
// classes weighed to balance them. A paper's score is w·x + b; its why line is the terms with
// the largest positive w_t·x_t.

#include "rank/rankindex.h"

#include <QString>
#include <QStringList>

#include <optional>
#include <span>
#include <vector>

namespace lectern {

class RankModel {
public:
    struct Contribution {
        quint32 term;
        double value; // w_t · x_t
    };

    // labels: one per row of index (+1, -1, 0 = not trained on). nullopt (and *error) when
    // there is not a positive and a negative, or liblinear refuses the problem.
    static std::optional<RankModel> train(const RankIndex &index, const std::vector<int> &labels,
                                          QString *error = nullptr);

    double score(std::span<const RankIndex::Entry> x) const;
    // The n largest positive contributions, largest first (ties: lower term first).
    std::vector<Contribution> top(std::span<const RankIndex::Entry> x, int n) const;
    // "+ speculative decoding, + KV cache, + Tri Dao": the n top terms as shown.
    QString why(const RankIndex &index, std::span<const RankIndex::Entry> x, int n = 5) const;
    double weight(quint32 term) const { return term < m_w.size() ? m_w[term] : 0.0; }
    qint64 memoryBytes() const { return qint64(m_w.capacity() * sizeof(double)); }

private:
    std::vector<double> m_w;
    double m_bias = 0;
};

} // namespace lectern
