#include "store/library.h"

#include "exchange/annotations.h"
#include "io/filesystemtype.h"
#include "model/arxiv.h"
#include "search/phrasematch_p.h"
#include "search/querylanguage.h"
#include "store/backupmanager.h"
#include "store/library_p.h"
#include "store/schema_p.h"
#include "store/sqlstatement_p.h"

#include <QAtomicInteger>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QThread>

#include <sqlite3.h>

namespace lectern {

namespace {

const QChar kSep(0x1f);

} // namespace

QString idList(const QList<qint64> &ids) {
    QStringList s;
    s.reserve(ids.size());
    for (qint64 id : ids)
        s << QString::number(id);
    return s.join(QLatin1Char(','));
}

QDateTime timeOf(const QVariant &v) {
    return v.isNull() ? QDateTime() : QDateTime::fromString(v.toString(), Qt::ISODateWithMs);
}

QVariant timeValue(const QDateTime &t) {
    return t.isValid() ? QVariant(t.toUTC().toString(Qt::ISODateWithMs)) : QVariant();
}

QStringList splitAuthors(const QString &s) {
    return s.isEmpty() ? QStringList() : s.split(QStringLiteral(", "));
}

QString joinList(const QStringList &list) {
    return list.join(kSep);
}
QStringList splitList(const QString &text) {
    return text.isEmpty() ? QStringList() : text.split(kSep);
}
QString nowUtc() {
    return QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
}
QVariant dateValue(const QDate &date) {
    return date.isValid() ? QVariant(date.toString(Qt::ISODate)) : QVariant();
}

// ---- Library ---------------------------------------------------------------------------------

Library::Library()
    : d(std::make_unique<Private>()) {
    static QAtomicInteger<quint64> counter;
    d->connection =
        QStringLiteral("lectern-library-") + QString::number(counter.fetchAndAddRelaxed(1));
}

Library::~Library() = default;

QString Library::defaultPath() {
    const QString env = qEnvironmentVariable("LECTERN_DB");
    if (!env.isEmpty())
        return env;
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) +
           QStringLiteral("/library.sqlite");
}

QString Library::path() const {
    return d->path;
}
bool Library::isOpen() const {
    return d->db.isValid() && d->db.isOpen();
}
QString Library::lastError() const {
    return d->error;
}
ErrorKind Library::lastErrorKind() const {
    return d->errorKind;
}
void Library::setDeferredIndexing(bool defer) {
    d->deferIndexing = defer;
}
int Library::pendingIndexCount() const {
    return d->pendingFts();
}

bool Library::indexPending(const ImportProgress &progress) {
    constexpr int kIndexChunk = 10000;
    const int total = d->pendingFts();
    if (total < 0)
        return false;
    int done = 0;
    while (done < total) {
        if (progress && !progress(done, total, QString()))
            return true; // the queue stays; finished later
        // Chunks keep each write transaction short: the GUI writing read/star state waits at
        // most one chunk (~0.3 s) while an import indexes.
        if (!d->begin())
            return false;
        if (!d->flushFts(kIndexChunk) || !d->commit()) {
            d->rollback();
            return false;
        }
        const int left = d->pendingFts();
        if (left < 0)
            return false;
        if (left >= total - done)
            break;
        done = total - left;
    }
    return true;
}

namespace {

LibraryPaper paperFromRow(const QSqlQuery &q) {
    LibraryPaper lp;
    lp.id = q.value(0).toLongLong();
    Paper &p = lp.paper;
    const QString key = q.value(1).toString();
    p.arxivId = key.startsWith(QLatin1String("title:")) ? QString() : key;
    p.version = q.value(2).toInt();
    p.title = q.value(3).toString();
    p.authors = splitAuthors(q.value(4).toString());
    p.date = QDate::fromString(q.value(5).toString(), Qt::ISODate);
    p.url = q.value(6).isNull() ? arxiv::canonicalUrl(p.arxivId, p.version) : q.value(6).toString();
    p.abstract = q.value(7).toString();
    p.keywords = splitList(q.value(8).toString());
    p.keywordHints = q.value(9).isNull() ? QStringList() : q.value(9).toString().split(kSep);
    while (p.keywordHints.size() < p.keywords.size())
        p.keywordHints << QString();
    p.summary = q.value(10).toString();
    lp.read = q.value(11).toBool();
    lp.readAt = timeOf(q.value(12));
    lp.starred = q.value(13).toBool();
    lp.starredAt = timeOf(q.value(14));
    lp.note = q.value(15).toString();
    lp.noteAt = timeOf(q.value(16));
    return lp;
}

// The digests a paper came in: their dates, and the first and last import times.
void addDigest(LibraryPaper *p, const QDate &date, const QDateTime &at) {
    if (date.isValid() && !p->digests.contains(date))
        p->digests << date;
    if (!p->firstSeen.isValid() || at < p->firstSeen)
        p->firstSeen = at;
    if (!p->lastSeen.isValid() || at > p->lastSeen)
        p->lastSeen = at;
}

} // namespace

// One chunk of ids (an IN list): rows, tags and digests into byId.
static bool loadPapers(Library::Private *d, const QString &list,
                       QHash<qint64, LibraryPaper> *byId) {
    QSqlQuery q(d->db);
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT id, key, version, title, authors, date, url, abstract, "
                               "keywords, keyword_hints, summary, read, read_at, starred, "
                               "starred_at, note, note_at FROM papers WHERE id IN (") +
                list + QLatin1Char(')')))
        return d->fail(q.lastError(), QStringLiteral("loading papers"));
    while (q.next()) {
        const LibraryPaper lp = paperFromRow(q);
        byId->insert(lp.id, lp);
    }
    if (!q.exec(QStringLiteral("SELECT paper_id, tag FROM tags WHERE paper_id IN (") + list +
                QLatin1Char(')')))
        return d->fail(q.lastError(), QStringLiteral("loading tags"));
    while (q.next()) {
        auto it = byId->find(q.value(0).toLongLong());
        if (it != byId->end())
            it->tags << q.value(1).toString();
    }
    // First/last seen: the import times of the digests it came in.
    if (!q.exec(QStringLiteral("SELECT pd.paper_id, d.date, d.imported_at FROM paper_digests pd "
                               "JOIN digests d ON d.id = pd.digest_id WHERE pd.paper_id IN (") +
                list + QStringLiteral(") ORDER BY d.date")))
        return d->fail(q.lastError(), QStringLiteral("loading digests"));
    while (q.next()) {
        auto it = byId->find(q.value(0).toLongLong());
        if (it != byId->end())
            addDigest(&*it, QDate::fromString(q.value(1).toString(), Qt::ISODate),
                      timeOf(q.value(2)));
    }
    return true;
}

std::optional<QList<LibraryPaper>> Library::papers(const QList<qint64> &ids) const {
    d->clearError();
    if (!isOpen()) {
        d->fail(QStringLiteral("the library is not open"));
        return std::nullopt;
    }
    QHash<qint64, LibraryPaper> byId;
    for (qsizetype start = 0; start < ids.size(); start += 500) {
        if (!loadPapers(d.get(), idList(ids.mid(start, 500)), &byId))
            return std::nullopt;
    }
    QList<LibraryPaper> out;
    for (qint64 id : ids) {
        auto it = byId.find(id);
        if (it != byId.end()) {
            it->tags = Annotations::normaliseTags(it->tags);
            out << *it;
        }
    }
    return out;
}

std::optional<LibraryPaper> Library::paper(qint64 id) const {
    const std::optional<QList<LibraryPaper>> list = papers({id});
    if (!list || list->isEmpty())
        return std::nullopt;
    return list->first();
}

std::optional<qint64> Library::idForKey(const QString &arxivIdOrKey) const {
    d->clearError();
    QSqlQuery *q = d->stmt(QStringLiteral("SELECT id FROM papers WHERE key = ?"));
    if (!d->run(q, {arxiv::normaliseId(arxivIdOrKey)}))
        return std::nullopt;
    const qint64 id = q->next() ? q->value(0).toLongLong() : 0;
    q->finish();
    return id;
}

std::optional<LibraryPaper> Library::paperByArxivId(const QString &arxivIdOrKey) const {
    const std::optional<qint64> id = idForKey(arxivIdOrKey);
    if (!id || *id == 0)
        return std::nullopt;
    return paper(*id);
}

std::optional<Counts> Library::counts() const {
    d->clearError();
    Counts c;
    QSqlQuery q(d->db);
    q.setForwardOnly(true);
    // Each count comes from an index; "unread" is "all minus those in the read set" so no
    // paper row is read (the read set is built once per statement from papers_read).
    auto single = [&](const QString &sql, int *out) {
        if (!q.exec(sql) || !q.next())
            return d->fail(q.lastError(), QStringLiteral("counting papers"));
        *out = q.value(0).toInt();
        return true;
    };
    auto items = [&](const QString &sql, QList<CountItem> *out) {
        if (!q.exec(sql))
            return d->fail(q.lastError(), QStringLiteral("counting papers"));
        while (q.next())
            out->append({q.value(0).toString(), q.value(1).toInt(), q.value(2).toInt()});
        return true;
    };
    const QString unread =
        QStringLiteral("NOT IN (SELECT id FROM papers INDEXED BY papers_read WHERE read = 1)");
    const bool ok =
        isOpen() &&
        single(QStringLiteral("SELECT count(*) FROM papers INDEXED BY papers_read"), &c.all) &&
        single(QStringLiteral("SELECT count(*) FROM papers WHERE read = 0"), &c.unread) &&
        single(QStringLiteral("SELECT count(*) FROM papers WHERE starred = 1"), &c.starred) &&
        single(QStringLiteral("SELECT count(*) FROM papers WHERE note IS NOT NULL"), &c.noted) &&
        single(QStringLiteral("SELECT count(DISTINCT paper_id) FROM follow_matches"),
               &c.followed) &&
        // Digests are grouped by date: a digest file re-edited and imported again is one day.
        items(QStringLiteral("SELECT d.date, count(DISTINCT pd.paper_id), count(DISTINCT CASE "
                             "WHEN pd.paper_id ") +
                  unread +
                  QStringLiteral(" THEN pd.paper_id END) FROM digests d JOIN paper_digests pd "
                                 "ON pd.digest_id = d.id WHERE d.date IS NOT NULL GROUP BY d.date "
                                 "ORDER BY d.date DESC"),
              &c.digests) &&
        items(QStringLiteral("SELECT k.name, count(*), total(pk.paper_id ") + unread +
                  QStringLiteral(") FROM paper_keywords pk JOIN keywords k ON k.id = "
                                 "pk.keyword_id GROUP BY pk.keyword_id ORDER BY count(*) DESC, "
                                 "k.name"),
              &c.keywords) &&
        items(QStringLiteral("SELECT t.tag, count(*), total(t.paper_id ") + unread +
                  QStringLiteral(") FROM tags t GROUP BY t.tag ORDER BY t.tag COLLATE NOCASE"),
              &c.tags) &&
        items(QStringLiteral("SELECT c.category, count(*), total(c.paper_id ") + unread +
                  QStringLiteral(") FROM paper_categories c GROUP BY c.category ORDER BY "
                                 "count(*) DESC, c.category"),
              &c.categories);
    if (!ok) {
        if (!isOpen())
            d->fail(QStringLiteral("the library is not open"));
        return std::nullopt;
    }
    return c;
}

std::optional<QStringList> Library::allTags() const {
    d->clearError();
    QStringList out;
    QSqlQuery q(d->db);
    if (!q.exec(QStringLiteral("SELECT DISTINCT tag FROM tags ORDER BY tag COLLATE NOCASE"))) {
        d->fail(q.lastError(), QStringLiteral("listing tags"));
        return std::nullopt;
    }
    while (q.next())
        out << q.value(0).toString();
    return out;
}

// ---- User state ------------------------------------------------------------------------------

namespace {

// Changes what the user wrote about one paper in one transaction: change() edits a copy and
// returns false when nothing changed. Fails for a paper not in the library.
template <typename Change>
bool editAnnotation(const Library &lib, Library::Private *d, qint64 id, Change change) {
    return d->transaction([&] {
        const std::optional<bool> exists = lib.paperExists(id);
        if (!exists)
            return false;
        if (!*exists)
            return d->fail(QStringLiteral("no paper with id ") + QString::number(id));
        const std::optional<Annotation> before = d->annotation(id);
        if (!before)
            return false;
        Annotation after = *before;
        return !change(after) || d->writeAnnotation(id, *before, after);
    });
}

} // namespace

bool Library::setRead(const QList<qint64> &ids, bool read) {
    return d->transaction([&] {
        // Only rows that change, so the time of the first reading is kept.
        QSqlQuery *q = d->stmt(
            QStringLiteral("UPDATE papers SET read = ?, read_at = ? WHERE id = ? AND read <> ?"));
        const QVariant at = read ? QVariant(nowUtc()) : QVariant();
        for (qint64 id : ids) {
            if (!d->run(q, {int(read), at, id, int(read)}))
                return false;
        }
        return true;
    });
}

bool Library::setStarred(const QList<qint64> &ids, bool starred) {
    return d->transaction([&] {
        QSqlQuery *q = d->stmt(QStringLiteral(
            "UPDATE papers SET starred = ?, starred_at = ? WHERE id = ? AND starred <> ?"));
        const QVariant at = starred ? QVariant(nowUtc()) : QVariant();
        for (qint64 id : ids) {
            if (!d->run(q, {int(starred), at, id, int(starred)}))
                return false;
        }
        return true;
    });
}

bool Library::setNote(qint64 id, const QString &markdown) {
    return editAnnotation(*this, d.get(), id, [&](Annotation &a) {
        const QString note = markdown.trimmed().isEmpty() ? QString() : markdown;
        if (note == a.note)
            return false;
        a.note = note;
        a.noteAt = QDateTime::currentDateTimeUtc();
        return true;
    });
}

std::optional<bool> Library::paperExists(qint64 id) const {
    d->clearError();
    QSqlQuery *q = d->stmt(QStringLiteral("SELECT 1 FROM papers WHERE id = ?"));
    if (!d->run(q, {id}))
        return std::nullopt;
    const bool found = q->next();
    q->finish();
    return found;
}

bool Library::setTags(qint64 id, const QStringList &tags) {
    return editAnnotation(*this, d.get(), id, [&](Annotation &a) {
        a.tags = Annotations::normaliseTags(tags);
        return true;
    });
}

bool Library::addTag(const QList<qint64> &ids, const QString &tag) {
    const QString t = tag.simplified();
    if (t.isEmpty())
        return d->fail(QStringLiteral("a tag cannot be empty"));
    return d->transaction([&] {
        QSqlQuery *q = d->stmt(QStringLiteral(
            "INSERT OR IGNORE INTO tags(tag, paper_id) SELECT ?, id FROM papers WHERE id = ?"));
        for (qint64 id : ids) {
            if (!d->run(q, {t, id}))
                return false;
        }
        return true;
    });
}

bool Library::removeTag(const QList<qint64> &ids, const QString &tag) {
    const QString t = tag.simplified();
    return d->transaction([&] {
        QSqlQuery *q = d->stmt(QStringLiteral("DELETE FROM tags WHERE tag = ? AND paper_id = ?"));
        for (qint64 id : ids) {
            if (!d->run(q, {t, id}))
                return false;
        }
        return true;
    });
}

// ---- Annotations -----------------------------------------------------------------------------

std::optional<QByteArray> Library::exportAnnotations() const {
    d->clearError();
    QMap<QString, Annotation> all;
    QSqlQuery q(d->db);
    q.setForwardOnly(true);
    // Papers the user touched; annotations still waiting for their paper go along too.
    if (!q.exec(QStringLiteral("SELECT id, key FROM papers WHERE read = 1 OR starred = 1 OR "
                               "note IS NOT NULL OR id IN (SELECT paper_id FROM tags)"))) {
        d->fail(q.lastError(), QStringLiteral("exporting annotations"));
        return std::nullopt;
    }
    QList<QPair<qint64, QString>> rows;
    while (q.next())
        rows.append({q.value(0).toLongLong(), q.value(1).toString()});
    for (const auto &[id, key] : rows) {
        const std::optional<Annotation> a = d->annotation(id);
        if (!a)
            return std::nullopt;
        all.insert(key, *a);
    }
    if (!q.exec(QStringLiteral("SELECT key, data FROM pending_annotations"))) {
        d->fail(q.lastError(), QStringLiteral("exporting annotations"));
        return std::nullopt;
    }
    while (q.next()) {
        // A paper that took this key after its annotations were kept waiting (a library from
        // before they were merged on re-keying): both, as the merge would have made them.
        const QString key = q.value(0).toString();
        const Annotation pending = Annotations::fromJsonObject(q.value(1).toByteArray());
        const auto it = all.find(key);
        all.insert(key, it == all.end() ? pending : Annotations::merge(*it, pending));
    }
    return Annotations::toJson(all);
}

bool Library::importAnnotations(const QByteArray &json, QString *error) {
    QMap<QString, Annotation> incoming;
    QString parseError;
    if (!Annotations::fromJson(json, &incoming, &parseError)) {
        d->error =
            QStringLiteral("annotations: ") + parseError + QStringLiteral("; nothing changed");
        if (error)
            *error = d->error;
        return false;
    }
    const bool ok = d->transaction([&] {
        for (auto it = incoming.begin(); it != incoming.end(); ++it) {
            const QString key = it.key().startsWith(QLatin1String("title:"))
                                    ? it.key()
                                    : arxiv::normaliseId(it.key());
            const std::optional<qint64> found = idForKey(key);
            if (!found)
                return false;
            const qint64 id = *found;
            if (id != 0) {
                const std::optional<Annotation> local = d->annotation(id);
                if (!local)
                    return false;
                const Annotation merged = Annotations::merge(*local, it.value());
                if (!(merged == *local) && !d->writeAnnotation(id, *local, merged))
                    return false;
                continue;
            }
            // Not in the library yet: kept until a digest brings the paper.
            QSqlQuery *sel =
                d->stmt(QStringLiteral("SELECT data FROM pending_annotations WHERE key = ?"));
            if (!d->run(sel, {key}))
                return false;
            Annotation merged = it.value();
            if (sel->next())
                merged = Annotations::merge(
                    Annotations::fromJsonObject(sel->value(0).toByteArray()), it.value());
            sel->finish();
            if (!d->run(d->stmt(QStringLiteral(
                            "INSERT OR REPLACE INTO pending_annotations(key, data) VALUES(?, ?)")),
                        {key, Annotations::toJson(merged)}))
                return false;
        }
        return true;
    });
    if (!ok && error)
        *error = d->error;
    return ok;
}

} // namespace lectern
