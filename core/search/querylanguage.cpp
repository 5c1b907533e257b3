#include "search/querylanguage.h"

#include "search/stopwords_p.h"

#include "search/phrasematch_p.h"
#include "text/cjk_p.h"

#include <QDate>

#include <QRegularExpression>
#include <algorithm>

namespace lectern {

namespace {

struct Term {
    bool negated = false;
    QString field; // empty: free text
    QString value;
    bool quoted = false;
    qsizetype pos = 0; // 1-based character position in the query, for messages
};

const QStringList &knownFields() {
    static const QStringList fields = {QStringLiteral("author"), QStringLiteral("kw"),
                                       QStringLiteral("tag"),    QStringLiteral("is"),
                                       QStringLiteral("digest"), QStringLiteral("after"),
                                       QStringLiteral("before"), QStringLiteral("cat"),
                                       QStringLiteral("has"),    QStringLiteral("follows")};
    return fields;
}

// Splits the query into terms. Quotes group words; a field prefix binds to the next word or
// quoted phrase. Returns an error message for an unclosed quote or an empty field.
QString tokenize(const QString &q, QList<Term> *terms) {
    qsizetype i = 0;
    const qsizetype n = q.size();
    while (i < n) {
        while (i < n && q.at(i).isSpace())
            ++i;
        if (i >= n)
            break;
        Term t;
        t.pos = i + 1;
        if (q.at(i) == QLatin1Char('-') && i + 1 < n && !q.at(i + 1).isSpace()) {
            t.negated = true;
            ++i;
        }
        // A field prefix: letters then ':'.
        qsizetype j = i;
        while (j < n && q.at(j).isLetter())
            ++j;
        if (j < n && j > i && q.at(j) == QLatin1Char(':')) {
            const QString field = q.mid(i, j - i).toLower();
            if (knownFields().contains(field)) {
                t.field = field;
                i = j + 1;
                if (i >= n || q.at(i).isSpace())
                    return QStringLiteral("%1: needs a value (at position %2)")
                        .arg(field, QString::number(t.pos));
            }
        }
        if (q.at(i) == QLatin1Char('"')) {
            // Inside quotes, "" stands for one " (how QueryTerms quotes a value).
            qsizetype close = q.indexOf(QLatin1Char('"'), i + 1);
            while (close >= 0 && close + 1 < n && q.at(close + 1) == QLatin1Char('"'))
                close = q.indexOf(QLatin1Char('"'), close + 2);
            if (close < 0)
                return QStringLiteral("unclosed quote: the \" at position %1 has no closing \"")
                    .arg(i + 1);
            t.value =
                q.mid(i + 1, close - i - 1).replace(QStringLiteral("\"\""), QStringLiteral("\""));
            t.quoted = true;
            i = close + 1;
            // Text glued to the closing quote ("abc"def) starts a new term.
        } else {
            j = i;
            while (j < n && !q.at(j).isSpace() && q.at(j) != QLatin1Char('"'))
                ++j;
            t.value = q.mid(i, j - i);
            i = j; // a quote inside a word (ab"c) starts a new term: an unclosed one is reported
        }
        terms->append(t);
    }
    return {};
}

bool parseDate(const QString &s, QDate *date) {
    static const QRegularExpression re(QStringLiteral("^\\d{4}-\\d{2}-\\d{2}$"));
    if (!re.match(s).hasMatch())
        return false;
    *date = QDate::fromString(s, Qt::ISODate);
    return date->isValid();
}

} // namespace

QString QueryLanguage::ftsString(const QString &text) {
    QString out = text;
    out.replace(QLatin1Char('"'), QStringLiteral("\"\""));
    return QLatin1Char('"') + out + QLatin1Char('"');
}

namespace {

// Builds a CompiledQuery term by term; each add* returns false after setting out.error.
class Compiler {
public:
    bool add(const Term &t);
    CompiledQuery finish();

private:
    bool addTerm(const Term &t);
    void addCjk(const Term &t);
    void addWords(const Term &t);
    void addKeyword(const Term &t);
    void addTag(const Term &t);
    bool addState(const Term &t);
    void addCategory(const Term &t);
    bool addHas(const Term &t);
    void addFollows(const Term &t);
    bool addDate(const Term &t);
    // A condition on p; probe and set as in CompiledQuery (empty: none).
    void condition(const QString &where, const QString &probe = {}, const QString &set = {}) {
        out.where << where;
        out.probes << probe;
        out.idSets << set;
    }
    // "p.id IN (set)" (negated: NOT ...), with its probe "EXISTS (probe)" (the set's query
    // for the one paper p.id). distinct: the set lists each paper once (a count of it is the
    // number of papers).
    void membership(const Term &t, const QString &set, const QString &probe, bool distinct = true) {
        condition(notPrefix(t) + QStringLiteral("p.id IN (") + set + QLatin1Char(')'),
                  notPrefix(t) + QStringLiteral("EXISTS (") + probe + QLatin1Char(')'),
                  t.negated || !distinct ? QString() : set);
    }
    static QString notPrefix(const Term &t) {
        return t.negated ? QStringLiteral("NOT ") : QString();
    }
    // The term as typed (without its '-'), for messages.
    static QString typed(const Term &t) {
        return t.field + QLatin1Char(':') +
               (t.quoted ? QLatin1Char('"') + t.value + QLatin1Char('"') : t.value);
    }

    // What the query's terms so far leave of a CountedSet (see add()).
    void noteCounted(const Term &t);
    std::optional<CountedSet> counted = CountedSet{};
    bool countedScope = false, countedState = false;

    CompiledQuery out;
    QStringList positive, negative; // FTS5 sub-expressions
    QStringList unsearchable;       // free terms without letters or digits
    QStringList stopOnly;           // FTS5 expressions of stop words only (match no row)
};

bool Compiler::add(const Term &t) {
    const bool ok = addTerm(t);
    if (ok)
        noteCounted(t);
    return ok;
}

// One positive kw: or digest: term at most, one positive is:unread or is:read at most, and
// nothing else: the matches are a figure of the count tables. The value is the one the term
// bound (kw:'s lowercased name, digest:'s date as written in ISO form).
void Compiler::noteCounted(const Term &t) {
    if (!counted)
        return;
    const QString v = t.value.toLower();
    const bool scope = t.field == QLatin1String("kw") || t.field == QLatin1String("digest");
    const bool state = t.field == QLatin1String("is") &&
                       (v == QLatin1String("unread") || v == QLatin1String("read"));
    if (t.negated || (!scope && !state) || (scope && countedScope) || (state && countedState)) {
        counted.reset();
        return;
    }
    if (scope) {
        countedScope = true;
        counted->scope = t.field == QLatin1String("kw") ? CountedSet::Scope::Keyword
                                                        : CountedSet::Scope::DigestDate;
        counted->name = out.binds.last().toString();
    } else {
        countedState = true;
        counted->state =
            v == QLatin1String("unread") ? CountedSet::State::Unread : CountedSet::State::Read;
    }
}

bool Compiler::addTerm(const Term &t) {
    if (t.field.isEmpty() && containsCjk(t.value))
        addCjk(t);
    else if (t.field.isEmpty() || t.field == QLatin1String("author"))
        addWords(t);
    else if (t.field == QLatin1String("kw"))
        addKeyword(t);
    else if (t.field == QLatin1String("tag"))
        addTag(t);
    else if (t.field == QLatin1String("is"))
        return addState(t);
    else if (t.field == QLatin1String("cat"))
        addCategory(t);
    else if (t.field == QLatin1String("has"))
        return addHas(t);
    else if (t.field == QLatin1String("follows"))
        addFollows(t);
    else // digest, after, before: dates
        return addDate(t);
    return true;
}

// Chinese, Japanese and Korean are written without spaces, so the index holds a whole run of
// characters as one token and cannot find a word inside it. Such a term is looked up as a
// substring; summaries (cards) are where it mostly occurs. Only the papers listed in
// cjk_papers (schema 12: those with such text at all) are read, not every paper's text
// (CROSS JOIN: that table first, whatever the planner's statistics say).
void Compiler::addCjk(const Term &t) {
    const QString text = QStringLiteral("(instr(ifnull(q.summary, ''), ?) OR instr(q.title, ?) OR "
                                        "instr(ifnull(q.note, ''), ?) OR instr(q.abstract, ?))");
    membership(t,
               QStringLiteral("SELECT c.paper_id FROM cjk_papers c CROSS JOIN papers q ON q.id = "
                              "c.paper_id WHERE ") +
                   text,
               QStringLiteral("SELECT 1 FROM cjk_papers c CROSS JOIN papers q ON q.id = c.paper_id "
                              "WHERE c.paper_id = p.id AND ") +
                   text);
    const QString v = t.value.simplified();
    out.binds << v << v << v << v;
    if (!t.negated)
        out.freeTerms << v.toLower();
}

void Compiler::addWords(const Term &t) {
    // Split as FTS5 does, and quote each token: FTS5 syntax in the input is just text.
    const QStringList tokens = PhraseMatch::tokens(t.value);
    if (tokens.isEmpty()) {
        // Nothing searchable ("*", "&&", an emoji): ignored beside real terms; alone, it is
        // reported by finish() rather than matching every paper.
        unsearchable << t.value;
        return;
    }
    const bool prefix = !t.quoted; // a typed word matches as a prefix; a phrase exactly
    QStringList parts;
    for (const QString &tok : tokens)
        parts << QueryLanguage::ftsString(tok);
    // A one-letter word matches only itself: as a prefix it would match nearly every paper and
    // cost a scan of the whole index on the first keystroke of a search.
    if (prefix && tokens.last().size() > 1)
        parts.last() += QLatin1Char('*');
    // Several tokens ("exact phrase", sim-to-real) are an FTS5 phrase: consecutive, within one
    // column, read from the index's positions.
    QString expr = parts.size() == 1 ? parts.first() : parts.join(QStringLiteral(" + "));
    if (t.field == QLatin1String("author"))
        expr = QStringLiteral("authors : (") + expr + QLatin1Char(')');
    if (t.negated) {
        negative << expr;
        return;
    }
    // Stop words are not in the index (search/stopwords_p.h): a term of nothing else would
    // make the whole AND empty (or, typed, match only longer words: "and" -> "android"), so
    // it is dropped beside other terms (finish()).
    const bool onlyStopWords = std::all_of(tokens.begin(), tokens.end(),
                                           [](const QString &w) { return StopWords::contains(w); });
    (onlyStopWords ? stopOnly : positive) << expr;
    if (t.field.isEmpty())
        out.freeTerms << t.value.simplified().toLower();
}

void Compiler::addKeyword(const Term &t) {
    membership(t,
               QStringLiteral("SELECT pk.paper_id FROM paper_keywords pk JOIN keywords k ON "
                              "k.id = pk.keyword_id WHERE k.name = ?"),
               QStringLiteral("SELECT 1 FROM paper_keywords pk JOIN keywords k ON k.id = "
                              "pk.keyword_id WHERE k.name = ? AND pk.paper_id = p.id"));
    out.binds << t.value.simplified().toLower();
}

void Compiler::addTag(const Term &t) {
    membership(t, QStringLiteral("SELECT paper_id FROM tags WHERE tag = ?"),
               QStringLiteral("SELECT 1 FROM tags WHERE tag = ? AND paper_id = p.id"));
    out.binds << t.value.simplified();
}

bool Compiler::addState(const Term &t) {
    const QString v = t.value.toLower();
    if (v == QLatin1String("followed") || v == QLatin1String("similar")) { // similar: core/rank
        const QString table = v == QLatin1String("followed") ? QStringLiteral("follow_matches")
                                                             : QStringLiteral("similar_papers");
        membership(t, QStringLiteral("SELECT paper_id FROM ") + table,
                   QStringLiteral("SELECT 1 FROM ") + table +
                       QStringLiteral(" WHERE paper_id = p.id"),
                   false);
        return true;
    }
    QString cond;
    if (v == QLatin1String("read"))
        cond = QStringLiteral("p.read = 1");
    else if (v == QLatin1String("unread"))
        cond = QStringLiteral("p.read = 0");
    else if (v == QLatin1String("starred"))
        cond = QStringLiteral("p.starred = 1");
    else if (v == QLatin1String("noted"))
        cond = QStringLiteral("p.note IS NOT NULL");
    if (cond.isEmpty()) {
        // One arg() call: user text is never substituted twice.
        out.error = QStringLiteral("unknown state \u201c%1\u201d (at position %2); expected "
                                   "is:unread, is:read, is:starred, is:noted, is:followed or "
                                   "is:similar")
                        .arg(typed(t), QString::number(t.pos));
        return false;
    }
    condition(t.negated ? QStringLiteral("NOT (") + cond + QLatin1Char(')') : cond, QString());
    return true;
}

// cat:cs.LG: primary or cross-listed (case-insensitive); cat:cs: every cs.* category.
void Compiler::addCategory(const Term &t) {
    const QString v = t.value.simplified();
    if (v.contains(QLatin1Char('.'))) {
        membership(t, QStringLiteral("SELECT paper_id FROM paper_categories WHERE category = ?"),
                   QStringLiteral("SELECT 1 FROM paper_categories WHERE category = ? AND "
                                  "paper_id = p.id"));
        out.binds << v;
        return;
    }
    membership(t,
               QStringLiteral("SELECT paper_id FROM paper_categories WHERE category = ? OR "
                              "(category >= ? AND category < ?)"),
               QStringLiteral("SELECT 1 FROM paper_categories WHERE (category = ? OR (category "
                              ">= ? AND category < ?)) AND paper_id = p.id"),
               false); // a paper in cs.LG and cs.AI is in the set twice
    out.binds << v << QString(v + QLatin1Char('.')) << QString(v + QLatin1Char('/'));
}

bool Compiler::addHas(const Term &t) {
    const QString v = t.value.toLower();
    QString table;
    if (v == QLatin1String("metadata"))
        table = QStringLiteral("arxiv_metadata");
    else if (v == QLatin1String("pdf"))
        table = QStringLiteral("pdfs");
    if (table.isEmpty()) {
        out.error = QStringLiteral("unknown \u201c%1\u201d (at position %2); expected "
                                   "has:metadata or has:pdf")
                        .arg(typed(t), QString::number(t.pos));
        return false;
    }
    membership(t, QStringLiteral("SELECT paper_id FROM ") + table,
               QStringLiteral("SELECT 1 FROM ") + table + QStringLiteral(" WHERE paper_id = p.id"));
    return true;
}

// follows:NAME: papers matching an item of the follow list that NAME names (an author
// tolerant of initials and accents, or words of a topic); lectern_follows decides per item.
void Compiler::addFollows(const Term &t) {
    // The function once per followed item, not once per matching paper.
    condition(notPrefix(t) + QStringLiteral("p.id IN (SELECT paper_id FROM follow_matches "
                                            "WHERE follow_id IN (SELECT id FROM follows "
                                            "WHERE lectern_follows(kind, value, ?)))"));
    out.binds << t.value.simplified();
}

bool Compiler::addDate(const Term &t) {
    QDate date;
    if (!parseDate(t.value, &date)) {
        out.error = QStringLiteral("bad date \u201c%1\u201d (at position %2); expected "
                                   "YYYY-MM-DD, e.g. %3:2025-05-06")
                        .arg(typed(t), QString::number(t.pos), t.field);
        return false;
    }
    QString cond;
    if (t.field == QLatin1String("digest"))
        cond = QStringLiteral("p.id IN (SELECT pd.paper_id FROM paper_digests pd "
                              "JOIN digests d ON d.id = pd.digest_id WHERE d.date = ?)");
    else if (t.field == QLatin1String("after"))
        cond = QStringLiteral("p.date >= ?");
    else
        cond = QStringLiteral("p.date < ?");
    // A paper without a date is neither after nor before anything; negating such a term
    // includes it.
    if (t.negated)
        cond = QStringLiteral("NOT coalesce(") + cond + QStringLiteral(", 0)");
    if (t.field == QLatin1String("digest"))
        condition(cond,
                  (t.negated ? QStringLiteral("NOT ") : QString()) +
                      QStringLiteral("EXISTS (SELECT 1 FROM paper_digests pd JOIN digests d ON "
                                     "d.id = pd.digest_id WHERE d.date = ? AND pd.paper_id = "
                                     "p.id)")); // no count set: two digests of a date may share
                                                // a paper
    else
        condition(cond);
    out.binds << date.toString(Qt::ISODate);
    return true;
}

CompiledQuery Compiler::finish() {
    if (!out.ok())
        return out;
    out.counted = counted;
    if (!unsearchable.isEmpty() && positive.isEmpty() && negative.isEmpty() &&
        out.where.isEmpty()) {
        out.error = QStringLiteral("nothing to search for in \u201c%1\u201d: search words need "
                                   "letters or digits")
                        .arg(unsearchable.join(QLatin1Char(' ')));
        return out;
    }
    if (positive.isEmpty() && negative.isEmpty() && out.where.isEmpty())
        positive = stopOnly; // stop words alone: no paper matches (README, Searching)
    if (!positive.isEmpty()) {
        out.match = positive.join(QStringLiteral(" AND "));
        if (!negative.isEmpty())
            out.match = QLatin1Char('(') + out.match + QStringLiteral(") NOT (") +
                        negative.join(QStringLiteral(" OR ")) + QLatin1Char(')');
    } else if (!negative.isEmpty()) {
        out.excluded = negative.join(QStringLiteral(" OR "));
        condition(QStringLiteral("p.id NOT IN (SELECT rowid FROM fts WHERE fts MATCH ?)"));
        out.binds << out.excluded;
    }
    return out;
}

} // namespace

CompiledQuery QueryLanguage::compile(const QString &query) {
    QList<Term> terms;
    const QString error = tokenize(query, &terms);
    if (!error.isEmpty()) {
        CompiledQuery out;
        out.error = error;
        return out;
    }
    Compiler compiler;
    for (const Term &t : std::as_const(terms)) {
        if (!compiler.add(t))
            return compiler.finish();
    }
    return compiler.finish();
}

} // namespace lectern
