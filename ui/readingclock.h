#pragma once

#include <QDate>
#include <QHash>
#include <QList>

#include <functional>

namespace lectern {

// Time spent reading each digest in this session (the window's lifetime): the time a paper is
// shown counts for the digests it appeared in, at most MaxPerPaperMs per showing (a paper left
// on screen over lunch is not an hour of reading). The clock is injectable for tests.
class ReadingClock {
public:
    static constexpr qint64 MaxPerPaperMs = 10 * 60 * 1000;

    // now: milliseconds on a monotonic clock; empty: QElapsedTimer's.
    explicit ReadingClock(std::function<qint64()> now = {});

    // A paper of these digests is shown from now on; the previous one's time is counted.
    void paperShown(const QList<QDate> &digests);
    // Milliseconds spent on papers of the digest, the paper shown now included.
    qint64 msIn(QDate digest) const;
    // "45 s", "12 min", "1 h 5 min".
    static QString format(qint64 ms);

private:
    qint64 shownFor() const;

    std::function<qint64()> m_now;
    QHash<QDate, qint64> m_spent;
    QList<QDate> m_current;
    qint64 m_since = 0;
};

} // namespace lectern
