// Converter: backslash commands. Each is looked up in the static table (latexsymbols_p.h) and
// handled by kind; a command that is unknown, or known but missing its argument (truncated
// input), is written back as it stands so nothing the author wrote is lost.
#include "text/latexconverter_p.h"

#include <algorithm>

namespace lectern::latex {

namespace {

const CommandInfo *findCommand(QStringView name) {
    // Sorted once (thread-safe static initialisation), then binary-searched.
    static const std::vector<const CommandInfo *> index = [] {
        std::vector<const CommandInfo *> v;
        for (const CommandInfo &c : kCommands)
            v.push_back(&c);
        std::sort(v.begin(), v.end(), [](const CommandInfo *a, const CommandInfo *b) {
            return QLatin1StringView(a->name) < QLatin1StringView(b->name);
        });
        return v;
    }();
    auto it =
        std::lower_bound(index.begin(), index.end(), name, [](const CommandInfo *c, QStringView n) {
            return n.compare(QLatin1StringView(c->name)) > 0;
        });
    if (it != index.end() && name.compare(QLatin1StringView((*it)->name)) == 0)
        return *it;
    return nullptr;
}

// \mathbb, \mathcal, \mathfrak: Latin letters (and \mathbb digits) to Unicode math alphabets,
// using the letter-like-symbols block where the math block has holes.
char32_t mapFont(QLatin1StringView font, char32_t c) {
    const bool upper = c >= 'A' && c <= 'Z', lower = c >= 'a' && c <= 'z';
    if (font == QLatin1StringView("mathbb") || font == QLatin1StringView("mathbbm")) {
        switch (c) {
        case 'C':
            return 0x2102;
        case 'H':
            return 0x210D;
        case 'N':
            return 0x2115;
        case 'P':
            return 0x2119;
        case 'Q':
            return 0x211A;
        case 'R':
            return 0x211D;
        case 'Z':
            return 0x2124;
        }
        if (upper)
            return 0x1D538 + (c - 'A');
        if (lower)
            return 0x1D552 + (c - 'a');
        if (c >= '0' && c <= '9')
            return 0x1D7D8 + (c - '0');
    } else if (font == QLatin1StringView("mathfrak")) {
        switch (c) {
        case 'C':
            return 0x212D;
        case 'H':
            return 0x210C;
        case 'I':
            return 0x2111;
        case 'R':
            return 0x211C;
        case 'Z':
            return 0x2128;
        }
        if (upper)
            return 0x1D504 + (c - 'A');
        if (lower)
            return 0x1D51E + (c - 'a');
    } else { // mathcal, mathscr
        switch (c) {
        case 'B':
            return 0x212C;
        case 'E':
            return 0x2130;
        case 'F':
            return 0x2131;
        case 'H':
            return 0x210B;
        case 'I':
            return 0x2110;
        case 'L':
            return 0x2112;
        case 'M':
            return 0x2133;
        case 'R':
            return 0x211B;
        case 'e':
            return 0x212F;
        case 'g':
            return 0x210A;
        case 'o':
            return 0x2134;
        }
        if (upper)
            return 0x1D49C + (c - 'A');
        if (lower)
            return 0x1D4B6 + (c - 'a');
    }
    return c;
}

// True when a/b or √x needs parentheses around `part` to stay unambiguous.
bool needsParens(QStringView part, bool digitsAreAtomic) {
    if (codePointCount(part) <= 1)
        return false;
    for (QChar c : part) {
        if (c.isLowSurrogate() || c.isHighSurrogate() || c == u'.')
            continue;
        if (!c.isLetterOrNumber())
            return true;
        if (digitsAreAtomic && !c.isDigit())
            return true;
    }
    return false;
}

} // namespace

Converter::Arg Converter::arg(qsizetype i, qsizetype e) const {
    while (i < e && m_s[i].isSpace())
        ++i;
    if (i >= e || m_s[i] == u'}')
        return {};
    if (m_s[i] == u'{') {
        const qsizetype close = matchBrace(i, e);
        if (close < 0)
            return {};
        return {i + 1, close, close + 1, true};
    }
    const qsizetype end = m_s[i] == u'\\' ? nameEnd(i + 1, e) : codePointEnd(i, e);
    return {i, end, end, true};
}

void Converter::render(const Arg &a, Output &out, bool mathMode) {
    if (mathMode)
        math(a.b, a.e, out);
    else
        text(a.b, a.e, out);
}

// Renders `a` and parenthesises it when it is not atomic (for a/b and √x).
void Converter::atomic(const Arg &a, Output &out, bool mathMode, bool digitsAreAtomic) {
    out.flush();
    const qsizetype mark = out.text.size();
    const size_t eventMark = out.events.size();
    render(a, out, mathMode);
    if (needsParens(QStringView(out.text).sliced(mark), digitsAreAtomic))
        out.parenthesise(mark, eventMark);
}

qsizetype Converter::keepAsWritten(qsizetype i, qsizetype end, qsizetype e, Output &out,
                                   bool mathMode) {
    out.append(m_s.sliced(i, end - i));
    while (end < e && m_s[end] == u'{') {
        const qsizetype close = matchBrace(end, e);
        if (close < 0)
            break;
        out.append(u'{');
        if (mathMode)
            math(end + 1, close, out);
        else
            text(end + 1, close, out);
        out.append(u'}');
        end = close + 1;
    }
    return end;
}

// A command: look it up, handle it by kind; an unknown one, or a known one missing its
// argument (truncated input, -1 from the handler), is kept as written.
qsizetype Converter::command(qsizetype i, qsizetype e, Output &out, bool mathMode, Tag *switched) {
    if (i + 1 >= e) {
        out.append(u'\\');
        return i + 1;
    }
    const qsizetype end = nameEnd(i + 1, e);
    const Cmd c{findCommand(m_s.sliced(i + 1, end - i - 1)), end, e, mathMode};
    if (!c.info)
        return keepAsWritten(i, end, e, out, mathMode);
    qsizetype next = -1;
    switch (c.info->kind) {
    case Kind::Symbol:
    case Kind::Open:
    case Kind::Close:
    case Kind::Ignore:
    case Kind::Space:
    case Kind::Switch:
    case Kind::Delim:
        next = symbolCommand(c, i, out, switched);
        break;
    case Kind::Op:
    case Kind::OpName:
        next = operatorCommand(c, out);
        break;
    case Kind::Style:
    case Kind::Script:
    case Kind::FontMap:
    case Kind::TextAccent:
    case Kind::MathAccent:
        next = styleCommand(c, out);
        break;
    case Kind::Frac:
    case Kind::Sqrt:
        next = c.info->kind == Kind::Frac ? fracCommand(c, out) : sqrtCommand(c, out);
        break;
    case Kind::Not:
    case Kind::Unicode:
    case Kind::Cite:
    case Kind::Url:
    case Kind::Href:
    case Kind::MathOpen:
        next = literalCommand(c, out);
        break;
    }
    return next >= 0 ? next : keepAsWritten(i, end, e, out, mathMode);
}

// Commands without arguments: symbols, delimiters, spacing, ignored ones and switches.
qsizetype Converter::symbolCommand(const Cmd &c, qsizetype i, Output &out, Tag *switched) {
    const QStringView value(c.info->value);
    qsizetype k = c.end;
    switch (c.info->kind) {
    case Kind::Symbol: {
        // TeX drops the space after a control word; keep it only to mirror a space before, so
        // "16 \times 16" -> "16 × 16" and "X\to X" -> "X→X".
        const bool spacedBefore = out.pending;
        out.append(value);
        while (c.mathMode && !spacedBefore && isAsciiLetter(m_s[i + 1]) && k < c.e &&
               m_s[k].isSpace())
            ++k;
        return k;
    }
    case Kind::Open:
        out.append(value);
        while (c.mathMode && k < c.e && m_s[k].isSpace())
            ++k;
        return k;
    case Kind::Close:
        if (c.mathMode)
            out.dropSpace();
        out.append(value);
        return k;
    case Kind::Space:
        if (c.mathMode)
            out.requestSpace();
        else
            out.append(u' ');
        return k;
    case Kind::Switch:
        if (switched)
            *switched = Tag(c.info->tag);
        while (k < c.e && m_s[k].isSpace()) // "{\bf b}": the space only ends the command name
            ++k;
        return k;
    case Kind::Delim:
        while (k < c.e && m_s[k].isSpace())
            ++k;
        return (value == u"." && at(k) == u'.' && k < c.e) ? k + 1 : c.end;
    default: // Kind::Ignore
        return k;
    }
}

// \log, \max (Op) and \operatorname{..} (OpName).
qsizetype Converter::operatorCommand(const Cmd &c, Output &out) {
    Arg a;
    if (c.info->kind == Kind::OpName) {
        const qsizetype after = at(c.end) == u'*' ? c.end + 1 : c.end;
        a = arg(after, c.e);
        if (!a.ok)
            return -1;
    }
    // "n\log n" -> "n log n": keep operator names apart from neighbouring letters.
    if (!out.pending && !out.text.isEmpty() && out.text.back().isLetterOrNumber())
        out.append(u' ');
    if (c.info->kind == Kind::Op)
        out.append(QStringView(c.info->value));
    else
        render(a, out, true);
    const qsizetype next = c.info->kind == Kind::Op ? c.end : a.next;
    if (next < c.e && m_s[next].isLetterOrNumber())
        out.append(u' ');
    return next;
}

// Commands with one argument rendered in a style: \textbf, \textsuperscript, \mathbb,
// accents.
qsizetype Converter::styleCommand(const Cmd &c, Output &out) {
    const Arg a = arg(c.end, c.e);
    if (!a.ok)
        return -1;
    const Tag tag = Tag(c.info->tag);
    switch (c.info->kind) {
    case Kind::Style: {
        const bool argMath = c.info->argMode == SameMode ? c.mathMode : c.info->argMode == MathArg;
        out.open(tag);
        render(a, out, argMath);
        out.close(tag);
        return a.next;
    }
    case Kind::Script:
        if (out.html()) {
            out.open(tag);
            render(a, out, false);
            out.close(tag);
        } else {
            Output body(false);
            render(a, body, false);
            out.append(mapScript(body.text, tag == Sup));
        }
        return a.next;
    case Kind::FontMap: {
        Output body(false);
        render(a, body, true);
        const QLatin1StringView font(c.info->name);
        QString mapped;
        for (char32_t ch : body.text.toUcs4())
            mapped.append(QStringView(QChar::fromUcs4(mapFont(font, ch))));
        out.append(mapped);
        return a.next;
    }
    case Kind::TextAccent:
        return textAccent(c, a, out);
    default: { // Kind::MathAccent
        out.flush();
        const qsizetype mark = out.text.size();
        render(a, out, true);
        if (codePointCount(QStringView(out.text).sliced(mark)) == 1)
            out.append(QStringView(c.info->value));
        return a.next;
    }
    }
}

qsizetype Converter::textAccent(const Cmd &c, const Arg &a, Output &out) {
    QStringView letter = m_s.sliced(a.b, a.e - a.b);
    if (letter == u"\\i" || letter == u"\\j")
        letter = letter.sliced(1);
    if (letter.size() != 1 || !letter[0].isLetter())
        return -1;
    out.append(letter.toString().append(c.info->value).normalized(QString::NormalizationForm_C));
    return a.next;
}

qsizetype Converter::fracCommand(const Cmd &c, Output &out) {
    const Arg num = arg(c.end, c.e);
    const Arg den = num.ok ? arg(num.next, c.e) : Arg{};
    if (!den.ok)
        return -1;
    atomic(num, out, true, false);
    out.append(u'/');
    atomic(den, out, true, false);
    return den.next;
}

qsizetype Converter::sqrtCommand(const Cmd &c, Output &out) {
    qsizetype k = c.end;
    qsizetype indexB = -1, indexE = -1;
    if (at(k) == u'[' && k < c.e) {
        for (qsizetype j = k + 1; j < std::min(c.e, k + 64); ++j) {
            if (m_s[j] == u']') {
                indexB = k + 1;
                indexE = j;
                k = j + 1;
                break;
            }
        }
    }
    const Arg a = arg(k, c.e);
    if (!a.ok)
        return -1;
    if (indexB >= 0) {
        Output index(false);
        math(indexB, indexE, index);
        out.append(mapScript(index.text, true));
    }
    out.append(u'√');
    atomic(a, out, true, true);
    return a.next;
}

// Commands whose argument is taken literally or specially: \not, \unicode, \cite, \url,
// \href, and the math openers \( and \[.
qsizetype Converter::literalCommand(const Cmd &c, Output &out) {
    switch (c.info->kind) {
    case Kind::Not: {
        qsizetype k = c.end;
        while (k < c.e && m_s[k].isSpace())
            ++k;
        if (k >= c.e)
            return -1;
        Output body(false);
        const qsizetype next = mathToken(k, c.e, body, nullptr);
        out.append(body.text.append(u'\u0338').normalized(QString::NormalizationForm_C));
        return next;
    }
    case Kind::Unicode:
        return unicodeCommand(c, out);
    case Kind::Cite:
    case Kind::Url: {
        const Arg a = arg(c.end, c.e);
        if (!a.ok || m_s[a.b - 1] != u'{')
            return -1;
        const QStringView raw = m_s.sliced(a.b, a.e - a.b);
        if (c.info->kind == Kind::Cite)
            out.append(QString(u'[').append(raw).append(u']'));
        else
            out.append(raw);
        return a.next;
    }
    case Kind::Href: {
        const Arg url = arg(c.end, c.e);
        const Arg label = url.ok ? arg(url.next, c.e) : Arg{};
        if (!label.ok)
            return -1;
        render(label, out, false);
        return label.next;
    }
    default: { // Kind::MathOpen
        if (c.mathMode)
            return -1;
        const qsizetype close = findMathClose(c.end, c.e, QChar(c.info->value[0]));
        if (close < 0)
            return -1;
        math(c.end, close, out);
        return close + 2;
    }
    }
}

qsizetype Converter::unicodeCommand(const Cmd &c, Output &out) {
    const Arg a = arg(c.end, c.e);
    if (!a.ok || m_s[a.b - 1] != u'{')
        return -1;
    QStringView digits = m_s.sliced(a.b, a.e - a.b).trimmed();
    int base = 10;
    if (digits.startsWith(u"0x") || digits.startsWith(u"0X"))
        digits = digits.sliced(2), base = 16;
    else if (digits.startsWith(u'x') || digits.startsWith(u'X'))
        digits = digits.sliced(1), base = 16;
    bool ok = false;
    const uint cp = digits.toUInt(&ok, base);
    if (!ok || cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return -1;
    out.append(QStringView(QChar::fromUcs4(char32_t(cp))));
    return a.next;
}

// The "\)" or "\]" closing a math span opened at `from` (within kMaxSpan), or -1. Resumes the
// previous search for the same closer when it covered `from` (see LookAhead).
qsizetype Converter::findMathClose(qsizetype from, qsizetype e, QChar closer) const {
    LookAhead &memo = m_lookAhead[closer == u')' ? ParenClose : BracketClose];
    const qsizetype limit = std::min(e - 1, from + kMaxSpan);
    qsizetype j = from;
    if (memo.e == e && memo.from <= from && from < memo.stop) {
        if (!memo.exhausted)
            return memo.found;
        j = memo.stop;
    }
    for (; j < limit; ++j) {
        if (m_s[j] != u'\\')
            continue;
        if (m_s[j + 1] == closer) {
            memo = {e, from, j, j, false};
            return j;
        }
        ++j;
    }
    memo = {e, from, std::max(j, limit), -1, true};
    return -1;
}

} // namespace lectern::latex
