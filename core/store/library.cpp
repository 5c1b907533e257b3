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

namespace {

// Connection settings; the ones that must hold (busy timeout, journal mode) fail the open.
// On a network file system: a rollback journal (WAL's shared-memory index needs one host) and
// no memory map (an I/O error under a map is SIGBUS, not an error code).
bool configureConnection(QSqlDatabase &db, bool network, QSqlError *error) {
    QSqlQuery q(db);
    // Big pages: rows (~1.5 KB with the abstract) waste far less of a 16 KB page than of a
    // 4 KB one (about 20% of the file). Only takes effect on a new file, before WAL.
    q.exec(QStringLiteral("PRAGMA page_size = 16384"));
    if (!q.exec(QStringLiteral("PRAGMA busy_timeout = ") + QString::number(kBusyTimeoutMs)) ||
        !q.exec(network ? QStringLiteral("PRAGMA journal_mode = DELETE")
                        : QStringLiteral("PRAGMA journal_mode = WAL"))) {
        *error = q.lastError();
        return false;
    }
    // Under WAL, NORMAL keeps the database consistent on power loss (the last transactions
    // may roll back) and saves an fsync per commit.
    q.exec(QStringLiteral("PRAGMA synchronous = NORMAL"));
    q.exec(QStringLiteral("PRAGMA foreign_keys = OFF"));
    q.exec(QStringLiteral("PRAGMA temp_store = MEMORY"));
    q.exec(QStringLiteral("PRAGMA cache_size = -32000"));
    // Reads through a memory map: scans of a large library cost no read() calls (measured:
    // the keyword counts over 100k papers went from 570 to 230 ms).
    q.exec(network ? QStringLiteral("PRAGMA mmap_size = 0")
                   : QStringLiteral("PRAGMA mmap_size = 268435456"));
    return true;
}

// PRAGMA quick_check before anything writes: nullopt when it passed, else SQLite's words.
// Table by table, so the FTS5 table's own check (a full read of the index, 17 s at 100k
// papers; quick_check runs it too) is left to the weekly integrity_check; its shadow tables'
// b-trees are still checked.
std::optional<QString> damageOf(QSqlDatabase &db) {
    QSqlQuery q(db);
    QStringList tables;
    if (!q.exec(QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT "
                               "LIKE 'CREATE VIRTUAL%'")))
        return q.lastError().text();
    while (q.next())
        tables << q.value(0).toString();
    QStringList rows;
    for (const QString &table : tables) {
        if (!q.exec(QStringLiteral("PRAGMA quick_check(\"") + table + QStringLiteral("\")")))
            return q.lastError().text();
        while (q.next()) {
            if (q.value(0).toString() != QLatin1String("ok"))
                rows << q.value(0).toString();
        }
        if (q.lastError().isValid())
            rows << q.lastError().text();
    }
    if (rows.isEmpty())
        return std::nullopt;
    return rows.join(QStringLiteral("; "));
}

int userVersionOf(QSqlDatabase &db) {
    QSqlQuery q(db);
    return q.exec(QStringLiteral("PRAGMA user_version")) && q.next() ? q.value(0).toInt() : -1;
}

// A library about to be migrated is backed up first (the backups folder, like any backup).
bool backupBeforeMigration(QSqlDatabase &db, const QString &path, QString *error) {
    const int version = userVersionOf(db);
    if (version <= 0 || version >= Schema::currentVersion())
        return true;
    BackupManager backups(path);
    if (backups.backup())
        return true;
    *error = QStringLiteral("%1 needs an upgrade to schema %2, but the backup before it failed "
                            "(%3); nothing was changed")
                 .arg(path, QString::number(Schema::currentVersion()), backups.lastError());
    return false;
}

// Why an existing library cannot be written (the file, or its folder where SQLite keeps the
// -wal and -shm); empty when it can. Told before SQLite meets it, whose errors there read
// like damage.
QString unwritable(const QFileInfo &file) {
    const QFileInfo folder(file.absolutePath());
    if (file.exists() && !file.isWritable())
        return QStringLiteral("the library %1 is read-only (its permissions); nothing can be "
                              "saved to it")
            .arg(file.filePath());
    if (file.exists() && folder.exists() && !folder.isWritable())
        return QStringLiteral("the library %1 cannot be written: its folder %2 is read-only")
            .arg(file.filePath(), folder.filePath());
    return {};
}

// What the library's file system means for it: network file systems get a warning.
bool isOnNetwork(const QString &path, QString *warning) {
    QString name;
    if (!FileSystemType::isNetworkPath(path, &name))
        return false;
    *warning = QStringLiteral("%1 is on a network file system (%2): it is opened with a rollback "
                              "journal and no memory map, and must not be used by two computers "
                              "at once")
                   .arg(path, name);
    return true;
}

} // namespace

bool Library::openExisting(const QString &path, QString *error) {
    if (!QFileInfo(path).isFile()) {
        d->close();
        d->path = path;
        d->fail(QStringLiteral("no library at %1 (the file does not exist; its drive may be "
                               "missing). Create one explicitly (lectern-cli --create, or start "
                               "Lectern and confirm)")
                    .arg(path),
                ErrorKind::Io);
        if (error)
            *error = d->error;
        return false;
    }
    return open(path, error);
}

QString Library::openWarning() const {
    return d->openWarning;
}

bool Library::open(const QString &path, QString *error) {
    // Two processes creating or upgrading the same file: SQLite can answer "busy" at once,
    // without its busy handler, where waiting could deadlock (a read turning into a write).
    // Try again for as long as the busy timeout would have waited.
    QElapsedTimer waited;
    waited.start();
    for (;;) {
        if (openOnce(path, error))
            return true;
        if (d->errorKind != ErrorKind::Busy || waited.elapsed() >= kBusyTimeoutMs)
            return false;
        QThread::msleep(50);
    }
}

bool Library::openOnce(const QString &path, QString *error) {
    d->close();
    d->openWarning.clear();
    d->path = path;
    d->clearError();
    auto failed = [&](ErrorKind kind, const QString &message) {
        d->fail(kind == ErrorKind::Busy ? busyMessage(path) : message, kind);
        if (error)
            *error = d->error;
        d->close();
        return false;
    };
    auto failedSql = [&](const QSqlError &e) {
        const ErrorKind kind = errorKindOf(sqliteCodeOf(e));
        return failed(kind == ErrorKind::None ? ErrorKind::Io : kind,
                      QStringLiteral("cannot open the library %1: %2").arg(path, e.text()));
    };
    const QFileInfo fi(path);
    if (const QString why = unwritable(fi); !why.isEmpty())
        return failed(ErrorKind::ReadOnly, why);
    if (!QDir().mkpath(fi.absolutePath()))
        return failed(ErrorKind::Io,
                      QStringLiteral("cannot create the folder ") + fi.absolutePath());
    d->db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), d->connection);
    d->db.setDatabaseName(path);
    d->db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=") +
                            QString::number(kBusyTimeoutMs));
    if (!d->db.open())
        return failedSql(d->db.lastError());
    if (!PhraseMatch::registerFunction(sqliteHandle(d->db)))
        return failed(ErrorKind::Other,
                      QStringLiteral("cannot open the library ") + path +
                          QStringLiteral(": the SQLite driver does not expose its connection"));
    QString refused;
    ErrorKind kind = ErrorKind::None;
    // Not a database at all (a text file passed as --db): the first read fails here, before
    // anything below writes to the file.
    if (!Schema::isOpenable(d->db, path, &refused, &kind))
        return failed(kind, refused);
    if (const std::optional<QString> damage = damageOf(d->db)) {
        // Closing the last connection must not checkpoint a WAL into the damaged file.
        sqlite3_db_config(sqliteHandle(d->db), SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, nullptr);
        return failed(ErrorKind::Corrupt,
                      QStringLiteral("the library %1 is damaged; SQLite's check says: %2. It was "
                                     "not changed.")
                          .arg(path, *damage));
    }
    QSqlError configError;
    if (!configureConnection(d->db, isOnNetwork(path, &d->openWarning), &configError))
        return failedSql(configError);
    QString migrateError;
    if (!backupBeforeMigration(d->db, path, &migrateError))
        return failed(ErrorKind::Io, migrateError);
    if (!Schema::migrate(d->db, path, &migrateError, &kind))
        return failed(kind, migrateError);
    return true;
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
