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
#include <QTimeZone>

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

// A chunk of papers in one statement, in the order of the ids given as a JSON array: the row,
// its tags, and its digests' first/last import times and dates folded into text by SQLite
// (each from an index), read without QVariant. (Three statements per chunk of an IN list, merged in
// a hash, took about half of an export's time.)
constexpr char kLoadSql[] =
    "SELECT p.id, p.key, p.version, p.title, p.authors, p.date, p.url, p.abstract, p.keywords, "
    "p.keyword_hints, p.summary, p.read, p.read_at, p.starred, p.starred_at, p.note, p.note_at, "
    "(SELECT group_concat(t.tag, char(31)) FROM tags t WHERE t.paper_id = p.id), "
    "(SELECT min(d.imported_at) || char(31) || max(d.imported_at) || char(31) || "
    " coalesce(group_concat(DISTINCT d.date ORDER BY d.date), '') FROM paper_digests pd "
    " JOIN digests d ON d.id = pd.digest_id WHERE pd.paper_id = p.id) "
    "FROM json_each(?1) j JOIN papers p ON p.id = j.value ORDER BY j.key";
constexpr qsizetype kLoadChunk = 1000;

// "2026-11-29T10:19:46.123Z", as nowUtc() writes them, without QDateTime's general parser.
QDateTime fastTimeOf(const QString &text) {
    if (text.isEmpty())
        return {};
    const auto digits = [&text](qsizetype at, qsizetype n) {
        int v = 0;
        for (qsizetype i = at; i < at + n; ++i) {
            const char16_t c = text.at(i).unicode();
            if (c < u'0' || c > u'9')
                return -1;
            v = v * 10 + (c - u'0');
        }
        return v;
    };
    if (text.size() == 24 && text.at(4) == u'-' && text.at(7) == u'-' && text.at(10) == u'T' &&
        text.at(13) == u':' && text.at(16) == u':' && text.at(19) == u'.' && text.at(23) == u'Z') {
        const QDate date(digits(0, 4), digits(5, 2), digits(8, 2));
        const QTime time(digits(11, 2), digits(14, 2), digits(17, 2), digits(20, 3));
        if (date.isValid() && time.isValid())
            return QDateTime(date, time, QTimeZone::UTC);
    }
    return QDateTime::fromString(text, Qt::ISODateWithMs);
}

LibraryPaper paperFromRow(const SqlStatement &q) {
    LibraryPaper lp;
    lp.id = q.columnInt(0);
    Paper &p = lp.paper;
    const QString key = q.columnText(1);
    p.arxivId = key.startsWith(QLatin1String("title:")) ? QString() : key;
    p.version = int(q.columnInt(2));
    p.title = q.columnText(3);
    p.authors = splitAuthors(q.columnText(4));
    p.date = QDate::fromString(q.columnText(5), Qt::ISODate);
    const QString url = q.columnText(6);
    p.url = url.isNull() ? arxiv::canonicalUrl(p.arxivId, p.version) : url;
    p.abstract = q.columnText(7);
    p.keywords = splitList(q.columnText(8));
    const QString hints = q.columnText(9);
    p.keywordHints = hints.isNull() ? QStringList() : hints.split(kSep);
    while (p.keywordHints.size() < p.keywords.size())
        p.keywordHints << QString();
    p.summary = q.columnText(10);
    lp.read = q.columnInt(11) != 0;
    lp.readAt = fastTimeOf(q.columnText(12));
    lp.starred = q.columnInt(13) != 0;
    lp.starredAt = fastTimeOf(q.columnText(14));
    lp.note = q.columnText(15);
    lp.noteAt = fastTimeOf(q.columnText(16));
    lp.tags = Annotations::normaliseTags(splitList(q.columnText(17)));
    // "first<US>last<US>date,date,...": the digests it came in (NULL when none).
    const QStringList seen = splitList(q.columnText(18));
    if (seen.size() == 3) {
        lp.firstSeen = fastTimeOf(seen.at(0));
        lp.lastSeen = fastTimeOf(seen.at(1));
        for (QStringView date : QStringView(seen.at(2)).tokenize(u',', Qt::SkipEmptyParts))
            lp.digests << QDate::fromString(date, Qt::ISODate);
    }
    return lp;
}

QString jsonIds(const QList<qint64> &ids) {
    return QLatin1Char('[') + idList(ids) + QLatin1Char(']');
}

} // namespace

std::optional<QList<LibraryPaper>> Library::papers(const QList<qint64> &ids) const {
    d->clearError();
    if (!isOpen()) {
        d->fail(QStringLiteral("the library is not open"));
        return std::nullopt;
    }
    SqlStatement q;
    if (!q.prepare(sqliteHandle(d->db), kLoadSql)) {
        d->fail(q.errorCode(), q.errorMessage(), QStringLiteral("loading papers"));
        return std::nullopt;
    }
    QList<LibraryPaper> out;
    out.reserve(ids.size());
    for (qsizetype start = 0; start < ids.size(); start += kLoadChunk) {
        const QString list = jsonIds(ids.mid(start, kLoadChunk));
        q.bind(1, list);
        while (q.step() && q.hasRow())
            out << paperFromRow(q);
        if (q.errorCode() != 0) {
            d->fail(q.errorCode(), q.errorMessage(), QStringLiteral("loading papers"));
            return std::nullopt;
        }
        q.reset();
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
        QList<qint64> changed;
        for (qint64 id : ids) {
            if (!d->run(q, {int(read), at, id, int(read)}))
                return false;
            if (q->numRowsAffected() > 0) // once per paper: a repeated id changes nothing
                changed << id;
        }
        return d->countReadChange(changed, read);
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
