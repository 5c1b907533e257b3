#pragma once

#include "store/databaseworker.h"

#include <QObject>
#include <QPointer>

namespace lectern {

// The sidebar counts, computed by the application's DatabaseWorker: over 100,000 papers
// Library::counts() takes far longer than a UI frame. Requests made while one is running are
// coalesced into one more run. A library that cannot be opened or counted is reported
// through failed(), never silently.
class CountsLoader : public QObject {
    Q_OBJECT
public:
    explicit CountsLoader(DatabaseWorker *worker, QObject *parent = nullptr);
    void request();

Q_SIGNALS:
    void ready(const lectern::Counts &counts);
    void failed(const QString &message);

private:
    QPointer<DatabaseWorker> m_worker;
    quint64 m_job = 0; // the request running, 0 when none
    bool m_pending = false;
};

} // namespace lectern
