// Library::Private: statements, transactions, FTS upkeep and annotation writes shared by
// library.cpp (queries, state) and libraryimport.cpp (import).
#include "store/checkstamp_p.h"
#include "store/countkeeper_p.h"
#include "store/library_p.h"
#include "store/sqlstatement_p.h"

#include <sqlite3.h>

namespace lectern {

// ---- Private ---------------------------------------------------------------------------------

Library::Private::~Private() {
    close();
}

void Library::Private::close() {
    lastCount.reset();
    importStatements.reset();
    statements.clear();
    if (db.isValid()) {
        db.close();
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(connection);
        CheckStamp::closed(path); // the last connection of a checked file leaves a stamp
    }
}

QSqlQuery *Library::Private::stmt(const QString &sql) {
    auto it = statements.find(sql);
    if (it != statements.end())
        return it->get();
    auto q = std::make_shared<QSqlQuery>(db);
    if (!q->prepare(sql)) {
        fail(q->lastError(), QStringLiteral("preparing a statement"));
        return nullptr;
    }
    statements.insert(sql, q);
    return q.get();
}

bool Library::Private::exec(const QString &sql) {
    QSqlQuery q(db);
    if (!q.exec(sql))
        return fail(q.lastError(), sql.left(60));
    return true;
}

std::optional<Library::Private::ChangeStamp> Library::Private::changeStamp() {
    SqlStatement version; // not stmt(): a failure here is no failure of the caller's
    if (!db.isOpen() || !version.prepare(sqliteHandle(db), "PRAGMA data_version") ||
        !version.step() || !version.hasRow())
        return std::nullopt;
    return ChangeStamp{sqlite3_total_changes64(sqliteHandle(db)), version.columnInt(0)};
}

std::optional<Library::Private::LastCount>
Library::Private::reusableCount(const QString &query,
                                const std::optional<ChangeStamp> &stamp) const {
    if (!stamp || !lastCount || lastCount->query != query || lastCount->stamp != *stamp)
        return std::nullopt;
    return lastCount;
}

bool Library::Private::setCacheSize(int kib) {
    return exec(QStringLiteral("PRAGMA cache_size = -") + QString::number(kib));
}

bool Library::Private::run(QSqlQuery *q, const QVariantList &binds) {
    if (!q)
        return false;
    for (int i = 0; i < binds.size(); ++i)
        q->bindValue(i, binds.at(i));
    if (!q->exec())
        return fail(q->lastError(), q->lastQuery().left(60));
    return true;
}

ErrorKind errorKindOf(int sqliteCode) {
    switch (sqliteCode & 0xff) {
    case SQLITE_OK:
        return ErrorKind::None;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        return ErrorKind::Busy;
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_AUTH:
        return ErrorKind::ReadOnly;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
        return ErrorKind::Corrupt;
    case SQLITE_IOERR:
    case SQLITE_FULL:
    case SQLITE_CANTOPEN:
        return ErrorKind::Io;
    default:
        return ErrorKind::Other;
    }
}

int sqliteCodeOf(const QSqlError &e) {
    bool ok = false;
    const int code = e.nativeErrorCode().toInt(&ok);
    return ok ? code & 0xff : 0;
}

QString busyMessage(const QString &path) {
    return QStringLiteral("the library ") + path +
           QStringLiteral(" is busy: another Lectern process is writing to it (waited ") +
           QString::number(kBusyTimeoutMs / 1000) +
           QStringLiteral(" s). Nothing was changed; try again when it has finished.");
}

bool Library::Private::fail(const QSqlError &e, const QString &context) {
    return fail(sqliteCodeOf(e), e.text(), context);
}

bool Library::Private::fail(int sqliteCode, const QString &message, const QString &context) {
    errorKind = errorKindOf(sqliteCode);
    if (errorKind == ErrorKind::None) // a QtSql error without an SQLite code
        errorKind = ErrorKind::Other;
    if (errorKind == ErrorKind::Busy)
        error = busyMessage(path);
    else if (errorKind == ErrorKind::ReadOnly)
        error = QStringLiteral("cannot write to the library %1: it is read-only (check the "
                               "permissions of the file and its folder); SQLite said: %2 (%3)")
                    .arg(path, message, context);
    else if (errorKind == ErrorKind::Io)
        error = QStringLiteral("cannot write to the library %1: %2 (disk full, file too large, "
                               "or the drive gone?); SQLite said: %3 (%4)")
                    .arg(path,
                         (sqliteCode & 0xff) == SQLITE_FULL ? QStringLiteral("the disk is full")
                                                            : QStringLiteral("an I/O error"),
                         message, context);
    else
        error = QStringLiteral("database error (%1): %2").arg(context, message);
    return false;
}

bool Library::Private::fail(const QString &message, ErrorKind kind) {
    error = message;
    errorKind = kind;
    return false;
}

void Library::Private::clearError() {
    error.clear();
    errorKind = ErrorKind::None;
}

bool Library::Private::begin() {
    QSqlQuery *q = stmt(QStringLiteral("BEGIN IMMEDIATE"));
    return q && run(q);
}

bool Library::Private::commit() {
    QSqlQuery *q = stmt(QStringLiteral("COMMIT"));
    if (q && run(q))
        return true;
    rollback();
    return false;
}

void Library::Private::rollback() {
    QSqlQuery q(db);
    q.exec(QStringLiteral("ROLLBACK"));
    keywordIds.clear(); // ids inserted in the rolled-back transaction are gone
}

bool Library::Private::markDirty(qint64 id) {
    QSqlQuery *ins = stmt(QStringLiteral("INSERT OR IGNORE INTO fts_pending(paper_id) VALUES(?)"));
    if (!run(ins, {id}))
        return false;
    if (ins->numRowsAffected() == 0)
        return true; // already queued: its old entry was removed then
    // Remove the entry as it was indexed (external content: FTS5 needs the old values).
    QSqlQuery *del = stmt(QStringLiteral(
        "INSERT INTO fts(fts, rowid, title, authors, abstract, summary, note) "
        "SELECT 'delete', id, title, authors, abstract, summary, note FROM papers WHERE id = ?"));
    return run(del, {id});
}

bool Library::Private::indexRow(qint64 id) {
    QSqlQuery *ins = stmt(QStringLiteral(
        "INSERT INTO fts(rowid, title, authors, abstract, summary, note) "
        "SELECT id, title, authors, abstract, summary, note FROM papers WHERE id = ?"));
    QSqlQuery *del = stmt(QStringLiteral("DELETE FROM fts_pending WHERE paper_id = ?"));
    return run(ins, {id}) && run(del, {id});
}

bool Library::Private::flushFts(int maxRows) {
    const QString limit =
        maxRows > 0 ? QStringLiteral(" LIMIT ") + QString::number(maxRows) : QString();
    QSqlQuery q(db);
    if (!q.exec(
            QStringLiteral("CREATE TEMP TABLE IF NOT EXISTS fts_batch(id INTEGER PRIMARY KEY)")) ||
        !q.exec(QStringLiteral("DELETE FROM fts_batch")) ||
        !q.exec(QStringLiteral("INSERT INTO fts_batch SELECT paper_id FROM fts_pending "
                               "ORDER BY paper_id") +
                limit) ||
        !q.exec(QStringLiteral("INSERT INTO fts(rowid, title, authors, abstract, summary, note) "
                               "SELECT p.id, p.title, p.authors, p.abstract, p.summary, p.note "
                               "FROM fts_batch b JOIN papers p ON p.id = b.id")) ||
        !q.exec(
            QStringLiteral("DELETE FROM fts_pending WHERE paper_id IN (SELECT id FROM fts_batch)")))
        return fail(q.lastError(), QStringLiteral("updating the search index"));
    return true;
}

int Library::Private::pendingFts() {
    QSqlQuery q(db);
    if (q.exec(QStringLiteral("SELECT count(*) FROM fts_pending")) && q.next())
        return q.value(0).toInt();
    fail(q.lastError(), QStringLiteral("counting rows to index"));
    return -1;
}

std::optional<Annotation> Library::Private::annotation(qint64 id) {
    Annotation a;
    QSqlQuery *q = stmt(QStringLiteral(
        "SELECT read, read_at, starred, starred_at, note, note_at FROM papers WHERE id = ?"));
    if (!run(q, {id}))
        return std::nullopt;
    if (q->next()) {
        a.read = q->value(0).toBool();
        a.readAt = timeOf(q->value(1));
        a.starred = q->value(2).toBool();
        a.starredAt = timeOf(q->value(3));
        a.note = q->value(4).toString();
        a.noteAt = timeOf(q->value(5));
    }
    q->finish();
    QSqlQuery *t = stmt(QStringLiteral("SELECT tag FROM tags WHERE paper_id = ?"));
    if (!run(t, {id}))
        return std::nullopt;
    while (t->next())
        a.tags << t->value(0).toString();
    t->finish();
    a.tags = Annotations::normaliseTags(a.tags);
    return a;
}

bool Library::Private::writeAnnotation(qint64 id, const Annotation &before,
                                       const Annotation &after) {
    if (before.note != after.note && !markDirty(id))
        return false;
    QSqlQuery *q = stmt(QStringLiteral(
        "UPDATE papers SET read = ?, read_at = ?, starred = ?, starred_at = ?, note = ?, "
        "note_at = ? WHERE id = ?"));
    const QString now = nowUtc();
    auto t = [&](bool on, const QDateTime &at) {
        return on ? (at.isValid() ? timeValue(at) : QVariant(now)) : QVariant();
    };
    const QString note = after.note.trimmed().isEmpty() ? QString() : after.note;
    if (!run(q, {int(after.read), t(after.read, after.readAt), int(after.starred),
                 t(after.starred, after.starredAt), note.isEmpty() ? QVariant() : QVariant(note),
                 note.isEmpty() ? QVariant() : t(true, after.noteAt), id}))
        return false;
    if (before.read != after.read && !countReadChange({id}, after.read))
        return false;
    if (before.tags != after.tags) {
        if (!run(stmt(QStringLiteral("DELETE FROM tags WHERE paper_id = ?")), {id}))
            return false;
        QSqlQuery *ins =
            stmt(QStringLiteral("INSERT OR IGNORE INTO tags(tag, paper_id) VALUES(?, ?)"));
        for (const QString &tag : after.tags) {
            if (!run(ins, {tag, id}))
                return false;
        }
    }
    return before.note == after.note || indexRow(id);
}

Diagnostic errorDiagnostic(const QString &message) {
    Diagnostic d;
    d.severity = Severity::Error;
    d.message = message;
    return d;
}

// The sidebar's unread figures of these papers' dates and keywords (schema 9), in the
// caller's transaction.
bool Library::Private::countReadChange(const QList<qint64> &ids, bool nowRead) {
    QString message;
    return CountKeeper::readChanged(sqliteHandle(db), ids, nowRead, &message) || fail(message);
}

} // namespace lectern
