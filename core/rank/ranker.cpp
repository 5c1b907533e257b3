#include "rank/ranker.h"

#include "rank/rankmodel.h"

namespace lectern {

QString RankOutcome::message() const {
    if (needMore > 0)
        return Ranker::coldStartMessage(needMore);
    if (!error.isEmpty())
        return QStringLiteral("For you could not learn: ") + error;
    return QStringLiteral("For you learnt from %1 starred or noted and %2 read papers")
        .arg(QString::number(positives), QString::number(negatives));
}

QString Ranker::coldStartMessage(int needMore) {
    return QStringLiteral("For you needs %1 more starred (or noted) %2 to learn what you like; "
                          "until then it lists papers by date")
        .arg(QString::number(needMore),
             needMore == 1 ? QStringLiteral("paper") : QStringLiteral("papers"));
}

RankOutcome Ranker::rank(const RankIndex &index, const std::vector<int> &labels) {
    RankOutcome out;
    for (int label : labels)
        label > 0 ? ++out.positives : (label < 0 ? ++out.negatives : 0);
    if (out.positives < kMinPositives) {
        out.needMore = kMinPositives - out.positives;
        return out;
    }
    const std::optional<RankModel> model = RankModel::train(index, labels, &out.error);
    if (!model)
        return out;
    out.scores.reserve(index.size());
    for (int row = 0; row < index.size(); ++row) {
        const auto x = index.vector(row);
        out.scores.append({index.id(row), model->score(x), model->why(index, x, kWhyTerms)});
    }
    return out;
}

} // namespace lectern
