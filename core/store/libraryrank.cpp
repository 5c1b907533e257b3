// Library: what the "For you" ranking reads (every paper's text and state) and writes (scores
// kept in papers.rank_score, sorted along papers_rank, and why lines in rank_why; schema 6).
#include "store/library.h"

#include "store/library_p.h"

namespace lectern {

namespace {

RankDocument documentOf(const QSqlQuery &q) {
    RankDocument doc;
    doc.id = q.value(0).toLongLong();
    doc.date = QDate::fromString(q.value(1).toString(), Qt::ISODate);
    doc.title = q.value(2).toString();
    doc.abstract = q.value(3).toString();
    doc.authors = splitAuthors(q.value(4).toString());
    doc.keywords = splitList(q.value(5).toString());
    doc.read = q.value(6).toBool();
    doc.starred = q.value(7).toBool();
    doc.noted = q.value(8).toBool();
    return doc;
}

} // namespace

std::optional<QList<RankDocument>> Library::rankDocuments() const {
    d->clearError();
    if (!isOpen()) {
        d->fail(QStringLiteral("the library is not open"));
        return std::nullopt;
    }
    QSqlQuery q(d->db);
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT id, date, title, abstract, authors, keywords, read, "
                               "starred, note IS NOT NULL FROM papers ORDER BY id"))) {
        d->fail(q.lastError(), QStringLiteral("ranking"));
        return std::nullopt;
    }
    QList<RankDocument> docs;
    while (q.next())
        docs.append(documentOf(q));
    if (q.lastError().isValid()) {
        d->fail(q.lastError(), QStringLiteral("ranking"));
        return std::nullopt;
    }
    return docs;
}

bool Library::writeRankScores(const QList<RankScore> &scores) {
    d->clearError();
    return d->transaction([&] {
        if (!d->exec(QStringLiteral("UPDATE papers SET rank_score = NULL "
                                    "WHERE rank_score IS NOT NULL")) ||
            !d->exec(QStringLiteral("DELETE FROM rank_why")))
            return false;
        QSqlQuery *score = d->stmt(QStringLiteral("UPDATE papers SET rank_score = ? WHERE id = ?"));
        QSqlQuery *why =
            d->stmt(QStringLiteral("INSERT OR REPLACE INTO rank_why(paper_id, why) VALUES(?, ?)"));
        if (!score || !why)
            return false;
        for (const RankScore &s : scores) {
            if (!d->run(score, {s.score, s.id}))
                return false;
            if (!s.why.isEmpty() && !d->run(why, {s.id, s.why}))
                return false;
        }
        return true;
    });
}

std::optional<QString> Library::rankWhy(qint64 id) const {
    d->clearError();
    QSqlQuery *q = d->stmt(QStringLiteral("SELECT why FROM rank_why WHERE paper_id = ?"));
    if (!q || !d->run(q, {id}))
        return std::nullopt;
    const QString why = q->next() ? q->value(0).toString() : QString();
    q->finish();
    return why;
}

bool Library::writeSimilar(const QList<qint64> &ids) {
    d->clearError();
    return d->transaction([&] {
        if (!d->exec(QStringLiteral("DELETE FROM similar_papers")))
            return false;
        QSqlQuery *q = d->stmt(QStringLiteral(
            "INSERT OR IGNORE INTO similar_papers(paper_id, position) VALUES(?, ?)"));
        for (qsizetype i = 0; i < ids.size(); ++i)
            if (!d->run(q, {ids[i], int(i)}))
                return false;
        return true;
    });
}

int Library::rankedCount() const {
    d->clearError();
    QSqlQuery *q =
        d->stmt(QStringLiteral("SELECT count(*) FROM papers WHERE rank_score IS NOT NULL"));
    if (!q || !d->run(q) || !q->next())
        return -1;
    const int n = q->value(0).toInt();
    q->finish();
    return n;
}

} // namespace lectern
