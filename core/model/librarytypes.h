#pragma once

// The values the library hands out: papers with the user's state, rows of a query, counts and
// import results. Plain values; any thread.

#include "model/paper.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>

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
    bool newerVersion = false; // arXiv has a later version than the digest listed
    bool followed = false;     // matches an item of the follow list
};

// ForYou: by the "For you" score (written by core/rank), papers without one last, then by date.
// Similar: in the order of the last "More like this" (is:similar), nearest first.
enum class SortOrder { Date, Digest, Title, Relevance, ForYou, Similar };

struct QueryResult {
    QString error; // non-empty when the query is malformed: says what is wrong, in words
    int total = 0; // all matches, regardless of limit/offset
    // Only from Library::queryCapped: more than `total` papers match (total is the cap).
    bool totalIsLowerBound = false;
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
    int followed = 0;            // papers matching the follow list
    QList<CountItem> digests;    // newest first
    QList<CountItem> keywords;   // most papers first
    QList<CountItem> tags;       // by name
    QList<CountItem> categories; // arXiv categories of fetched metadata, most papers first
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

} // namespace lectern
