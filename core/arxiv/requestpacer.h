#pragma once

#include <QByteArray>
#include <QDateTime>

#include <functional>
#include <optional>

namespace lectern {

// Politeness towards arXiv: at most one request every `spacing` milliseconds, and after a 429
// or 503 a pause that doubles with each retry and honours the server's Retry-After. The clock
// and the wait are injectable, so tests check the spacing without sleeping.
class RequestPacer {
public:
    using Clock = std::function<qint64()>; // milliseconds, monotonic
    using Wait = std::function<void(qint64 ms, std::function<void()> then)>;

    static constexpr qint64 kDefaultSpacingMs = 3000;
    static constexpr qint64 kMaxBackoffMs = 5 * 60 * 1000;

    explicit RequestPacer(qint64 spacingMs = kDefaultSpacingMs);

    void setClock(Clock clock) { m_clock = std::move(clock); }
    void setWait(Wait wait) { m_wait = std::move(wait); }
    qint64 now() const { return m_clock(); }

    // Calls `start` once the next request may go out (at once when allowed), and records it.
    void whenAllowed(std::function<void()> start);
    // Milliseconds until the next request may start.
    qint64 delayBeforeNext() const;

    // After a refused request (429/503): waits at least 2^attempt * spacing (attempt from 0,
    // capped at kMaxBackoffMs), or the Retry-After the server asked for when that is longer.
    // Returns the delay chosen.
    qint64 backOff(int attempt, std::optional<qint64> retryAfterMs);

    // Retry-After as seconds ("120") or an HTTP date; nullopt when absent or unreadable.
    static std::optional<qint64> parseRetryAfter(const QByteArray &value, const QDateTime &nowUtc);

private:
    qint64 m_spacing;
    Clock m_clock;
    Wait m_wait;
    std::optional<qint64> m_lastStart;
    qint64 m_notBefore = 0;
};

} // namespace lectern
