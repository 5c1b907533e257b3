#pragma once

#include <QObject>
#include <QTimer>

namespace lectern {

// Gives the C library's free heap back to the system once the window's queries have settled.
// A broad search at a million papers makes SQLite allocate ~100 MB for a moment (FTS5 merging
// the doclists of every word of a short prefix, on this thread or on the worker's); malloc
// keeps what is freed in its arenas, so the window's resident memory kept the peak (180 MB
// after typing; 116 MB after malloc_trim). schedule() after each query or count: the trim runs
// once, DelayMs after the last one (a few ms, on the calling thread).
// The first trimmer also fixes malloc's mmap threshold at MmapThreshold for the process: blocks
// that large (FTS5's merge buffers) are mapped and unmapped each time instead of the
// threshold rising to them and their memory staying in the arenas until a trim. A count on the
// worker landing before the window's own trim otherwise added its peak to what typing had left
// (1M papers, a broad search left standing: VmHWM 134-155 MB in six runs; 136-137 MB in three
// with the threshold fixed; tests/bench/README.md, session 20).
class MemoryTrimmer : public QObject {
    Q_OBJECT
public:
    static constexpr int DelayMs = 1000;
    static constexpr int MmapThreshold = 128 * 1024; // glibc's default before it adapts
    explicit MemoryTrimmer(QObject *parent = nullptr);
    void schedule();
    int trims() const { return m_trims; } // for tests

private:
    void trim();
    QTimer m_timer;
    int m_trims = 0;
};

} // namespace lectern
