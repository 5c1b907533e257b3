#pragma once

// The SQL of a view: which papers a compiled query selects (FROM and WHERE over "papers p")
// and the order they are listed in, defined once for Library::query and for the functions
// that locate a paper in a view (libraryposition.cpp).

#include "model/librarytypes.h"
#include "search/querylanguage.h"
#include "store/schema_p.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <QVariantList>

namespace lectern::viewsql {

// One key of the order: an expression over p (or m, the relevance join) and its direction.
// Missing dates are NULL: SQLite sorts NULL lowest, so last in a descending order.
struct SortKey {
    QString expr;
    bool descending = false;
};

// FROM, WHERE and their bind values of a view (binds in the order of from + where).
struct View {
    bool byRelevance = false; // the order needs m.score (a join on the FTS match)
    QString from;             // " FROM papers p ..."
    QStringList conditions;   // ANDed; '?' placeholders
    QVariantList binds;
    QString where() const {
        return conditions.isEmpty()
                   ? QString()
                   : QStringLiteral(" WHERE ") + conditions.join(QStringLiteral(" AND "));
    }
};

// A match's relevance (lower is better): BM25 (store/bm25rank_p.h, FTS5's bm25 read faster).
// Title and authors weigh more than the abstract.
inline constexpr char kScore[] = "lectern_bm25(fts, 8.0, 4.0, 1.0, 2.0, 2.0)";

// Relevance needs bm25 per match (a join); every other order only needs to know which papers
// match, which SQLite answers once per query as an IN-set.
inline View view(const CompiledQuery &cq, SortOrder sort) {
    View v;
    v.byRelevance = sort == SortOrder::Relevance && !cq.match.isEmpty();
    v.from = QStringLiteral(" FROM papers p");
    v.conditions = cq.where;
    if (v.byRelevance) {
        v.from += QStringLiteral(" JOIN (SELECT rowid AS rid, ") + QLatin1String(kScore) +
                  QStringLiteral(" AS score FROM fts WHERE fts MATCH ?) m ON m.rid = p.id");
        v.binds << cq.match;
    } else if (!cq.match.isEmpty()) {
        v.conditions.prepend(QStringLiteral("p.id IN (SELECT rowid FROM fts WHERE fts MATCH ?)"));
        v.binds << cq.match;
    }
    v.binds += cq.binds;
    return v;
}

// The keys of the order; the last one is always p.id, so the order is total.
inline QList<SortKey> sortKeys(SortOrder sort, bool byRelevance) {
    const SortKey dateDesc{QStringLiteral("p.date"), true};
    const SortKey idDesc{QStringLiteral("p.id"), true};
    switch (sort) {
    case SortOrder::Relevance:
        if (byRelevance)
            return {{QStringLiteral("m.score"), false}, dateDesc, idDesc};
        [[fallthrough]];
    case SortOrder::Date:
        return {dateDesc, idDesc};
    case SortOrder::Digest:
        return {{QStringLiteral("p.last_digest"), true}, dateDesc, idDesc};
    case SortOrder::Title:
        return {{QStringLiteral("p.title COLLATE NOCASE"), false}, {QStringLiteral("p.id"), false}};
    case SortOrder::ForYou: // scored papers first (NULL sorts lowest), then followed, then date
        return {{QStringLiteral("p.rank_score"), true},
                {QStringLiteral("(SELECT 1 FROM follow_matches fm WHERE fm.paper_id = p.id "
                                "LIMIT 1)"),
                 true},
                dateDesc,
                idDesc};
    case SortOrder::Similar: // papers not in the list last (NULL sorts lowest)
        return {
            {QStringLiteral("(SELECT -s.position FROM similar_papers s WHERE s.paper_id = p.id)"),
             true},
            dateDesc,
            idDesc};
    }
    return {dateDesc, idDesc};
}

// " ORDER BY ..." for the keys.
inline QString orderBy(SortOrder sort, bool byRelevance) {
    QStringList parts;
    for (const SortKey &k : sortKeys(sort, byRelevance))
        parts << k.expr + (k.descending ? QStringLiteral(" DESC") : QString());
    return QStringLiteral(" ORDER BY ") + parts.join(QStringLiteral(", "));
}

// The index whose walk gives the order (for large results), or empty.
inline QString walkIndex(SortOrder sort, bool byRelevance) {
    if (byRelevance || sort == SortOrder::Similar)
        return {};
    if (sort == SortOrder::Title)
        return QStringLiteral(" INDEXED BY ") + QLatin1StringView(Schema::kTitleIndex);
    if (sort == SortOrder::ForYou)
        return QStringLiteral(" INDEXED BY papers_rank");
    return sort == SortOrder::Digest ? QStringLiteral(" INDEXED BY papers_last_digest")
                                     : QStringLiteral(" INDEXED BY papers_date");
}

} // namespace lectern::viewsql
