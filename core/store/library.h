#pragma once

// Errors, everywhere in core/store: a call that can fail returns bool (or std::optional<T> when
// it hands out a value) and never an empty or zero value in place of a failure. After a call
// returned false or nullopt, lastError() says why in a sentence that names the file, and
// lastErrorKind() says what kind of failure it was, so callers need not parse the text. "Busy"
// is detected once, from SQLite's result codes (SQLITE_BUSY/SQLITE_LOCKED), never from message
// text. Both describe the most recent failure only. Imports report per file, in
// ImportFileResult::diagnostics, and never stop at a file that cannot be read.

#include "follow/follow.h"
#include "model/arxivrecord.h"
#include "model/librarytypes.h"
#include "model/rankdocument.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>
#include <optional>

namespace lectern {

// What kind of failure lastError() describes.
enum class ErrorKind {
    None,         // no failure
    Busy,         // another process holds the write lock (waited kBusyTimeoutMs)
    ReadOnly,     // the file or its folder cannot be written
    Corrupt,      // not an SQLite database, or a damaged one
    Incompatible, // a library from a newer Lectern, or an SQLite file that is not a library
    NotADigest,   // a file that is not a digest was given to import
    Io,           // the file system failed (cannot open, disk full, I/O error)
    Other,        // anything else (an internal error, a bad argument)
};

// A paper's note as stored, with its revision: a count of the changes of the note, bumped by
// every writer (the editor, lectern-cli note, import-annotations, an import applying pending
// annotations), so a writer can tell that the note changed since it read it.
struct StoredNote {
    QString text; // Markdown; empty: no note
    QDateTime at; // when it was last written (invalid: never)
    qint64 revision = 0;
};

// The outcome of a compare-and-set note write (Library::setNote with an expected revision).
enum class NoteWriteStatus {
    Saved,    // written (or the note already had that text)
    Conflict, // the note changed since expectedRevision: nothing written
    Failed,   // the write failed (lastError())
};
struct NoteWrite {
    NoteWriteStatus status = NoteWriteStatus::Failed;
    StoredNote note; // Saved: the note as now stored; Conflict: the other writer's note
};

// One version of a note (Library::noteHistory).
struct NoteVersion {
    qint64 id = 0;
    QString text; // empty: the note was deleted
    QDateTime savedAt;
};

// One item of the follow list as stored (Library::follows).
struct FollowEntry {
    qint64 id = 0;
    Follow follow;
    int papers = 0; // papers of the library it matches
};

// The user's library: one SQLite file (WAL) with papers, digests, user state and an FTS5
// index. One Library object owns one database connection and must be used from the thread
// that opened it; open a second Library on the same path for another thread (DatabaseWorker
// does, for imports and counts). Every write is one transaction.
class Library {
public:
    Library();
    ~Library();
    Library(const Library &) = delete;
    Library &operator=(const Library &) = delete;

    // Default path: QStandardPaths::AppDataLocation/library.sqlite, or $LECTERN_DB if set.
    static QString defaultPath();

    // Opens (creating or migrating) the library. On failure returns false and sets error.
    // Before anything is written, PRAGMA quick_check: a damaged library fails with
    // ErrorKind::Corrupt and is left byte for byte as it was. A library that needs a schema
    // migration is first backed up (BackupManager, to the backups folder); no backup, no
    // migration. On a network file system (NFS, SMB) it uses a rollback journal and no memory
    // map, and openWarning() says so.
    bool open(const QString &path, QString *error = nullptr);
    // The same, for a library that must exist already: a missing file is an error (Io, "no
    // library at PATH"), never a new empty library (the front ends create only when asked).
    // Check::Skip leaves out the quick check, for a second connection to a file that was just
    // opened and checked (the window's worker thread).
    enum class Check { Quick, Skip };
    bool openExisting(const QString &path, QString *error = nullptr, Check check = Check::Quick);
    // Something the user should know about the open library (empty when nothing): e.g. that it
    // is on a network file system and runs without WAL.
    QString openWarning() const;
    QString path() const;
    bool isOpen() const;

    // Import. Each file is one transaction: all its papers or none.
    ImportFileResult importFile(const QString &path);
    ImportFileResult importData(const QString &path, const QByteArray &data);
    // Files and folders (recursively: *.md, *.markdown, *.txt).
    // progress is also called between chunks of a large file's papers (same done, same path);
    // returning false there rolls that file back. fileDone, when given, hears each file's
    // result as soon as it is written (before it is added to the returned stats).
    ImportStats importPaths(const QStringList &paths, const ImportProgress &progress = {},
                            const std::function<void(const ImportFileResult &)> &fileDone = {});
    // Files in folders (recursively) by name, special files (FIFOs, devices, sockets, links to
    // them, broken links) included: importing them reports why they cannot be read.
    static QStringList expandPaths(const QStringList &paths);

    // Search indexing. By default (deferred) importPaths/importFile make papers visible to
    // query() at once and write their full-text entries in a second phase at the end of
    // importPaths (or on indexPending()); rows waiting for it are kept in the database, so an
    // interrupted import is indexed by the next import or indexPending(). With deferred off,
    // each file's entries are written in the file's own transaction.
    void setDeferredIndexing(bool defer);
    int pendingIndexCount() const; // -1 on failure (lastError())
    // False on failure (lastError()); true also when progress cancelled it (the rest stays
    // queued for later).
    bool indexPending(const ImportProgress &progress = {});

    // Queries (the language is documented in README.md).
    QueryResult query(const QString &query, SortOrder sort = SortOrder::Date, int limit = -1,
                      int offset = 0) const;
    // The ids of every paper of the view, in query()'s order, without loading rows (for
    // export); nullopt on a malformed query (lastError() says what is wrong) or a failure.
    std::optional<QList<qint64>> ids(const QString &query, SortOrder sort = SortOrder::Date) const;
    // ---- Large views (libraryquery.cpp) -----------------------------------------------------
    // query() counting at most countCap matches (countCap > 0; 0: all, as query()): with more,
    // total is countCap and totalIsLowerBound is set. A search with a prefix word by date,
    // digest or title that reads a window (limit > 0) may stop counting sooner (at 1,000 or the
    // window's end, whichever is further): then too totalIsLowerBound is set, and more than
    // total papers match. A query that is one of the library's kept counts (all papers, a
    // keyword's or a digest date's, each optionally unread or read: CompiledQuery::counted) is
    // counted exactly at once. For a list's first page of a broad search, whose exact total
    // (total()) is then counted off the UI thread.
    QueryResult queryCapped(const QString &query, SortOrder sort, int limit, int offset,
                            int countCap) const;
    // The exact number of papers of a view (query()'s total); nullopt on a malformed query
    // (lastError() says what is wrong) or a failure.
    std::optional<int> total(const QString &query) const;
    // The count tables (the sidebar's figures and the kept counts that answer whole queries)
    // compared with the rows, and a table that differs filled again; stops early (true) when
    // cancelled() says so. False (lastError()) on failure.
    bool recountKeptCounts(const std::function<bool()> &cancelled = {});
    // total() and how many of those papers are read, in one pass over the matches (a view's
    // progress: one FTS5 merge for a broad search, not one for each figure). The last query
    // counted is remembered while the library is unchanged (by this connection or another):
    // asked again, here or by total(), it is answered without counting.
    std::optional<std::pair<int, int>> totalAndRead(const QString &query) const;
    // ---- end of large views ------------------------------------------------------------------
    // nullopt when absent (lastErrorKind() None) or on failure (lastErrorKind() says which).
    std::optional<LibraryPaper> paper(qint64 id) const;
    std::optional<LibraryPaper> paperByArxivId(const QString &arxivIdOrKey) const;
    // In the order of ids (ids not in the library are left out); nullopt on failure.
    std::optional<QList<LibraryPaper>> papers(const QList<qint64> &ids) const;
    // The row id of a paper: 0 when absent, nullopt on failure.
    std::optional<qint64> idForKey(const QString &arxivIdOrKey) const;
    std::optional<bool> paperExists(qint64 id) const; // nullopt on failure
    std::optional<Counts> counts() const;             // nullopt on failure
    std::optional<QStringList> allTags() const;       // nullopt on failure

    // User state. Each call is one transaction; returns false on failure (error()).
    bool setRead(const QList<qint64> &ids, bool read);
    bool setStarred(const QList<qint64> &ids, bool starred);
    // Unconditional: overwrites whatever the note is now (the command line, undo).
    bool setNote(qint64 id, const QString &markdown);
    // Compare-and-set: writes only while the note's revision is still expectedRevision (or it
    // already holds that text); else Conflict with the stored note, nothing written. session
    // (0: none) names an editing session: its saves within 10 minutes of its first are one
    // version in the note's history (autosaves), any other write adds a version.
    NoteWrite setNote(qint64 id, const QString &markdown, qint64 expectedRevision,
                      qint64 session = 0);
    // The note with its revision; nullopt on failure or for a paper not in the library
    // (lastErrorKind() None).
    std::optional<StoredNote> note(qint64 id) const;
    // Every version of the note kept (newest first, at most kNoteHistoryLimit): each write of
    // the note by anyone, the autosaves of one editing session as one; nullopt on failure.
    std::optional<QList<NoteVersion>> noteHistory(qint64 id) const;
    static constexpr int kNoteHistoryLimit = 50;
    bool setTags(qint64 id, const QStringList &tags);
    bool addTag(const QList<qint64> &ids, const QString &tag);
    bool removeTag(const QList<qint64> &ids, const QString &tag);

    // Everything the user wrote, keyed by arXiv id (JSON), and its merge back.
    std::optional<QByteArray> exportAnnotations() const; // nullopt on failure
    bool importAnnotations(const QByteArray &json, QString *error = nullptr);

    QString lastError() const;
    ErrorKind lastErrorKind() const;

    // ---- Positions in a view and changes over a view (libraryposition.cpp) -----------------
    // A view is a query listed in a sort order, exactly as query() lists it.
    // The row of paper `id` in the view (0-based, in query()'s order); -1 when the paper is not
    // in the view or the query is malformed. A count over the view, no rows loaded.
    int rowOf(const QString &query, SortOrder sort, qint64 id) const;
    // The first paper of the view listed after paper `afterId` (reversed: the nearest before
    // it); afterId 0: the view's first (reversed: last) paper. afterId need not be in the view
    // itself (e.g. a read paper, for the view "... is:unread"). 0 when there is none; nullopt
    // on a malformed query or an error (lastError()).
    std::optional<qint64> nextInView(const QString &query, SortOrder sort, qint64 afterId,
                                     bool reversed = false) const;
    // Marks every unread paper of the view read, in one UPDATE (one transaction), and returns
    // the papers it changed (for an undo record); nullopt on failure (lastError()).
    std::optional<QList<qint64>> markRead(const QString &query);
    // The digest to read after the one of `current`: the nearest older digest with unread
    // papers, else the newest one (never `current` itself); an invalid date when there is none.
    QDate nextDigestWithUnread(QDate current) const;

    // ---- Reading progress (libraryprogress.cpp) ----------------------------------------------
    // The oldest digest (by date) that still has unread papers; an invalid date when none has
    // (or on failure: lastError()). Where "continue" (c) starts.
    QDate oldestDigestWithUnread() const;

    // ---- arXiv metadata and PDFs (librarymetadata.cpp) ---------------------------------------
    // Stores what arXiv said about papers already in the library (matched by arXiv id; other
    // records are ignored), replacing earlier metadata; the digest's own fields stay as
    // imported. One transaction. Returns how many papers got metadata; nullopt on failure.
    std::optional<int> storeMetadata(const QList<ArxivRecord> &records,
                                     const QDateTime &fetchedAt = QDateTime::currentDateTimeUtc());
    // The stored metadata of a paper (not present() when none); nullopt on failure.
    std::optional<StoredMetadata> metadata(qint64 id) const;
    // The PDF downloaded for a paper: its path (empty when none), recorded by setPdf.
    std::optional<QString> pdfPath(qint64 id) const;
    bool setPdf(qint64 id, int version, const QString &path);
    // Where PDFs are kept: the "pdfs" folder beside the library file.
    QString pdfFolder() const;

    // ---- Followed authors and topics (libraryfollow.cpp) -------------------------------------
    // The follow list, oldest first, with how many papers each item matches; nullopt on failure.
    std::optional<QList<FollowEntry>> follows() const;
    // Follows an author or topic: the item and its matches over the whole library, in one
    // transaction (a full scan: seconds at 100k papers, run it on the DatabaseWorker).
    // Already followed (the same kind and folded words): the existing entry, nothing written.
    // keepGoing is asked every few thousand papers; false rolls back. nullopt on failure.
    std::optional<FollowEntry> addFollow(const Follow &follow,
                                         const std::function<bool()> &keepGoing = {});
    // Stops following (the item and its matches, one transaction). True when it was
    // followed, false when it was not; nullopt on failure.
    std::optional<bool> removeFollow(const Follow &follow);
    // The items of the follow list a paper matches (for the reading pane); nullopt on failure.
    std::optional<QList<Follow>> followsOf(qint64 paperId) const;
    // ---- "For you" ranking (libraryrank.cpp; computed by core/rank) -------------------------
    // Every paper's text and state for the vectoriser, by id, in one query; nullopt on failure.
    std::optional<QList<RankDocument>> rankDocuments() const;
    // Replaces every paper's score and why line with these (papers not listed get none, so an
    // empty list clears them: the For you order is then by date). One transaction.
    bool writeRankScores(const QList<RankScore> &scores);
    // The why line of a paper ("+ decoding, + Tri Dao"); empty when it has none; nullopt on
    // failure.
    std::optional<QString> rankWhy(qint64 id) const;
    // How many papers have a score (0: For you is not trained); -1 on failure.
    int rankedCount() const;
    // "More like this": the papers of is:similar and their order (SortOrder::Similar), nearest
    // first, replacing the last list. One transaction.
    bool writeSimilar(const QList<qint64> &ids);

    // ---- Memory of this connection (librarymemory.cpp; for the window) ----------------------
    // Caps what the connection keeps resident: SQLite's page cache (KiB) and its memory map of
    // the file (bytes; 0: no map, pages are read into the cache). Mapped pages count in the
    // process's resident memory: at a million papers the 256 MB map of each of the window's two
    // connections fills as queries run. Never raises the map (a network file system has none).
    // False on failure (lastError()).
    bool limitMemory(qint64 mmapBytes, int cacheKiB);

    struct Private; // internal (library_p.h)

private:
    bool openWith(const QString &path, QString *error, Check check);
    bool openOnce(const QString &path, QString *error, Check check);

    std::unique_ptr<Private> d;
};

} // namespace lectern
