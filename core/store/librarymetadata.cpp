// Library: what arXiv's API said about papers, and the PDFs downloaded for them.
#include "store/library.h"
#include "store/library_p.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>

namespace lectern {

namespace {

constexpr QChar kUnitSeparator(0x1f);

QVariant textOrNull(const QString &s) {
    return s.isEmpty() ? QVariant() : QVariant(s);
}

QVariant timeOrNull(const QDateTime &t) {
    return t.isValid() ? QVariant(t.toUTC().toString(Qt::ISODate)) : QVariant();
}

bool storeOne(Library::Private *d, qint64 paperId, const ArxivRecord &r, const QString &at) {
    QSqlQuery *put = d->stmt(QStringLiteral(
        "INSERT OR REPLACE INTO arxiv_metadata(paper_id, title, authors, abstract, "
        "primary_category, categories, comments, journal_ref, doi, latest_version, published, "
        "updated, fetched_at) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    if (!d->run(put, {paperId, r.title, r.authors.join(kUnitSeparator), r.abstract,
                      textOrNull(r.primaryCategory), textOrNull(r.categories.join(u' ')),
                      textOrNull(r.comments), textOrNull(r.journalRef), textOrNull(r.doi),
                      r.version, timeOrNull(r.published), timeOrNull(r.updated), at}))
        return false;
    QSqlQuery *clear = d->stmt(QStringLiteral("DELETE FROM paper_categories WHERE paper_id = ?"));
    if (!d->run(clear, {paperId}))
        return false;
    if (r.categories.isEmpty())
        return true;
    // One statement for all of a paper's categories (a JSON array): statements, not rows, are
    // what storing 100k papers' metadata costs.
    QSqlQuery *add = d->stmt(QStringLiteral("INSERT OR IGNORE INTO paper_categories(category, "
                                            "paper_id) SELECT value, ? FROM json_each(?)"));
    const QByteArray json =
        QJsonDocument(QJsonArray::fromStringList(r.categories)).toJson(QJsonDocument::Compact);
    return d->run(add, {paperId, QString::fromUtf8(json)});
}

} // namespace

std::optional<int> Library::storeMetadata(const QList<ArxivRecord> &records,
                                          const QDateTime &fetchedAt) {
    int stored = 0;
    const QString at = fetchedAt.toUTC().toString(Qt::ISODateWithMs);
    const bool ok = d->transaction([&] {
        QSqlQuery *find = d->stmt(QStringLiteral("SELECT id FROM papers WHERE key = ?"));
        for (const ArxivRecord &r : records) {
            if (!d->run(find, {r.arxivId}))
                return false;
            const qint64 id = find->next() ? find->value(0).toLongLong() : 0;
            find->finish();
            if (id == 0)
                continue;
            if (!storeOne(d.get(), id, r, at))
                return false;
            ++stored;
        }
        return true;
    });
    if (!ok)
        return std::nullopt;
    return stored;
}

std::optional<StoredMetadata> Library::metadata(qint64 id) const {
    d->clearError();
    QSqlQuery *q = d->stmt(QStringLiteral(
        "SELECT p.key, m.title, m.authors, m.abstract, m.primary_category, m.categories, "
        "m.comments, m.journal_ref, m.doi, m.latest_version, m.published, m.updated, "
        "m.fetched_at FROM arxiv_metadata m JOIN papers p ON p.id = m.paper_id "
        "WHERE m.paper_id = ?"));
    if (!d->run(q, {id}))
        return std::nullopt;
    StoredMetadata out;
    if (q->next()) {
        ArxivRecord &r = out.record;
        r.arxivId = q->value(0).toString();
        r.title = q->value(1).toString();
        r.authors = q->value(2).toString().split(kUnitSeparator, Qt::SkipEmptyParts);
        r.abstract = q->value(3).toString();
        r.primaryCategory = q->value(4).toString();
        r.categories = q->value(5).toString().split(u' ', Qt::SkipEmptyParts);
        r.comments = q->value(6).toString();
        r.journalRef = q->value(7).toString();
        r.doi = q->value(8).toString();
        r.version = q->value(9).toInt();
        r.published = timeOf(q->value(10));
        r.updated = timeOf(q->value(11));
        out.fetchedAt = timeOf(q->value(12));
    }
    q->finish();
    return out;
}

std::optional<QString> Library::pdfPath(qint64 id) const {
    d->clearError();
    QSqlQuery *q = d->stmt(QStringLiteral("SELECT path FROM pdfs WHERE paper_id = ?"));
    if (!d->run(q, {id}))
        return std::nullopt;
    const QString path = q->next() ? q->value(0).toString() : QString();
    q->finish();
    return path;
}

bool Library::setPdf(qint64 id, int version, const QString &path) {
    return d->transaction([&] {
        QSqlQuery *q = d->stmt(QStringLiteral(
            "INSERT OR REPLACE INTO pdfs(paper_id, path, version, saved_at) VALUES(?, ?, ?, ?)"));
        return d->run(q, {id, path, version, nowUtc()});
    });
}

QString Library::pdfFolder() const {
    return QFileInfo(path()).absoluteDir().filePath(QStringLiteral("pdfs"));
}

} // namespace lectern
