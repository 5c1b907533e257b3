// planFor: a compiled query as the SQL that lists, counts and walks its papers. See
// queryplan_p.h.
#include "store/queryplan_p.h"

#include "store/matchprobe_p.h"
#include "store/sortorder_p.h"

#include <QRegularExpression>

namespace lectern {

namespace {

// The orders whose index gives every key (the rowid last): no sort of the rows walked.
bool indexGivesOrder(SortOrder sort) {
    return sort == SortOrder::Date || sort == SortOrder::Digest || sort == SortOrder::Title;
}

// The view's conditions with each set condition of cq that has a probe replaced by it (the
// FTS match, prepended by the view, stays a set: FTS5 rebuilds a prefix term's whole doclist
// for every probe).
viewsql::View probed(const CompiledQuery &cq, const viewsql::View &view) {
    viewsql::View probed = view;
    const qsizetype first = view.conditions.size() - cq.where.size();
    for (qsizetype i = 0; i < cq.probes.size(); ++i) {
        if (!cq.probes.at(i).isEmpty())
            probed.conditions[first + i] = cq.probes.at(i);
    }
    return probed;
}

// The conditions of QueryPlan::boundedWhere, for a view by date with an FTS5 match.
QString boundedWhere(const CompiledQuery &cq, const viewsql::View &view) {
    viewsql::View bounded = probed(cq, view);
    bounded.conditions[0] =
        QStringLiteral("p.id IN (SELECT rowid FROM fts WHERE fts MATCH ? AND rowid >= ?)");
    bounded.conditions << QStringLiteral("p.date >= ?");
    return bounded.where();
}

// The matches as they come from the FTS5 match or the first set condition, each paper checked
// against the rest: a capped count stops after the cap instead of building every set first.
void setStreamed(const CompiledQuery &cq, const viewsql::View &view, QueryPlan *plan) {
    if (cq.match.isEmpty()) {
        qsizetype bind = 0;
        for (qsizetype i = 0; i < cq.where.size() && plan->streamed.isEmpty(); ++i) {
            const qsizetype n = cq.where.at(i).count(QLatin1Char('?'));
            if (!cq.idSets.at(i).isEmpty()) {
                viewsql::View rest = view; // the driving set's condition is the join itself
                rest.conditions.removeAt(i);
                plan->streamed = QStringLiteral(" FROM (") + cq.idSets.at(i) +
                                 QStringLiteral(") s CROSS JOIN papers p ON p.id = s.paper_id") +
                                 rest.where();
                plan->streamBinds =
                    cq.binds.mid(bind, n) + cq.binds.mid(0, bind) + cq.binds.mid(bind + n);
            }
            bind += n;
        }
    } else {
        QStringList conditions = cq.where;
        conditions.prepend(QStringLiteral("fts MATCH ?"));
        plan->streamed =
            QStringLiteral(" FROM fts CROSS JOIN papers p ON p.id = fts.rowid WHERE ") +
            conditions.join(QStringLiteral(" AND "));
        plan->streamBinds = QVariantList{cq.match} + cq.binds;
    }
}

// The one paper p asked whether an FTS5 expression (the ?) matches it, from its text.
QString matchProbe() {
    return QStringLiteral("lectern_match(?, ") + MatchProbe::columnsOf("p") + QLatin1Char(')');
}

// Papers not in the index yet (fts_pending: a large import indexes after its rows) match no
// FTS5 expression: left out where one must match, kept where one must not.
QString pendingIndex() {
    return QStringLiteral("EXISTS (SELECT 1 FROM fts_pending f WHERE f.paper_id = p.id)");
}

// CompiledQuery::excluded (the ?) asked of the one paper p: true when it does not match, as
// p.id NOT IN its matches is.
QString excludedProbe() {
    return QLatin1Char('(') + pendingIndex() + QStringLiteral(" OR NOT ") + matchProbe() +
           QLatin1Char(')');
}

// QueryPlan::verified for cq: the walk of the order's index, each row with 1 when it matches.
// A prefix in the positive free terms, or (without those) in the negated ones: NOT IN their
// matches would build the prefix's whole doclist first ("-be": 0.75 s at a million papers).
void setVerified(const CompiledQuery &cq, SortOrder sort, QueryPlan *plan) {
    if (sort == SortOrder::Relevance && cq.match.isEmpty())
        sort = SortOrder::Date; // nothing to score: relevance is the date order (sortKeys)
    const QLatin1Char star('*');
    const bool positive = cq.match.contains(star);
    const bool excluded = cq.match.isEmpty() && cq.excluded.contains(star);
    if ((!positive && !excluded) || !indexGivesOrder(sort))
        return;
    CompiledQuery rest = cq;
    rest.match.clear();
    if (excluded) { // its condition and bind are the last (CompiledQuery::excluded)
        Q_ASSERT(cq.binds.last().toString() == cq.excluded);
        rest.excluded.clear();
        rest.where.removeLast();
        rest.probes.removeLast();
        rest.idSets.removeLast();
        rest.binds.removeLast();
    }
    const viewsql::View view = viewsql::view(rest, sort);
    const viewsql::View others = probed(rest, view);
    QStringList conditions = others.conditions;
    if (positive)
        conditions << QStringLiteral("NOT ") + pendingIndex();
    const QString verdict = positive ? matchProbe() : excludedProbe();
    const QString matches =
        conditions.isEmpty()
            ? verdict
            : QStringLiteral("CASE WHEN ") + conditions.join(QStringLiteral(" AND ")) +
                  QStringLiteral(" THEN ") + verdict + QStringLiteral(" ELSE 0 END");
    plan->verified = QStringLiteral("SELECT p.id, ") + matches + view.from +
                     viewsql::walkIndex(sort, false) + viewsql::orderBy(sort, false);
    // The probe's expression is the last bind.
    plan->verifiedBinds = others.binds + QVariantList{positive ? cq.match : cq.excluded};
    plan->verifiedTitle = sort == SortOrder::Title;
}

} // namespace

QueryPlan planFor(const CompiledQuery &cq, SortOrder sort) {
    // FROM, WHERE and ORDER BY are the view's (sortorder_p.h), shared with rowOf() and the
    // other functions that locate a paper in a view. With many matches, walking the order's
    // index and stopping at the window beats sorting every match; with few, sorting them is
    // cheaper than walking the whole index.
    const viewsql::View view = viewsql::view(cq, sort);
    QueryPlan plan;
    plan.from = view.from;
    plan.where = view.where();
    plan.binds = view.binds;
    plan.match = cq.match;
    plan.matchOnly = !cq.match.isEmpty() && cq.where.isEmpty();
    plan.collect = plan.matchOnly && !view.byRelevance;
    plan.order = viewsql::orderBy(sort, view.byRelevance);
    plan.walk = viewsql::walkIndex(sort, view.byRelevance);
    plan.walkTitle = sort == SortOrder::Title;
    plan.walkGivesOrder = !view.byRelevance && indexGivesOrder(sort);
    // Negated prefixes alone: their condition probed from each paper's text, where building
    // NOT IN would merge the prefix's every doclist first.
    CompiledQuery probing = cq;
    if (cq.match.isEmpty() && cq.excluded.contains(QLatin1Char('*'))) {
        probing.probes.last() = excludedProbe();
        plan.probeMatches = true;
    }
    plan.probeWhere = probed(probing, view).where();
    // A prefix of up to 3 letters ("the"*) expands to many words whose doclists FTS5 merges on
    // each read: reading the match twice (bound, then window) costs more than the set saves.
    static const QRegularExpression shortPrefix(QStringLiteral("\"[^\"]{1,3}\"\\*"));
    if (sort == SortOrder::Date && !cq.match.isEmpty() && !view.byRelevance &&
        !cq.match.contains(shortPrefix))
        plan.boundedWhere = boundedWhere(cq, view);
    if (cq.match.isEmpty() && cq.idSets.size() == 1)
        plan.idSet = cq.idSets.first();
    // The same papers in any order: counting them needs no relevance score.
    const viewsql::View unordered = view.byRelevance ? viewsql::view(cq, SortOrder::Date) : view;
    plan.counted = unordered.from + unordered.where();
    plan.countBinds = unordered.binds;
    setStreamed(cq, view, &plan);
    setVerified(cq, sort, &plan);
    plan.kept = cq.counted;
    if (view.byRelevance && plan.matchOnly)
        plan.scores = QStringLiteral("SELECT rowid, ") + QLatin1String(viewsql::kScore) +
                      QStringLiteral(" FROM fts WHERE fts MATCH ?");
    return plan;
}

} // namespace lectern
