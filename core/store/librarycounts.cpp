// Library::counts(): the sidebar's figures. Per date and per keyword they are read from the
// tables schema 9 keeps (store/countkeeper_p.h) instead of grouping every link (1.9 s at a
// million papers); the rest comes from indexes.
#include "store/library.h"
#include "store/library_p.h"

#include "search/querylanguage.h"
#include "store/countkeeper_p.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace lectern {

namespace {

// "NOT IN" the read set (built once per statement from papers_read): no paper row is read.
const char *const kUnread = "NOT IN (SELECT id FROM papers INDEXED BY papers_read WHERE read = 1)";

QString itemsWithUnread(const char *select, const char *rest) {
    return QString::fromLatin1(select) + QString::fromLatin1(kUnread) + QString::fromLatin1(rest);
}

} // namespace

bool Library::recountKeptCounts(const std::function<bool()> &cancelled) {
    if (!isOpen())
        return d->fail(QStringLiteral("the library is not open"));
    // Each table compared first, without the write lock (the window's own writes go on
    // meanwhile; this takes seconds at a million papers), and only one that differs is written
    // again, in a transaction of its own (the window's writes wait for that one table).
    for (const CountKeeper::Drift &drift : CountKeeper::driftChecks()) {
        if (cancelled && cancelled())
            return true;
        QSqlQuery check(d->db);
        if (!check.exec(drift.check) || !check.next())
            return d->fail(check.lastError(), QStringLiteral("counting papers"));
        const bool drifted = check.value(0).toBool();
        check.finish();
        if (drifted && !d->transaction([&] {
                QSqlQuery q(d->db);
                for (const QString &sql : drift.refill) {
                    if (!q.exec(sql))
                        return d->fail(q.lastError(), QStringLiteral("counting papers"));
                }
                return true;
            }))
            return false;
    }
    return true;
}

bool Library::Private::countedFigures(const CountedSet &c, int *papers, int *unread) {
    QSqlQuery *q = nullptr;
    QVariantList binds;
    switch (c.scope) {
    case CountedSet::Scope::Library:
        q = stmt(QStringLiteral("SELECT papers, unread FROM library_counts"));
        break;
    case CountedSet::Scope::Keyword:
        q = stmt(QStringLiteral("SELECT c.total, c.unread FROM keyword_counts c JOIN keywords k "
                                "ON k.id = c.keyword_id WHERE k.name = ?"));
        binds << c.name;
        break;
    case CountedSet::Scope::DigestDate:
        q = stmt(QStringLiteral("SELECT total, unread FROM digest_date_counts WHERE date = ?"));
        binds << c.name;
        break;
    }
    if (!run(q, binds))
        return false;
    const bool found = q->next();
    *papers = found ? q->value(0).toInt() : 0;
    *unread = found ? q->value(1).toInt() : 0;
    q->finish();
    if (q->lastError().isValid())
        return fail(q->lastError(), QStringLiteral("counting papers"));
    // A keyword or date without a row has no papers; the library always has its row.
    if (!found && c.scope == CountedSet::Scope::Library)
        return fail(QStringLiteral("counting papers: the library's counts are missing"));
    return true;
}

bool Library::Private::countedTotal(const CountedSet &c, int *total) {
    int papers = 0, unread = 0;
    if (!countedFigures(c, &papers, &unread))
        return false;
    *total = c.size(papers, unread);
    return true;
}

std::optional<Counts> Library::counts() const {
    d->clearError();
    Counts c;
    QSqlQuery q(d->db);
    q.setForwardOnly(true);
    // One row: its first value, and its second when asked for (one snapshot for both).
    auto single = [&](const QString &sql, int *out, int *second = nullptr) {
        if (!q.exec(sql) || !q.next())
            return d->fail(q.lastError(), QStringLiteral("counting papers"));
        *out = q.value(0).toInt();
        if (second)
            *second = q.value(1).toInt();
        return true;
    };
    auto items = [&](const QString &sql, QList<CountItem> *out) {
        if (!q.exec(sql))
            return d->fail(q.lastError(), QStringLiteral("counting papers"));
        while (q.next())
            out->append({q.value(0).toString(), q.value(1).toInt(), q.value(2).toInt()});
        return true;
    };
    const bool ok =
        isOpen() &&
        single(QStringLiteral("SELECT papers, unread FROM library_counts"), &c.all, &c.unread) &&
        single(QStringLiteral("SELECT count(*) FROM papers WHERE starred = 1"), &c.starred) &&
        single(QStringLiteral("SELECT count(*) FROM papers WHERE note IS NOT NULL"), &c.noted) &&
        single(QStringLiteral("SELECT count(DISTINCT paper_id) FROM follow_matches"),
               &c.followed) &&
        // Digests are grouped by date: a digest file re-edited and imported again is one day.
        items(QStringLiteral("SELECT date, total, unread FROM digest_date_counts WHERE total > 0 "
                             "ORDER BY date DESC"),
              &c.digests) &&
        items(QStringLiteral("SELECT k.name, c.total, c.unread FROM keyword_counts c JOIN "
                             "keywords k ON k.id = c.keyword_id WHERE c.total > 0 ORDER BY "
                             "c.total DESC, k.name"),
              &c.keywords) &&
        items(itemsWithUnread("SELECT t.tag, count(*), total(t.paper_id ",
                              ") FROM tags t GROUP BY t.tag ORDER BY t.tag COLLATE NOCASE"),
              &c.tags) &&
        items(itemsWithUnread("SELECT c.category, count(*), total(c.paper_id ",
                              ") FROM paper_categories c GROUP BY c.category ORDER BY "
                              "count(*) DESC, c.category"),
              &c.categories);
    if (!ok) {
        if (!isOpen())
            d->fail(QStringLiteral("the library is not open"));
        return std::nullopt;
    }
    return c;
}

} // namespace lectern
