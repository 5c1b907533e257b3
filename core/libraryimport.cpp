// Library: importing digest files. Reading, hashing and parsing run on worker threads ahead
// of the writer; each file is written in one transaction.
#include "library.h"

#include "digestparser.h"
#include "library_p.h"

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

Diagnostic errorDiagnostic(const QString &message) {
    Diagnostic d;
    d.severity = Severity::Error;
    d.message = message;
    return d;
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

    const QString now = nowUtc();
    const QVariant digestDate = dateValue(f.digest.date);
    int newPapers = 0, updated = 0, unchanged = 0;
    const bool ok = d->transaction([&] {
        QSqlQuery *insDigest = d->stmt(QStringLiteral(
            "INSERT INTO digests(date, path, hash, imported_at, paper_count) VALUES(?,?,?,?,?)"));
        if (!d->run(insDigest, {digestDate, QFileInfo(f.path).absoluteFilePath(),
                                QString::fromLatin1(f.hash), now, int(f.digest.papers.size())}))
            return false;
        const qint64 digestId = insDigest->lastInsertId().toLongLong();

        bool hasPending = false;
        {
            QSqlQuery *q =
                d->stmt(QStringLiteral("SELECT EXISTS(SELECT 1 FROM pending_annotations)"));
            if (!d->run(q) || !q->next())
                return false;
            hasPending = q->value(0).toBool();
            q->finish();
        }
        QSqlQuery *sel =
            d->stmt(QStringLiteral("SELECT id, version, keywords FROM papers WHERE key = ?"));
        QSqlQuery *ins = d->stmt(QStringLiteral(
            "INSERT INTO papers(key, version, title, authors, date, url, abstract, keywords, "
            "keyword_hints, summary, first_seen, last_seen, last_digest) "
            "VALUES(?,?,coalesce(?,''),coalesce(?,''),?,?,coalesce(?,''),?,?,?,?,?,?)"));
        QSqlQuery *insFts = d->stmt(QStringLiteral(
            "INSERT INTO fts(rowid, title, authors, abstract, summary) VALUES(?,?,?,?,?)"));
        QSqlQuery *queue = d->stmt(QStringLiteral("INSERT INTO fts_pending(paper_id) VALUES(?)"));
        QSqlQuery *link = d->stmt(QStringLiteral(
            "INSERT OR IGNORE INTO paper_digests(digest_id, paper_id) VALUES(?, ?)"));
        QSqlQuery *seen = d->stmt(QStringLiteral(
            "UPDATE papers SET last_seen = ?, last_digest = nullif(max(coalesce(last_digest, ''), "
            "coalesce(?, '')), '') WHERE id = ?"));
        QSqlQuery *update = d->stmt(QStringLiteral(
            "UPDATE papers SET version = ?, title = coalesce(?, ''), authors = coalesce(?, ''), "
            "date = ?, url = ?, abstract = coalesce(?, ''), keywords = ?, keyword_hints = ?, "
            "summary = ? WHERE id = ?"));
        if (!sel || !ins || !insFts || !queue || !link || !seen || !update)
            return false;

        for (const Paper &p : f.digest.papers) {
            const QString key = p.key();
            const QString authors = p.authors.join(QStringLiteral(", "));
            const QVariant summary = p.summary.isEmpty() ? QVariant() : QVariant(p.summary);
            const QString hints = p.keywordHints.join(QChar(0x1f));
            if (!d->run(sel, {key}))
                return false;
            if (!sel->next()) {
                sel->finish();
                if (!d->run(ins,
                            {key, p.version, p.title, authors, dateValue(p.date),
                             p.url.isEmpty() ? QVariant() : QVariant(p.url), p.abstract,
                             joinList(p.keywords), hints.isEmpty() ? QVariant() : QVariant(hints),
                             summary, now, now, digestDate}))
                    return false;
                const qint64 id = ins->lastInsertId().toLongLong();
                if (d->deferIndexing) {
                    if (!d->run(queue, {id}))
                        return false;
                } else if (!d->run(insFts, {id, p.title, authors, p.abstract, summary})) {
                    return false;
                }
                if (!d->run(link, {digestId, id}) || !d->setKeywords(id, {}, p.keywords))
                    return false;
                if (hasPending && !d->applyPendingAnnotation(id, key))
                    return false;
                ++newPapers;
                continue;
            }
            const qint64 id = sel->value(0).toLongLong();
            const int version = sel->value(1).toInt();
            const QStringList oldKeywords = splitList(sel->value(2).toString());
            sel->finish();
            if (!d->run(link, {digestId, id}) || !d->run(seen, {now, digestDate, id}))
                return false;
            if (p.version > version) {
                // A newer version replaces the text; read/starred/note/tags are untouched.
                if (!d->markDirty(id) ||
                    !d->run(update,
                            {p.version, p.title, authors, dateValue(p.date),
                             p.url.isEmpty() ? QVariant() : QVariant(p.url), p.abstract,
                             joinList(p.keywords), hints.isEmpty() ? QVariant() : QVariant(hints),
                             summary, id}) ||
                    !d->setKeywords(id, oldKeywords, p.keywords))
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
    // Second phase: the full-text entries of everything imported above (and of any earlier
    // interrupted import).
    if (!indexPending()) {
        ++stats.errors;
        ImportFileResult r;
        r.diagnostics << errorDiagnostic(QStringLiteral("search index not updated: ") + d->error);
        stats.results << r;
    }
    if (progress)
        progress(total, total, QString());
    return stats;
}

} // namespace lectern
