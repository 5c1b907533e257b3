#include "rank/rankmodel.h"

#include <linear.h>

#include <algorithm>

namespace lectern {

namespace {

void quiet(const char *) {}

// The training problem in liblinear's layout: one feature_node row per labelled paper (1-based
// terms, then the bias feature, then the -1 end mark).
struct Problem {
    std::vector<feature_node> nodes;
    std::vector<feature_node *> rows;
    std::vector<double> y;
    int positives = 0, negatives = 0;

    Problem(const RankIndex &index, const std::vector<int> &labels) {
        const int biasFeature = index.termCount() + 1;
        std::vector<size_t> starts;
        for (int row = 0; row < index.size(); ++row) {
            const int label = labels[size_t(row)];
            if (label == 0)
                continue;
            label > 0 ? ++positives : ++negatives;
            y.push_back(label > 0 ? 1.0 : -1.0);
            starts.push_back(nodes.size());
            for (const RankIndex::Entry &e : index.vector(row))
                nodes.push_back({int(e.term) + 1, double(e.weight)});
            nodes.push_back({biasFeature, 1.0});
            nodes.push_back({-1, 0.0});
        }
        for (size_t s : starts)
            rows.push_back(nodes.data() + s);
    }
};

} // namespace

std::optional<RankModel> RankModel::train(const RankIndex &index, const std::vector<int> &labels,
                                          QString *error) {
    Problem p(index, labels);
    if (p.positives == 0 || p.negatives == 0) {
        if (error)
            *error = QStringLiteral("training needs a starred or noted paper and a read one");
        return std::nullopt;
    }
    problem prob{};
    prob.l = int(p.y.size());
    prob.n = index.termCount() + 1;
    prob.y = p.y.data();
    prob.x = p.rows.data();
    prob.bias = 1.0;
    // Balanced classes: each side weighs as much as the other in total.
    int weightLabels[] = {1, -1};
    double weights[] = {double(p.negatives) / double(p.positives), 1.0};
    parameter param{};
    param.solver_type = L2R_LR;
    param.eps = 0.01;
    param.C = 1.0;
    param.nr_weight = 2;
    param.weight_label = weightLabels;
    param.weight = weights;
    param.p = 0.1;
    param.init_sol = nullptr;
    if (const char *bad = check_parameter(&prob, &param)) {
        if (error)
            *error = QStringLiteral("liblinear: ") + QString::fromUtf8(bad);
        return std::nullopt;
    }
    set_print_string_function(&quiet);
    model *m = ::train(&prob, &param);
    if (!m) {
        if (error)
            *error = QStringLiteral("liblinear could not train the model");
        return std::nullopt;
    }
    // Two classes: the decision value is for label[0]; turn it to "positive".
    const double sign = m->label[0] == 1 ? 1.0 : -1.0;
    RankModel result;
    result.m_w.resize(size_t(index.termCount()));
    for (int t = 0; t < index.termCount(); ++t)
        result.m_w[size_t(t)] = sign * get_decfun_coef(m, t + 1, 0);
    result.m_bias = sign * get_decfun_coef(m, index.termCount() + 1, 0);
    free_and_destroy_model(&m);
    return result;
}

double RankModel::score(std::span<const RankIndex::Entry> x) const {
    double s = m_bias;
    for (const RankIndex::Entry &e : x)
        s += weight(e.term) * double(e.weight);
    return s;
}

std::vector<RankModel::Contribution> RankModel::top(std::span<const RankIndex::Entry> x,
                                                    int n) const {
    std::vector<Contribution> c;
    for (const RankIndex::Entry &e : x) {
        const double v = weight(e.term) * double(e.weight);
        if (v > 0)
            c.push_back({e.term, v});
    }
    const auto larger = [](const Contribution &a, const Contribution &b) {
        return a.value != b.value ? a.value > b.value : a.term < b.term;
    };
    if (c.size() > size_t(n)) {
        std::partial_sort(c.begin(), c.begin() + n, c.end(), larger);
        c.resize(size_t(n));
    } else {
        std::sort(c.begin(), c.end(), larger);
    }
    return c;
}

// A keyword and a word of the abstract can read the same ("low-bit"): each text once, the
// next term taking the place of a repeat.
QString RankModel::why(const RankIndex &index, std::span<const RankIndex::Entry> x, int n) const {
    QStringList parts;
    QStringList seen;
    for (const Contribution &c : top(x, int(x.size()))) {
        const QString display = index.display(c.term);
        if (seen.contains(display, Qt::CaseInsensitive))
            continue;
        seen << display;
        parts << QStringLiteral("+ ") + display;
        if (parts.size() == n)
            break;
    }
    return parts.join(QStringLiteral(", "));
}

} // namespace lectern
