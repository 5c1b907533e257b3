#pragma once

#include "store/databaseworker.h"

#include <QObject>
#include <QPointer>

#include <optional>

namespace lectern {

// How far the reader is through the current view: read of total papers of a query, counted by
// the application's DatabaseWorker (Library::totalAndRead, one pass over the matches; over
// 100,000 papers too slow for the UI thread). A request made while one runs is coalesced into one
// more run for the latest query. Must be created after the worker (so the worker stops before this
// is destroyed).
class ViewProgress : public QObject {
    Q_OBJECT
public:
    explicit ViewProgress(DatabaseWorker *worker, QObject *parent = nullptr);
    void request(const QString &query);

    // "37/108 read" (an empty string for an empty view).
    static QString text(int read, int total);

Q_SIGNALS:
    void ready(const QString &query, int read, int total);

private:
    QPointer<DatabaseWorker> m_worker;
    quint64 m_job = 0; // the request running, 0 when none
    std::optional<QString> m_pending;
};

} // namespace lectern
