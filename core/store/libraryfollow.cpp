// Library: the follow list (authors, keywords, phrases) and which papers match it.
#include "store/followindex_p.h"
#include "store/library.h"
#include "store/library_p.h"

#include <QSqlQuery>

namespace lectern {

namespace {

// The row of the item (0 when not followed); *stored, when given, the item as it was followed.
std::optional<qint64> followId(Library::Private *d, const Follow &follow,
                               Follow *stored = nullptr) {
    QSqlQuery *find =
        d->stmt(QStringLiteral("SELECT id, value FROM follows WHERE kind = ? AND key = ?"));
    if (!d->run(find, {follow.kindName(), follow.key()}))
        return std::nullopt;
    qint64 id = 0;
    if (find->next()) {
        id = find->value(0).toLongLong();
        if (stored)
            *stored = Follow(follow.kind(), find->value(1).toString());
    }
    find->finish();
    return id;
}

std::optional<int> matchCount(Library::Private *d, qint64 id) {
    QSqlQuery *count =
        d->stmt(QStringLiteral("SELECT count(*) FROM follow_matches WHERE follow_id = ?"));
    if (!d->run(count, {id}) || !count->next())
        return std::nullopt;
    const int n = count->value(0).toInt();
    count->finish();
    return n;
}

} // namespace

std::optional<QList<FollowEntry>> Library::follows() const {
    d->clearError();
    QSqlQuery q(d->db);
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT f.id, f.kind, f.value, (SELECT count(*) FROM "
                               "follow_matches m WHERE m.follow_id = f.id) FROM follows f "
                               "ORDER BY f.id"))) {
        d->fail(q.lastError(), QStringLiteral("listing the follow list"));
        return std::nullopt;
    }
    QList<FollowEntry> out;
    while (q.next()) {
        const std::optional<Follow::Kind> kind = Follow::kindFromName(q.value(1).toString());
        if (kind)
            out << FollowEntry{q.value(0).toLongLong(), Follow(*kind, q.value(2).toString()),
                               q.value(3).toInt()};
    }
    return out;
}

std::optional<FollowEntry> Library::addFollow(const Follow &follow,
                                              const std::function<bool()> &keepGoing) {
    d->clearError();
    if (follow.key().isEmpty()) {
        d->fail(QStringLiteral("nothing to follow: it needs letters or digits"));
        return std::nullopt;
    }
    FollowEntry entry{0, follow, 0};
    const bool ok = d->transaction([&] {
        const std::optional<qint64> existing = followId(d.get(), follow, &entry.follow);
        if (!existing)
            return false;
        if (*existing != 0) {
            const std::optional<int> n = matchCount(d.get(), *existing);
            entry.id = *existing;
            entry.papers = n.value_or(0);
            return n.has_value();
        }
        QSqlQuery *add = d->stmt(
            QStringLiteral("INSERT INTO follows(kind, value, key, added_at) VALUES(?, ?, ?, ?)"));
        if (!d->run(add, {follow.kindName(), follow.value(), follow.key(), nowUtc()}))
            return false;
        entry.id = add->lastInsertId().toLongLong();
        QString error;
        const int matched =
            FollowIndex::matchLibrary(sqliteHandle(d->db), entry.id, follow, keepGoing, &error);
        if (matched < 0)
            return d->fail(error);
        entry.papers = matched;
        return true;
    });
    if (!ok)
        return std::nullopt;
    return entry;
}

std::optional<bool> Library::removeFollow(const Follow &follow) {
    d->clearError();
    bool removed = false;
    const bool ok = d->transaction([&] {
        const std::optional<qint64> id = followId(d.get(), follow);
        if (!id)
            return false;
        if (*id == 0)
            return true;
        removed = true;
        return d->run(d->stmt(QStringLiteral("DELETE FROM follow_matches WHERE follow_id = ?")),
                      {*id}) &&
               d->run(d->stmt(QStringLiteral("DELETE FROM follows WHERE id = ?")), {*id});
    });
    if (!ok)
        return std::nullopt;
    return removed;
}

std::optional<QList<Follow>> Library::followsOf(qint64 paperId) const {
    d->clearError();
    QSqlQuery *q = d->stmt(QStringLiteral("SELECT f.kind, f.value FROM follow_matches m JOIN "
                                          "follows f ON f.id = m.follow_id WHERE m.paper_id = ? "
                                          "ORDER BY f.id"));
    if (!d->run(q, {paperId}))
        return std::nullopt;
    QList<Follow> out;
    while (q->next()) {
        if (const std::optional<Follow::Kind> kind = Follow::kindFromName(q->value(0).toString()))
            out << Follow(*kind, q->value(1).toString());
    }
    q->finish();
    return out;
}

} // namespace lectern
