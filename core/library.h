#pragma once

#include "paper.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>
#include <optional>

namespace lectern {

// A paper as the library holds it: the parsed fields plus what the user did with it.
struct LibraryPaper {
    qint64 id = 0; // row id; stable for the life of the library
    Paper paper;   // paper.line is 0
    bool read = false;
    QDateTime readAt;
    bool starred = false;
    QDateTime starredAt;
    QString note; // Markdown
    QDateTime noteAt;
    QStringList tags;     // sorted
    QList<QDate> digests; // dates of the digests it appeared in, ascending
    QDateTime firstSeen, lastSeen;
};

// One row of a query result: what the paper list shows, cheap to load in batches.
struct PaperRow {
    qint64 id = 0;
    QString arxivId;
    QString title; // source text; the view renders the math
    QStringList authors;
    QDate date;
    QStringList keywords;
    bool read = false;
    bool starred = false;
    bool hasNote = false;
};

enum class SortOrder { Date, Digest, Title, Relevance };

struct QueryResult {
    QString error;        // non-empty when the query is malformed: says what is wrong, in words
    int total = 0;        // all matches, regardless of limit/offset
    QList<PaperRow> rows; // the requested window
    bool ok() const { return error.isEmpty(); }
};

struct CountItem {
    QString name; // digest date (ISO), keyword or tag
    int total = 0;
    int unread = 0;
};

struct Counts {
    int all = 0, unread = 0, starred = 0, noted = 0;
    QList<CountItem> digests;  // newest first
    QList<CountItem> keywords; // most papers first
    QList<CountItem> tags;     // by name
};

struct ImportFileResult {
    QString path;
    bool imported = false;        // false: skipped (not a digest / unreadable) or already there
    bool alreadyImported = false; // same content imported before: nothing changed
    int newPapers = 0, updated = 0, unchanged = 0;
    QList<Diagnostic> diagnostics; // with lines of this file
};

struct ImportStats {
    // skipped: files not imported (not a digest, unreadable); errors: their error diagnostics.
    int files = 0, newPapers = 0, updated = 0, unchanged = 0, skipped = 0, errors = 0;
    int alreadyImported = 0; // files whose identical content was imported before
    bool cancelled = false;
    QList<ImportFileResult> results;
};

// progress(done, total, path currently being imported). Return false to cancel (files already
// written stay). importPaths calls it once more with done == total and an empty path when every
// file is written and visible to query(); the full-text index is then completed before it
// returns (indexPending() calls it with an empty path per chunk).
using ImportProgress = std::function<bool(int done, int total, const QString &path)>;

// The user's library: one SQLite file (WAL) with papers, digests, user state and an FTS5
// index. One Library object owns one database connection and must be used from the thread
// that opened it; open a second Library on the same path for another thread (the importer
// does). Every write is one transaction.
class Library {
public:
    Library();
    ~Library();
    Library(const Library &) = delete;
    Library &operator=(const Library &) = delete;

    // Default path: QStandardPaths::AppDataLocation/library.sqlite, or $LECTERN_DB if set.
    static QString defaultPath();

    // Opens (creating or migrating) the library. On failure returns false and sets error.
    bool open(const QString &path, QString *error = nullptr);
    QString path() const;
    bool isOpen() const;

    // Import. Each file is one transaction: all its papers or none.
    ImportFileResult importFile(const QString &path);
    ImportFileResult importData(const QString &path, const QByteArray &data);
    // Files and folders (recursively: *.md, *.markdown, *.txt).
    ImportStats importPaths(const QStringList &paths, const ImportProgress &progress = {});
    static QStringList expandPaths(const QStringList &paths);

    // Search indexing. By default (deferred) importPaths/importFile make papers visible to
    // query() at once and write their full-text entries in a second phase at the end of
    // importPaths (or on indexPending()); rows waiting for it are kept in the database, so an
    // interrupted import is indexed by the next import or indexPending(). With deferred off,
    // each file's entries are written in the file's own transaction.
    void setDeferredIndexing(bool defer);
    int pendingIndexCount() const;
    bool indexPending(const ImportProgress &progress = {});

    // Queries (the language is documented in README.md).
    QueryResult query(const QString &query, SortOrder sort = SortOrder::Date, int limit = -1,
                      int offset = 0) const;
    std::optional<LibraryPaper> paper(qint64 id) const;
    std::optional<LibraryPaper> paperByArxivId(const QString &arxivIdOrKey) const;
    QList<LibraryPaper> papers(const QList<qint64> &ids) const; // in the order of ids
    qint64 idForKey(const QString &arxivIdOrKey) const;         // 0 when absent
    bool paperExists(qint64 id) const;
    // "arXiv:2505.01259v2", "https://arxiv.org/abs/2505.01259v2" -> "2505.01259"; other text
    // is returned trimmed.
    static QString normaliseArxivId(const QString &text);
    Counts counts() const;
    QStringList allTags() const;

    // User state. Each call is one transaction; returns false on failure (error()).
    bool setRead(const QList<qint64> &ids, bool read);
    bool setStarred(const QList<qint64> &ids, bool starred);
    bool setNote(qint64 id, const QString &markdown);
    bool setTags(qint64 id, const QStringList &tags);
    bool addTag(const QList<qint64> &ids, const QString &tag);
    bool removeTag(const QList<qint64> &ids, const QString &tag);

    // Everything the user wrote, keyed by arXiv id (JSON), and its merge back.
    QByteArray exportAnnotations() const;
    bool importAnnotations(const QByteArray &json, QString *error = nullptr);

    QString lastError() const;

    struct Private; // internal (library_p.h)

private:
    std::unique_ptr<Private> d;
};

} // namespace lectern
