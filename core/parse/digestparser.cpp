#include "parse/digestparser.h"

#include "parse/textscan_p.h"

#include <QFileInfo>
#include <QHash>

#include <cstring>
#include <optional>

namespace lectern {

using namespace scan;

namespace {

constexpr int kMaxRepeatedWarnings = 20;

// A paper section being read, line by line.
struct Section {
    Paper paper;
    int level = 2; // 1: "# Title" (headings layout), 2: "## Title"
    bool hasAuthors = false, hasDate = false, hasLink = false;
    bool cards = false; // cards-only lines seen (badge line, **Authors:**, <details>)
    bool markdownLink = false;
    bool inAbstract = false;
    bool inDetails = false; // inside a card's <details>: headings are abstract text
    bool paragraphBreak = false;
    QByteArray abstract;
    QList<QByteArray> summary; // lines of the one-line summary (cards)
    bool hasMeta() const { return hasAuthors || hasDate || hasLink || cards; }
};

struct TocEntry {
    QString title;
    int line;
};

class Parser {
public:
    Parser(QByteArrayView data, const QString &fileName)
        : m_data(data)
        , m_fileName(fileName) {}
    Digest run();

private:
    void diag(int line, Severity s, const QString &message) {
        m_digest.diagnostics.append({line, s, message});
    }
    void warn(int line, const QString &message) { diag(line, Severity::Warning, message); }
    void handleLine(QByteArrayView line, int number);
    void handlePaperLine(QByteArrayView t, int number);
    bool handleMetadata(QByteArrayView t, bool quoted, int number);
    void setLink(QByteArrayView v, int number);
    void setDate(QByteArrayView v, int number);
    void addAbstractLine(QByteArrayView t);
    void startPaper(QByteArrayView title, int level, int number);
    void finishPaper();
    void checkLayouts();
    void checkToc();
    void checkDate();
    bool isDigest() const;
    void dropControls();

    QByteArrayView m_data;
    QString m_fileName;
    Digest m_digest;
    std::optional<Section> m_cur;
    QList<DigestFormat> m_layouts; // per paper, parallel to m_digest.papers
    QHash<QString, qsizetype> m_byKey;
    QList<TocEntry> m_toc;
    int m_tocLine = 0;
    bool m_inToc = false;
    int m_dateLine = 0;
    int m_strayLine = 0;
    int m_sections = 0;   // "# Title" / "## Title" sections read
    int m_structured = 0; // of them, with an authors line, a date line or an arXiv link
    QByteArray m_cleaned; // the input without control characters, when it had any
    int m_controlLine = 0;
    int m_badUtf8Lines = 0;
    int m_duplicates = 0;
    bool m_checkUtf8PerLine = false;
};

static bool isBlank(QByteArrayView data) {
    for (const char c : data)
        if (!isSpace(c) && c != '\n' && c != '\r')
            return false;
    return true;
}

Digest Parser::run() {
    if (m_data.startsWith("\xEF\xBB\xBF"))
        m_data = m_data.sliced(3);
    if (isBlank(m_data)) {
        diag(m_data.isEmpty() ? 0 : 1, Severity::Error, QStringLiteral("empty file: not a digest"));
        return std::move(m_digest);
    }
    if (const void *nul = std::memchr(m_data.data(), 0, size_t(m_data.size()))) {
        const auto offset = static_cast<const char *>(nul) - m_data.data();
        diag(lineAt(m_data, offset), Severity::Error,
             QStringLiteral("NUL byte found: this is a binary file, not a digest"));
        return std::move(m_digest);
    }
    dropControls();
    m_checkUtf8PerLine = !isValidUtf8(m_data);

    LineReader reader(m_data);
    QByteArrayView line;
    while (reader.next(line))
        handleLine(line, reader.lineNumber());
    finishPaper();

    if (!isDigest()) {
        m_digest.papers.clear();
        m_digest.diagnostics.clear();
        const QString found =
            m_sections == 0
                ? QStringLiteral("no date header and no paper section")
                : QStringLiteral("%1 of %2 sections have an authors line, a date line or an "
                                 "arXiv link")
                      .arg(QString::number(m_structured), QString::number(m_sections));
        diag(1, Severity::Error,
             QStringLiteral("not a digest (%1): expected a '# YYYY-MM-DD' date header and paper "
                            "sections ('## Title' followed by '>Authors:', date and arXiv link "
                            "lines)")
                 .arg(found));
        return std::move(m_digest);
    }
    if (m_controlLine > 0)
        warn(m_controlLine, QStringLiteral("control characters were removed (the first on this "
                                           "line)"));
    checkLayouts();
    checkDate();
    checkToc();
    if (m_duplicates > kMaxRepeatedWarnings)
        warn(0, QStringLiteral("%1 more papers appeared more than once")
                    .arg(m_duplicates - kMaxRepeatedWarnings));
    if (m_badUtf8Lines > kMaxRepeatedWarnings)
        warn(0, QStringLiteral("%1 more lines with invalid UTF-8 were repaired")
                    .arg(m_badUtf8Lines - kMaxRepeatedWarnings));
    if (m_strayLine > 0 && m_digest.papers.isEmpty() == false)
        warn(m_strayLine, QStringLiteral("text outside any paper section was ignored"));
    if (m_digest.papers.isEmpty())
        warn(0, QStringLiteral("the digest lists no papers"));
    std::stable_sort(m_digest.diagnostics.begin(), m_digest.diagnostics.end(),
                     [](const Diagnostic &a, const Diagnostic &b) { return a.line < b.line; });
    return std::move(m_digest);
}

// 1 for "# x" or a lone "#", 2 for "## x" or "##", 0 otherwise ("#tag", "### x").
static int headingLevel(QByteArrayView t) {
    qsizetype n = 0;
    while (n < t.size() && t[n] == '#')
        ++n;
    if (n > 2 || (n < t.size() && !isSpace(t[n])))
        return 0;
    return int(n);
}

static bool isTocTitle(QByteArrayView content) {
    return content.size() == 17 && startsWithNoCase(content, "table of contents");
}

static bool isRule(QByteArrayView t) {
    if (t.size() < 3 || (t[0] != '-' && t[0] != '*' && t[0] != '_'))
        return false;
    for (const char c : t)
        if (c != t[0] && !isSpace(c))
            return false;
    return true;
}

void Parser::handleLine(QByteArrayView line, int number) {
    if (m_checkUtf8PerLine && !isValidUtf8(line)) {
        if (++m_badUtf8Lines <= kMaxRepeatedWarnings)
            warn(number, QStringLiteral("invalid UTF-8 replaced by U+FFFD"));
    }
    const QByteArrayView t = trimmed(line);
    if (t.isEmpty()) {
        if (m_cur && m_cur->inAbstract)
            m_cur->paragraphBreak = true;
        return;
    }
    // Inside a card's <details> a heading is abstract text (a missing </details> is recovered
    // at the next "---").
    if (t[0] == '#' && !(m_cur && m_cur->inDetails)) {
        const int level = headingLevel(t);
        if (level == 2 && isTocTitle(trimmed(t.sliced(2)))) {
            finishPaper();
            m_inToc = true;
            if (m_tocLine == 0)
                m_tocLine = number;
            return;
        }
        if (level == 1) {
            const QByteArrayView content = trimmed(t.sliced(1));
            QDate date;
            if (parseIsoDate(content, &date)) {
                if (m_dateLine == 0) {
                    m_dateLine = number;
                    m_digest.date = date;
                    if (!date.isValid())
                        warn(number, QStringLiteral("'%1' is not a valid date")
                                         .arg(QString::fromLatin1(content)));
                } else {
                    warn(number, QStringLiteral("a second date header was ignored (the first is "
                                                "on line %1)")
                                     .arg(m_dateLine));
                }
                return;
            }
            if (isTocTitle(content)) {
                finishPaper();
                m_inToc = true;
                if (m_tocLine == 0)
                    m_tocLine = number;
                return;
            }
            startPaper(content, 1, number);
            return;
        }
        if (level == 2) {
            startPaper(trimmed(t.sliced(2)), 2, number);
            return;
        }
    }
    if (m_cur) {
        handlePaperLine(t, number);
        return;
    }
    if (m_inToc && (startsWith(t, "* [") || startsWith(t, "- ["))) {
        const qsizetype close = t.lastIndexOf("](");
        const QByteArrayView text = close > 3 ? t.sliced(3, close - 3) : t.sliced(3);
        m_toc.append({QString::fromUtf8(text), number});
        return;
    }
    if (m_strayLine == 0 && !isRule(t)) // "---" separates cards; harmless anywhere
        m_strayLine = number;
}

void Parser::startPaper(QByteArrayView title, int level, int number) {
    finishPaper();
    m_inToc = false;
    m_cur.emplace();
    m_cur->level = level;
    m_cur->paper.title = QString::fromUtf8(title);
    m_cur->paper.line = number;
    m_cur->abstract.reserve(2048);
}

void Parser::handlePaperLine(QByteArrayView t, int number) {
    Section &s = *m_cur;
    if (isRule(t)) { // card separator; also closes a card whose </details> is missing
        s.paragraphBreak = s.inAbstract;
        s.inDetails = false;
        return;
    }
    // <details><summary>Abstract</summary> … </details> (cards): strip the tags.
    if (t.contains('<')) {
        QByteArray stripped = t.toByteArray();
        bool tag = false;
        for (const char *markup : {"<details>", "<summary>Abstract</summary>", "<summary>",
                                   "</summary>", "</details>"}) {
            if (stripped.contains(markup)) {
                stripped.replace(markup, "");
                tag = true;
            }
        }
        if (tag) {
            s.cards = true;
            s.inAbstract = true;
            s.inDetails = !t.contains("</details>");
            const QByteArray rest = stripped.trimmed();
            if (!rest.isEmpty())
                addAbstractLine(rest);
            return;
        }
    }
    if (!s.inAbstract) {
        if (t[0] == '>') {
            const QByteArrayView quoted = trimmed(t.sliced(1));
            if (handleMetadata(quoted, true, number))
                return;
            // A quote before any metadata, or after a card's badge line, is the one-line
            // summary (cards). Elsewhere it is the abstract's own text (">50% of ...").
            if (s.cards || !s.hasMeta()) {
                s.summary.append(quoted.toByteArray());
                return;
            }
        } else if (handleMetadata(t, false, number)) {
            return;
        } else if (isBadgeOnlyLine(t)) {
            QByteArray line = t.toByteArray();
            KeywordCollector keywords(&s.paper.keywords, &s.paper.keywordHints);
            rewriteBadges(&line, &keywords);
            s.cards = true;
            return;
        }
        s.inAbstract = true;
    }
    addAbstractLine(t);
}

static void appendAuthors(QByteArrayView names, QStringList *authors) {
    for (const QString &part : QString::fromUtf8(names).split(QLatin1Char(','))) {
        // "A, B and C" / "A and B": "and" between names separates them too.
        for (const QString &name : part.split(QLatin1String(" and "))) {
            QString n = name.trimmed();
            if (n.startsWith(QLatin1String("and ")))
                n = n.sliced(4).trimmed();
            if (!n.isEmpty())
                authors->append(n);
        }
    }
}

// Quoted lines (">Authors: …", ">YYYY-MM-DD", "> link") in classic, headings and badges;
// bold-labelled lines ("**Authors:** … | **Date:** …", "**Link:** …") in cards.
bool Parser::handleMetadata(QByteArrayView t, bool quoted, int number) {
    Section &s = *m_cur;
    if (startsWith(t, "**Authors:**") || startsWith(t, "**Date:**")) {
        s.cards = true;
        const QList<QByteArray> parts = t.toByteArray().split('|');
        for (const QByteArray &whole : parts) {
            const QByteArrayView part = trimmed(whole);
            if (startsWith(part, "**Authors:**")) {
                appendAuthors(part.sliced(12), &s.paper.authors);
                s.hasAuthors = true;
            } else if (startsWith(part, "**Date:**")) {
                setDate(trimmed(part.sliced(9)), number);
            }
        }
        return true;
    }
    if (startsWith(t, "**Link:**")) {
        s.cards = true;
        setLink(t.sliced(9), number);
        return true;
    }
    if (!quoted)
        return false;
    if (startsWithNoCase(t, "authors:") || startsWithNoCase(t, "author:")) {
        appendAuthors(t.sliced(t.indexOf(':') + 1), &s.paper.authors);
        s.hasAuthors = true;
        return true;
    }
    QDate date;
    if (parseIsoDate(t, &date)) {
        setDate(t, number);
        return true;
    }
    if (startsWith(t, "http://") || startsWith(t, "https://") || startsWith(t, "[http") ||
        startsWith(t, "<http") || t.contains("arxiv.org/")) {
        setLink(t, number);
        return true;
    }
    return false;
}

void Parser::setDate(QByteArrayView t, int number) {
    QDate date;
    if (!parseIsoDate(t, &date) || !date.isValid())
        warn(number, QStringLiteral("'%1' is not a valid date (expected YYYY-MM-DD)")
                         .arg(QString::fromUtf8(t)));
    m_cur->paper.date = date;
    m_cur->hasDate = true;
}

void Parser::setLink(QByteArrayView v, int number) {
    Section &s = *m_cur;
    v = trimmed(v);
    const ArxivLink link = parseArxivLink(v);
    if (s.hasLink && !link.id.isEmpty() && link.id != s.paper.arxivId)
        warn(number,
             QStringLiteral("a second arXiv link (%1) in the same paper was ignored").arg(link.id));
    if (s.hasLink)
        return;
    s.hasLink = true;
    s.markdownLink = startsWith(v, "[");
    s.paper.url = link.url;
    s.paper.arxivId = link.id;
    s.paper.version = link.version;
    if (link.id.isEmpty())
        warn(number, QStringLiteral("'%1' is not an arXiv abs link (expected "
                                    "http://arxiv.org/abs/ID)")
                         .arg(link.url));
}

void Parser::addAbstractLine(QByteArrayView t) {
    Section &s = *m_cur;
    if (!s.abstract.isEmpty())
        s.abstract += s.paragraphBreak ? QByteArrayView("\n\n") : QByteArrayView(" ");
    s.paragraphBreak = false;
    s.abstract += t;
}

// Joins summary lines: with a space, except between two CJK characters (no spaces in Chinese).
static QString joinLines(const QList<QByteArray> &lines) {
    QString out;
    for (const QByteArray &line : lines) {
        const QString l = QString::fromUtf8(line);
        if (!out.isEmpty() && !l.isEmpty() &&
            !(out.back().unicode() >= 0x2E80 && l.front().unicode() >= 0x2E80))
            out += QLatin1Char(' ');
        out += l;
    }
    return out;
}

void Parser::finishPaper() {
    if (!m_cur)
        return;
    Section s = std::move(*m_cur);
    m_cur.reset();
    Paper &p = s.paper;
    KeywordCollector keywords(&p.keywords, &p.keywordHints);
    const int badges = rewriteBadges(&s.abstract, &keywords);
    p.abstract = QString::fromUtf8(s.abstract);
    p.summary = joinLines(s.summary);
    collectBoldKeywords(QByteArrayView(s.abstract), &keywords);

    DigestFormat layout = DigestFormat::Unknown;
    if (s.cards)
        layout = DigestFormat::Cards;
    else if (s.level == 1)
        layout = DigestFormat::Headings;
    else if (s.markdownLink || badges > 0)
        layout = DigestFormat::Badges;
    else if (s.hasLink)
        layout = DigestFormat::Classic;

    // A "## " section of a dated file is a paper even when bare; a "# " heading is one only
    // with paper metadata (otherwise any Markdown file would be a headings digest).
    ++m_sections;
    if (s.hasAuthors || s.hasDate || !p.arxivId.isEmpty())
        ++m_structured;
    const bool isPaper = s.hasMeta() || (m_dateLine > 0 && s.level == 2);
    if (!isPaper) { // a heading with nothing of a paper: not a digest section
        if (m_strayLine == 0)
            m_strayLine = p.line;
        return;
    }
    const QString shown = p.title.isEmpty() ? QStringLiteral("(untitled)") : p.title;
    if (p.title.isEmpty())
        warn(p.line, QStringLiteral("paper heading without a title"));
    if (!s.hasAuthors)
        warn(p.line, QStringLiteral("paper \u201c%1\u201d has no authors line").arg(shown));
    if (!s.hasDate)
        warn(p.line, QStringLiteral("paper \u201c%1\u201d has no date line").arg(shown));
    if (!s.hasLink)
        warn(p.line, QStringLiteral("paper \u201c%1\u201d has no arXiv link; it is identified by "
                                    "its title")
                         .arg(shown));

    const QString key = p.key();
    const auto found = m_byKey.constFind(key);
    if (found != m_byKey.constEnd()) {
        Paper &first = m_digest.papers[*found];
        if (++m_duplicates <= kMaxRepeatedWarnings)
            warn(p.line,
                 QStringLiteral("paper %1 appears again (first on line %2); kept once")
                     .arg(p.arxivId.isEmpty() ? shown : p.arxivId, QString::number(first.line)));
        if (p.version > first.version) { // the newer version wins, at the first one's place
            p.line = first.line;
            first = std::move(p);
            m_layouts[*found] = layout;
        }
        return;
    }
    m_byKey.insert(key, m_digest.papers.size());
    m_digest.papers.append(std::move(p));
    m_layouts.append(layout);
}

// A file is a digest when its sections carry the generator's structure: at least half of
// them have an authors line, a date line or an arXiv link (a README, a CHANGELOG or notes with
// headings have next to none). At least half, not more, so that a digest cut after a paper's
// heading still reads. A file without sections is one only with a date header.
bool Parser::isDigest() const {
    if (m_sections == 0)
        return m_dateLine > 0;
    return m_structured * 2 >= m_sections;
}

// C0 controls (but tab and line ends), DEL and C1 controls are dropped from the input, so no
// title, author, URL or abstract carries an escape sequence to a terminal; one warning.
void Parser::dropControls() {
    const qsizetype first = findControl(m_data);
    if (first < 0)
        return;
    m_controlLine = lineAt(m_data, first);
    m_cleaned = withoutControls(m_data);
    m_data = m_cleaned;
}

void Parser::checkLayouts() {
    for (const DigestFormat f : m_layouts) {
        if (f != DigestFormat::Unknown) {
            m_digest.format = f;
            break;
        }
    }
    if (m_digest.format == DigestFormat::Unknown && !m_digest.papers.isEmpty())
        m_digest.format = DigestFormat::Classic;
    int mixed = 0, firstLine = 0;
    DigestFormat other = DigestFormat::Unknown;
    for (qsizetype i = 0; i < m_layouts.size(); ++i) {
        if (m_layouts[i] != DigestFormat::Unknown && m_layouts[i] != m_digest.format) {
            if (mixed++ == 0) {
                firstLine = m_digest.papers[i].line;
                other = m_layouts[i];
            }
        }
    }
    if (mixed > 0)
        warn(firstLine,
             QStringLiteral("the file mixes layouts: %1 paper(s) from this line on are in "
                            "the %2 layout, the rest in the %3 layout")
                 .arg(QString::number(mixed), formatName(other), formatName(m_digest.format)));
}

void Parser::checkDate() {
    if (m_dateLine > 0)
        return;
    const QDate fromName = findIsoDate(QFileInfo(m_fileName).fileName());
    m_digest.date = fromName;
    if (fromName.isValid()) {
        if (m_digest.format != DigestFormat::Headings)
            warn(1, QStringLiteral("no '# YYYY-MM-DD' date header; the date %1 was taken from the "
                                   "file name")
                        .arg(fromName.toString(Qt::ISODate)));
    } else {
        warn(1, QStringLiteral("no '# YYYY-MM-DD' date header and no date in the file name: the "
                               "digest has no date"));
    }
}

void Parser::checkToc() {
    if (m_digest.papers.isEmpty())
        return;
    if (m_tocLine == 0) {
        if (m_digest.format != DigestFormat::Headings)
            warn(m_digest.papers.first().line,
                 QStringLiteral("the digest has no Table of Contents"));
        return;
    }
    QHash<QString, int> sections; // normalised title -> count
    QStringList normalised;       // of each paper, computed once
    normalised.reserve(m_digest.papers.size());
    for (const Paper &p : std::as_const(m_digest.papers)) {
        normalised << Paper::normalisedTitle(p.title);
        ++sections[normalised.back()];
    }
    QHash<QString, int> listed;
    int missing = 0;
    for (const TocEntry &e : std::as_const(m_toc)) {
        const QString n = Paper::normalisedTitle(e.title);
        ++listed[n];
        if (!sections.contains(n) && ++missing <= kMaxRepeatedWarnings)
            warn(e.line,
                 QStringLiteral("Table of Contents entry \u201c%1\u201d has no paper section")
                     .arg(e.title));
    }
    int unlisted = 0;
    for (qsizetype i = 0; i < m_digest.papers.size(); ++i) {
        const Paper &p = m_digest.papers.at(i);
        if (!listed.contains(normalised.at(i)) && ++unlisted <= kMaxRepeatedWarnings)
            warn(p.line, QStringLiteral("paper \u201c%1\u201d is not in the Table of Contents")
                             .arg(p.title));
    }
    if (missing > 0 || unlisted > 0 || m_toc.size() != m_digest.papers.size())
        warn(m_tocLine,
             QStringLiteral("the Table of Contents lists %1 entries; the file has %2 "
                            "papers (%3 entries without a section, %4 papers unlisted)")
                 .arg(QString::number(m_toc.size()), QString::number(m_digest.papers.size()),
                      QString::number(missing), QString::number(unlisted)));
}

} // namespace

Digest DigestParser::parse(QByteArrayView data, const QString &fileName) {
    return Parser(data, fileName).run();
}

} // namespace lectern
