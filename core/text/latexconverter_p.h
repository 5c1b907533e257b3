#pragma once

// Private to LatexText: the recursive-descent LaTeX/Markdown converter.
//
// One pass over the source. Every look-ahead (closing '$', closing '**', matching brace) is
// bounded by the enclosing range and by kMaxSpan, and nesting by kMaxDepth, so hostile input
// cannot overflow the stack. A look-ahead that found no closer is remembered (LookAhead), so
// the next opener of the same kind resumes where it stopped: "**a **a …" stays linear. Plain and
// HTML output share the parser; they differ only in the Output sink.

#include "text/latexoutput_p.h"
#include "text/latexsymbols_p.h"

#include <QList>
#include <QString>
#include <QStringView>

#include <utility>
#include <vector>

namespace lectern::latex {

constexpr qsizetype kMaxSpan = 2000;    // longest $..$, **..**, \[..\] searched for
constexpr qsizetype kMaxEmphSpan = 300; // longest *..* / _.._
constexpr int kMaxDepth = 48;           // deeper nesting is copied through verbatim

inline bool isAsciiLetter(QChar c) {
    return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z');
}
inline bool isWordChar(QChar c) {
    return c.isLetterOrNumber() || c == u'_';
}
qsizetype codePointCount(QStringView s);
// x^{..} in plain text: Unicode super/subscripts, or ^x / ^(..) when some character has none.
QString mapScript(const QString &body, bool sup);

class Converter {
public:
    explicit Converter(QStringView s);
    void run(Output &out) { text(0, m_s.size(), out); }

private:
    struct Arg {
        qsizetype b = 0, e = 0, next = 0;
        bool ok = false;
    };
    struct Depth {
        explicit Depth(int &d)
            : m_d(d) {
            ++m_d;
        }
        ~Depth() { --m_d; }
        bool tooDeep() const { return m_d > kMaxDepth; }
        int &m_d;
    };

    // How far the last search for one kind of closer got, within the range ending at e: no
    // closer and no blank line lies in (from, stop); found is the closer at stop, or -1 (a
    // blank line at stop, or, when exhausted, nothing up to stop).
    struct LookAhead {
        qsizetype e = -1, from = -1, stop = -1, found = -1;
        bool exhausted = false;
    };
    // A command being handled: its table entry, the end of its name, the range end.
    struct Cmd {
        const CommandInfo *info;
        qsizetype end, e;
        bool mathMode;
    };
    enum LookAheadKind { BoldClose, StarClose, UnderscoreClose, ParenClose, BracketClose };

    QChar at(qsizetype i) const { return i >= 0 && i < m_s.size() ? m_s[i] : QChar(u' '); }

    qsizetype matchBrace(qsizetype open, qsizetype end) const;
    qsizetype codePointEnd(qsizetype i, qsizetype e) const;
    qsizetype nameEnd(qsizetype j, qsizetype e) const;
    bool blankLineAt(qsizetype j, qsizetype e) const;

    // Text mode (latexconverter.cpp).
    void text(qsizetype b, qsizetype e, Output &out);
    qsizetype dollar(qsizetype i, qsizetype e, Output &out);
    qsizetype findEmphasisClose(qsizetype from, qsizetype e, QChar mark, bool two) const;
    bool isEmphasisClose(qsizetype j, qsizetype e, QChar mark, bool two) const;
    qsizetype star(qsizetype i, qsizetype e, Output &out);
    qsizetype emphasis(qsizetype i, qsizetype e, Output &out, QChar mark);
    qsizetype dash(qsizetype i, qsizetype e, Output &out);

    // Math mode (latexconverter.cpp).
    void math(qsizetype b, qsizetype e, Output &out);
    qsizetype mathToken(qsizetype i, qsizetype e, Output &out, Tag *switched);
    bool bodyIs(qsizetype j, qsizetype e, QStringView cmd) const;
    qsizetype script(qsizetype i, qsizetype e, Output &out, bool sup);

    // Commands (latexcommands.cpp).
    Arg arg(qsizetype i, qsizetype e) const;
    void render(const Arg &a, Output &out, bool mathMode);
    void atomic(const Arg &a, Output &out, bool mathMode, bool digitsAreAtomic);
    qsizetype keepAsWritten(qsizetype i, qsizetype end, qsizetype e, Output &out, bool mathMode);
    qsizetype command(qsizetype i, qsizetype e, Output &out, bool mathMode, Tag *switched);
    qsizetype symbolCommand(const Cmd &c, qsizetype i, Output &out, Tag *switched);
    qsizetype operatorCommand(const Cmd &c, Output &out);
    qsizetype styleCommand(const Cmd &c, Output &out);
    qsizetype textAccent(const Cmd &c, const Arg &a, Output &out);
    qsizetype fracCommand(const Cmd &c, Output &out);
    qsizetype sqrtCommand(const Cmd &c, Output &out);
    qsizetype literalCommand(const Cmd &c, Output &out);
    qsizetype unicodeCommand(const Cmd &c, Output &out);
    qsizetype findMathClose(qsizetype from, qsizetype e, QChar closer) const;

    QStringView m_s;
    mutable LookAhead m_lookAhead[5]; // per LookAheadKind
    std::vector<std::pair<qsizetype, qsizetype>> m_braces;
    int m_depth = 0;
};

} // namespace lectern::latex
