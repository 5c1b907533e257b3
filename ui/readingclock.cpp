#include "readingclock.h"

#include <QCoreApplication>
#include <QElapsedTimer>

#include <memory>
#include <utility>

namespace lectern {

ReadingClock::ReadingClock(std::function<qint64()> now)
    : m_now(std::move(now)) {
    if (!m_now) {
        auto timer = std::make_shared<QElapsedTimer>();
        timer->start();
        m_now = [timer] { return timer->elapsed(); };
    }
    m_since = m_now();
}

qint64 ReadingClock::shownFor() const {
    return qBound<qint64>(0, m_now() - m_since, MaxPerPaperMs);
}

void ReadingClock::paperShown(const QList<QDate> &digests) {
    const qint64 spent = shownFor();
    for (const QDate &d : std::as_const(m_current))
        m_spent[d] += spent;
    m_current = digests;
    m_since = m_now();
}

qint64 ReadingClock::msIn(QDate digest) const {
    return m_spent.value(digest) + (m_current.contains(digest) ? shownFor() : 0);
}

QString ReadingClock::format(qint64 ms) {
    const qint64 s = ms / 1000;
    if (s < 60)
        return QCoreApplication::translate("ReadingClock", "%1 s").arg(s);
    const qint64 min = s / 60;
    if (min < 60)
        return QCoreApplication::translate("ReadingClock", "%1 min").arg(min);
    return QCoreApplication::translate("ReadingClock", "%1 h %2 min")
        .arg(QString::number(min / 60), QString::number(min % 60));
}

} // namespace lectern
