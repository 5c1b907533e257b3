#pragma once

#include "model/librarytypes.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>
#include <optional>

namespace lectern {

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

    struct Private; // internal (library_p.h)

private:
    std::unique_ptr<Private> d;
};

} // namespace lectern
