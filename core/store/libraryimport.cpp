// Library: importing digest files. Reading, hashing and parsing run on worker threads ahead
// of the writer; each file is written in one transaction.
#include "store/library.h"

#include "parse/digestparser.h"
#include "store/library_p.h"
#include "model/arxiv.h"
#include "store/sqlstatement_p.h"

#include <sqlite3.h>

#include <QCryptographicHash>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QThread>

#include <algorithm>
#include <deque>
#include <future>

namespace lectern {

namespace {

struct PreparedFile {
    QString path;
    QByteArray hash;
    Digest digest;
    QString readError; // non-empty: the file could not be read
};

PreparedFile prepare(const QString &path, const QByteArray &data) {
    PreparedFile f;
    f.path = path;
    f.hash = QCryptographicHash::hash(data, QCryptographicHash::Sha1).toHex();
    f.digest = DigestParser::parse(data, QFileInfo(path).fileName());
    return f;
}

PreparedFile prepareFile(const QString &path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        PreparedFile f;
        f.path = path;
        f.readError = QStringLiteral("cannot read the file: ") + file.errorString();
        return f;
    }
    return prepare(path, file.readAll());
}

// The URL is stored only when it is not the canonical one (most are): saves ~35 bytes a paper.
QString storedUrl(const Paper &p) {
    if (p.url.isEmpty() || p.url == arxiv::canonicalUrl(p.arxivId, p.version))
        return QString();
    return p.url;
}

QString sqlError(const SqlStatement &s, const QString &path) {
    if (s.errorCode() == SQLITE_BUSY || s.errorCode() == SQLITE_LOCKED)
        return QStringLiteral("the library %1 is busy: another Lectern process is writing to it. "
                              "Nothing was changed; try again when it has finished.")
            .arg(path);
    return QStringLiteral("database error: ") + s.errorMessage();
}

Diagnostic errorDiagnostic(const QString &message) {
    Diagnostic d;
    d.severity = Severity::Error;
    d.message = message;
    return d;
}

} // namespace

struct ImportStatements {
    sqlite3 *db = nullptr;
    SqlStatement insDigest, hasPending, select, insert, insFts, queue, link, seen, update,
        keywordSelect, keywordInsert, paperKeyword;
};

void ImportStatementsDeleter::operator()(ImportStatements *s) const {
    delete s;
}

namespace {

ImportStatements *statements(Library::Private *d) {
    if (d->importStatements)
        return d->importStatements.get();
    auto st = std::unique_ptr<ImportStatements, ImportStatementsDeleter>(new ImportStatements);
    st->db = sqliteHandle(d->db);
    const std::pair<SqlStatement *, const char *> all[] = {
        {&st->insDigest,
         "INSERT INTO digests(date, path, hash, imported_at, paper_count) VALUES(?,?,?,?,?)"},
        {&st->hasPending, "SELECT EXISTS(SELECT 1 FROM pending_annotations)"},
        {&st->select, "SELECT id, version, keywords FROM papers WHERE key = ?"},
        {&st->insert,
         "INSERT INTO papers(key, version, title, authors, date, url, abstract, "
         "keywords, keyword_hints, summary, last_digest) VALUES(?,?,?,?,?,?,?,?,?,?,?)"},
        {&st->insFts,
         "INSERT INTO fts(rowid, title, authors, abstract, summary) VALUES(?,?,?,?,?)"},
        {&st->queue, "INSERT INTO fts_pending(paper_id) VALUES(?)"},
        {&st->link, "INSERT OR IGNORE INTO paper_digests(digest_id, paper_id) VALUES(?, ?)"},
        {&st->seen, "UPDATE papers SET last_digest = nullif(max(coalesce(last_digest, ''), "
                    "coalesce(?, '')), '') WHERE id = ?"},
        {&st->update, "UPDATE papers SET version = ?, title = ?, authors = ?, date = ?, url = ?, "
                      "abstract = ?, keywords = ?, keyword_hints = ?, summary = ? WHERE id = ?"},
        {&st->keywordSelect, "SELECT id FROM keywords WHERE name = ?"},
        {&st->keywordInsert, "INSERT INTO keywords(name) VALUES(?)"},
        {&st->paperKeyword,
         "INSERT OR IGNORE INTO paper_keywords(keyword_id, paper_id) VALUES(?, ?)"},
    };
    for (const auto &[stmt, sql] : all) {
        if (!stmt->prepare(st->db, sql)) {
            d->fail(QStringLiteral("cannot prepare the import: ") + stmt->errorMessage());
            return nullptr;
        }
    }
    d->importStatements = std::move(st);
    return d->importStatements.get();
}

bool addKeywords(Library::Private *d, ImportStatements *st, qint64 paperId,
                 const QStringList &keywords) {
    for (const QString &k : keywords) {
        qint64 kid = d->keywordIds.value(k, -1);
        if (kid < 0) {
            st->keywordSelect.bind(1, k);
            if (!st->keywordSelect.step())
                return d->fail(sqlError(st->keywordSelect, d->path));
            if (st->keywordSelect.hasRow()) {
                kid = st->keywordSelect.columnInt(0);
            } else {
                st->keywordInsert.bind(1, k);
                if (!st->keywordInsert.exec())
                    return d->fail(sqlError(st->keywordInsert, d->path));
                kid = sqlite3_last_insert_rowid(st->db);
            }
            st->keywordSelect.reset();
            d->keywordIds.insert(k, kid);
        }
        st->paperKeyword.bind(1, kid);
        st->paperKeyword.bind(2, paperId);
        if (!st->paperKeyword.exec())
            return d->fail(sqlError(st->paperKeyword, d->path));
    }
    return true;
}

} // namespace

// Writes one parsed file in one transaction. Called only from the owning thread.
static ImportFileResult writePrepared(Library::Private *d, const PreparedFile &f) {
    ImportFileResult r;
    r.path = f.path;
    r.diagnostics = f.digest.diagnostics;
    if (!f.readError.isEmpty()) {
        r.diagnostics.prepend(errorDiagnostic(f.readError));
        return r;
    }
    if (!d->db.isOpen()) {
        r.diagnostics << errorDiagnostic(QStringLiteral("the library is not open"));
        return r;
    }
    {
        QSqlQuery *q = d->stmt(QStringLiteral("SELECT 1 FROM digests WHERE hash = ?"));
        if (!d->run(q, {QString::fromLatin1(f.hash)})) {
            r.diagnostics << errorDiagnostic(d->error);
            return r;
        }
        const bool seen = q->next();
        q->finish();
        if (seen) {
            r.alreadyImported = true;
            return r;
        }
    }
    if (f.digest.hasErrors())
        return r; // not a digest: reported through its diagnostics, nothing written
    if (f.digest.papers.isEmpty()) {
        r.diagnostics << errorDiagnostic(QStringLiteral("no papers found: not a digest file"));
        return r;
    }

    ImportStatements *st = statements(d);
    if (!st) {
        r.diagnostics << errorDiagnostic(QStringLiteral("not imported: ") + d->error);
        return r;
    }
    const QString now = nowUtc();
    const QString digestDate =
        f.digest.date.isValid() ? f.digest.date.toString(Qt::ISODate) : QString();
    int newPapers = 0, updated = 0, unchanged = 0;
    auto failed = [&](const SqlStatement &s) { return d->fail(sqlError(s, d->path)); };
    const bool ok = d->transaction([&] {
        const QString absPath = QFileInfo(f.path).absoluteFilePath();
        const QString hash = QString::fromLatin1(f.hash);
        st->insDigest.bind(1, digestDate);
        st->insDigest.bind(2, absPath);
        st->insDigest.bind(3, hash);
        st->insDigest.bind(4, now);
        st->insDigest.bind(5, qint64(f.digest.papers.size()));
        if (!st->insDigest.exec())
            return failed(st->insDigest);
        const qint64 digestId = sqlite3_last_insert_rowid(st->db);

        if (!st->hasPending.step())
            return failed(st->hasPending);
        const bool hasPending = st->hasPending.columnInt(0) != 0;
        st->hasPending.reset();

        // Papers stored under their title (no usable link) are rare; look for them only when
        // the library has any.
        bool titleKeyed = false;
        {
            QSqlQuery *q = d->stmt(QStringLiteral(
                "SELECT 1 FROM papers WHERE key >= 'title:' AND key < 'title;' LIMIT 1"));
            if (!d->run(q, {}))
                return false;
            titleKeyed = q->next();
            q->finish();
        }

        for (const Paper &p : f.digest.papers) {
            QString key = p.key();
            if (p.arxivId.isEmpty()) {
                // No usable link: the same title already known under an arXiv id is that paper.
                QSqlQuery *q = d->stmt(QStringLiteral(
                    "SELECT key FROM papers WHERE title = ? AND key NOT LIKE 'title:%' LIMIT 1"));
                if (!d->run(q, {p.title}))
                    return false;
                if (q->next())
                    key = q->value(0).toString();
                q->finish();
            } else if (titleKeyed) {
                // The same paper imported before without a usable link takes its id now, with
                // everything the user wrote about it.
                QSqlQuery *q =
                    d->stmt(QStringLiteral("UPDATE OR IGNORE papers SET key = ? WHERE key = ?"));
                const QString titleKey = QStringLiteral("title:") + Paper::normalisedTitle(p.title);
                if (!d->run(q, {key, titleKey}))
                    return false;
            }
            const QString authors = p.authors.join(QStringLiteral(", "));
            const QString keywords = joinList(p.keywords);
            // Hints are stored only when there is at least one colour.
            const bool anyHint = std::any_of(p.keywordHints.begin(), p.keywordHints.end(),
                                             [](const QString &h) { return !h.isEmpty(); });
            const QString hintsValue = anyHint ? p.keywordHints.join(QChar(0x1f)) : QString();
            const QString date = p.date.isValid() ? p.date.toString(Qt::ISODate) : QString();
            const QString url = storedUrl(p);
            const QString summary = p.summary.isEmpty() ? QString() : p.summary;
            // The paper's own columns, in the order both INSERT and UPDATE list them
            // (version, title, authors, date, url, abstract, keywords, hints, summary).
            auto bindPaperColumns = [&](SqlStatement &s, int first) {
                s.bind(first, qint64(p.version));
                s.bindText(first + 1, p.title);
                s.bindText(first + 2, authors);
                s.bind(first + 3, date);
                s.bind(first + 4, url);
                s.bindText(first + 5, p.abstract);
                s.bind(first + 6, keywords);
                s.bind(first + 7, hintsValue);
                s.bind(first + 8, summary);
            };

            st->select.bind(1, key);
            if (!st->select.step())
                return failed(st->select);
            if (!st->select.hasRow()) {
                st->select.reset();
                SqlStatement &ins = st->insert;
                ins.bind(1, key);
                bindPaperColumns(ins, 2);
                ins.bind(11, digestDate);
                if (!ins.exec())
                    return failed(ins);
                const qint64 id = sqlite3_last_insert_rowid(st->db);
                if (d->deferIndexing) {
                    st->queue.bind(1, id);
                    if (!st->queue.exec())
                        return failed(st->queue);
                } else {
                    st->insFts.bind(1, id);
                    st->insFts.bindText(2, p.title);
                    st->insFts.bindText(3, authors);
                    st->insFts.bindText(4, p.abstract);
                    st->insFts.bind(5, summary);
                    if (!st->insFts.exec())
                        return failed(st->insFts);
                }
                st->link.bind(1, digestId);
                st->link.bind(2, id);
                if (!st->link.exec())
                    return failed(st->link);
                if (!addKeywords(d, st, id, p.keywords))
                    return false;
                if (hasPending && !d->applyPendingAnnotation(id, key))
                    return false;
                ++newPapers;
                continue;
            }
            const qint64 id = st->select.columnInt(0);
            const int version = int(st->select.columnInt(1));
            const QStringList oldKeywords = splitList(st->select.columnText(2));
            st->select.reset();
            st->link.bind(1, digestId);
            st->link.bind(2, id);
            if (!st->link.exec())
                return failed(st->link);
            st->seen.bind(1, digestDate);
            st->seen.bind(2, id);
            if (!st->seen.exec())
                return failed(st->seen);
            if (p.version > version) {
                // A newer version replaces the text; read/starred/note/tags are untouched.
                if (!d->markDirty(id))
                    return false;
                SqlStatement &up = st->update;
                bindPaperColumns(up, 1);
                up.bind(10, id);
                if (!up.exec())
                    return failed(up);
                if (!d->setKeywords(id, oldKeywords, p.keywords))
                    return false;
                ++updated;
            } else {
                ++unchanged;
            }
        }
        // Rows queued above (updates, notes) are indexed now unless indexing is deferred.
        return d->deferIndexing || d->flushFts();
    });
    if (!ok) {
        r.diagnostics << errorDiagnostic(QStringLiteral("not imported: ") + d->error);
        return r;
    }
    r.imported = true;
    r.newPapers = newPapers;
    r.updated = updated;
    r.unchanged = unchanged;
    return r;
}

ImportFileResult Library::importData(const QString &path, const QByteArray &data) {
    const ImportFileResult r = writePrepared(d.get(), prepare(path, data));
    if (r.imported && d->deferIndexing)
        indexPending();
    return r;
}

ImportFileResult Library::importFile(const QString &path) {
    const ImportFileResult r = writePrepared(d.get(), prepareFile(path));
    if (r.imported && d->deferIndexing)
        indexPending();
    return r;
}

QStringList Library::expandPaths(const QStringList &paths) {
    QStringList out;
    for (const QString &p : paths) {
        const QFileInfo fi(p);
        if (!fi.isDir()) {
            out << p; // a missing file is reported by the import
            continue;
        }
        QStringList found;
        QDirIterator it(
            p, {QStringLiteral("*.md"), QStringLiteral("*.markdown"), QStringLiteral("*.txt")},
            QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext())
            found << it.next();
        std::sort(found.begin(), found.end());
        out += found;
    }
    return out;
}

ImportStats Library::importPaths(const QStringList &paths, const ImportProgress &progress) {
    ImportStats stats;
    const QStringList files = expandPaths(paths);
    const int total = int(files.size());
    // Read + hash + parse up to `ahead` files on worker threads while this thread writes.
    const int ahead = std::max(2, QThread::idealThreadCount());
    std::deque<std::future<PreparedFile>> queue;
    int next = 0;
    auto fill = [&] {
        while (next < total && int(queue.size()) < ahead) {
            queue.push_back(std::async(std::launch::async, prepareFile, files.at(next)));
            ++next;
        }
    };
    fill();
    // No checkpoints (each one copies pages back and syncs the file) while the files go in;
    // one at the end instead.
    d->exec(QStringLiteral("PRAGMA wal_autocheckpoint = 0"));
    for (int i = 0; i < total; ++i) {
        if (progress && !progress(i, total, files.at(i))) {
            stats.cancelled = true;
            break;
        }
        PreparedFile f = queue.front().get();
        queue.pop_front();
        fill();
        const ImportFileResult r = writePrepared(d.get(), f);
        ++stats.files;
        if (r.imported) {
            stats.newPapers += r.newPapers;
            stats.updated += r.updated;
            stats.unchanged += r.unchanged;
        } else if (r.alreadyImported) {
            ++stats.alreadyImported;
        } else {
            ++stats.skipped;
            stats.errors += int(
                std::count_if(r.diagnostics.begin(), r.diagnostics.end(),
                              [](const Diagnostic &x) { return x.severity == Severity::Error; }));
        }
        stats.results << r;
    }
    for (auto &f : queue)
        f.wait(); // cancelled: let the workers finish before their inputs go away
    // Every file is written and visible to queries: tell the caller (path empty), then the
    // second phase writes the full-text entries of everything imported above (and of any
    // earlier interrupted import).
    if (progress)
        progress(total, total, QString());
    const bool indexed = indexPending();
    d->exec(QStringLiteral("PRAGMA wal_autocheckpoint = 1000"));
    d->exec(QStringLiteral("PRAGMA wal_checkpoint(PASSIVE)"));
    if (!indexed) {
        ++stats.errors;
        ImportFileResult r;
        r.diagnostics << errorDiagnostic(QStringLiteral("search index not updated: ") + d->error);
        stats.results << r;
    }
    return stats;
}

} // namespace lectern
