#pragma once

// Internal to core/store: the sidebar's per-date and per-keyword figures (schema 9:
// digest_date_counts, keyword_counts: papers and unread papers) and the library's own (schema
// 13: library_counts), kept true by every write that changes them, in that write's own
// transaction. Library::counts() (librarycounts.cpp) reads them instead of grouping every
// link, and Library::total/query answer the queries that are one of these figures from them.

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>
#include <utility>

struct sqlite3;

namespace lectern {

class SqlStatement;

class CountKeeper {
public:
    CountKeeper();
    ~CountKeeper();
    CountKeeper(const CountKeeper &) = delete;
    CountKeeper &operator=(const CountKeeper &) = delete;

    // Statements that fill the tables from the rows (salvage, a restore, and readChanged over
    // many papers): the per-keyword and per-date ones (schema 9: every keyword and every dated
    // digest gets a row), the library's (schema 13), and all of them.
    static QStringList linkRefillStatements();
    static QStringList libraryRefillStatements();
    static QStringList refillStatements();
    // Per table: a read-only statement of one value, 1 when the table differs from the rows
    // counted from scratch, and the statements that fill it again (Library::recountKeptCounts).
    struct Drift {
        QString check;
        QStringList refill;
    };
    static QList<Drift> driftChecks();

    // Papers whose read flag has just changed to nowRead (each id once, every one changed):
    // the unread figures of their dates and keywords follow, on the caller's transaction.
    // Over many papers, both tables are refilled instead. False with *error on failure.
    static bool readChanged(sqlite3 *db, const QList<qint64> &ids, bool nowRead, QString *error);

    // The import: what one file's links change, gathered per keyword and date and written by
    // flush() (a handful of rows per file, not one per link). A row for each exists already
    // (the triggers of schema 9 add it with the keyword or the digest).
    void keyword(qint64 keywordId, int total, int unread);
    void date(const QString &date, int total, int unread);
    // Papers added to the library (a new row: 1, 1) or whose read flag changed (0, -1 or 1).
    void papers(int total, int unread);
    // One paper whose read flag the import changed (an annotation): its dates', keywords' and
    // the library's unread figures, gathered with the rest of the file and written by flush().
    bool paperReadChanged(sqlite3 *db, qint64 id, bool nowRead, QString *error);
    bool flush(sqlite3 *db, QString *error);
    void clear();
    // Whether paper paperId is linked to a digest of this date other than digestId (then it
    // already counts for the date).
    std::optional<bool> linkedOnDate(sqlite3 *db, qint64 paperId, qint64 digestId,
                                     const QString &date, QString *error);

    // Read papers above this many are counted again from the rows instead of one by one.
    static constexpr int kRefillAbove = 20000;

private:
    bool prepare(sqlite3 *db, QString *error);
    bool addPaper(qint64 id, int unread, QString *error);

    struct Statements;
    std::unique_ptr<Statements> m_st;
    QHash<qint64, std::pair<int, int>> m_keywords; // id -> (total, unread) to add
    QHash<QString, std::pair<int, int>> m_dates;
    std::pair<int, int> m_library{0, 0};
};

} // namespace lectern
