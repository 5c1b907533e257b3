#pragma once

// Byte-level helpers for the digest parser. Private to core/.

#include <QByteArray>
#include <QByteArrayView>
#include <QDate>
#include <QHash>
#include <QString>

namespace lectern::scan {

// Splits a buffer into lines ending in "\n", "\r\n" or a lone "\r", counting from 1.
class LineReader {
public:
    explicit LineReader(QByteArrayView data);
    // Returns false at the end. The line excludes its terminator.
    bool next(QByteArrayView &line);
    int lineNumber() const { return m_number; }

private:
    const char *m_pos;
    const char *m_end;
    const char *m_nextLf = nullptr; // cached: next '\n' at or after m_pos (m_end if none)
    const char *m_nextCr = nullptr; // cached: next '\r' at or after m_pos (m_end if none)
    int m_number = 0;
};

inline bool isSpace(char c) {
    return c == ' ' || c == '\t';
}
QByteArrayView trimmed(QByteArrayView v);
QByteArrayView trimmedRight(QByteArrayView v);
bool startsWith(QByteArrayView v, QByteArrayView prefix);
bool startsWithNoCase(QByteArrayView v, QByteArrayView prefix);

// Control characters a digest never needs and a terminal may obey: C0 other than tab, LF and
// CR; DEL; C1 (U+0080-U+009F, as UTF-8). The offset of the first, or -1.
qsizetype findControl(QByteArrayView v);
// The bytes without those control characters.
QByteArray withoutControls(QByteArrayView v);
// The 1-based line of byte `offset`, counting LF, CRLF and lone CR as LineReader does.
int lineAt(QByteArrayView v, qsizetype offset);

// True when the bytes are valid UTF-8 (fast path for ASCII).
bool isValidUtf8(QByteArrayView v);

// "YYYY-MM-DD" exactly (after trimming). Returns true if the shape matches; date is null when
// the shape matches but the calendar date is invalid.
bool parseIsoDate(QByteArrayView v, QDate *date);
// The first "YYYY-MM-DD" inside a string (used for file names), or a null date.
QDate findIsoDate(const QString &s);

struct ArxivLink {
    QString url;     // the link as written
    QString id;      // without version; empty when the link is not a recognisable arXiv link
    int version = 0; // 0 when absent
};
// Accepts "http(s)://arxiv.org/abs/ID[vN]", "/pdf/" links, and a Markdown link "[url](url)".
ArxivLink parseArxivLink(QByteArrayView v);

// A paper's keywords: lowercased, unique, in order of first appearance, each with a hint
// (a badge colour, or empty). Lookups are hashed, so a pathological file with 100,000 distinct
// keywords stays linear.
class KeywordCollector {
public:
    KeywordCollector(QStringList *keywords, QStringList *hints);
    void add(const QString &word, const QString &hint = {});

private:
    QStringList *m_keywords;
    QStringList *m_hints;
    QHash<QString, qsizetype> m_index;
};

// "**x**" spans: adds each term (surrounding '*' and '_' dropped).
void collectBoldKeywords(QByteArrayView utf8, KeywordCollector *keywords);

// Shields.io badge: "https://img.shields.io/badge/LABEL-RRGGBB". Returns false when the URL is
// not a badge. label is decoded ("__" -> "_", "_" -> " ", "--" -> "-", percent-escapes). The
// generator does not escape dashes in keywords ("low-bit-F08080"), so only the last single
// dash separates the colour: the label is "low-bit", as "**low-bit**" in classic digests.
bool parseBadgeUrl(QByteArrayView url, QString *label, QString *colour);

// Replaces every "![alt](badge-url)" in text by "**LABEL**" so the badge reads as its word and
// counts as a keyword; returns the number replaced. Colours go to hints by label (lowercased).
int rewriteBadges(QByteArray *text, KeywordCollector *keywords);

// True when the line holds nothing but badge images separated by spaces (the cards layout's
// keyword line).
bool isBadgeOnlyLine(QByteArrayView t);

} // namespace lectern::scan
