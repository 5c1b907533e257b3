#pragma once

// The library a benchmark measures: n synthetic papers (digestgenerator.h) imported into a
// library file, built once and reused by later runs.

#include "store/library.h"

#include <QString>

#include <memory>

namespace lectern::bench {

// The library at dbPath with n papers: reused when it holds n papers (LECTERN_BENCH_FRESH=1
// builds it anew), else made new from the digests in work/digests-N (written once) and
// imported, which is printed with its time. *built (when given) tells which. nullptr on
// failure, with the reason printed.
std::unique_ptr<Library> benchLibrary(const QString &work, int n, const QString &dbPath,
                                      bool *built = nullptr);

} // namespace lectern::bench
