#include "rankcontroller.h"

#include "rank/rankengine.h"
#include "store/databaseworker.h"
#include "store/library.h"

namespace lectern {

struct RankController::Outcome {
    bool done = false;
    bool trained = false;
    QString message; // an update's; an error
    qint64 source = 0;
    int count = 0;
};

RankController::RankController(DatabaseWorker *worker, QObject *parent)
    : QObject(parent)
    , m_worker(worker)
    , m_engine(std::make_shared<RankEngine>()) {
    m_settle.setSingleShot(true);
    m_settle.setInterval(kSettleMs);
    connect(&m_settle, &QTimer::timeout, this, &RankController::updateNow);
    connect(m_worker, &DatabaseWorker::jobDone, this, &RankController::onJobDone);
}

RankController::~RankController() = default;

std::optional<SortOrder> RankController::sortForView(const QString &viewKey) {
    if (viewKey == QLatin1String("view:foryou"))
        return SortOrder::ForYou;
    if (viewKey == QLatin1String("view:similar"))
        return SortOrder::Similar;
    return std::nullopt;
}

void RankController::scheduleUpdate() {
    m_stale = true;
    if (m_wanted)
        m_settle.start();
}

void RankController::setWanted(bool wanted) {
    m_wanted = wanted;
    if (!wanted)
        m_settle.stop(); // stays stale until For you is shown again
    else if (m_stale && !isUpdatePending())
        updateNow();
}

void RankController::updateNow() {
    m_settle.stop();
    if (m_updateJob != 0) { // one at a time: the running one is followed by another
        m_settle.start();
        return;
    }
    m_stale = false;
    auto outcome = std::make_shared<Outcome>();
    const std::shared_ptr<RankEngine> engine = m_engine;
    m_updateJob = m_worker->post([outcome, engine](Library &lib, const std::function<bool()> &) {
        const std::optional<RankOutcome> r = engine->update(lib);
        outcome->done = bool(r);
        outcome->trained = r && r->trained();
        outcome->message = r ? r->message() : lib.lastError();
    });
    m_updateOutcome = outcome;
}

void RankController::showSimilar(qint64 id) {
    if (id == 0 || m_similarJob != 0)
        return;
    auto outcome = std::make_shared<Outcome>();
    outcome->source = id;
    const std::shared_ptr<RankEngine> engine = m_engine;
    m_similarJob =
        m_worker->post([outcome, engine, id](Library &lib, const std::function<bool()> &) {
            const std::optional<QList<SimilarPaper>> similar =
                engine->similar(lib, id, kSimilarCount);
            QList<qint64> ids;
            for (const SimilarPaper &s : similar.value_or(QList<SimilarPaper>()))
                ids << s.id;
            outcome->done = similar && lib.writeSimilar(ids);
            outcome->count = int(ids.size());
            if (!outcome->done)
                outcome->message = lib.lastError();
        });
    m_similarOutcome = outcome;
    Q_EMIT message(tr("Finding papers like this one…"), 3000);
}

void RankController::onJobDone(quint64 job) {
    if (job != 0 && job == m_updateJob) {
        const std::shared_ptr<Outcome> o = std::move(m_updateOutcome);
        m_updateJob = 0;
        if (!o->done) {
            Q_EMIT message(tr("For you could not be updated: %1").arg(o->message), 8000);
            return;
        }
        m_message = o->message;
        const bool orderChanged = o->trained != m_trained;
        m_trained = o->trained;
        Q_EMIT updated(o->trained, orderChanged, o->message);
    } else if (job != 0 && job == m_similarJob) {
        const std::shared_ptr<Outcome> o = std::move(m_similarOutcome);
        m_similarJob = 0;
        if (!o->done) {
            Q_EMIT message(tr("More like this failed: %1").arg(o->message), 8000);
            return;
        }
        Q_EMIT similarReady(o->source, o->count);
    }
}

} // namespace lectern
