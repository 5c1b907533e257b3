#include "memorytrimmer.h"

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace lectern {

MemoryTrimmer::MemoryTrimmer(QObject *parent)
    : QObject(parent) {
#if defined(__GLIBC__)
    [[maybe_unused]] static const int fixed = mallopt(M_MMAP_THRESHOLD, MmapThreshold);
#endif
    m_timer.setSingleShot(true);
    m_timer.setInterval(DelayMs);
    connect(&m_timer, &QTimer::timeout, this, &MemoryTrimmer::trim);
}

void MemoryTrimmer::schedule() {
    m_timer.start(); // restarted: once, after the last request
}

// malloc_trim(0) returns the free memory of every arena (the worker threads' too).
void MemoryTrimmer::trim() {
#if defined(__GLIBC__)
    malloc_trim(0);
#endif
    ++m_trims;
}

} // namespace lectern
