#pragma once

// Internal to core/store: a compiled query planned as SQL over "papers p" for one sort order
// (queryplan.cpp), and run by Library::query and its counts (libraryquery.cpp).

#include "model/librarytypes.h"
#include "search/querylanguage.h"

#include <QString>
#include <QVariant>
#include <QVariantList>

#include <optional>

namespace lectern {

// A compiled query as SQL over "papers p": FROM, WHERE, ORDER BY, the index to walk for the
// order, and the values to bind.
struct QueryPlan {
    QString from, where, order, walk;
    bool walkTitle = false;      // walk is the title index, which a large import drops for a while
    bool walkGivesOrder = false; // walk gives every key of the order (date, digest, title)
    QString probeWhere;          // `where` with per-row probes in place of sets (for a walk)
    bool probeMatches = false;   // probeWhere asks lectern_match of each row (µs a row)
    // By date with an FTS5 match: probeWhere for the matches from rowid ? (bound after the
    // match) dated on or after ? (bound last), see dateBound(); else empty.
    QString boundedWhere;
    QVariantList binds;
    QVariant match;         // the FTS5 expression, when there is one
    bool matchOnly = false; // only free words: FTS5 counts its own matches
    bool collect = false;   // matchOnly, not by relevance: counted by collectMatches()
    QString idSet;          // the one condition is a set of distinct ids: count it alone
    QString counted;        // FROM + WHERE whose rows are the matches (no relevance join)
    QVariantList countBinds;
    // The same driven by the FTS5 match or a set, read as it comes (for a capped count).
    QString streamed;
    QVariantList streamBinds;
    // A prefix match by date, digest or title: every row of the order's walk with whether it
    // matches (lectern_match after the other conditions' probes), for verifiedWalk(); else empty.
    QString verified;
    QVariantList verifiedBinds;
    bool verifiedTitle = false;
    // By relevance with free words only: every match's id and score (no paper row read), for
    // relevanceWindow(); else empty.
    QString scores;
    // The query is one of the kept counts (CompiledQuery::counted): countMatches() reads it.
    std::optional<CountedSet> kept;
};

// The plan of cq listed in sort's order.
QueryPlan planFor(const CompiledQuery &cq, SortOrder sort);

} // namespace lectern
