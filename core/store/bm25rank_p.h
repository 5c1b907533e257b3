#pragma once

// Internal to core/store: lectern_bm25(fts, weights...), FTS5's bm25() computed the same way
// (the same formula, k1 = 1.2, b = 0.75, the same sums in the same order: equal up to the
// rounding of the last bits, bit for bit where both are built alike) but with each row's
// length in tokens read through one blob handle on main.fts_docsize instead of a statement per
// row. At a million papers that read was three quarters of bm25()'s cost ("cha": 0.85 s for
// 686k matches, of which 0.19 s the match itself). Checked against FTS5's own length on the
// first row and one in 4,096 (on another FTS5 table, FTS5's lengths are used). Registered with
// the tokenizer (FtsTokenizer::registerWith) on every connection that searches the index.

#include <QString>

struct sqlite3;

namespace lectern {

class Bm25Rank {
public:
    static constexpr const char *kFunction = "lectern_bm25";

    // Registers lectern_bm25 as an FTS5 auxiliary function on db.
    static bool registerWith(sqlite3 *db, QString *error = nullptr);
};

} // namespace lectern
