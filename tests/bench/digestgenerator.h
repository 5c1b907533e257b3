#pragma once

#include <QString>

namespace lectern::bench {

// Writes synthetic digests shaped like the seeds (classic layout: date header, Table of
// Contents, "## Title", ">Authors:", ">date", "> http://arxiv.org/abs/IDvN", a ~1.3 KB
// abstract wrapped at ~80 columns with **bold** keywords and some $math$). Words follow a
// Zipf distribution over a synthetic vocabulary so searches behave like on real text.
// Papers have unique arXiv ids; files hold papersPerFile papers, one digest day each.
// Deterministic for a given seed. Returns the number of bytes written (0 on failure).
qint64 generateDigests(const QString &outDir, int papers, int papersPerFile = 100,
                       quint32 seed = 1);

// Common vocabulary words of the generator (rank 0 = most frequent), for typical queries.
QString vocabularyWord(int rank, quint32 seed = 1);

} // namespace lectern::bench
