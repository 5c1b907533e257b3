#pragma once

// Internal to core/store: lectern_match(expr, title, authors, abstract, summary, note), the
// FTS5 match of one paper computed from its text instead of the index. True exactly when
// `p.id IN (SELECT rowid FROM fts WHERE fts MATCH expr)` is, for the expressions the query
// language writes (search/querylanguage.cpp): quoted strings, phrases ("a" + "b"), a prefix
// star, `authors : (...)`, AND, OR, NOT and parentheses. It tokenizes with the index's own
// tokenizer ("lectern"), so its tokens are the index's.
//
// Why: FTS5 merges the whole doclist of every word under a prefix before its first row ("qu*"
// is 1,375 words and nearly every paper at a million papers: ~1 s, 150 MB). A list by date
// that walks the newest papers and asks each one costs a few microseconds a row instead, and
// where most papers match, a page and a capped count need only a few thousand rows.

#include <QString>

struct sqlite3;

namespace lectern {

class MatchProbe {
public:
    static constexpr const char *kFunction = "lectern_match";
    // The function's arguments after the expression, in the fts table's column order.
    static QString columnsOf(const QString &table) {
        return table + QStringLiteral(".title, ") + table + QStringLiteral(".authors, ") + table +
               QStringLiteral(".abstract, ") + table + QStringLiteral(".summary, ") + table +
               QStringLiteral(".note");
    }

    // Registers lectern_match on db, whose "lectern" tokenizer must be registered already.
    static bool registerWith(sqlite3 *db, QString *error = nullptr);
};

} // namespace lectern
