#include "store/schema_p.h"

#include "store/countkeeper_p.h"
#include "store/library_p.h"
#include "text/cjk_p.h"

#include <QFile>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace lectern {

namespace {

// Version 1: digests, papers, their links, keywords, tags and the FTS5 index.
// The FTS table uses the papers table as external content so the text is stored once.
const char *const kVersion1[] = {
    "CREATE TABLE digests("
    " id INTEGER PRIMARY KEY,"
    " date TEXT,"                 // ISO date, NULL when the digest has none
    " path TEXT NOT NULL,"        // the source file as imported
    " hash TEXT NOT NULL UNIQUE," // SHA-1 of the file's bytes: same content = same digest
    " imported_at TEXT NOT NULL," // ISO UTC
    " paper_count INTEGER NOT NULL DEFAULT 0)",
    "CREATE INDEX digests_date ON digests(date)",
    "CREATE TABLE papers("
    " id INTEGER PRIMARY KEY,"
    " key TEXT NOT NULL UNIQUE," // arXiv id, or 'title:' + normalised title
    " version INTEGER NOT NULL DEFAULT 0,"
    " title TEXT NOT NULL,"
    " authors TEXT NOT NULL," // ', '-joined (the digest's own separator)
    " date TEXT,"             // the paper's date, ISO; NULL when absent
    " url TEXT,"              // NULL when it is the canonical http://arxiv.org/abs/<key>v<version>
    " abstract TEXT NOT NULL,"
    " keywords TEXT,"    // unit-separator (0x1f) joined, in order
    " last_digest TEXT," // latest digest date it appeared in (the 'digest' sort)
    " read INTEGER NOT NULL DEFAULT 0, read_at TEXT,"
    " starred INTEGER NOT NULL DEFAULT 0, starred_at TEXT,"
    " note TEXT, note_at TEXT)", // note NULL when there is none
    "CREATE INDEX papers_date ON papers(date)",
    "CREATE INDEX papers_last_digest ON papers(last_digest, date)",
    "CREATE TABLE paper_digests("
    " digest_id INTEGER NOT NULL, paper_id INTEGER NOT NULL,"
    " PRIMARY KEY(digest_id, paper_id)) WITHOUT ROWID",
    "CREATE INDEX paper_digests_paper ON paper_digests(paper_id)",
    "CREATE TABLE keywords(id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE)",
    "CREATE TABLE paper_keywords("
    " keyword_id INTEGER NOT NULL, paper_id INTEGER NOT NULL,"
    " PRIMARY KEY(keyword_id, paper_id)) WITHOUT ROWID",
    "CREATE TABLE tags("
    " tag TEXT NOT NULL COLLATE NOCASE, paper_id INTEGER NOT NULL,"
    " PRIMARY KEY(tag, paper_id)) WITHOUT ROWID",
    "CREATE INDEX tags_paper ON tags(paper_id)",
    "CREATE VIRTUAL TABLE fts USING fts5(title, authors, abstract, note,"
    " content='papers', content_rowid='id', tokenize='unicode61 remove_diacritics 2')",
};

// Version 2: one-line summaries and keyword colour hints; the summary joins the FTS index
// (rebuilt); annotations waiting for their paper; rows whose FTS entry is still to be written.
const char *const kVersion2[] = {
    "ALTER TABLE papers ADD COLUMN summary TEXT",
    "ALTER TABLE papers ADD COLUMN keyword_hints TEXT", // parallel to keywords, 0x1f joined
    "CREATE TABLE pending_annotations(key TEXT PRIMARY KEY, data TEXT NOT NULL) WITHOUT ROWID",
    "CREATE TABLE fts_pending(paper_id INTEGER PRIMARY KEY)",
    "DROP TABLE fts",
    // detail=column: no token positions, ~40% smaller; phrases are checked by lectern_phrase.
    "CREATE VIRTUAL TABLE fts USING fts5(title, authors, abstract, summary, note,"
    " content='papers', content_rowid='id', tokenize='unicode61 remove_diacritics 2',"
    " detail=column)",
    // A 64 MB in-memory term buffer per transaction: fewer, larger segments, ~30% less time
    // indexing 100k papers (measured) and a slightly smaller index.
    "INSERT INTO fts(fts, rank) VALUES('hashsize', 67108864)",
    // The smart views and sidebar counts without reading the (large) paper rows: is:unread
    // and its first page by date come from this index; starred/noted from partial ones.
    "CREATE INDEX papers_read ON papers(read, date)",
    "CREATE INDEX papers_starred ON papers(date) WHERE starred = 1",
    "CREATE INDEX papers_noted ON papers(date) WHERE note IS NOT NULL",
    "INSERT INTO fts(fts) VALUES('rebuild')",
};

// Version 3: note revisions and history. note_rev counts the changes of a paper's note, by
// any writer (the trigger below, so every path bumps it): the editor's compare-and-set.
// note_session is set by the write that changes the note (an editing session; NULL: a one-off
// write) and consumed by the trigger. Every change is kept in note_history: a save of the
// same session as the newest version within 10 minutes of its start replaces it (autosaves
// of one editing session are one version), anything else adds one; 50 versions per paper.
const char *const kVersion3[] = {
    "ALTER TABLE papers ADD COLUMN note_rev INTEGER NOT NULL DEFAULT 0",
    "ALTER TABLE papers ADD COLUMN note_session INTEGER",
    "CREATE TABLE note_history("
    " id INTEGER PRIMARY KEY,"
    " paper_id INTEGER NOT NULL,"
    " note TEXT,"              // NULL: the note was deleted
    " saved_at TEXT NOT NULL," // ISO UTC, when this version was (last) written here
    " session INTEGER,"        // the editing session that wrote it; NULL: a one-off write
    " started REAL NOT NULL)", // julianday of its first write (the coalescing window)
    "CREATE INDEX note_history_paper ON note_history(paper_id, id)",
    // The notes there are now are their first version.
    "INSERT INTO note_history(paper_id, note, saved_at, started) SELECT id, note,"
    " coalesce(note_at, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')), julianday('now')"
    " FROM papers WHERE note IS NOT NULL ORDER BY id",
    "CREATE TRIGGER papers_note_changed AFTER UPDATE OF note ON papers"
    " WHEN old.note IS NOT new.note BEGIN"
    " UPDATE papers SET note_rev = old.note_rev + 1, note_session = NULL WHERE id = new.id;"
    " UPDATE note_history SET note = new.note,"
    "  saved_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')"
    "  WHERE id = (SELECT max(id) FROM note_history WHERE paper_id = new.id)"
    "  AND new.note_session IS NOT NULL AND session = new.note_session"
    "  AND julianday('now') - started < 10.0 / 1440;"
    " INSERT INTO note_history(paper_id, note, saved_at, session, started)"
    "  SELECT new.id, new.note, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), new.note_session,"
    "  julianday('now') WHERE NOT EXISTS(SELECT 1 FROM note_history h"
    "  WHERE h.id = (SELECT max(id) FROM note_history WHERE paper_id = new.id)"
    "  AND new.note_session IS NOT NULL AND h.session = new.note_session"
    "  AND julianday('now') - h.started < 10.0 / 1440);"
    " DELETE FROM note_history WHERE paper_id = new.id AND id < (SELECT id FROM note_history"
    "  WHERE paper_id = new.id ORDER BY id DESC LIMIT 1 OFFSET 49);"
    " END",
};

// Version 4: what arXiv's API says about a paper (fetched on request), its categories for
// cat: and the sidebar, and the PDFs downloaded beside the library.
const char *const kVersion4[] = {
    "CREATE TABLE arxiv_metadata("
    " paper_id INTEGER PRIMARY KEY,"
    " title TEXT NOT NULL, authors TEXT NOT NULL," // authors 0x1f-joined, every one
    " abstract TEXT NOT NULL,"
    " primary_category TEXT, categories TEXT," // categories space-joined, primary first
    " comments TEXT, journal_ref TEXT, doi TEXT,"
    " latest_version INTEGER NOT NULL DEFAULT 0,"
    " published TEXT, updated TEXT," // ISO UTC
    " fetched_at TEXT NOT NULL)",
    "CREATE TABLE paper_categories("
    " category TEXT NOT NULL COLLATE NOCASE, paper_id INTEGER NOT NULL,"
    " PRIMARY KEY(category, paper_id)) WITHOUT ROWID",
    "CREATE INDEX paper_categories_paper ON paper_categories(paper_id)",
    "CREATE TABLE pdfs(paper_id INTEGER PRIMARY KEY, path TEXT NOT NULL,"
    " version INTEGER NOT NULL DEFAULT 0, saved_at TEXT NOT NULL)",
};

// Version 5: the follow list (authors, keywords, phrases) and which papers match which item,
// kept current by the import (the papers it writes) and by Library::addFollow/removeFollow (the
// whole library), each in its own transaction: is:followed and the "Following" view are a
// lookup, not a scan of every paper's text.
const char *const kVersion5[] = {
    "CREATE TABLE follows("
    " id INTEGER PRIMARY KEY,"
    " kind TEXT NOT NULL,"  // 'author', 'kw' or 'phrase'
    " value TEXT NOT NULL," // as the user wrote it
    " key TEXT NOT NULL,"   // folded words: what makes two items the same
    " added_at TEXT NOT NULL,"
    " UNIQUE(kind, key))",
    "CREATE TABLE follow_matches("
    " follow_id INTEGER NOT NULL, paper_id INTEGER NOT NULL,"
    " PRIMARY KEY(follow_id, paper_id)) WITHOUT ROWID",
    "CREATE INDEX follow_matches_paper ON follow_matches(paper_id)",
};

// Version 6: the "For you" ranking (core/rank): each paper's score, sortable along an index like
// the other orders, and its why line. Written by the ranking's worker in one transaction.
const char *const kVersion6[] = {
    "ALTER TABLE papers ADD COLUMN rank_score REAL", // NULL: not scored (cold start, new paper)
    "CREATE INDEX papers_rank ON papers(rank_score, date)",
    "CREATE TABLE rank_why(paper_id INTEGER PRIMARY KEY, why TEXT NOT NULL)",
    // The papers of the last "More like this" (is:similar), nearest first.
    "CREATE TABLE similar_papers(paper_id INTEGER PRIMARY KEY, position INTEGER NOT NULL)",
};

// Version 7 (issue 13, scale): the index keeps token positions (detail=full), so a phrase is
// an FTS5 phrase query instead of a re-check of every candidate row by lectern_phrase (2 s at
// a million papers). Rebuilt from the papers table; rows still queued stay queued.
const char *const kVersion7[] = {
    "DROP TABLE fts",
    "CREATE VIRTUAL TABLE fts USING fts5(title, authors, abstract, summary, note,"
    " content='papers', content_rowid='id', tokenize='unicode61 remove_diacritics 2')",
    "INSERT INTO fts(fts, rank) VALUES('hashsize', 67108864)",
    "INSERT INTO fts(fts) VALUES('rebuild')",
};

// Version 8 (issue 13, import): the index uses the "lectern" tokenizer (store/ftstokenizer_p.h:
// unicode61 with an ASCII fast path and without ~34 English function words), which indexes
// faster and keeps a smaller index. Rebuilt from the papers table, so nothing stays queued.
const char *const kVersion8[] = {
    "DROP TABLE fts",
    "CREATE VIRTUAL TABLE fts USING fts5(title, authors, abstract, summary, note,"
    " content='papers', content_rowid='id', tokenize='lectern')",
    "INSERT INTO fts(fts, rank) VALUES('hashsize', 67108864)",
    "INSERT INTO fts(fts) VALUES('rebuild')",
    "DELETE FROM fts_pending",
};

// Version 9 (issue 13, counts): the sidebar's per-date and per-keyword counts (papers, unread)
// kept as tables instead of grouping ~3 links a paper on every counts() (1.9 s at a million
// papers). Kept true by the writers in the same transaction (store/countkeeper_p.h: the import
// adds its links' figures per file, read/unread changes adjust the paper's dates and keywords);
// the triggers only make the row a writer adds to exist. Filled here from the existing rows.
const char *const kVersion9[] = {
    "CREATE TABLE keyword_counts(keyword_id INTEGER PRIMARY KEY,"
    " total INTEGER NOT NULL DEFAULT 0, unread INTEGER NOT NULL DEFAULT 0)",
    // Distinct papers across the digests of one date (a re-edited digest is the same day).
    "CREATE TABLE digest_date_counts(date TEXT PRIMARY KEY,"
    " total INTEGER NOT NULL DEFAULT 0, unread INTEGER NOT NULL DEFAULT 0) WITHOUT ROWID",
    "CREATE TRIGGER keywords_counted AFTER INSERT ON keywords BEGIN"
    " INSERT OR IGNORE INTO keyword_counts(keyword_id) VALUES(new.id); END",
    "CREATE TRIGGER digests_counted AFTER INSERT ON digests WHEN new.date IS NOT NULL BEGIN"
    " INSERT OR IGNORE INTO digest_date_counts(date) VALUES(new.date); END",
};

// Version 10: the title order is read along an index (a first page by title at a million
// papers without sorting them all; ~2.5% of the library).
const char *const kVersion10[] = {
    Schema::kCreateTitleIndex,
};

// Version 13 (issue 13, counts): the library's papers and unread papers, one row kept by the
// same writers as the tables of version 9 (store/countkeeper_p.h). The sidebar's "All" and
// "Unread", and a query that is one of the count tables' figures (is:unread, kw:X is:unread,
// digest:D, ...: CompiledQuery::counted), are read from it instead of counting a million rows.
const char *const kVersion13[] = {
    "CREATE TABLE library_counts(id INTEGER PRIMARY KEY CHECK (id = 1),"
    " papers INTEGER NOT NULL DEFAULT 0, unread INTEGER NOT NULL DEFAULT 0)",
};

// Version 11 changes nothing: it was set aside for an import change that was not taken, and a
// library moves through it to 12 without statements.

// Version 12 (issue 13, query): the papers whose title, abstract, summary or note holds
// Chinese, Japanese or Korean text (kCjkRanges in text/cjk_p.h, as isCjk). A CJK search term
// is a substring search (no word boundaries to index); it now reads these papers instead of
// every paper's text. The import lists the papers it adds (ImportWriter: an INSERT trigger
// cost ~3 µs a paper); triggers list those whose text any writer changes (notes, new versions)
// and drop deleted papers. The non-ASCII test (a UTF-8 text longer in bytes than in
// characters) keeps the pattern off ASCII text. A paper whose CJK text is edited away stays
// listed: the query checks the text itself, the table only narrows.
QString cjkTextTest(const QString &row) {
    static const QString pattern = [] {
        QString p(QStringLiteral("'*["));
        for (const CjkRange &r : kCjkRanges) {
            p.append(QChar(r.first));
            p.append(QLatin1Char('-'));
            p.append(QChar(r.last));
        }
        p.append(QStringLiteral("]*'"));
        return p;
    }();
    QStringList tests;
    for (const char *column : {"title", "abstract", "summary", "note"}) {
        const QString c = row + QLatin1Char('.') + QLatin1String(column);
        tests << QStringLiteral("(length(CAST(") + c + QStringLiteral(" AS BLOB)) > length(") + c +
                     QStringLiteral(") AND ") + c + QStringLiteral(" GLOB ") + pattern +
                     QLatin1Char(')');
    }
    return QLatin1Char('(') + tests.join(QStringLiteral(" OR ")) + QLatin1Char(')');
}

QStringList version12() {
    const QStringList tables = {
        QStringLiteral("CREATE TABLE cjk_papers(paper_id INTEGER PRIMARY KEY)"),
        QStringLiteral("CREATE TRIGGER papers_cjk_changed AFTER UPDATE OF title, abstract, "
                       "summary, note ON papers WHEN ") +
            cjkTextTest(QStringLiteral("new")) +
            QStringLiteral(" BEGIN INSERT OR IGNORE INTO cjk_papers(paper_id) "
                           "VALUES(new.id); END"),
        QStringLiteral("CREATE TRIGGER papers_cjk_removed AFTER DELETE ON papers BEGIN "
                       "DELETE FROM cjk_papers WHERE paper_id = old.id; END")};
    return tables + Schema::cjkRefillStatements();
}

template <size_t N> QStringList toList(const char *const (&a)[N]) {
    QStringList out;
    for (const char *s : a)
        out << QString::fromLatin1(s);
    return out;
}

void setKind(ErrorKind *kind, ErrorKind value) {
    if (kind)
        *kind = value;
}

bool exec(QSqlDatabase &db, const QString &sql, QString *error, ErrorKind *kind) {
    QSqlQuery q(db);
    if (q.exec(sql))
        return true;
    if (error)
        *error = QStringLiteral("schema: %1 (in: %2)").arg(q.lastError().text(), sql.left(80));
    setKind(kind, errorKindOf(sqliteCodeOf(q.lastError())));
    return false;
}

int userVersion(QSqlDatabase &db) {
    QSqlQuery q(db);
    if (q.exec(QStringLiteral("PRAGMA user_version")) && q.next())
        return q.value(0).toInt();
    return -1;
}

// No tables while the version is 0, read in one statement (one snapshot): another process may
// be creating the same new library, and its first migration commits the tables and the version
// together; two reads could see the version before and the tables after that commit.
bool isEmptyDatabase(QSqlDatabase &db) {
    QSqlQuery q(db);
    return q.exec(QStringLiteral("SELECT count(*) FROM sqlite_master WHERE "
                                 "(SELECT user_version FROM pragma_user_version) = 0")) &&
           q.next() && q.value(0).toInt() == 0;
}

} // namespace

QStringList Schema::cjkRefillStatements() {
    return {QStringLiteral("DELETE FROM cjk_papers"),
            QStringLiteral("INSERT INTO cjk_papers(paper_id) SELECT id FROM papers p WHERE ") +
                cjkTextTest(QStringLiteral("p"))};
}

int Schema::currentVersion() {
    return 13;
}

QStringList Schema::migrationStatements(int toVersion) {
    switch (toVersion) {
    case 1:
        return toList(kVersion1);
    case 2:
        return toList(kVersion2);
    case 3:
        return toList(kVersion3);
    case 4:
        return toList(kVersion4);
    case 5:
        return toList(kVersion5);
    case 6:
        return toList(kVersion6);
    case 7:
        return toList(kVersion7);
    case 8:
        return toList(kVersion8);
    case 9:
        return toList(kVersion9) + CountKeeper::linkRefillStatements();
    case 10:
        return toList(kVersion10);
    case 11:
        return {};
    case 12:
        return version12();
    case 13:
        return toList(kVersion13) + CountKeeper::libraryRefillStatements();
    default:
        return {};
    }
}

bool Schema::isOpenable(QSqlDatabase &db, const QString &path, QString *error, ErrorKind *kind) {
    auto refuse = [&](ErrorKind k, const QString &message) {
        if (error)
            *error = message;
        setKind(kind, k);
        return false;
    };
    const int version = userVersion(db);
    if (version < 0) {
        const QSqlError e = db.lastError();
        const ErrorKind k = errorKindOf(sqliteCodeOf(e));
        return refuse(
            k == ErrorKind::None ? ErrorKind::Corrupt : k,
            QStringLiteral("cannot read the schema version of %1: %2").arg(path, e.text()));
    }
    if (version > currentVersion())
        return refuse(ErrorKind::Incompatible,
                      QStringLiteral("%1 was written by a newer Lectern (schema %2, this one "
                                     "knows up to %3); it was not changed")
                          .arg(path, QString::number(version), QString::number(currentVersion())));
    if (version == 0 && !isEmptyDatabase(db))
        return refuse(ErrorKind::Incompatible,
                      path + QStringLiteral(" is not a Lectern library (it "
                                            "has tables but no schema "
                                            "version); it was not changed"));
    return true;
}

namespace {

// A consistent copy (VACUUM INTO sees the WAL too) before touching anything.
bool writeBackup(QSqlDatabase &db, const QString &path, int version, QString *error,
                 ErrorKind *kind) {
    const QString backup =
        path + QStringLiteral(".v") + QString::number(version) + QStringLiteral(".bak");
    QFile::remove(backup);
    QSqlQuery q(db);
    q.prepare(QStringLiteral("VACUUM INTO ?"));
    q.addBindValue(backup);
    if (q.exec())
        return true;
    if (error)
        *error = QStringLiteral("cannot write the backup %1 before upgrading: %2")
                     .arg(backup, q.lastError().text());
    const ErrorKind k = errorKindOf(sqliteCodeOf(q.lastError()));
    setKind(kind, k == ErrorKind::None ? ErrorKind::Io : k);
    return false;
}

// One migration step in its own transaction; *version becomes the version now in the file.
bool migrateStep(QSqlDatabase &db, const QString &path, int *version, QString *error,
                 ErrorKind *kind) {
    const int next = *version + 1;
    if (!exec(db, QStringLiteral("BEGIN IMMEDIATE"), error, kind))
        return false;
    // Another connection (the GUI and its importer open the same new file) may have
    // migrated while this one waited for the lock.
    const int now = userVersion(db);
    if (now >= next) {
        QString ignored;
        exec(db, QStringLiteral("COMMIT"), &ignored, nullptr);
        *version = now;
        return true;
    }
    bool ok = true;
    for (const QString &sql : Schema::migrationStatements(next)) {
        if (!exec(db, sql, error, kind)) {
            ok = false;
            break;
        }
    }
    ok = ok &&
         exec(db, QStringLiteral("PRAGMA user_version = ") + QString::number(next), error, kind);
    if (!ok || !exec(db, QStringLiteral("COMMIT"), error, kind)) {
        QString ignored;
        exec(db, QStringLiteral("ROLLBACK"), &ignored, nullptr);
        if (error)
            *error = QStringLiteral("upgrading %1 to schema %2 failed, nothing changed: %3")
                         .arg(path, QString::number(next), *error);
        return false;
    }
    *version = next;
    return true;
}

} // namespace

bool Schema::migrate(QSqlDatabase &db, const QString &path, QString *error, ErrorKind *kind) {
    if (!isOpenable(db, path, error, kind))
        return false;
    int version = userVersion(db);
    if (version > 0 && version < currentVersion() && !writeBackup(db, path, version, error, kind))
        return false;
    while (version < currentVersion()) {
        if (!migrateStep(db, path, &version, error, kind))
            return false;
    }
    return true;
}

} // namespace lectern
