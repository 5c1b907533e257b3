// ImportWriter: one parsed digest file written in one transaction, through raw prepared
// statements (the import's hot path; QSqlQuery costs ~10 µs a statement).
#include "store/importwriter_p.h"

#include "exchange/annotations.h"
#include "store/library_p.h"
#include "store/sqlstatement_p.h"

#include <sqlite3.h>

#include <QFileInfo>

#include <algorithm>

namespace lectern {

struct ImportStatements {
    sqlite3 *db = nullptr;
    SqlStatement begin, commit, rollback, seenHash, insDigest, hasPending, titleKeyed, titles,
        rekey, select, insert, insFts, queue, queueIgnore, ftsDelete, ftsFlush, queueClear, link,
        seen, update, keywordSelect, keywordInsert, paperKeyword, keywordDelete, pendingSelect,
        pendingDelete, setAnnotation, addTag, annotationSelect, tagsSelect, listCjk;
};

void ImportStatementsDeleter::operator()(ImportStatements *s) const {
    delete s;
}

namespace {

const char *const kFtsColumns = "title, authors, abstract, summary, note";

QByteArray ftsInsertSql() {
    return QByteArrayLiteral("INSERT INTO fts(rowid, ") + kFtsColumns +
           QByteArrayLiteral(") SELECT id, ") + kFtsColumns +
           QByteArrayLiteral(" FROM papers WHERE id = ?");
}

QByteArray ftsDeleteSql() {
    return QByteArrayLiteral("INSERT INTO fts(fts, rowid, ") + kFtsColumns +
           QByteArrayLiteral(") SELECT 'delete', id, ") + kFtsColumns +
           QByteArrayLiteral(" FROM papers WHERE id = ?");
}

QByteArray ftsFlushSql() {
    return QByteArrayLiteral("INSERT INTO fts(rowid, ") + kFtsColumns +
           QByteArrayLiteral(") SELECT p.id, p.title, p.authors, p.abstract, p.summary, p.note "
                             "FROM fts_pending q JOIN papers p ON p.id = q.paper_id");
}

bool prepareAll(ImportStatements *st, QString *error) {
    const QByteArray fts = ftsInsertSql(), ftsDelete = ftsDeleteSql(), flush = ftsFlushSql();
    const std::pair<SqlStatement *, const char *> all[] = {
        {&st->begin, "BEGIN IMMEDIATE"},
        {&st->commit, "COMMIT"},
        {&st->rollback, "ROLLBACK"},
        {&st->seenHash, "SELECT 1 FROM digests WHERE hash = ?"},
        {&st->insDigest,
         "INSERT INTO digests(date, path, hash, imported_at, paper_count) VALUES(?,?,?,?,?)"},
        {&st->hasPending, "SELECT EXISTS(SELECT 1 FROM pending_annotations)"},
        {&st->titleKeyed, "SELECT EXISTS(SELECT 1 FROM papers WHERE key >= 'title:' AND "
                          "key < 'title;')"},
        // The titles of the papers with an arXiv id, read once when a link-less paper needs
        // them (an index on the title doubled the import time of every paper).
        {&st->titles, "SELECT title, key FROM papers WHERE key NOT LIKE 'title:%'"},
        {&st->rekey, "UPDATE OR IGNORE papers SET key = ? WHERE key = ?"},
        {&st->select, "SELECT id, version, keywords, read FROM papers WHERE key = ?"},
        {&st->insert,
         "INSERT INTO papers(key, version, title, authors, date, url, abstract, "
         "keywords, keyword_hints, summary, last_digest) VALUES(?,?,?,?,?,?,?,?,?,?,?)"},
        {&st->insFts, fts.constData()},
        {&st->queue, "INSERT INTO fts_pending(paper_id) VALUES(?)"},
        {&st->listCjk, "INSERT OR IGNORE INTO cjk_papers(paper_id) VALUES(?)"},
        {&st->queueIgnore, "INSERT OR IGNORE INTO fts_pending(paper_id) VALUES(?)"},
        {&st->ftsDelete, ftsDelete.constData()},
        {&st->ftsFlush, flush.constData()},
        {&st->queueClear, "DELETE FROM fts_pending"},
        {&st->link, "INSERT OR IGNORE INTO paper_digests(digest_id, paper_id) VALUES(?, ?)"},
        {&st->seen, "UPDATE papers SET last_digest = nullif(max(coalesce(last_digest, ''), "
                    "coalesce(?, '')), '') WHERE id = ?"},
        {&st->update, "UPDATE papers SET version = ?, title = ?, authors = ?, date = ?, url = ?, "
                      "abstract = ?, keywords = ?, keyword_hints = ?, summary = ? WHERE id = ?"},
        {&st->keywordSelect, "SELECT id FROM keywords WHERE name = ?"},
        {&st->keywordInsert, "INSERT INTO keywords(name) VALUES(?)"},
        {&st->paperKeyword,
         "INSERT OR IGNORE INTO paper_keywords(keyword_id, paper_id) VALUES(?, ?)"},
        {&st->keywordDelete, "DELETE FROM paper_keywords WHERE keyword_id = ? AND paper_id = ?"},
        {&st->pendingSelect, "SELECT data FROM pending_annotations WHERE key = ?"},
        {&st->pendingDelete, "DELETE FROM pending_annotations WHERE key = ?"},
        {&st->setAnnotation, "UPDATE papers SET read = ?, read_at = ?, starred = ?, "
                             "starred_at = ?, note = ?, note_at = ? WHERE id = ?"},
        {&st->addTag, "INSERT OR IGNORE INTO tags(tag, paper_id) VALUES(?, ?)"},
        {&st->annotationSelect, "SELECT read, read_at, starred, starred_at, note, note_at "
                                "FROM papers WHERE id = ?"},
        {&st->tagsSelect, "SELECT tag FROM tags WHERE paper_id = ?"},
    };
    for (const auto &[stmt, sql] : all) {
        if (!stmt->prepare(st->db, sql)) {
            *error = QStringLiteral("cannot prepare the import: ") + stmt->errorMessage();
            return false;
        }
    }
    return true;
}

// The import's statements, prepared once per connection.
ImportStatements *statements(Library::Private *d) {
    if (d->importStatements)
        return d->importStatements.get();
    auto st = std::unique_ptr<ImportStatements, ImportStatementsDeleter>(new ImportStatements);
    st->db = sqliteHandle(d->db);
    QString error;
    if (!prepareAll(st.get(), &error)) {
        d->fail(error);
        return nullptr;
    }
    d->importStatements = std::move(st);
    return d->importStatements.get();
}

// A paper's own columns, in the order both INSERT and UPDATE list them (version, title,
// authors, date, url, abstract, keywords, hints, summary).
void bindColumns(SqlStatement &s, int first, const Paper &p, const PreparedRow &r) {
    s.bind(first, qint64(p.version));
    s.bindUtf8Text(first + 1, r.title);
    s.bindUtf8Text(first + 2, r.authors);
    s.bindUtf8(first + 3, r.date);
    s.bindUtf8(first + 4, r.url);
    s.bindUtf8Text(first + 5, r.abstract);
    s.bindUtf8(first + 6, r.keywords);
    s.bindUtf8(first + 7, r.hints);
    s.bindUtf8(first + 8, r.summary);
}

} // namespace

ImportWriter::ImportWriter(Library::Private *library)
    : d(library) {}

ImportFileResult ImportWriter::write(const PreparedFile &f,
                                     const std::function<bool()> &keepGoing) {
    ImportFileResult r;
    r.path = f.path;
    r.diagnostics = f.digest.diagnostics;
    if (!checkWritable(f, &r))
        return r;
    m_file = &f;
    m_keepGoing = keepGoing;
    m_now = nowUtc();
    m_digestDate = f.digest.date.isValid() ? f.digest.date.toString(Qt::ISODate) : QString();
    m_new = m_updated = m_unchanged = 0;
    m_cancelled = m_duplicate = false;
    m_fileTitles.clear();
    m_titlesLoadedInFile = false;
    m_counts.clear();
    if (!runTransaction()) {
        if (m_duplicate) {
            // Another connection imported the same content since the check above.
            r.alreadyImported = true;
            d->clearError();
            return r;
        }
        Diagnostic x = errorDiagnostic(QStringLiteral("not imported: ") + d->error);
        if (m_cancelled) {
            x.severity = Severity::Warning;
            x.message = QStringLiteral("import cancelled: nothing of this file was written");
        }
        r.diagnostics << x;
        return r;
    }
    r.imported = true;
    r.newPapers = m_new;
    r.updated = m_updated;
    r.unchanged = m_unchanged;
    return r;
}

// False (with the reason in r) when nothing is to be written: unreadable, already imported,
// not a digest, or the library cannot take it.
bool ImportWriter::checkWritable(const PreparedFile &f, ImportFileResult *r) {
    d->clearError();
    if (!f.readError.isEmpty()) {
        d->fail(f.readError, ErrorKind::Io);
        r->diagnostics.prepend(errorDiagnostic(f.readError));
        return false;
    }
    if (!d->db.isOpen()) {
        d->fail(QStringLiteral("the library is not open"));
        r->diagnostics << errorDiagnostic(d->error);
        return false;
    }
    m_st = statements(d);
    if (!m_st) {
        r->diagnostics << errorDiagnostic(QStringLiteral("not imported: ") + d->error);
        return false;
    }
    m_st->seenHash.bind(1, QString::fromLatin1(f.hash));
    const bool stepped = m_st->seenHash.step() || failed(m_st->seenHash);
    r->alreadyImported = stepped && m_st->seenHash.hasRow();
    m_st->seenHash.reset();
    if (!stepped) {
        r->diagnostics << errorDiagnostic(QStringLiteral("not imported: ") + d->error);
        return false;
    }
    if (r->alreadyImported)
        return false;
    if (f.digest.hasErrors() || f.digest.papers.isEmpty()) {
        // Not a digest: reported through its diagnostics, nothing written.
        const QString why = QStringLiteral("no papers found: not a digest file");
        if (!f.digest.hasErrors())
            r->diagnostics << errorDiagnostic(why);
        d->fail(f.path + QStringLiteral(": ") + why, ErrorKind::NotADigest);
        return false;
    }
    return true;
}

// BEGIN IMMEDIATE takes the write lock up front, so a busy library fails here, after waiting.
bool ImportWriter::runTransaction() {
    if (!m_st->begin.exec())
        return failed(m_st->begin);
    if (writeFile()) {
        if (m_st->commit.exec())
            return true;
        failed(m_st->commit);
    }
    const QString message = d->error;
    const ErrorKind kind = d->errorKind;
    m_st->rollback.exec();
    m_counts.clear();
    d->keywordIds.clear(); // ids inserted in the rolled-back transaction are gone
    forgetFileTitles();
    d->fail(message, kind);
    return false;
}

bool ImportWriter::writeFile() {
    // Rows queued (updates, pending notes) are indexed now unless indexing is deferred.
    return checkNotSeen() && loadFollows() && insertDigest() && readFlags() && writePapers() &&
           flushCounts() && (d->deferIndexing || flushQueue());
}

// The duplicate check again, under the write lock: another process importing the same file
// may have written it between checkWritable() and BEGIN IMMEDIATE. False (m_duplicate) then.
bool ImportWriter::checkNotSeen() {
    SqlStatement &s = m_st->seenHash;
    s.bind(1, QString::fromLatin1(m_file->hash));
    if (!s.step()) {
        failed(s);
        s.reset();
        return false;
    }
    m_duplicate = s.hasRow();
    s.reset();
    return !m_duplicate || d->fail(QStringLiteral("already imported"));
}

bool ImportWriter::insertDigest() {
    SqlStatement &s = m_st->insDigest;
    const QString absPath = QFileInfo(m_file->path).absoluteFilePath();
    const QString hash = QString::fromLatin1(m_file->hash);
    s.bind(1, m_digestDate);
    s.bind(2, absPath);
    s.bind(3, hash);
    s.bind(4, m_now);
    s.bind(5, qint64(m_file->digest.papers.size()));
    if (!s.exec())
        return failed(s);
    m_digestId = sqlite3_last_insert_rowid(m_st->db);
    return true;
}

// Annotations waiting for their paper, and papers stored under their title (no usable link),
// are rare: looked for per paper only when the library has any.
bool ImportWriter::readFlags() {
    for (auto [stmt, flag] : {std::pair{&m_st->hasPending, &m_hasPending},
                              std::pair{&m_st->titleKeyed, &m_titleKeyed}}) {
        if (!stmt->step())
            return failed(*stmt);
        *flag = stmt->columnInt(0) != 0;
        stmt->reset();
    }
    return true;
}

bool ImportWriter::writePapers() {
    const QList<Paper> &papers = m_file->digest.papers;
    for (qsizetype i = 0; i < papers.size(); ++i) {
        if (i > 0 && i % kChunk == 0 && m_keepGoing && !m_keepGoing()) {
            m_cancelled = true;
            return d->fail(QStringLiteral("cancelled"));
        }
        if (!writePaper(papers.at(i), m_file->rows.at(i)))
            return false;
    }
    return true;
}

bool ImportWriter::writePaper(const Paper &p, const PreparedRow &row) {
    QString key;
    if (!resolveKey(p, &key))
        return false;
    SqlStatement &sel = m_st->select;
    sel.bind(1, key);
    if (!sel.step())
        return failed(sel);
    if (!sel.hasRow()) {
        sel.reset();
        m_paperIsNew = true;
        m_paperRead = false;
        m_counts.papers(1, 1);
        return insertPaper(p, key, row);
    }
    const qint64 id = sel.columnInt(0);
    const int version = int(sel.columnInt(1));
    const QStringList oldKeywords = splitList(sel.columnText(2));
    m_paperIsNew = false;
    m_paperRead = sel.columnInt(3) != 0;
    sel.reset();
    return updatePaper(p, id, version, oldKeywords, row);
}

bool ImportWriter::resolveKey(const Paper &p, QString *key) {
    *key = p.key();
    if (p.arxivId.isEmpty()) {
        // No usable link: the same title already known under an arXiv id is that paper.
        if (!m_titlesLoaded && !loadTitles())
            return false;
        if (const auto it = m_titles.constFind(p.title); it != m_titles.constEnd())
            *key = *it;
    } else if (m_titleKeyed) {
        // The same paper imported before without a usable link takes its id now, with
        // everything the user wrote about it.
        const QString titleKey = QStringLiteral("title:") + Paper::normalisedTitle(p.title);
        m_st->rekey.bind(1, *key);
        m_st->rekey.bind(2, titleKey);
        if (!m_st->rekey.exec())
            return failed(m_st->rekey);
    }
    return true;
}

bool ImportWriter::insertPaper(const Paper &p, const QString &key, const PreparedRow &row) {
    SqlStatement &ins = m_st->insert;
    ins.bind(1, key);
    bindColumns(ins, 2, p, row);
    ins.bind(11, m_digestDate);
    if (!ins.exec())
        return failed(ins);
    const qint64 id = sqlite3_last_insert_rowid(m_st->db);
    if (row.cjk) { // a trigger per paper cost ~3 µs; updates are listed by one (schema.cpp)
        m_st->listCjk.bind(1, id);
        if (!m_st->listCjk.exec())
            return failed(m_st->listCjk);
    }
    rememberTitle(p.title, key);
    if (m_hasPending && !applyPending(id, key, false))
        return false;
    if (!indexNew(id) || !link(id) || !addKeywords(id, p.keywords) || !matchFollows(id, p, true))
        return false;
    ++m_new;
    return true;
}

bool ImportWriter::updatePaper(const Paper &p, qint64 id, int version,
                               const QStringList &oldKeywords, const PreparedRow &row) {
    rememberTitle(p.title, p.key()); // also a paper just re-keyed from its title to its id
    if (!link(id))
        return false;
    m_st->seen.bind(1, m_digestDate);
    m_st->seen.bind(2, id);
    if (!m_st->seen.exec())
        return failed(m_st->seen);
    // A paper re-keyed from its title to its id just now may have annotations waiting for
    // that id: merged into what the user wrote on it, as import-annotations merges.
    if (m_hasPending && !applyPending(id, p.key(), true))
        return false;
    if (p.version <= version) {
        ++m_unchanged;
        return true;
    }
    // A newer version replaces the text; read/starred/note/tags are untouched.
    if (!markDirty(id))
        return false;
    SqlStatement &up = m_st->update;
    bindColumns(up, 1, p, row);
    up.bind(10, id);
    if (!up.exec())
        return failed(up);
    if (!replaceKeywords(id, oldKeywords, p.keywords) || !matchFollows(id, p, false))
        return false;
    ++m_updated;
    return true;
}

bool ImportWriter::link(qint64 paperId) {
    m_st->link.bind(1, m_digestId);
    m_st->link.bind(2, paperId);
    if (!m_st->link.exec())
        return failed(m_st->link);
    return sqlite3_changes(m_st->db) == 0 || countLink(paperId);
}

// A new link to this file's digest counts for its date unless the paper is in another digest
// of the same date already (a new paper is in none).
bool ImportWriter::countLink(qint64 paperId) {
    if (m_digestDate.isEmpty())
        return true;
    if (!m_paperIsNew) {
        QString error;
        const std::optional<bool> linked =
            m_counts.linkedOnDate(m_st->db, paperId, m_digestId, m_digestDate, &error);
        if (!linked)
            return d->fail(error);
        if (*linked)
            return true;
    }
    m_counts.date(m_digestDate, 1, m_paperRead ? 0 : 1);
    return true;
}

bool ImportWriter::flushCounts() {
    QString error;
    return m_counts.flush(m_st->db, &error) || d->fail(error);
}

// A new row: queued for the second phase, or indexed now (its note included).
bool ImportWriter::indexNew(qint64 id) {
    SqlStatement &s = d->deferIndexing ? m_st->queue : m_st->insFts;
    s.bind(1, id);
    return s.exec() || failed(s);
}

// Before the indexed text of a row changes, its old entry is removed (external content: FTS5
// needs the old values) and the row queued.
bool ImportWriter::markDirty(qint64 id) {
    m_st->queueIgnore.bind(1, id);
    if (!m_st->queueIgnore.exec())
        return failed(m_st->queueIgnore);
    if (sqlite3_changes(m_st->db) == 0)
        return true; // already queued: its old entry was removed then
    m_st->ftsDelete.bind(1, id);
    return m_st->ftsDelete.exec() || failed(m_st->ftsDelete);
}

bool ImportWriter::flushQueue() {
    if (!m_st->ftsFlush.exec())
        return failed(m_st->ftsFlush);
    return m_st->queueClear.exec() || failed(m_st->queueClear);
}

// What the user wrote about a paper already in the library (raw statements: this runs inside
// the import's transaction).
bool ImportWriter::readAnnotation(qint64 id, Annotation *a) {
    SqlStatement &sel = m_st->annotationSelect;
    sel.bind(1, id);
    if (!sel.step()) {
        failed(sel);
        sel.reset();
        return false;
    }
    if (sel.hasRow()) {
        a->read = sel.columnInt(0) != 0;
        a->readAt = timeOf(sel.columnText(1).isEmpty() ? QVariant() : QVariant(sel.columnText(1)));
        a->starred = sel.columnInt(2) != 0;
        a->starredAt =
            timeOf(sel.columnText(3).isEmpty() ? QVariant() : QVariant(sel.columnText(3)));
        a->note = sel.columnText(4);
        a->noteAt = timeOf(sel.columnText(5).isEmpty() ? QVariant() : QVariant(sel.columnText(5)));
    }
    sel.reset();
    SqlStatement &tags = m_st->tagsSelect;
    tags.bind(1, id);
    while (true) {
        if (!tags.step()) {
            failed(tags);
            tags.reset();
            return false;
        }
        if (!tags.hasRow())
            break;
        a->tags << tags.columnText(0);
    }
    tags.reset();
    a->tags = Annotations::normaliseTags(a->tags);
    return true;
}

// What the user wrote about a paper before it was in the library (or under this key), merged
// into the row: a new one, or one that already exists (re-keyed from its title).
bool ImportWriter::applyPending(qint64 id, const QString &key, bool existing) {
    SqlStatement &sel = m_st->pendingSelect;
    sel.bind(1, key);
    if (!sel.step())
        return failed(sel);
    if (!sel.hasRow()) {
        sel.reset();
        return true;
    }
    const QByteArray data = sel.columnText(0).toUtf8();
    sel.reset();
    Annotation local;
    if (existing && !readAnnotation(id, &local))
        return false;
    const Annotation a = Annotations::merge(local, Annotations::fromJsonObject(data));
    // The row's index entry holds the old note: removed now, the row queued for the new one.
    if (existing && a.note != local.note && !markDirty(id))
        return false;
    if (!writeAnnotation(id, a))
        return false;
    m_st->pendingDelete.bind(1, key);
    return m_st->pendingDelete.exec() || failed(m_st->pendingDelete);
}

bool ImportWriter::writeAnnotation(qint64 id, const Annotation &a) {
    auto time = [&](bool on, const QDateTime &at) {
        return on ? (at.isValid() ? timeValue(at) : QVariant(m_now)) : QVariant();
    };
    const QString note = a.note.trimmed().isEmpty() ? QString() : a.note;
    SqlStatement &s = m_st->setAnnotation;
    s.bind(1, qint64(a.read));
    s.bind(2, time(a.read, a.readAt));
    s.bind(3, qint64(a.starred));
    s.bind(4, time(a.starred, a.starredAt));
    s.bind(5, note); // a null QString binds NULL
    s.bind(6, note.isEmpty() ? QVariant() : time(true, a.noteAt));
    s.bind(7, id);
    if (!s.exec())
        return failed(s);
    if (a.read != m_paperRead) {
        // A new row has no links yet (they follow, counted with this state).
        QString error;
        if (m_paperIsNew)
            m_counts.papers(0, a.read ? -1 : 1);
        else if (!m_counts.paperReadChanged(m_st->db, id, a.read, &error))
            return d->fail(error);
        m_paperRead = a.read;
    }
    for (const QString &tag : a.tags) {
        m_st->addTag.bind(1, tag);
        m_st->addTag.bind(2, id);
        if (!m_st->addTag.exec())
            return failed(m_st->addTag);
    }
    return true;
}

qint64 ImportWriter::keywordId(const QString &name) {
    const auto cached = d->keywordIds.constFind(name);
    if (cached != d->keywordIds.constEnd())
        return *cached;
    SqlStatement &sel = m_st->keywordSelect;
    sel.bind(1, name);
    if (!sel.step()) {
        failed(sel);
        return -1;
    }
    qint64 id = -1;
    if (sel.hasRow()) {
        id = sel.columnInt(0);
    } else {
        m_st->keywordInsert.bind(1, name);
        if (!m_st->keywordInsert.exec()) {
            sel.reset();
            failed(m_st->keywordInsert);
            return -1;
        }
        id = sqlite3_last_insert_rowid(m_st->db);
    }
    sel.reset();
    d->keywordIds.insert(name, id);
    return id;
}

bool ImportWriter::addKeywords(qint64 paperId, const QStringList &keywords) {
    for (const QString &k : keywords) {
        const qint64 kid = keywordId(k);
        if (kid < 0)
            return false;
        m_st->paperKeyword.bind(1, kid);
        m_st->paperKeyword.bind(2, paperId);
        if (!m_st->paperKeyword.exec())
            return failed(m_st->paperKeyword);
        if (sqlite3_changes(m_st->db) > 0)
            m_counts.keyword(kid, 1, m_paperRead ? 0 : 1);
    }
    return true;
}

bool ImportWriter::replaceKeywords(qint64 paperId, const QStringList &oldKeywords,
                                   const QStringList &keywords) {
    for (const QString &k : oldKeywords) {
        if (keywords.contains(k))
            continue;
        const qint64 kid = keywordId(k);
        if (kid < 0)
            return false;
        m_st->keywordDelete.bind(1, kid);
        m_st->keywordDelete.bind(2, paperId);
        if (!m_st->keywordDelete.exec())
            return failed(m_st->keywordDelete);
        if (sqlite3_changes(m_st->db) > 0)
            m_counts.keyword(kid, -1, m_paperRead ? 0 : -1);
    }
    return addKeywords(paperId, keywords);
}

bool ImportWriter::failed(const SqlStatement &s) {
    return d->fail(s.errorCode(), s.errorMessage(), QStringLiteral("import"));
}

// The titles of every paper with an arXiv id, read in one pass the first time a link-less paper
// is looked up, then kept up to date by this writer: a file of 100k link-less papers costs one
// scan instead of one per paper, and imports without such papers never pay it.
bool ImportWriter::loadTitles() {
    SqlStatement &s = m_st->titles;
    while (true) {
        if (!s.step()) {
            const bool ok = failed(s);
            s.reset();
            return ok;
        }
        if (!s.hasRow())
            break;
        m_titles.insert(s.columnText(0), s.columnText(1));
    }
    s.reset();
    m_titlesLoaded = true;
    m_titlesLoadedInFile = true; // the scan saw this file's papers too
    return true;
}

void ImportWriter::rememberTitle(const QString &title, const QString &key) {
    if (!m_titlesLoaded || key.startsWith(QLatin1String("title:")) || m_titles.contains(title))
        return;
    m_titles.insert(title, key);
    m_fileTitles << title;
}

// The file was rolled back: the titles its papers brought are gone with them (all of them,
// when the scan ran inside that file: it read the file's own papers as well).
void ImportWriter::forgetFileTitles() {
    if (m_titlesLoadedInFile) {
        m_titles.clear();
        m_titlesLoaded = false;
    }
    for (const QString &t : std::as_const(m_fileTitles))
        m_titles.remove(t);
    m_fileTitles.clear();
}

// The follow list as it is under this transaction's lock; its matches for each paper written.
bool ImportWriter::loadFollows() {
    QString error;
    return m_follows.load(m_st->db, &error) || d->fail(error);
}

bool ImportWriter::matchFollows(qint64 id, const Paper &p, bool fresh) {
    QString error;
    return m_follows.paperWritten(id, p, fresh, &error) || d->fail(error);
}

} // namespace lectern
