#pragma once

#include <QString>
#include <QStringList>

#include <QVariantList>
#include <optional>

namespace lectern {

// A search query turned into SQL pieces over "papers p". Never contains user text: every
// value is a bind value, and free words reach FTS5 only as quoted strings.
// A query whose matches are one figure of the count tables the library keeps: all its papers,
// a keyword's (kw:NAME) or a digest date's (digest:DATE), each optionally only the unread or
// read ones (is:unread / is:read). Nothing else may be in the query.
struct CountedSet {
    enum class Scope { Library, Keyword, DigestDate };
    enum class State { Any, Unread, Read };
    Scope scope = Scope::Library;
    QString name; // the keyword as kw: compares it (simplified, lowercased), or the date
    State state = State::Any;
    // The number of papers in the set, from its scope's papers and unread papers.
    int size(int papers, int unread) const {
        return state == State::Any ? papers : state == State::Unread ? unread : papers - unread;
    }
};

struct CompiledQuery {
    QString error; // non-empty: the query is malformed (says what and where)
    QString match; // FTS5 expression for the positive free terms; empty when none
    // Without positive free terms, the FTS5 expression of the negated ones (-word, -"a b"),
    // whose condition is the last of `where` (p.id NOT IN its matches, last bind); else empty.
    QString excluded;
    QStringList where; // conditions ANDed together, with '?' placeholders
    // Parallel to `where`, each with the same placeholders in the same order:
    // probes: the condition as a look-up of one row (EXISTS ... = p.id), cheaper than `where`'s
    //   set when rows are read along an index and most of them match; empty: use `where`.
    // idSets: a positive set condition's subquery (`where` is "p.id IN (set)"), or empty.
    QStringList probes, idSets;
    QVariantList binds;    // values for the placeholders of `where`, in order
    QStringList freeTerms; // the positive free words/phrases, lowercased (for highlighting)
    std::optional<CountedSet> counted; // set when the matches are a kept count (see above)
    bool ok() const { return error.isEmpty(); }
};

// The query language (documented in README.md, "Searching"):
//   word          prefix match in title, authors, abstract, summary and note
//   "a phrase"    exact phrase in the same fields
//   author:NAME   author (prefix; author:"Jane Doe" for a phrase)
//   kw:KEYWORD    keyword (exact, case-insensitive; kw:"two words")
//   tag:TAG       user tag (exact, case-insensitive)
//   is:unread|read|starred|noted|followed
//   follows:NAME  matches a followed author or topic that NAME names (see FollowMatcher::names)
//   digest:YYYY-MM-DD   appeared in the digest of that date
//   after:YYYY-MM-DD    paper date on or after; before:YYYY-MM-DD  strictly before
//   cat:cs.LG  arXiv category, primary or cross-list (cat:cs: any cs.*), from fetched metadata
//   has:metadata|pdf  fetched arXiv metadata / a downloaded PDF
//   -TERM         negates any of the above
class QueryLanguage {
public:
    static CompiledQuery compile(const QString &query);
    // "word" -> "\"word\"" (doubling inner quotes), so FTS5 operators in input are just text.
    static QString ftsString(const QString &text);
};

} // namespace lectern
