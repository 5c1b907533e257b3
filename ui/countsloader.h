#pragma once

#include "store/library.h"

#include <QObject>

class QThread;

namespace lectern {

// Computes the sidebar counts in a worker thread with its own Library connection: over 100,000
// papers Library::counts() takes far longer than a UI frame. Requests made while one is running
// are coalesced into one more run.
class CountsLoader : public QObject {
    Q_OBJECT
public:
    explicit CountsLoader(const QString &databasePath, QObject *parent = nullptr);
    ~CountsLoader() override;
    void request();
    bool isBusy() const { return m_running; }

Q_SIGNALS:
    void ready(const lectern::Counts &counts);

private:
    void start();
    QString m_databasePath;
    QThread *m_thread = nullptr;
    bool m_running = false;
    bool m_pending = false;
};

} // namespace lectern
