#include "countsloader.h"

#include <QThread>

namespace lectern {

CountsLoader::CountsLoader(const QString &databasePath, QObject *parent)
    : QObject(parent)
    , m_databasePath(databasePath) {}

CountsLoader::~CountsLoader() {
    if (m_thread) {
        m_thread->wait();
        delete m_thread;
    }
}

void CountsLoader::request() {
    if (m_running) {
        m_pending = true;
        return;
    }
    start();
}

void CountsLoader::start() {
    m_running = true;
    m_pending = false;
    if (m_thread) {
        m_thread->wait();
        delete m_thread;
    }
    m_thread = QThread::create([this] {
        Library library;
        if (!library.open(m_databasePath))
            return;
        Q_EMIT ready(library.counts()); // queued to the loader's thread
    });
    connect(m_thread, &QThread::finished, this, [this] {
        m_running = false;
        if (m_pending)
            start();
    });
    m_thread->start(QThread::LowPriority);
}

} // namespace lectern
