// Where a paper stands in a view, and state changes over a whole view, in SQL: the view's
// order is the one of Library::query (sortorder_p.h), never a copy of it in C++.
#include "store/library_p.h"
#include "store/sortorder_p.h"

#include <QSqlError>
#include <QSqlQuery>

namespace lectern {

namespace {

// "expr sorts after the value" in SQLite's order, where NULL is lowest.
QString greater(const viewsql::SortKey &k, const QVariant &v, QVariantList *binds) {
    if (v.isNull())
        return k.expr + QStringLiteral(" IS NOT NULL");
    *binds << v;
    return k.expr + QStringLiteral(" > ?");
}

// "expr sorts before the value".
QString less(const viewsql::SortKey &k, const QVariant &v, QVariantList *binds) {
    if (v.isNull())
        return QStringLiteral("0");
    *binds << v;
    return QLatin1Char('(') + k.expr + QStringLiteral(" < ? OR ") + k.expr +
           QStringLiteral(" IS NULL)");
}

// A condition true for the papers listed strictly before (or after) the paper whose key
// values are `values`: the row-value comparison along the order, NULL-aware.
QString beyond(const QList<viewsql::SortKey> &keys, const QVariantList &values, bool before,
               QVariantList *binds) {
    QStringList alternatives;
    for (qsizetype i = 0; i < keys.size(); ++i) {
        QStringList parts;
        for (qsizetype j = 0; j < i; ++j) {
            parts << keys[j].expr + QStringLiteral(" IS ?");
            *binds << values[j];
        }
        const bool up = keys[i].descending == before; // the other paper's key is greater
        parts << (up ? greater(keys[i], values[i], binds) : less(keys[i], values[i], binds));
        alternatives << QLatin1Char('(') + parts.join(QStringLiteral(" AND ")) + QLatin1Char(')');
    }
    return QLatin1Char('(') + alternatives.join(QStringLiteral(" OR ")) + QLatin1Char(')');
}

bool runQuery(Library::Private *d, QSqlQuery &q, const QString &sql, const QVariantList &binds) {
    q.setForwardOnly(true);
    if (!q.prepare(sql))
        return d->fail(q.lastError(), QStringLiteral("position"));
    for (int i = 0; i < binds.size(); ++i)
        q.bindValue(i, binds.at(i));
    if (!q.exec())
        return d->fail(q.lastError(), QStringLiteral("position"));
    return true;
}

// The sort key values of paper `id` in the view (only the join when !member); nullopt when
// the paper is not there or on error (*failed set).
std::optional<QVariantList> keyValues(Library::Private *d, const viewsql::View &view,
                                      const QList<viewsql::SortKey> &keys, qint64 id, bool member,
                                      bool *failed) {
    QStringList exprs;
    for (const viewsql::SortKey &k : keys)
        exprs << k.expr;
    QStringList conditions = member ? view.conditions : QStringList();
    conditions << QStringLiteral("p.id = ?");
    QVariantList binds = member ? view.binds : QVariantList();
    if (!member && view.byRelevance)
        binds << view.binds.first(); // the match of the relevance join
    binds << id;
    QSqlQuery q(d->db);
    if (!runQuery(d, q,
                  QStringLiteral("SELECT ") + exprs.join(QStringLiteral(", ")) + view.from +
                      QStringLiteral(" WHERE ") + conditions.join(QStringLiteral(" AND ")),
                  binds)) {
        *failed = true;
        return std::nullopt;
    }
    if (!q.next())
        return std::nullopt;
    QVariantList values;
    for (qsizetype i = 0; i < keys.size(); ++i)
        values << q.value(int(i));
    return values;
}

} // namespace

int Library::rowOf(const QString &query, SortOrder sort, qint64 id) const {
    const CompiledQuery cq = QueryLanguage::compile(query);
    if (!isOpen() || !cq.ok())
        return -1;
    const viewsql::View view = viewsql::view(cq, sort);
    const QList<viewsql::SortKey> keys = viewsql::sortKeys(sort, view.byRelevance);
    bool failed = false;
    const auto values = keyValues(d.get(), view, keys, id, true, &failed);
    if (!values)
        return -1;
    QVariantList binds = view.binds;
    QStringList conditions = view.conditions;
    conditions << beyond(keys, *values, true, &binds);
    QSqlQuery q(d->db);
    viewsql::View counted = view;
    counted.conditions = conditions;
    if (!runQuery(d.get(), q, QStringLiteral("SELECT count(*)") + view.from + counted.where(),
                  binds) ||
        !q.next())
        return -1;
    return q.value(0).toInt();
}

std::optional<qint64> Library::nextInView(const QString &query, SortOrder sort, qint64 afterId,
                                          bool reversed) const {
    const CompiledQuery cq = QueryLanguage::compile(query);
    if (!isOpen())
        return std::nullopt;
    if (!cq.ok()) {
        d->error = cq.error;
        return std::nullopt;
    }
    viewsql::View view = viewsql::view(cq, sort);
    const QList<viewsql::SortKey> keys = viewsql::sortKeys(sort, view.byRelevance);
    if (afterId != 0) {
        bool failed = false;
        const auto values = keyValues(d.get(), view, keys, afterId, false, &failed);
        if (failed)
            return std::nullopt;
        if (!values)
            return qint64(0); // the paper is not in the view's order at all
        view.conditions << beyond(keys, *values, reversed, &view.binds);
    }
    QStringList order;
    for (const viewsql::SortKey &k : keys)
        order << k.expr + (k.descending != reversed ? QStringLiteral(" DESC") : QString());
    QSqlQuery q(d->db);
    if (!runQuery(d.get(), q,
                  QStringLiteral("SELECT p.id") + view.from + view.where() +
                      QStringLiteral(" ORDER BY ") + order.join(QStringLiteral(", ")) +
                      QStringLiteral(" LIMIT 1"),
                  view.binds))
        return std::nullopt;
    return q.next() ? q.value(0).toLongLong() : qint64(0);
}

std::optional<QList<qint64>> Library::markRead(const QString &query) {
    const CompiledQuery cq = QueryLanguage::compile(query);
    if (!cq.ok()) {
        d->error = cq.error;
        return std::nullopt;
    }
    const viewsql::View view = viewsql::view(cq, SortOrder::Date);
    QList<qint64> changed;
    const bool ok = d->transaction([&] {
        QSqlQuery q(d->db);
        QVariantList binds{nowUtc()};
        binds += view.binds;
        if (!runQuery(d.get(), q,
                      QStringLiteral("UPDATE papers SET read = 1, read_at = ? WHERE read = 0 AND "
                                     "id IN (SELECT p.id") +
                          view.from + view.where() + QStringLiteral(") RETURNING id"),
                      binds))
            return false;
        while (q.next())
            changed << q.value(0).toLongLong();
        return d->countReadChange(changed, true);
    });
    if (!ok)
        return std::nullopt;
    return changed;
}

QDate Library::nextDigestWithUnread(QDate current) const {
    if (!isOpen())
        return {};
    const QString date = current.toString(Qt::ISODate);
    QSqlQuery q(d->db);
    if (!runQuery(d.get(), q,
                  QStringLiteral("SELECT d.date FROM digests d WHERE d.date IS NOT NULL AND "
                                 "d.date IS NOT ? AND EXISTS (SELECT 1 FROM paper_digests pd "
                                 "JOIN papers p ON p.id = pd.paper_id WHERE pd.digest_id = d.id "
                                 "AND p.read = 0) ORDER BY d.date < ? DESC, d.date DESC LIMIT 1"),
                  {date, date}) ||
        !q.next())
        return {};
    return QDate::fromString(q.value(0).toString(), Qt::ISODate);
}

} // namespace lectern
