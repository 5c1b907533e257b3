#include "arxiv/requestpacer.h"

#include <QTimer>

#include <algorithm>
#include <chrono>

namespace lectern {

RequestPacer::RequestPacer(qint64 spacingMs)
    : m_spacing(spacingMs)
    , m_clock([] {
        return std::chrono::duration_cast<std::chrono::milliseconds>(
                   std::chrono::steady_clock::now().time_since_epoch())
            .count();
    })
    , m_wait([](qint64 ms, std::function<void()> then) {
        QTimer::singleShot(std::chrono::milliseconds(ms), std::move(then));
    }) {}

qint64 RequestPacer::delayBeforeNext() const {
    const qint64 t = now();
    qint64 earliest = m_notBefore;
    if (m_lastStart)
        earliest = std::max(earliest, *m_lastStart + m_spacing);
    return std::max<qint64>(0, earliest - t);
}

void RequestPacer::whenAllowed(std::function<void()> start) {
    const qint64 delay = delayBeforeNext();
    m_wait(delay, [this, start = std::move(start)] {
        // The wait may end early (a timer's rounding): never start before the spacing allows.
        if (delayBeforeNext() > 0) {
            whenAllowed(start);
            return;
        }
        m_lastStart = now();
        start();
    });
}

qint64 RequestPacer::backOff(int attempt, std::optional<qint64> retryAfterMs) {
    const int shift = std::clamp(attempt, 0, 20);
    qint64 delay = std::min(kMaxBackoffMs, m_spacing << shift);
    if (retryAfterMs)
        delay = std::max(delay, std::min(*retryAfterMs, kMaxBackoffMs));
    m_notBefore = now() + delay;
    return delay;
}

std::optional<qint64> RequestPacer::parseRetryAfter(const QByteArray &value,
                                                    const QDateTime &nowUtc) {
    const QByteArray v = value.trimmed();
    if (v.isEmpty())
        return std::nullopt;
    bool ok = false;
    const qint64 seconds = v.toLongLong(&ok);
    if (ok)
        return seconds >= 0 ? std::optional<qint64>(seconds * 1000) : std::nullopt;
    // An HTTP date ("Tue, 06 May 2025 12:00:30 GMT"); Qt's RFC 2822 reader wants an offset.
    QString date = QString::fromLatin1(v);
    if (date.endsWith(u" GMT"))
        date.replace(date.size() - 3, 3, QStringLiteral("+0000"));
    const QDateTime when = QDateTime::fromString(date, Qt::RFC2822Date);
    if (!when.isValid())
        return std::nullopt;
    return std::max<qint64>(0, nowUtc.msecsTo(when));
}

} // namespace lectern
