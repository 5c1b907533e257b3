// Library::query: the search language compiled to SQL, one window of rows and the total.
#include "search/querylanguage.h"
#include "store/library_p.h"
#include "store/sortorder_p.h"

#include <QSqlError>
#include <QSqlQuery>

namespace lectern {

namespace {

// Above this many matches the window is read by walking the sort order's index.
constexpr int kWalkIndexAbove = 2000;

// A compiled query as SQL over "papers p": FROM, WHERE, ORDER BY, the index to walk for the
// order, and the values to bind.
struct QueryPlan {
    QString from, where, order, walk;
    QVariantList binds;
    QVariant match;         // the FTS5 expression, when there is one
    bool matchOnly = false; // only free words: FTS5 counts its own matches
};

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
    plan.order = viewsql::orderBy(sort, view.byRelevance);
    plan.walk = viewsql::walkIndex(sort, view.byRelevance);
    return plan;
}

// Runs sql with values; user text only ever reaches it as bound values, so a failure is an
// internal problem (or a busy or broken file), reported through d.
bool runSql(Library::Private *d, QSqlQuery &q, const QString &sql, const QVariantList &values) {
    q.setForwardOnly(true);
    if (!q.prepare(sql))
        return d->fail(q.lastError(), QStringLiteral("query"));
    for (int i = 0; i < values.size(); ++i)
        q.bindValue(i, values.at(i));
    return q.exec() || d->fail(q.lastError(), QStringLiteral("query"));
}

// With phrase checks (run per candidate row), one pass gives both the total and the window
// instead of evaluating them twice (count, then window).
bool matchAll(Library::Private *d, const QueryPlan &plan, int limit, int offset, int *total,
              QList<qint64> *window) {
    QSqlQuery all(d->db);
    if (!runSql(d, all, QStringLiteral("SELECT p.id") + plan.from + plan.where + plan.order,
                plan.binds))
        return false;
    QList<qint64> ids;
    while (all.next())
        ids << all.value(0).toLongLong();
    *total = int(ids.size());
    *window = ids.mid(std::max(0, offset), limit < 0 ? -1 : limit);
    return true;
}

bool countMatches(Library::Private *d, const QueryPlan &plan, int *total) {
    QSqlQuery count(d->db);
    const QString sql = plan.matchOnly
                            ? QStringLiteral("SELECT count(*) FROM fts WHERE fts MATCH ?")
                            : QStringLiteral("SELECT count(*)") + plan.from + plan.where;
    if (!runSql(d, count, sql, plan.matchOnly ? QVariantList{plan.match} : plan.binds))
        return false;
    if (!count.next())
        return d->fail(count.lastError(), QStringLiteral("query"));
    *total = count.value(0).toInt();
    return true;
}

// The window of ids first (cheap to sort); the columns for just those rows come after.
bool windowIds(Library::Private *d, const QueryPlan &plan, int total, int limit, int offset,
               QList<qint64> *window) {
    QSqlQuery ids(d->db);
    QVariantList binds = plan.binds;
    binds << (limit < 0 ? -1 : limit) << std::max(0, offset);
    const QString sql = QStringLiteral("SELECT p.id") + plan.from +
                        (total > kWalkIndexAbove ? plan.walk : QString()) + plan.where +
                        plan.order + QStringLiteral(" LIMIT ? OFFSET ?");
    if (!runSql(d, ids, sql, binds))
        return false;
    while (ids.next())
        *window << ids.value(0).toLongLong();
    return true;
}

PaperRow rowFrom(const QSqlQuery &q) {
    PaperRow r;
    r.id = q.value(0).toLongLong();
    const QString key = q.value(1).toString();
    r.arxivId = key.startsWith(QLatin1String("title:")) ? QString() : key;
    r.title = q.value(2).toString();
    r.authors = splitAuthors(q.value(3).toString());
    r.date = QDate::fromString(q.value(4).toString(), Qt::ISODate);
    r.keywords = splitList(q.value(5).toString());
    r.read = q.value(6).toBool();
    r.starred = q.value(7).toBool();
    r.hasNote = q.value(8).toBool();
    r.newerVersion = q.value(9).toBool();
    r.followed = q.value(10).toBool();
    return r;
}

// The list's columns for the window, in the window's order.
bool loadRows(Library::Private *d, const QList<qint64> &window, QList<PaperRow> *out) {
    QHash<qint64, PaperRow> rows;
    for (qsizetype start = 0; start < window.size(); start += 500) {
        QSqlQuery q(d->db);
        q.setForwardOnly(true);
        if (!q.exec(QStringLiteral("SELECT id, key, title, authors, date, keywords, read, starred, "
                                   "note IS NOT NULL, ifnull((SELECT m.latest_version > "
                                   "papers.version FROM arxiv_metadata m WHERE m.paper_id = "
                                   "papers.id), 0), EXISTS(SELECT 1 FROM follow_matches f "
                                   "WHERE f.paper_id = papers.id) FROM papers WHERE id IN (") +
                    idList(window.mid(start, 500)) + QLatin1Char(')')))
            return d->fail(q.lastError(), QStringLiteral("query"));
        while (q.next()) {
            const PaperRow r = rowFrom(q);
            rows.insert(r.id, r);
        }
    }
    out->reserve(window.size());
    for (qint64 id : window)
        *out << rows.value(id);
    return true;
}

} // namespace

QueryResult Library::query(const QString &text, SortOrder sort, int limit, int offset) const {
    QueryResult result;
    d->clearError();
    if (!isOpen()) {
        result.error = QStringLiteral("the library is not open");
        return result;
    }
    const CompiledQuery cq = QueryLanguage::compile(text);
    if (!cq.ok()) {
        result.error = cq.error;
        return result;
    }
    const QueryPlan plan = planFor(cq, sort);
    QList<qint64> window;
    bool ok = true;
    if (cq.phraseChecks > 0) {
        ok = matchAll(d.get(), plan, limit, offset, &result.total, &window);
    } else {
        ok = countMatches(d.get(), plan, &result.total);
        if (ok && limit != 0 && result.total > 0)
            ok = windowIds(d.get(), plan, result.total, limit, offset, &window);
    }
    if (ok && !window.isEmpty())
        ok = loadRows(d.get(), window, &result.rows);
    if (!ok) {
        result.rows.clear();
        result.error = QStringLiteral("the search failed: ") + d->error;
    }
    return result;
}

std::optional<QList<qint64>> Library::ids(const QString &text, SortOrder sort) const {
    d->clearError();
    if (!isOpen()) {
        d->fail(QStringLiteral("the library is not open"));
        return std::nullopt;
    }
    const CompiledQuery cq = QueryLanguage::compile(text);
    if (!cq.ok()) {
        d->fail(QStringLiteral("bad query: ") + cq.error);
        return std::nullopt;
    }
    int total = 0;
    QList<qint64> out;
    if (!matchAll(d.get(), planFor(cq, sort), -1, 0, &total, &out))
        return std::nullopt;
    return out;
}

} // namespace lectern
