// Library::query: the search language compiled to SQL, one window of rows and the total.
#include "search/querylanguage.h"
#include "store/library_p.h"
#include "store/queryplan_p.h"
#include "store/sqlstatement_p.h"

#include <QHash>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>
#include <vector>

namespace lectern {

namespace {

// Above this many matches the window is read by walking the sort order's index.
constexpr int kWalkIndexAbove = 2000;
// A walk whose conditions probe each row (EXISTS) instead of building their sets first, when
// it is expected to read at most this many rows of the index to fill the window.
constexpr qint64 kProbeRowsAtMost = 20000;

// Free words only, not by relevance: the matches are counted by reading their ids (raw steps:
// as cheap as count(*)), keeping them while there are at most this many; then they are the
// window's papers, sorted, instead of a second evaluation of the match for the window.
constexpr int kCollectAtMost = 2000;
// With more, counted exactly, by date, digest or title: each match's id is marked while they
// are counted, and the window is read by walking the order's index and keeping the marked
// ids, when that walk is expected to read at most this many rows (an index-only step costs
// well under a microsecond; reading the match again costs what counting it did, twice).
constexpr qint64 kMarkedWalkAtMost = 200000;
// Ids are marked in a bit per id up to this one (8 MB); a match beyond it, or below 0 (ids a
// program other than Lectern may have written), leaves the window to windowIds().
constexpr qint64 kMarkedIdAtMost = qint64(1) << 26;

// A capped query with a prefix term, by date, digest or title: the newest papers are asked one
// by one (lectern_match, store/matchprobe_p.h) instead of FTS5 merging the prefix's every word.
// With a window, its count stops at kVerifyCountAtMost matches (a lower bound, as a capped
// count's). A row costs ~5 µs, a paper in a merged doclist well under 1: after kSampleRows
// rows, the walk goes on only if at least one row in kRowsPerMatch matches, and it stops
// (FTS5 answers) past kRowsPerMatch * 3 / 2 rows per match sought.
constexpr qint64 kVerifyCountAtMost = 1000;
constexpr qint64 kVerifyCountAloneAtMost = 20000;
constexpr qint64 kSampleRows = 256;
constexpr qint64 kRowsPerMatch = 8;

// Reads that must see one state of the library: a savepoint, released when this goes.
class ReadSnapshot {
public:
    ReadSnapshot(const QSqlDatabase &db, const QString &name)
        : m_query(db)
        , m_name(name) {
        m_held = m_query.exec(QStringLiteral("SAVEPOINT ") + name);
    }
    ~ReadSnapshot() {
        if (m_held)
            m_query.exec(QStringLiteral("RELEASE ") + m_name);
    }
    ReadSnapshot(const ReadSnapshot &) = delete;
    ReadSnapshot &operator=(const ReadSnapshot &) = delete;
    bool held() const { return m_held; }
    QSqlError error() const { return m_query.lastError(); }

private:
    QSqlQuery m_query;
    QString m_name;
    bool m_held = false;
};

// Runs sql with values; user text only ever reaches it as bound values, so a failure is an
// internal problem (or a busy or broken file), reported through d.
bool runSql(Library::Private *d, QSqlQuery &q, const QString &sql, const QVariantList &values) {
    q.setForwardOnly(true);
    if (!q.prepare(sql))
        return d->fail(q.lastError(), QStringLiteral("query"));
    for (int i = 0; i < values.size(); ++i)
        q.bindValue(i, values.at(i));
    return q.exec() || d->fail(q.lastError(), QStringLiteral("query"));
}

// Every matching id in the view's order (Library::ids: export, mark all).
bool allIds(Library::Private *d, const QueryPlan &plan, QList<qint64> *ids) {
    QSqlQuery all(d->db);
    if (!runSql(d, all, QStringLiteral("SELECT p.id") + plan.from + plan.where + plan.order,
                plan.binds))
        return false;
    while (all.next())
        *ids << all.value(0).toLongLong();
    return true;
}

// The rows whose number is the count: FTS5 alone for free words only, the set alone for one
// set condition (kw:, tag:, ...: no paper rows read); for a capped count, the matches as they
// come from the FTS5 match or the first set (QueryPlan::streamed); else the view.
std::pair<QString, QVariantList> countedRows(const QueryPlan &plan, bool capped) {
    if (plan.matchOnly)
        return {QStringLiteral("SELECT 1 FROM fts WHERE fts MATCH ?"), {plan.match}};
    if (!plan.idSet.isEmpty())
        return {plan.idSet, plan.countBinds};
    if (capped && !plan.streamed.isEmpty())
        return {QStringLiteral("SELECT 1") + plan.streamed, plan.streamBinds};
    return {QStringLiteral("SELECT 1") + plan.counted, plan.countBinds};
}

// The number of matches: all of them (cap 0), or at most cap, *more set when there are more.
// A kept count is read from the count tables: exact at once, whatever the cap.
bool countMatches(Library::Private *d, const QueryPlan &plan, int cap, int *total,
                  bool *more = nullptr) {
    if (plan.kept) {
        if (more)
            *more = false;
        return d->countedTotal(*plan.kept, total);
    }
    auto [rows, binds] = countedRows(plan, cap > 0);
    if (cap > 0)
        binds << cap + 1;
    QSqlQuery count(d->db);
    if (!runSql(d, count,
                QStringLiteral("SELECT count(*) FROM (") + rows +
                    (cap > 0 ? QStringLiteral(" LIMIT ?)") : QStringLiteral(")")),
                binds))
        return false;
    if (!count.next())
        return d->fail(count.lastError(), QStringLiteral("query"));
    const int n = count.value(0).toInt();
    if (more)
        *more = cap > 0 && n > cap;
    *total = cap > 0 ? std::min(cap, n) : n;
    return true;
}

// The matches of a collect plan counted (at most cap + 1 of them when cap > 0) in one read of
// their ids, kept in *ids while there are at most kCollectAtMost (else *ids is empty), and each
// marked in *marks (indexed by id, up to the highest) when marks is given; *marks is left empty
// when an id is outside 0..kMarkedIdAtMost.
bool collectMatches(Library::Private *d, const QueryPlan &plan, int cap, int *total, bool *more,
                    QList<qint64> *ids, std::vector<bool> *marks = nullptr) {
    SqlStatement s;
    if (!s.prepare(sqliteHandle(d->db), "SELECT rowid FROM fts WHERE fts MATCH ? LIMIT ?"))
        return d->fail(s.errorCode(), s.errorMessage(), QStringLiteral("query"));
    s.bind(1, plan.match);
    s.bind(2, cap > 0 ? qint64(cap) + 1 : qint64(-1)); // a negative limit: none
    qint64 n = 0, highest = -1;
    bool markable = marks != nullptr;
    while (s.step() && s.hasRow()) {
        const qint64 id = s.columnInt(0);
        if (n++ < kCollectAtMost)
            *ids << id;
        if (markable && (id < 0 || id > kMarkedIdAtMost)) {
            markable = false;
            marks->clear();
        } else if (markable) {
            if (size_t(id) >= marks->size())
                marks->resize(std::min(std::max(size_t(id) + 1, marks->size() * 2),
                                       size_t(kMarkedIdAtMost) + 1));
            (*marks)[size_t(id)] = true;
            highest = std::max(highest, id);
        }
    }
    if (markable)
        marks->resize(size_t(highest + 1)); // its size: about the papers walked per match
    if (s.errorCode() != 0)
        return d->fail(s.errorCode(), s.errorMessage(), QStringLiteral("query"));
    *more = cap > 0 && n > cap;
    if (n > kCollectAtMost || *more) // not all of them
        ids->clear();
    *total = int(cap > 0 ? std::min<qint64>(cap, n) : n);
    return true;
}

// The window of the collected matches in the view's order.
bool sortedWindow(Library::Private *d, const QueryPlan &plan, const QList<qint64> &ids, int limit,
                  int offset, QList<qint64> *window) {
    QSqlQuery q(d->db);
    if (!runSql(d, q,
                QStringLiteral("SELECT p.id FROM papers p WHERE p.id IN (") + idList(ids) +
                    QLatin1Char(')') + plan.order + QStringLiteral(" LIMIT ? OFFSET ?"),
                {limit < 0 ? -1 : limit, std::max(0, offset)}))
        return false;
    while (q.next())
        *window << q.value(0).toLongLong();
    return !q.lastError().isValid() || d->fail(q.lastError(), QStringLiteral("query"));
}

// The window of an exact collect plan whose matches are marked (collectMatches): the order's
// index walked, the marked ids kept (at a million papers, "one word" p95 421 -> 181 ms: the
// match read once instead of three times, for the count, the date bound and the window). False when
// not suited (no index that gives the order, no window,
// or more than kMarkedWalkAtMost rows expected or walked) or when the walk fails (the title
// index dropped by a large import meanwhile): windowIds() answers then, and reports errors.
bool markedWindow(Library::Private *d, const QueryPlan &plan, const std::vector<bool> &marks,
                  int total, int limit, int offset, QList<qint64> *window) {
    const qint64 first = std::max(0, offset), end = first + std::max(0, limit);
    if (!plan.walkGivesOrder || limit <= 0 || total <= 0 ||
        std::min<qint64>(end, total) * qint64(marks.size()) / total > kMarkedWalkAtMost)
        return false;
    if (first >= total)
        return true; // past the last match: an empty window
    SqlStatement s;
    if (!s.prepare(sqliteHandle(d->db),
                   (QStringLiteral("SELECT p.id") + plan.from + plan.walk + plan.order)
                       .toUtf8()
                       .constData()))
        return false;
    qint64 rows = 0, matches = 0;
    while (matches < end && s.step() && s.hasRow()) {
        if (++rows > kMarkedWalkAtMost) {
            window->clear();
            return false;
        }
        const qint64 id = s.columnInt(0);
        if (id < 0 || size_t(id) >= marks.size() || !marks[size_t(id)])
            continue;
        if (matches++ >= first)
            *window << id;
    }
    if (s.errorCode() != 0) {
        window->clear();
        return false;
    }
    return true;
}

// Probing each row walked beats building the sets when the window is reached after a few
// rows: expected rows walked = (offset + limit) * papers / total. A capped count (lowerBound:
// more than total match) is no total to estimate from; the sets would be built over every
// match, which the cap is there to avoid: the walk probes and stops at the window (unless a
// probe reads each row's text: QueryPlan::probeMatches).
bool probeWalk(Library::Private *d, const QueryPlan &plan, int total, bool lowerBound, int limit,
               int offset) {
    if (limit < 0 || plan.probeWhere == plan.where || total <= 0)
        return false;
    // Without a total to estimate from, a probe of each row's text could walk most of the
    // library (where verifiedWalk() found the matches too rare): the sets answer then.
    if (lowerBound)
        return !plan.probeMatches;
    QSqlQuery *q = d->stmt(QStringLiteral("SELECT max(id) FROM papers"));
    const bool ok = q && d->run(q, {}) && q->next();
    const qint64 maxId = ok ? q->value(0).toLongLong() : 0;
    if (q)
        q->finish();
    return ok && (qint64(offset) + limit) * maxId / total <= kProbeRowsAtMost;
}

// The first `first` matches by date (date DESC, id DESC) of a view with an FTS5 match all lie
// on or after the oldest date d of the `first` matches of highest rowid (there are `first`
// matches that recent), so at or above X, the lowest rowid of the papers dated d or later.
// FTS5 reads rowids in order: finding d costs about `first` rows, and the window then reads
// the matches from X on instead of every match. False when there is no such bound (fewer
// matches, or one without a date) or on failure.
bool dateBound(Library::Private *d, const QueryPlan &plan, int first, QVariant *date,
               qint64 *fromId) {
    QSqlQuery q(d->db);
    if (!runSql(d, q,
                QStringLiteral("SELECT count(*), count(date), min(date) FROM (SELECT p.date AS "
                               "date") +
                    plan.streamed + QStringLiteral(" ORDER BY fts.rowid DESC LIMIT ?)"),
                plan.streamBinds + QVariantList{first}) ||
        !q.next() || q.value(0).toInt() < first || q.value(1).toInt() < first)
        return false;
    *date = q.value(2);
    QSqlQuery *from = d->stmt(
        QStringLiteral("SELECT min(id) FROM papers INDEXED BY papers_date WHERE date >= ?"));
    const bool ok = from && d->run(from, {*date}) && from->next();
    if (ok)
        *fromId = from->value(0).toLongLong();
    if (from)
        from->finish();
    return ok;
}

// A window by relevance of free words. Sorting every match by score, then date, read each
// match's paper row for its date (at a million papers, 685k rows: 1.9 s, most of it copying
// pages). Here the scores alone are read, in one pass; the window's first and last scores are
// found among them (nth_element), and only the matches scored between the two (ties at both
// edges included) have their dates read. Those are sorted as the view's order sorts (score;
// date, newest first, none last; id, highest first) and placed after the matches scored better
// than the first, so the window is the full sort's at any depth. Both reads see one snapshot
// (a savepoint). expected: the matches' number, if known (memory reserved once). False: not
// suited (no scores statement, no window, or too many ties to list), or failed (error set,
// *failed).
bool relevanceWindow(Library::Private *d, const QueryPlan &plan, int limit, int offset,
                     int expected, QList<qint64> *window, bool *failed) {
    constexpr qsizetype kCandidatesAtMost = 20000; // ties beyond: sorted by SQLite instead
    *failed = false;
    if (plan.scores.isEmpty() || limit <= 0)
        return false;
    const ReadSnapshot snapshot(d->db, QStringLiteral("relevance_window"));
    if (!snapshot.held()) {
        *failed = true;
        return d->fail(snapshot.error(), QStringLiteral("query"));
    }
    // An error (d->fail has set it): *failed, and false.
    const auto broke = [failed](bool) {
        *failed = true;
        return false;
    };
    // Returns ok; false with *failed for an error, or false alone: not suited.
    const auto body = [&]() -> bool {
        SqlStatement s;
        if (!s.prepare(sqliteHandle(d->db), plan.scores.toUtf8().constData()))
            return broke(d->fail(s.errorCode(), s.errorMessage(), QStringLiteral("query")));
        s.bind(1, plan.match);
        std::vector<std::pair<double, qint64>> scored; // (score, id)
        scored.reserve(size_t(std::max(0, expected)));
        while (s.step() && s.hasRow())
            scored.emplace_back(s.columnDouble(1), s.columnInt(0));
        if (s.errorCode() != 0)
            return broke(d->fail(s.errorCode(), s.errorMessage(), QStringLiteral("query")));
        const qsizetype size = qsizetype(scored.size());
        const qsizetype first = std::max(0, offset);
        const qsizetype end = std::min<qsizetype>(size, first + limit);
        if (first >= size)
            return true; // past the last match: an empty window
        const auto byScore = [](const auto &a, const auto &b) { return a.first < b.first; };
        std::nth_element(scored.begin(), scored.begin() + first, scored.end(), byScore);
        const double low = scored[size_t(first)].first;
        std::nth_element(scored.begin() + first, scored.begin() + (end - 1), scored.end(), byScore);
        const double high = scored[size_t(end - 1)].first;
        qsizetype before = 0; // scored better than the window's first: all ahead of it
        std::vector<std::pair<double, qint64>> candidates;
        for (const auto &p : scored) {
            if (p.first < low)
                ++before;
            else if (p.first <= high)
                candidates.push_back(p);
        }
        if (qsizetype(candidates.size()) > kCandidatesAtMost)
            return false;
        QList<qint64> ids;
        for (const auto &p : candidates)
            ids << p.second;
        QHash<qint64, QString> dates; // no entry: no date
        QSqlQuery dated(d->db);
        if (!runSql(
                d, dated,
                QStringLiteral("SELECT id, date FROM papers WHERE date IS NOT NULL AND id IN (") +
                    idList(ids) + QLatin1Char(')'),
                {}))
            return broke(false);
        while (dated.next())
            dates.insert(dated.value(0).toLongLong(), dated.value(1).toString());
        if (dated.lastError().isValid())
            return broke(d->fail(dated.lastError(), QStringLiteral("query")));
        std::sort(candidates.begin(), candidates.end(), [&dates](const auto &a, const auto &b) {
            if (a.first != b.first)
                return a.first < b.first;
            const auto da = dates.constFind(a.second), db = dates.constFind(b.second);
            const bool hasA = da != dates.cend(), hasB = db != dates.cend();
            if (hasA != hasB)
                return hasA; // no date sorts lowest: last, newest first
            if (hasA && *da != *db)
                return *da > *db;
            return a.second > b.second;
        });
        for (qsizetype i = first - before; i < end - before; ++i)
            *window << candidates[size_t(i)].second;
        return true;
    };
    return body();
}

// The window of ids first (cheap to sort); the columns for just those rows come after.
// lowerBound: more than total match (a capped count). mayWalk false: sorted, not read along
// an index.
bool windowIds(Library::Private *d, const QueryPlan &plan, int total, bool lowerBound, int limit,
               int offset, QList<qint64> *window, bool mayWalk = true) {
    bool failed = false;
    if (relevanceWindow(d, plan, limit, offset, total, window, &failed) || failed)
        return !failed;
    QSqlQuery ids(d->db);
    QVariantList binds = plan.binds;
    const bool walk = mayWalk && (lowerBound || total > kWalkIndexAbove) && !plan.walk.isEmpty();
    const bool probe = walk && probeWalk(d, plan, total, lowerBound, limit, std::max(0, offset));
    QString where = probe ? plan.probeWhere : plan.where;
    QVariant date;
    qint64 fromId = 0;
    if (walk && limit > 0 && !plan.boundedWhere.isEmpty() &&
        qint64(std::max(0, offset)) + limit <= kProbeRowsAtMost &&
        dateBound(d, plan, std::max(0, offset) + limit, &date, &fromId)) {
        where = plan.boundedWhere;
        binds.insert(1, fromId);
        binds << date;
    }
    binds << (limit < 0 ? -1 : limit) << std::max(0, offset);
    const QString sql = QStringLiteral("SELECT p.id") + plan.from + (walk ? plan.walk : QString()) +
                        where + plan.order + QStringLiteral(" LIMIT ? OFFSET ?");
    if (!runSql(d, ids, sql, binds)) {
        // A large import drops the title index while its rows go in and builds it once after
        // them (libraryimport.cpp), maybe on another connection between any check and this
        // statement ("no such index"): a failed title walk is sorted instead, once.
        if (!walk || !plan.walkTitle)
            return false;
        d->clearError();
        return windowIds(d, plan, total, lowerBound, limit, offset, window, false);
    }
    while (ids.next())
        *window << ids.value(0).toLongLong();
    return true;
}

enum class Walked { Answered, NotSuited, Failed };

// A capped query's window and count from the order's walk with each row asked whether it
// matches (QueryPlan::verified): Answered when the cap and the window were reached or the
// walk ended (an exact total); NotSuited when the matches come too rarely for that to be
// cheaper than the index (see kRowsPerMatch).
Walked verifiedWalk(Library::Private *d, const QueryPlan &plan, int cap, int limit, int offset,
                    QueryResult *result, QList<qint64> *window) {
    // A count alone (limit 0: the list counting on past its bound) counts to the cap, up to
    // kVerifyCountAloneAtMost (each match costs up to kRowsPerMatch rows).
    if (limit == 0 && cap > kVerifyCountAloneAtMost)
        return Walked::NotSuited;
    SqlStatement s;
    auto failed = [&] {
        window->clear();
        // A large import that dropped the title index meanwhile: FTS5 answers (windowIds()
        // then sorts).
        if (plan.verifiedTitle && s.errorMessage().contains(QLatin1String("no such index")))
            return Walked::NotSuited;
        d->fail(s.errorCode(), s.errorMessage(), QStringLiteral("query"));
        return Walked::Failed;
    };
    // No statement (the title index dropped by a large import, lectern_match missing on this
    // connection): FTS5 answers.
    if (!s.prepare(sqliteHandle(d->db), plan.verified.toUtf8().constData()))
        return Walked::NotSuited;
    for (int i = 0; i < plan.verifiedBinds.size(); ++i)
        s.bind(i + 1, plan.verifiedBinds.at(i));
    const qint64 first = std::max(0, offset), end = first + limit;
    const qint64 counted = limit == 0 ? cap : std::min<qint64>(cap, kVerifyCountAtMost);
    const qint64 target = std::max<qint64>(counted + 1, end);
    qint64 rows = 0, matches = 0;
    bool ended = false;
    while (matches < target) {
        if (!s.step())
            return failed();
        if (!s.hasRow()) {
            ended = true;
            break;
        }
        ++rows;
        if (s.columnInt(1) != 0) {
            if (matches >= first && matches < end)
                *window << s.columnInt(0);
            ++matches;
        }
        if ((rows == kSampleRows && matches * kRowsPerMatch < rows) ||
            rows > target * kRowsPerMatch * 3 / 2) {
            window->clear();
            return Walked::NotSuited;
        }
    }
    // Stopped at the target: more than target - 1 match, a lower bound like a capped count's.
    const qint64 known = ended ? matches : target - 1;
    result->totalIsLowerBound = !ended || matches > cap;
    result->total = int(std::min<qint64>(known, cap));
    return Walked::Answered;
}

PaperRow rowFrom(const QSqlQuery &q) {
    PaperRow r;
    r.id = q.value(0).toLongLong();
    const QString key = q.value(1).toString();
    r.arxivId = key.startsWith(QLatin1String("title:")) ? QString() : key;
    r.title = q.value(2).toString();
    r.authors = splitAuthors(q.value(3).toString());
    r.date = QDate::fromString(q.value(4).toString(), Qt::ISODate);
    r.keywords = splitList(q.value(5).toString());
    r.read = q.value(6).toBool();
    r.starred = q.value(7).toBool();
    r.hasNote = q.value(8).toBool();
    r.newerVersion = q.value(9).toBool();
    r.followed = q.value(10).toBool();
    return r;
}

// The list's columns for the window, in the window's order.
bool loadRows(Library::Private *d, const QList<qint64> &window, QList<PaperRow> *out) {
    QHash<qint64, PaperRow> rows;
    for (qsizetype start = 0; start < window.size(); start += 500) {
        QSqlQuery q(d->db);
        q.setForwardOnly(true);
        if (!q.exec(QStringLiteral("SELECT id, key, title, authors, date, keywords, read, starred, "
                                   "note IS NOT NULL, ifnull((SELECT m.latest_version > "
                                   "papers.version FROM arxiv_metadata m WHERE m.paper_id = "
                                   "papers.id), 0), EXISTS(SELECT 1 FROM follow_matches f "
                                   "WHERE f.paper_id = papers.id) FROM papers WHERE id IN (") +
                    idList(window.mid(start, 500)) + QLatin1Char(')')))
            return d->fail(q.lastError(), QStringLiteral("query"));
        while (q.next()) {
            const PaperRow r = rowFrom(q);
            rows.insert(r.id, r);
        }
    }
    out->reserve(window.size());
    for (qint64 id : window)
        *out << rows.value(id);
    return true;
}

// The query compiled, or nullopt with the reason in d (not open, malformed).
std::optional<CompiledQuery> compiled(Library::Private *d, bool open, const QString &text) {
    d->clearError();
    if (!open) {
        d->fail(QStringLiteral("the library is not open"));
        return std::nullopt;
    }
    CompiledQuery cq = QueryLanguage::compile(text);
    if (!cq.ok()) {
        d->fail(QStringLiteral("bad query: ") + cq.error);
        return std::nullopt;
    }
    return cq;
}

// A view's total and read papers (Library::totalAndRead): from the count tables for a kept
// count, else in one pass over the matches' ids.
std::optional<std::pair<int, int>> countTotalAndRead(Library::Private *d, const CompiledQuery &cq) {
    int papers = 0, unread = 0;
    if (cq.counted) {
        if (!d->countedFigures(*cq.counted, &papers, &unread))
            return std::nullopt;
        const bool unreadOnly = cq.counted->state == CountedSet::State::Unread;
        return std::pair(cq.counted->size(papers, unread), unreadOnly ? 0 : papers - unread);
    }
    // The matches' ids, each checked against the smaller of the read and the unread sets
    // (built once by SQLite from papers_read; the library's figures say which is smaller).
    if (!d->countedFigures(CountedSet{}, &papers, &unread))
        return std::nullopt;
    const bool fewRead = papers - unread <= unread;
    const QueryPlan plan = planFor(cq, SortOrder::Date);
    const auto [rows, binds] =
        plan.matchOnly
            ? std::pair(QStringLiteral("SELECT rowid AS id FROM fts WHERE fts MATCH ?"),
                        QVariantList{plan.match})
            : std::pair(QStringLiteral("SELECT p.id AS id") + plan.counted, plan.countBinds);
    QSqlQuery q(d->db);
    if (!runSql(d, q,
                QStringLiteral("SELECT count(*), total(m.id IN (SELECT id FROM papers INDEXED BY "
                               "papers_read WHERE read = ") +
                    (fewRead ? QStringLiteral("1") : QStringLiteral("0")) +
                    QStringLiteral(")) FROM (") + rows + QStringLiteral(") m"),
                binds))
        return std::nullopt;
    if (!q.next()) {
        d->fail(q.lastError(), QStringLiteral("query"));
        return std::nullopt;
    }
    const int total = q.value(0).toInt(), inSet = q.value(1).toInt();
    return std::pair(total, fewRead ? inSet : total - inSet);
}

} // namespace

QueryResult Library::query(const QString &text, SortOrder sort, int limit, int offset) const {
    return queryCapped(text, sort, limit, offset, 0);
}

QueryResult Library::queryCapped(const QString &text, SortOrder sort, int limit, int offset,
                                 int countCap) const {
    QueryResult result;
    d->clearError();
    if (!isOpen()) {
        result.error = QStringLiteral("the library is not open");
        return result;
    }
    const CompiledQuery cq = QueryLanguage::compile(text);
    if (!cq.ok()) {
        result.error = cq.error;
        return result;
    }
    const QueryPlan plan = planFor(cq, sort);
    QList<qint64> window, matches;
    bool ok = true;
    Walked walked = Walked::NotSuited;
    if (countCap > 0 && limit >= 0 && !plan.verified.isEmpty())
        walked = verifiedWalk(d.get(), plan, countCap, limit, offset, &result, &window);
    std::vector<bool> marks; // an exact count's matches, for markedWindow()
    const bool mark = plan.collect && countCap <= 0 && limit > 0 && plan.walkGivesOrder;
    // The marks and the walk see one snapshot (the window holds only matches of the total).
    std::optional<ReadSnapshot> snapshot; // held when it can be (else the reads go on)
    if (mark)
        snapshot.emplace(d->db, QStringLiteral("marked_window"));
    if (walked != Walked::NotSuited)
        ok = walked == Walked::Answered;
    else if (plan.collect)
        ok = collectMatches(d.get(), plan, countCap, &result.total, &result.totalIsLowerBound,
                            &matches, mark ? &marks : nullptr);
    else
        ok = countMatches(d.get(), plan, countCap, &result.total, &result.totalIsLowerBound);
    if (ok && limit != 0 && result.total > 0 && walked == Walked::NotSuited) {
        if (!matches.isEmpty())
            ok = sortedWindow(d.get(), plan, matches, limit, offset, &window);
        else if (marks.empty() ||
                 !markedWindow(d.get(), plan, marks, result.total, limit, offset, &window))
            ok = windowIds(d.get(), plan, result.total, result.totalIsLowerBound, limit, offset,
                           &window);
    }
    snapshot.reset();
    if (ok && !window.isEmpty())
        ok = loadRows(d.get(), window, &result.rows);
    if (!ok) {
        result.rows.clear();
        result.error = QStringLiteral("the search failed: ") + d->error;
    }
    return result;
}

std::optional<int> Library::total(const QString &text) const {
    const std::optional<CompiledQuery> cq = compiled(d.get(), isOpen(), text);
    // The stamp (a statement) read only when the last count is this query's.
    if (cq && d->lastCount && d->lastCount->query == text) {
        if (const auto last = d->reusableCount(text, d->changeStamp()))
            return last->total;
    }
    int total = 0;
    if (!cq || !countMatches(d.get(), planFor(*cq, SortOrder::Date), 0, &total))
        return std::nullopt;
    return total;
}

std::optional<std::pair<int, int>> Library::totalAndRead(const QString &text) const {
    const std::optional<CompiledQuery> cq = compiled(d.get(), isOpen(), text);
    if (!cq)
        return std::nullopt;
    // The stamp before the count: a change committed meanwhile makes the next call count again.
    const std::optional<Library::Private::ChangeStamp> stamp = d->changeStamp();
    if (const auto last = d->reusableCount(text, stamp))
        return std::pair(last->total, last->read);
    const std::optional<std::pair<int, int>> figures = countTotalAndRead(d.get(), *cq);
    if (figures && stamp)
        d->lastCount = Library::Private::LastCount{text, *stamp, figures->first, figures->second};
    return figures;
}

std::optional<QList<qint64>> Library::ids(const QString &text, SortOrder sort) const {
    const std::optional<CompiledQuery> cq = compiled(d.get(), isOpen(), text);
    QList<qint64> out;
    if (!cq || !allIds(d.get(), planFor(*cq, sort), &out))
        return std::nullopt;
    return out;
}

} // namespace lectern
