#pragma once

#include "model/librarytypes.h"

#include <QObject>
#include <QString>
#include <QTimer>

#include <memory>

namespace lectern {

class DatabaseWorker;
class RankEngine;

// "For you" and "More like this" for the window: the ranking (core/rank's RankEngine, its
// tf-idf index kept in memory) lives on the DatabaseWorker's thread and is only used from
// there. A change of stars, notes or reads schedules an update once they settle (debounced);
// the worker trains, scores and writes the scores, then `updated` says so (the window reloads
// the For you view). `m` asks for the papers nearest the shown one; they are written as the
// is:similar list and `similarReady` asks the window to show that view.
class RankController : public QObject {
    Q_OBJECT
public:
    static constexpr int kSettleMs = 3000; // a burst of j/s/m changes trains once
    static constexpr int kSimilarCount = 20;

    RankController(DatabaseWorker *worker, QObject *parent = nullptr);
    ~RankController() override;

    void scheduleUpdate(); // after a change: trains kSettleMs after the last one (when wanted)
    void updateNow();
    // Whether a view needs the ranking now (For you is shown). Until then a change only marks
    // it stale: an update reads every paper's text and builds the index (at a million papers,
    // gigabytes and many seconds of the worker), so the window runs none at start-up or after
    // each read while For you is not shown. Showing For you updates a stale ranking.
    void setWanted(bool wanted);
    bool isStale() const { return m_stale; }
    void showSimilar(qint64 id);
    bool isUpdatePending() const { return m_settle.isActive() || m_updateJob != 0; }
    // What the last update said (cold start: how many more stars it needs).
    QString lastMessage() const { return m_message; }

    // The list's order and query of the ranking's views ("view:foryou", "view:similar"); other
    // views keep the list's own order (nullopt).
    static std::optional<SortOrder> sortForView(const QString &viewKey);

Q_SIGNALS:
    // orderChanged: For you went from the date order (cold start) to scores or back.
    void updated(bool trained, bool orderChanged, const QString &message);
    void similarReady(qint64 sourceId, int count);
    void message(const QString &text, int timeoutMs);

private:
    struct Outcome;
    void onJobDone(quint64 job);

    DatabaseWorker *m_worker;
    std::shared_ptr<RankEngine> m_engine; // used on the worker's thread only
    QTimer m_settle;
    quint64 m_updateJob = 0, m_similarJob = 0;
    std::shared_ptr<Outcome> m_updateOutcome, m_similarOutcome;
    QString m_message;
    bool m_trained = false;
    bool m_wanted = false;
    bool m_stale = true; // changes since the last update (this session: none ran yet)
};

} // namespace lectern
