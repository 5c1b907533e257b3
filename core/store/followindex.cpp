// FollowIndex: which papers match which followed author or topic (follow_matches).
#include "store/followindex_p.h"

#include "model/paper.h"
#include "store/library_p.h"

#include <sqlite3.h>

namespace lectern {

namespace {

bool failed(const SqlStatement &s, QString *error) {
    if (error)
        *error = QStringLiteral("following: ") + s.errorMessage();
    return false;
}

FollowSubject subjectOf(const Paper &p) {
    return {p.title, p.authors, p.abstract, p.summary, p.keywords};
}

QString textOf(sqlite3_value *v) {
    const auto *text = reinterpret_cast<const char *>(sqlite3_value_text(v));
    return text ? QString::fromUtf8(text, sqlite3_value_bytes(v)) : QString();
}

void followsFunction(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
    if (argc != 3) {
        sqlite3_result_int(ctx, 0);
        return;
    }
    const std::optional<Follow::Kind> kind = Follow::kindFromName(textOf(argv[0]));
    const bool hit = kind && FollowMatcher::names(Follow(*kind, textOf(argv[1])), textOf(argv[2]));
    sqlite3_result_int(ctx, hit ? 1 : 0);
}

} // namespace

bool FollowIndex::load(sqlite3 *db, QString *error) {
    SqlStatement list;
    if (!list.prepare(db, "SELECT id, kind, value FROM follows ORDER BY id"))
        return failed(list, error);
    QList<Follow> follows;
    m_ids.clear();
    while (true) {
        if (!list.step())
            return failed(list, error);
        if (!list.hasRow())
            break;
        const std::optional<Follow::Kind> kind = Follow::kindFromName(list.columnText(1));
        if (!kind)
            continue; // written by a newer Lectern: left alone
        m_ids << list.columnInt(0);
        follows << Follow(*kind, list.columnText(2));
    }
    m_matcher = FollowMatcher(follows);
    if (m_ids.isEmpty())
        return true;
    if (!m_clear.prepare(db, "DELETE FROM follow_matches WHERE paper_id = ?"))
        return failed(m_clear, error);
    if (!m_insert.prepare(db, "INSERT OR IGNORE INTO follow_matches(follow_id, paper_id) "
                              "VALUES(?, ?)"))
        return failed(m_insert, error);
    return true;
}

bool FollowIndex::paperWritten(qint64 paperId, const Paper &paper, bool fresh, QString *error) {
    if (m_ids.isEmpty())
        return true;
    if (!fresh) {
        m_clear.bind(1, paperId);
        if (!m_clear.exec())
            return failed(m_clear, error);
    }
    for (int index : m_matcher.matches(subjectOf(paper))) {
        m_insert.bind(1, m_ids.at(index));
        m_insert.bind(2, paperId);
        if (!m_insert.exec())
            return failed(m_insert, error);
    }
    return true;
}

int FollowIndex::matchLibrary(sqlite3 *db, qint64 followId, const Follow &follow,
                              const std::function<bool()> &keepGoing, QString *error) {
    SqlStatement scan, insert;
    auto fail = [error](const SqlStatement &s) {
        failed(s, error);
        return -1;
    };
    // An author is looked for in the authors only: the paper's text is not read.
    const char *sql = follow.isAuthor() ? "SELECT id, authors FROM papers"
                                        : "SELECT id, '', title, abstract, ifnull(summary, ''), "
                                          "ifnull(keywords, '') FROM papers";
    if (!scan.prepare(db, sql))
        return fail(scan);
    if (!insert.prepare(db, "INSERT OR IGNORE INTO follow_matches(follow_id, paper_id) "
                            "VALUES(?, ?)"))
        return fail(insert);
    const FollowMatcher matcher({follow});
    int matched = 0;
    for (qint64 n = 1;; ++n) {
        if (!scan.step())
            return fail(scan);
        if (!scan.hasRow())
            break;
        FollowSubject s;
        s.authors = splitAuthors(scan.columnText(1));
        if (!follow.isAuthor()) {
            s.title = scan.columnText(2);
            s.abstract = scan.columnText(3);
            s.summary = scan.columnText(4);
            s.keywords = splitList(scan.columnText(5));
        }
        if (matcher.matches(0, s)) {
            insert.bind(1, followId);
            insert.bind(2, scan.columnInt(0));
            if (!insert.exec())
                return fail(insert);
            ++matched;
        }
        if (n % 4096 == 0 && keepGoing && !keepGoing()) {
            if (error)
                *error = QStringLiteral("cancelled");
            return -1;
        }
    }
    return matched;
}

bool FollowIndex::registerFunction(sqlite3 *db) {
    return db && sqlite3_create_function_v2(
                     db, "lectern_follows", 3, SQLITE_UTF8 | SQLITE_DETERMINISTIC, nullptr,
                     followsFunction, nullptr, nullptr, nullptr) == SQLITE_OK;
}

} // namespace lectern
