// Library::query: the search language compiled to SQL, one window of rows and the total.
#include "store/library_p.h"
#include "search/querylanguage.h"

#include <QSqlError>
#include <QSqlQuery>

namespace lectern {

// Above this many matches the window is read by walking the sort order's index.
constexpr int kWalkIndexAbove = 2000;

QueryResult Library::query(const QString &text, SortOrder sort, int limit, int offset) const {
    QueryResult result;
    if (!isOpen()) {
        result.error = QStringLiteral("the library is not open");
        return result;
    }
    const CompiledQuery cq = QueryLanguage::compile(text);
    if (!cq.ok()) {
        result.error = cq.error;
        return result;
    }
    // Relevance needs bm25 per match (a join); every other order only needs to know which
    // papers match, which SQLite answers once per query as an IN-set.
    const bool byRelevance = sort == SortOrder::Relevance && !cq.match.isEmpty();
    QString from = QStringLiteral(" FROM papers p");
    QStringList conditions = cq.where;
    QVariantList binds;
    if (byRelevance) {
        // Title and authors weigh more than the abstract for relevance.
        from += QStringLiteral(" JOIN (SELECT rowid AS rid, bm25(fts, 8.0, 4.0, 1.0, 2.0, 2.0) "
                               "AS score FROM fts WHERE fts MATCH ?) m ON m.rid = p.id");
        binds << cq.match;
    } else if (!cq.match.isEmpty()) {
        conditions.prepend(QStringLiteral("p.id IN (SELECT rowid FROM fts WHERE fts MATCH ?)"));
        binds << cq.match;
    }
    binds += cq.binds;
    const QString where =
        conditions.isEmpty() ? QString()
                             : QStringLiteral(" WHERE ") + conditions.join(QStringLiteral(" AND "));
    // The order, and the index to walk for it: with many matches, walking the order's index
    // and stopping at the window beats sorting every match; with few, sorting them is cheaper
    // than walking the whole index.
    QString order, walk;
    switch (byRelevance ? SortOrder::Relevance : sort) {
    case SortOrder::Relevance:
        if (byRelevance) {
            order = QStringLiteral(" ORDER BY m.score, p.date DESC, p.id DESC");
            break;
        }
        [[fallthrough]];
    case SortOrder::Date:
        order = QStringLiteral(" ORDER BY p.date DESC, p.id DESC");
        walk = QStringLiteral(" INDEXED BY papers_date");
        break;
    case SortOrder::Digest:
        order = QStringLiteral(" ORDER BY p.last_digest DESC, p.date DESC, p.id DESC");
        walk = QStringLiteral(" INDEXED BY papers_last_digest");
        break;
    case SortOrder::Title:
        order = QStringLiteral(" ORDER BY p.title COLLATE NOCASE, p.id");
        break;
    }

    auto runQuery = [&](QSqlQuery &q, const QString &sql, const QVariantList &values) {
        if (!q.prepare(sql)) {
            d->fail(q.lastError(), QStringLiteral("query"));
            return false;
        }
        for (int i = 0; i < values.size(); ++i)
            q.bindValue(i, values.at(i));
        if (!q.exec()) {
            // Only reachable on an internal problem: user text never reaches SQL or FTS syntax.
            d->fail(q.lastError(), QStringLiteral("query"));
            return false;
        }
        return true;
    };
    QList<qint64> window;
    if (cq.phraseChecks > 0) {
        // The phrase check runs per candidate row: one pass gives both the total and the
        // window instead of evaluating it twice (count, then window).
        QSqlQuery all(d->db);
        all.setForwardOnly(true);
        if (!runQuery(all, QStringLiteral("SELECT p.id") + from + where + order, binds)) {
            result.error = QStringLiteral("the search failed: ") + d->error;
            return result;
        }
        QList<qint64> ids;
        while (all.next())
            ids << all.value(0).toLongLong();
        result.total = int(ids.size());
        window = ids.mid(std::max(0, offset), limit < 0 ? -1 : limit);
    } else {
        QSqlQuery count(d->db);
        count.setForwardOnly(true);
        // Only free words: FTS5 counts its own matches without touching the papers table.
        const bool matchOnly = !cq.match.isEmpty() && cq.where.isEmpty();
        const QString countSql = matchOnly
                                     ? QStringLiteral("SELECT count(*) FROM fts WHERE fts MATCH ?")
                                     : QStringLiteral("SELECT count(*)") + from + where;
        if (!runQuery(count, countSql, matchOnly ? QVariantList{cq.match} : binds) ||
            !count.next()) {
            result.error = QStringLiteral("the search failed: ") + d->error;
            return result;
        }
        result.total = count.value(0).toInt();
        if (limit == 0 || result.total == 0)
            return result;

        // The window of ids first (cheap to sort), then the columns for just those rows.
        QSqlQuery ids(d->db);
        ids.setForwardOnly(true);
        QVariantList windowBinds = binds;
        windowBinds << (limit < 0 ? -1 : limit) << std::max(0, offset);
        if (!runQuery(ids,
                      QStringLiteral("SELECT p.id") + from +
                          (result.total > kWalkIndexAbove ? walk : QString()) + where + order +
                          QStringLiteral(" LIMIT ? OFFSET ?"),
                      windowBinds)) {
            result.error = QStringLiteral("the search failed: ") + d->error;
            return result;
        }
        while (ids.next())
            window << ids.value(0).toLongLong();
    }
    if (window.isEmpty())
        return result;

    QHash<qint64, PaperRow> rows;
    for (qsizetype start = 0; start < window.size(); start += 500) {
        QSqlQuery q(d->db);
        q.setForwardOnly(true);
        if (!q.exec(QStringLiteral("SELECT id, key, title, authors, date, keywords, read, starred, "
                                   "note IS NOT NULL FROM papers WHERE id IN (") +
                    idList(window.mid(start, 500)) + QLatin1Char(')'))) {
            result.error = QStringLiteral("the search failed: ") + q.lastError().text();
            return result;
        }
        while (q.next()) {
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
            rows.insert(r.id, r);
        }
    }
    result.rows.reserve(window.size());
    for (qint64 id : std::as_const(window))
        result.rows << rows.value(id);
    return result;
}

} // namespace lectern
