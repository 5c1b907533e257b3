#pragma once

// Internal to core/store: the follow_matches table kept current (schema 5). The import calls
// paperWritten for each paper it writes; Library::addFollow calls matchLibrary for a new item.
// Raw statements only, so it runs inside the import's transaction.

#include "follow/follow.h"
#include "follow/followmatcher.h"
#include "store/sqlstatement_p.h"

#include <QList>
#include <QString>

#include <functional>

struct sqlite3;

namespace lectern {

struct Paper;

class FollowIndex {
public:
    // Reads the follow list (inside the caller's transaction). False on failure (*error).
    bool load(sqlite3 *db, QString *error);
    bool isEmpty() const { return m_ids.isEmpty(); }

    // A paper the import inserted (fresh) or whose text it replaced (its matches are redone).
    bool paperWritten(qint64 paperId, const Paper &paper, bool fresh, QString *error);

    // Matches every paper of the library against one follow and records the matches.
    // keepGoing (may be empty) is asked every few thousand papers; false stops with *error
    // "cancelled". Returns how many papers matched, -1 on failure.
    static int matchLibrary(sqlite3 *db, qint64 followId, const Follow &follow,
                            const std::function<bool()> &keepGoing, QString *error);

    // The SQL function lectern_follows(kind, value, name): 1 when NAME names that follow
    // (FollowMatcher::names), for the query language's follows:NAME.
    static bool registerFunction(sqlite3 *db);

private:
    QList<qint64> m_ids;
    FollowMatcher m_matcher;
    SqlStatement m_clear, m_insert;
};

} // namespace lectern
