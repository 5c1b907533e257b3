#include "store/countkeeper_p.h"

#include "store/library_p.h"

#include "store/sqlstatement_p.h"

#include <QSet>

#include <sqlite3.h>

namespace lectern {

namespace {

// "Unread" without reading paper rows: not in the read set, built once per statement from the
// papers_read index (as counts() did before the tables).
#define LECTERN_READ_SET "(SELECT id FROM papers INDEXED BY papers_read WHERE read = 1)"

// A kept table, and its rows counted from scratch.
struct Kept {
    const char *table, *columns, *rows;
};

const Kept kLinkTables[] = {
    {"keyword_counts", "keyword_id, total, unread",
     "SELECT k.id, count(pk.paper_id), total(pk.paper_id NOT IN " LECTERN_READ_SET
     ") FROM keywords k LEFT JOIN paper_keywords pk ON pk.keyword_id = k.id GROUP BY k.id"},
    {"digest_date_counts", "date, total, unread",
     "SELECT d.date, count(DISTINCT pd.paper_id), count(DISTINCT CASE WHEN pd.paper_id NOT "
     "IN " LECTERN_READ_SET " THEN pd.paper_id END) FROM digests d LEFT JOIN paper_digests pd ON "
     "pd.digest_id = d.id WHERE d.date IS NOT NULL GROUP BY d.date"},
};

// Unread as in the tables above: not read (read = 1).
const Kept kLibraryTables[] = {
    {"library_counts", "id, papers, unread",
     "SELECT 1, count(*), count(*) - (SELECT count(*) FROM " LECTERN_READ_SET ") FROM papers"},
};

#undef LECTERN_READ_SET

QStringList refillOf(const Kept &k) {
    return {QStringLiteral("DELETE FROM %1").arg(QLatin1String(k.table)),
            QStringLiteral("INSERT INTO %1(%2) %3")
                .arg(QLatin1String(k.table), QLatin1String(k.columns), QLatin1String(k.rows))};
}

template <size_t N> QStringList refillOf(const Kept (&tables)[N]) {
    QStringList out;
    for (const Kept &k : tables)
        out << refillOf(k);
    return out;
}

// Per table: a statement of one value, 1 when the kept rows differ from the rows counted
// from scratch, and the statements that fill it again.
template <size_t N> void addDriftChecks(const Kept (&tables)[N], QList<CountKeeper::Drift> *out) {
    for (const Kept &k : tables) {
        const QString kept = QStringLiteral("SELECT %1 FROM %2")
                                 .arg(QLatin1String(k.columns), QLatin1String(k.table));
        out->append({QStringLiteral("SELECT EXISTS (%1 EXCEPT %2) OR EXISTS (%2 EXCEPT %1)")
                         .arg(QLatin1String(k.rows), kept),
                     refillOf(k)});
    }
}

bool fail(const SqlStatement &s, QString *error) {
    if (error)
        *error = QStringLiteral("keeping the counts: ") + s.errorMessage();
    return false;
}

bool runAll(sqlite3 *db, const QStringList &statements, QString *error) {
    for (const QString &sql : statements) {
        SqlStatement s;
        if (!s.prepare(db, sql.toUtf8().constData()) || !s.exec())
            return fail(s, error);
    }
    return true;
}

} // namespace

struct CountKeeper::Statements {
    SqlStatement keyword, date, library, linked, paperKeywords, keywordId, paperDates;
};

CountKeeper::CountKeeper() = default;
CountKeeper::~CountKeeper() = default;

QStringList CountKeeper::linkRefillStatements() {
    return refillOf(kLinkTables);
}

QStringList CountKeeper::libraryRefillStatements() {
    return refillOf(kLibraryTables);
}

QList<CountKeeper::Drift> CountKeeper::driftChecks() {
    QList<Drift> out;
    addDriftChecks(kLinkTables, &out);
    addDriftChecks(kLibraryTables, &out);
    return out;
}

QStringList CountKeeper::refillStatements() {
    return linkRefillStatements() + libraryRefillStatements();
}

bool CountKeeper::prepare(sqlite3 *db, QString *error) {
    if (m_st)
        return true;
    auto st = std::make_unique<Statements>();
    const std::pair<SqlStatement *, const char *> all[] = {
        {&st->keyword, "UPDATE keyword_counts SET total = total + ?, unread = unread + ? "
                       "WHERE keyword_id = ?"},
        {&st->date, "UPDATE digest_date_counts SET total = total + ?, unread = unread + ? "
                    "WHERE date = ?"},
        {&st->library, "UPDATE library_counts SET papers = papers + ?, unread = unread + ?"},
        {&st->linked, "SELECT EXISTS(SELECT 1 FROM paper_digests pd JOIN digests d ON d.id = "
                      "pd.digest_id WHERE pd.paper_id = ? AND pd.digest_id <> ? AND d.date = ?)"},
        {&st->paperKeywords, "SELECT keywords FROM papers WHERE id = ?"},
        {&st->keywordId, "SELECT id FROM keywords WHERE name = ?"},
        {&st->paperDates, "SELECT DISTINCT d.date FROM paper_digests pd JOIN digests d ON d.id = "
                          "pd.digest_id WHERE pd.paper_id = ? AND d.date IS NOT NULL"},
    };
    for (const auto &[stmt, sql] : all) {
        if (!stmt->prepare(db, sql))
            return fail(*stmt, error);
    }
    m_st = std::move(st);
    return true;
}

void CountKeeper::keyword(qint64 keywordId, int total, int unread) {
    auto &v = m_keywords[keywordId];
    v.first += total;
    v.second += unread;
}

void CountKeeper::date(const QString &date, int total, int unread) {
    if (date.isEmpty())
        return; // undated digests are not counted
    auto &v = m_dates[date];
    v.first += total;
    v.second += unread;
}

void CountKeeper::papers(int total, int unread) {
    m_library.first += total;
    m_library.second += unread;
}

void CountKeeper::clear() {
    m_keywords.clear();
    m_dates.clear();
    m_library = {0, 0};
}

bool CountKeeper::flush(sqlite3 *db, QString *error) {
    if (m_keywords.isEmpty() && m_dates.isEmpty() && m_library == std::pair(0, 0))
        return true;
    if (!prepare(db, error))
        return false;
    if (m_library != std::pair(0, 0)) {
        m_st->library.bind(1, qint64(m_library.first));
        m_st->library.bind(2, qint64(m_library.second));
        if (!m_st->library.exec())
            return fail(m_st->library, error);
    }
    for (auto it = m_keywords.cbegin(); it != m_keywords.cend(); ++it) {
        if (it->first == 0 && it->second == 0)
            continue;
        m_st->keyword.bind(1, qint64(it->first));
        m_st->keyword.bind(2, qint64(it->second));
        m_st->keyword.bind(3, it.key());
        if (!m_st->keyword.exec())
            return fail(m_st->keyword, error);
    }
    for (auto it = m_dates.cbegin(); it != m_dates.cend(); ++it) {
        if (it->first == 0 && it->second == 0)
            continue;
        m_st->date.bind(1, qint64(it->first));
        m_st->date.bind(2, qint64(it->second));
        m_st->date.bind(3, it.key());
        if (!m_st->date.exec())
            return fail(m_st->date, error);
    }
    clear();
    return true;
}

std::optional<bool> CountKeeper::linkedOnDate(sqlite3 *db, qint64 paperId, qint64 digestId,
                                              const QString &date, QString *error) {
    if (!prepare(db, error))
        return std::nullopt;
    SqlStatement &s = m_st->linked;
    s.bind(1, paperId);
    s.bind(2, digestId);
    s.bind(3, date);
    const bool ok = s.step();
    const bool linked = ok && s.hasRow() && s.columnInt(0) != 0;
    if (!ok)
        fail(s, error);
    s.reset();
    if (!ok)
        return std::nullopt;
    return linked;
}

// One paper's keywords (as its row lists them: the links are keyed by keyword) and dates.
bool CountKeeper::addPaper(qint64 id, int unread, QString *error) {
    SqlStatement &kw = m_st->paperKeywords;
    kw.bind(1, id);
    if (!kw.step())
        return fail(kw, error);
    const QString joined = kw.hasRow() ? kw.columnText(0) : QString();
    kw.reset();
    const QStringList names = splitList(joined);
    for (const QString &name : QSet<QString>(names.begin(), names.end())) {
        SqlStatement &k = m_st->keywordId;
        k.bind(1, name);
        if (!k.step())
            return fail(k, error);
        if (k.hasRow())
            keyword(k.columnInt(0), 0, unread);
        k.reset();
    }
    SqlStatement &dates = m_st->paperDates;
    dates.bind(1, id);
    while (true) {
        if (!dates.step()) {
            fail(dates, error);
            dates.reset();
            return false;
        }
        if (!dates.hasRow())
            break;
        date(dates.columnText(0), 0, unread);
    }
    dates.reset();
    return true;
}

bool CountKeeper::paperReadChanged(sqlite3 *db, qint64 id, bool nowRead, QString *error) {
    if (!prepare(db, error))
        return false;
    papers(0, nowRead ? -1 : 1);
    return addPaper(id, nowRead ? -1 : 1, error);
}

bool CountKeeper::readChanged(sqlite3 *db, const QList<qint64> &ids, bool nowRead, QString *error) {
    if (ids.isEmpty())
        return true;
    CountKeeper keeper;
    if (ids.size() > kRefillAbove) {
        // The library's figure moves by exactly the papers changed (each changed once).
        keeper.papers(0, int(nowRead ? -ids.size() : ids.size()));
        return runAll(db, linkRefillStatements(), error) && keeper.flush(db, error);
    }
    for (qint64 id : ids) {
        if (!keeper.paperReadChanged(db, id, nowRead, error))
            return false;
    }
    return keeper.flush(db, error);
}

} // namespace lectern
