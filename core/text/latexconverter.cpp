// Converter: text mode ($..$, Markdown emphasis, dashes, {\cmd} groups) and math mode
// (spacing, groups, super/subscripts). Every parse function works on the range [i or b, e) of
// the source and returns the index after what it consumed.
#include "text/latexconverter_p.h"

#include <algorithm>

namespace lectern::latex {

namespace {

template <qsizetype N> char32_t lookupScript(const ScriptPair (&table)[N], char32_t c) {
    auto it = std::lower_bound(std::begin(table), std::end(table), c,
                               [](const ScriptPair &p, char32_t v) { return p.from < v; });
    return (it != std::end(table) && it->from == c) ? it->to : 0;
}

} // namespace

qsizetype codePointCount(QStringView s) {
    qsizetype n = 0;
    for (qsizetype i = 0; i < s.size(); ++i)
        if (!s[i].isLowSurrogate())
            ++n;
    return n;
}

// x^{..} in plain text: Unicode super/subscripts when every character has one, else a readable
// fallback: ^x for one character, ^(..) for more.
QString mapScript(const QString &body, bool sup) {
    if (body.isEmpty())
        return {};
    QString mapped;
    bool ok = true;
    for (char32_t c : body.toUcs4()) {
        const char32_t m = sup ? lookupScript(kSuperscripts, c) : lookupScript(kSubscripts, c);
        if (!m) {
            ok = false;
            break;
        }
        mapped.append(QStringView(QChar::fromUcs4(m)));
    }
    if (ok)
        return mapped;
    QString fallback(sup ? u'^' : u'_');
    if (codePointCount(body) == 1)
        return fallback.append(body);
    return fallback.append(u'(').append(body).append(u')');
}

Converter::Converter(QStringView s)
    : m_s(s) {
    // Brace pairs, once, so every group lookup is O(log n) with no rescanning.
    std::vector<qsizetype> stack;
    for (qsizetype i = 0; i < s.size(); ++i) {
        const QChar c = s[i];
        if (c == u'\\')
            ++i;
        else if (c == u'{')
            stack.push_back(i);
        else if (c == u'}' && !stack.empty()) {
            m_braces.push_back({stack.back(), i});
            stack.pop_back();
        }
    }
    std::sort(m_braces.begin(), m_braces.end());
}

qsizetype Converter::matchBrace(qsizetype open, qsizetype end) const {
    auto it = std::lower_bound(m_braces.begin(), m_braces.end(),
                               std::pair<qsizetype, qsizetype>(open, -1));
    if (it != m_braces.end() && it->first == open && it->second < end)
        return it->second;
    return -1;
}

qsizetype Converter::codePointEnd(qsizetype i, qsizetype e) const {
    return (m_s[i].isHighSurrogate() && i + 1 < e && m_s[i + 1].isLowSurrogate()) ? i + 2 : i + 1;
}

qsizetype Converter::nameEnd(qsizetype j, qsizetype e) const {
    if (j >= e)
        return j;
    if (!isAsciiLetter(m_s[j]))
        return j + 1;
    while (j < e && isAsciiLetter(m_s[j]))
        ++j;
    return j;
}

// A blank line ends every inline construct (Markdown paragraphs).
bool Converter::blankLineAt(qsizetype j, qsizetype e) const {
    if (m_s[j] != u'\n')
        return false;
    for (qsizetype k = j + 1; k < e && m_s[k].isSpace(); ++k)
        if (m_s[k] == u'\n')
            return true;
    return false;
}

// ---- text mode -------------------------------------------------------------------------
static bool isTextSpecial(QChar c) {
    switch (c.unicode()) {
    case u'\\':
    case u'$':
    case u'{':
    case u'*':
    case u'_':
    case u'-':
        return true;
    default:
        return false;
    }
}

void Converter::text(qsizetype b, qsizetype e, Output &out) {
    Depth depth(m_depth);
    if (depth.tooDeep()) {
        out.append(m_s.sliced(b, e - b));
        return;
    }
    std::vector<Tag> switches;
    qsizetype i = b;
    while (i < e) {
        qsizetype j = i;
        while (j < e && !isTextSpecial(m_s[j]))
            ++j;
        if (j > i) {
            out.append(m_s.sliced(i, j - i));
            i = j;
            continue;
        }
        switch (m_s[i].unicode()) {
        case u'\\': {
            Tag sw = NoTag;
            i = command(i, e, out, false, &sw);
            if (sw != NoTag) {
                out.open(sw);
                switches.push_back(sw);
            }
            break;
        }
        case u'$':
            i = dollar(i, e, out);
            break;
        case u'{': {
            // {\delta}, {\em x}: a group opened by a command; other braces are literal.
            const qsizetype close = at(i + 1) == u'\\' ? matchBrace(i, e) : -1;
            if (close >= 0) {
                text(i + 1, close, out);
                i = close + 1;
            } else {
                out.append(u'{');
                ++i;
            }
            break;
        }
        case u'*':
            i = star(i, e, out);
            break;
        case u'_':
            i = emphasis(i, e, out, u'_');
            break;
        default:
            i = dash(i, e, out);
            break;
        }
    }
    for (auto it = switches.rbegin(); it != switches.rend(); ++it)
        out.close(*it);
}

qsizetype Converter::dollar(qsizetype i, qsizetype e, Output &out) {
    if (at(i + 1) == u'$' && i + 1 < e) { // $$..$$
        const qsizetype limit = std::min(e - 1, i + 2 + kMaxSpan);
        for (qsizetype j = i + 2; j < limit; ++j) {
            if (m_s[j] == u'\\') {
                ++j;
            } else if (m_s[j] == u'$') {
                if (m_s[j + 1] != u'$' || j == i + 2)
                    break;
                math(i + 2, j, out);
                return j + 2;
            }
        }
        out.append(u"$$");
        return i + 2;
    }
    // Pandoc's rule, mostly: the closing $ is preceded by a non-space, so "$5 and $10" stay
    // text. The opening $ is followed by a non-space unless the span is plainly math
    // ("$ l_1$"). A closing $ may be followed by a digit ("$\geq$96%"), but not when the
    // span also starts with one ("$50K ... $50K" is money).
    if (i + 1 < e && m_s[i + 1] != u'\n') {
        const bool spaced = m_s[i + 1].isSpace();
        const qsizetype limit = std::min(e, i + 1 + kMaxSpan);
        bool mathy = false;
        for (qsizetype j = i + 1; j < limit; ++j) {
            const QChar c = m_s[j];
            if (c == u'\\' || c == u'^' || c == u'_')
                mathy = true;
            if (c == u'\\') {
                ++j;
            } else if (blankLineAt(j, e)) {
                break;
            } else if (c == u'$') {
                if (m_s[j - 1].isSpace() || (spaced && !mathy) ||
                    (m_s[i + 1].isDigit() && j + 1 < e && m_s[j + 1].isDigit()))
                    break;
                math(i + 1, j, out);
                return j + 1;
            }
        }
    }
    out.append(u'$');
    return i + 1;
}

bool Converter::isEmphasisClose(qsizetype j, qsizetype e, QChar mark, bool two) const {
    if (m_s[j] != mark || m_s[j - 1].isSpace())
        return false;
    if (two)
        return j + 1 < e && m_s[j + 1] == mark;
    return !(j + 1 < e && (isWordChar(m_s[j + 1]) || m_s[j + 1] == mark));
}

// Finds the closing delimiter of **..** (two == true) or *..* / _.._ starting at `from`.
// Resumes the previous search of the same kind when it covered `from` (see LookAhead).
qsizetype Converter::findEmphasisClose(qsizetype from, qsizetype e, QChar mark, bool two) const {
    LookAhead &memo = m_lookAhead[two ? BoldClose : mark == u'*' ? StarClose : UnderscoreClose];
    const qsizetype limit = std::min(e, from + (two ? kMaxSpan : kMaxEmphSpan));
    qsizetype j = from + 1;
    if (memo.e == e && memo.from <= from && from < memo.stop) {
        if (!memo.exhausted)
            return memo.found;
        j = memo.stop;
    }
    for (; j < limit; ++j) {
        const bool blank = blankLineAt(j, e);
        if (blank || isEmphasisClose(j, e, mark, two)) {
            memo = {e, from, j, blank ? -1 : j, false};
            return memo.found;
        }
    }
    memo = {e, from, std::max(j, limit), -1, true};
    return -1;
}

qsizetype Converter::star(qsizetype i, qsizetype e, Output &out) {
    if (at(i + 1) == u'*' && i + 1 < e) {
        if (i + 2 < e && !m_s[i + 2].isSpace() && m_s[i + 2] != u'*') {
            const qsizetype close = findEmphasisClose(i + 2, e, u'*', true);
            if (close >= 0) {
                out.open(Bold);
                text(i + 2, close, out);
                out.close(Bold);
                return close + 2;
            }
        }
        out.append(u"**");
        return i + 2;
    }
    return emphasis(i, e, out, u'*');
}

// *x* and _x_ are italic only when they cannot be anything else: the opening mark starts a
// word, the closing one ends it. "k*", "AP_3D", "a_b_c" and URLs stay as written.
qsizetype Converter::emphasis(qsizetype i, qsizetype e, Output &out, QChar mark) {
    const QChar prev = at(i - 1);
    const bool opens = (i == 0 || prev.isSpace() || prev == u'(' || prev == u'[' || prev == u'"') &&
                       i + 1 < e && !m_s[i + 1].isSpace() && m_s[i + 1] != mark;
    if (opens) {
        const qsizetype close = findEmphasisClose(i + 1, e, mark, false);
        if (close >= 0) {
            out.open(Italic);
            text(i + 1, close, out);
            out.close(Italic);
            return close + 1;
        }
    }
    out.append(mark);
    return i + 1;
}

// -- and --- become en and em dashes, except where they look like a command-line option.
qsizetype Converter::dash(qsizetype i, qsizetype e, Output &out) {
    qsizetype j = i;
    while (j < e && m_s[j] == u'-')
        ++j;
    const qsizetype n = j - i;
    const bool option = (i == 0 || at(i - 1).isSpace()) && j < e && m_s[j].isLetter();
    if ((n == 2 || n == 3) && !option)
        out.append(n == 2 ? u'–' : u'—');
    else
        out.append(m_s.sliced(i, n));
    return j;
}

// ---- math mode -------------------------------------------------------------------------
static bool isMathSpecial(QChar c) {
    switch (c.unicode()) {
    case u'\\':
    case u'{':
    case u'^':
    case u'_':
    case u'\'':
    case u'~':
        return true;
    default:
        return c.isSpace();
    }
}

void Converter::math(qsizetype b, qsizetype e, Output &out) {
    Depth depth(m_depth);
    if (depth.tooDeep()) {
        out.append(m_s.sliced(b, e - b));
        return;
    }
    const qsizetype savedFloor = out.floor;
    out.floor = out.text.size();
    std::vector<Tag> switches;
    qsizetype i = b;
    while (i < e) {
        qsizetype j = i;
        while (j < e && !isMathSpecial(m_s[j]))
            ++j;
        if (j > i) {
            out.append(m_s.sliced(i, j - i));
            i = j;
            continue;
        }
        Tag sw = NoTag;
        i = mathToken(i, e, out, &sw);
        if (sw != NoTag) {
            out.open(sw);
            switches.push_back(sw);
        }
    }
    for (auto it = switches.rbegin(); it != switches.rend(); ++it)
        out.close(*it);
    out.dropSpace();
    out.floor = savedFloor;
}

// One math token: a character, a space run, a group, a command with its arguments, or a
// script. Returns the index after it.
qsizetype Converter::mathToken(qsizetype i, qsizetype e, Output &out, Tag *switched) {
    Depth depth(m_depth);
    const QChar c = m_s[i];
    if (depth.tooDeep()) {
        out.append(c);
        return i + 1;
    }
    if (c.isSpace()) {
        out.requestSpace();
        while (i < e && m_s[i].isSpace())
            ++i;
        return i;
    }
    switch (c.unicode()) {
    case u'\\':
        return command(i, e, out, true, switched);
    case u'{': {
        const qsizetype close = matchBrace(i, e);
        if (close < 0)
            break;
        math(i + 1, close, out);
        return close + 1;
    }
    case u'^':
        return script(i, e, out, true);
    case u'_':
        return script(i, e, out, false);
    case u'\'':
        out.append(u'′');
        return i + 1;
    case u'~':
        out.requestSpace();
        return i + 1;
    }
    const qsizetype end = codePointEnd(i, e);
    out.append(m_s.sliced(i, end - i));
    return end;
}

bool Converter::bodyIs(qsizetype j, qsizetype e, QStringView cmd) const {
    const QStringView rest = m_s.sliced(j, e - j);
    if (rest.startsWith(cmd) && !isAsciiLetter(at(j + cmd.size())))
        return true;
    return rest.startsWith(u'{') && rest.sliced(1).startsWith(cmd) &&
           at(j + 1 + cmd.size()) == u'}';
}

qsizetype Converter::script(qsizetype i, qsizetype e, Output &out, bool sup) {
    qsizetype j = i + 1;
    while (j < e && m_s[j].isSpace())
        ++j;
    if (j >= e || m_s[j] == u'}' || m_s[j] == u'^' || m_s[j] == u'_') {
        out.append(m_s[i]);
        return i + 1;
    }
    // x^\circ and x^\prime read best as the plain symbols.
    if (sup && bodyIs(j, e, u"\\circ")) {
        out.append(u'°');
        return m_s[j] == u'{' ? j + 7 : j + 5;
    }
    if (sup && bodyIs(j, e, u"\\prime")) {
        out.append(u'′');
        return m_s[j] == u'{' ? j + 8 : j + 6;
    }
    const Tag tag = sup ? Sup : Sub;
    if (out.html()) {
        out.open(tag);
        const qsizetype savedFloor = out.floor;
        out.floor = out.text.size();
        const qsizetype next = mathToken(j, e, out, nullptr);
        out.dropSpace();
        out.floor = savedFloor;
        out.close(tag);
        return next;
    }
    Output body(false);
    const qsizetype next = mathToken(j, e, body, nullptr);
    body.dropSpace();
    out.append(mapScript(body.text, sup));
    return next;
}

} // namespace lectern::latex
