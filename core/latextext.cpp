#include "latextext.h"

#include "latexsymbols_p.h"

#include <algorithm>
#include <vector>

// One recursive-descent pass over the source. Every look-ahead (closing '$', closing '**',
// matching brace) is bounded by the enclosing range and by kMaxSpan, and nesting by kMaxDepth,
// so the cost stays linear in practice and hostile input cannot overflow the stack.
//
// Plain and HTML output share the parser; they differ only in the Output sink. HTML keeps the
// visible text and the tags apart (tags as positioned events) so highlighting can match on the
// text alone and every visible character is escaped exactly once, at the end.

namespace lectern {

using namespace latex;

namespace {

constexpr qsizetype kMaxSpan = 2000;    // longest $..$, **..**, \[..\] searched for
constexpr qsizetype kMaxEmphSpan = 300; // longest *..* / _.._
constexpr int kMaxDepth = 48;           // deeper nesting is copied through verbatim

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

bool isAsciiLetter(QChar c) {
    return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z');
}
bool isWordChar(QChar c) {
    return c.isLetterOrNumber() || c == u'_';
}

template <qsizetype N> char32_t lookupScript(const ScriptPair (&table)[N], char32_t c) {
    auto it = std::lower_bound(std::begin(table), std::end(table), c,
                               [](const ScriptPair &p, char32_t v) { return p.from < v; });
    return (it != std::end(table) && it->from == c) ? it->to : 0;
}

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

struct Event {
    qsizetype pos;
    Tag tag;
    bool open;
};

// Output sink. In plain mode tags are dropped. Spaces in math are requested rather than
// written, so runs collapse and a group never starts or ends with one.
class Output {
public:
    explicit Output(bool html)
        : m_html(html) {}
    bool html() const { return m_html; }

    void append(QStringView v) {
        if (v.isEmpty())
            return;
        flush();
        text.append(v);
    }
    void append(QChar c) {
        flush();
        text.append(c);
    }
    void open(Tag t) {
        if (!m_html || t == NoTag)
            return;
        flush();
        events.push_back({text.size(), t, true});
    }
    void close(Tag t) {
        if (m_html && t != NoTag)
            events.push_back({text.size(), t, false});
    }
    void requestSpace() {
        if (text.size() > floor && !text.endsWith(u' '))
            pending = true;
    }
    void flush() {
        if (pending) {
            pending = false;
            text.append(u' ');
        }
    }
    void dropSpace() { pending = false; }
    // Wraps everything written since `mark` in parentheses (events moved along).
    void parenthesise(qsizetype mark, size_t eventMark) {
        text.insert(mark, u'(');
        for (size_t k = eventMark; k < events.size(); ++k)
            ++events[k].pos;
        text.append(u')');
    }

    QString text;
    std::vector<Event> events;
    qsizetype floor = 0;
    bool pending = false;

private:
    bool m_html;
};

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

class Converter {
public:
    explicit Converter(QStringView s)
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

    QChar at(qsizetype i) const { return i >= 0 && i < m_s.size() ? m_s[i] : QChar(u' '); }

    qsizetype matchBrace(qsizetype open, qsizetype end) const {
        auto it = std::lower_bound(m_braces.begin(), m_braces.end(),
                                   std::pair<qsizetype, qsizetype>(open, -1));
        if (it != m_braces.end() && it->first == open && it->second < end)
            return it->second;
        return -1;
    }

    qsizetype codePointEnd(qsizetype i, qsizetype e) const {
        return (m_s[i].isHighSurrogate() && i + 1 < e && m_s[i + 1].isLowSurrogate()) ? i + 2
                                                                                      : i + 1;
    }

    qsizetype nameEnd(qsizetype j, qsizetype e) const {
        if (j >= e)
            return j;
        if (!isAsciiLetter(m_s[j]))
            return j + 1;
        while (j < e && isAsciiLetter(m_s[j]))
            ++j;
        return j;
    }

    // A blank line ends every inline construct (Markdown paragraphs).
    bool blankLineAt(qsizetype j, qsizetype e) const {
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

    void text(qsizetype b, qsizetype e, Output &out) {
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

    qsizetype dollar(qsizetype i, qsizetype e, Output &out) {
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

    // Finds the closing delimiter of **..** (two == true) or *..* / _.._ starting at `from`.
    qsizetype findEmphasisClose(qsizetype from, qsizetype e, QChar mark, bool two) const {
        const qsizetype limit = std::min(e, from + (two ? kMaxSpan : kMaxEmphSpan));
        for (qsizetype j = from + 1; j < limit; ++j) {
            if (blankLineAt(j, e))
                return -1;
            if (m_s[j] != mark || m_s[j - 1].isSpace())
                continue;
            if (two) {
                if (j + 1 < e && m_s[j + 1] == mark)
                    return j;
            } else if (!(j + 1 < e && (isWordChar(m_s[j + 1]) || m_s[j + 1] == mark))) {
                return j;
            }
        }
        return -1;
    }

    qsizetype star(qsizetype i, qsizetype e, Output &out) {
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
    qsizetype emphasis(qsizetype i, qsizetype e, Output &out, QChar mark) {
        const QChar prev = at(i - 1);
        const bool opens =
            (i == 0 || prev.isSpace() || prev == u'(' || prev == u'[' || prev == u'"') &&
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
    qsizetype dash(qsizetype i, qsizetype e, Output &out) {
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

    void math(qsizetype b, qsizetype e, Output &out) {
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
    qsizetype mathToken(qsizetype i, qsizetype e, Output &out, Tag *switched) {
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

    bool bodyIs(qsizetype j, qsizetype e, QStringView cmd) const {
        const QStringView rest = m_s.sliced(j, e - j);
        if (rest.startsWith(cmd) && !isAsciiLetter(at(j + cmd.size())))
            return true;
        return rest.startsWith(u'{') && rest.sliced(1).startsWith(cmd) &&
               at(j + 1 + cmd.size()) == u'}';
    }

    qsizetype script(qsizetype i, qsizetype e, Output &out, bool sup) {
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

    // ---- commands --------------------------------------------------------------------------
    Arg arg(qsizetype i, qsizetype e) const {
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

    void render(const Arg &a, Output &out, bool mathMode) {
        if (mathMode)
            math(a.b, a.e, out);
        else
            text(a.b, a.e, out);
    }

    // Renders `a` and parenthesises it when it is not atomic (for a/b and √x).
    void atomic(const Arg &a, Output &out, bool mathMode, bool digitsAreAtomic) {
        out.flush();
        const qsizetype mark = out.text.size();
        const size_t eventMark = out.events.size();
        render(a, out, mathMode);
        if (needsParens(QStringView(out.text).sliced(mark), digitsAreAtomic))
            out.parenthesise(mark, eventMark);
    }

    qsizetype keepAsWritten(qsizetype i, qsizetype end, qsizetype e, Output &out, bool mathMode) {
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

    qsizetype command(qsizetype i, qsizetype e, Output &out, bool mathMode, Tag *switched);

    QStringView m_s;
    std::vector<std::pair<qsizetype, qsizetype>> m_braces;
    int m_depth = 0;
};

qsizetype Converter::command(qsizetype i, qsizetype e, Output &out, bool mathMode, Tag *switched) {
    if (i + 1 >= e) {
        out.append(u'\\');
        return i + 1;
    }
    const qsizetype end = nameEnd(i + 1, e);
    const QStringView name = m_s.sliced(i + 1, end - i - 1);
    const CommandInfo *info = findCommand(name);
    if (!info)
        return keepAsWritten(i, end, e, out, mathMode);
    const QStringView value(info->value);
    const bool argMath = info->argMode == SameMode ? mathMode : info->argMode == MathArg;

    switch (info->kind) {
    case Kind::Symbol: {
        // TeX drops the space after a control word; keep it only to mirror a space before, so
        // "16 \times 16" -> "16 × 16" and "X\to X" -> "X→X".
        const bool spacedBefore = out.pending;
        out.append(value);
        qsizetype k = end;
        while (mathMode && !spacedBefore && isAsciiLetter(name[0]) && k < e && m_s[k].isSpace())
            ++k;
        return k;
    }
    case Kind::Open: {
        out.append(value);
        qsizetype k = end;
        while (mathMode && k < e && m_s[k].isSpace())
            ++k;
        return k;
    }
    case Kind::Close:
        if (mathMode)
            out.dropSpace();
        out.append(value);
        return end;
    case Kind::Ignore:
        return end;
    case Kind::Space:
        if (mathMode)
            out.requestSpace();
        else
            out.append(u' ');
        return end;
    case Kind::Switch: {
        if (switched)
            *switched = Tag(info->tag);
        qsizetype k = end; // "{\bf b}": the space only ends the command name
        while (k < e && m_s[k].isSpace())
            ++k;
        return k;
    }
    case Kind::Delim: {
        qsizetype k = end;
        while (k < e && m_s[k].isSpace())
            ++k;
        return (value == u"." && at(k) == u'.' && k < e) ? k + 1 : end;
    }
    case Kind::Op:
    case Kind::OpName: {
        Arg a;
        if (info->kind == Kind::OpName) {
            const qsizetype after = at(end) == u'*' ? end + 1 : end;
            a = arg(after, e);
            if (!a.ok)
                break;
        }
        // "n\log n" -> "n log n": keep operator names apart from neighbouring letters.
        if (!out.pending && !out.text.isEmpty() && out.text.back().isLetterOrNumber())
            out.append(u' ');
        if (info->kind == Kind::Op) {
            out.append(value);
        } else {
            render(a, out, true);
        }
        const qsizetype next = info->kind == Kind::Op ? end : a.next;
        if (next < e && m_s[next].isLetterOrNumber())
            out.append(u' ');
        return next;
    }
    case Kind::Style: {
        const Arg a = arg(end, e);
        if (!a.ok)
            break;
        out.open(Tag(info->tag));
        render(a, out, argMath);
        out.close(Tag(info->tag));
        return a.next;
    }
    case Kind::Script: {
        const Arg a = arg(end, e);
        if (!a.ok)
            break;
        if (out.html()) {
            out.open(Tag(info->tag));
            render(a, out, false);
            out.close(Tag(info->tag));
        } else {
            Output body(false);
            render(a, body, false);
            out.append(mapScript(body.text, info->tag == Sup));
        }
        return a.next;
    }
    case Kind::FontMap: {
        const Arg a = arg(end, e);
        if (!a.ok)
            break;
        Output body(false);
        render(a, body, true);
        const QLatin1StringView font(info->name);
        QString mapped;
        for (char32_t c : body.text.toUcs4())
            mapped.append(QStringView(QChar::fromUcs4(mapFont(font, c))));
        out.append(mapped);
        return a.next;
    }
    case Kind::Frac: {
        const Arg num = arg(end, e);
        const Arg den = num.ok ? arg(num.next, e) : Arg{};
        if (!den.ok)
            break;
        atomic(num, out, true, false);
        out.append(u'/');
        atomic(den, out, true, false);
        return den.next;
    }
    case Kind::Sqrt: {
        qsizetype k = end;
        qsizetype indexB = -1, indexE = -1;
        if (at(k) == u'[' && k < e) {
            for (qsizetype j = k + 1; j < std::min(e, k + 64); ++j) {
                if (m_s[j] == u']') {
                    indexB = k + 1;
                    indexE = j;
                    k = j + 1;
                    break;
                }
            }
        }
        const Arg a = arg(k, e);
        if (!a.ok)
            break;
        if (indexB >= 0) {
            Output index(false);
            math(indexB, indexE, index);
            out.append(mapScript(index.text, true));
        }
        out.append(u'√');
        atomic(a, out, true, true);
        return a.next;
    }
    case Kind::TextAccent: {
        const Arg a = arg(end, e);
        if (!a.ok)
            break;
        QStringView letter = m_s.sliced(a.b, a.e - a.b);
        if (letter == u"\\i" || letter == u"\\j")
            letter = letter.sliced(1);
        if (letter.size() != 1 || !letter[0].isLetter())
            break;
        out.append(letter.toString().append(value).normalized(QString::NormalizationForm_C));
        return a.next;
    }
    case Kind::MathAccent: {
        const Arg a = arg(end, e);
        if (!a.ok)
            break;
        out.flush();
        const qsizetype mark = out.text.size();
        render(a, out, true);
        if (codePointCount(QStringView(out.text).sliced(mark)) == 1)
            out.append(value);
        return a.next;
    }
    case Kind::Not: {
        qsizetype k = end;
        while (k < e && m_s[k].isSpace())
            ++k;
        if (k >= e)
            break;
        Output body(false);
        const qsizetype next = mathToken(k, e, body, nullptr);
        out.append(body.text.append(u'\u0338').normalized(QString::NormalizationForm_C));
        return next;
    }
    case Kind::Unicode: {
        const Arg a = arg(end, e);
        if (!a.ok || m_s[a.b - 1] != u'{')
            break;
        QStringView digits = m_s.sliced(a.b, a.e - a.b).trimmed();
        int base = 10;
        if (digits.startsWith(u"0x") || digits.startsWith(u"0X"))
            digits = digits.sliced(2), base = 16;
        else if (digits.startsWith(u'x') || digits.startsWith(u'X'))
            digits = digits.sliced(1), base = 16;
        bool ok = false;
        const uint cp = digits.toUInt(&ok, base);
        if (!ok || cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            break;
        out.append(QStringView(QChar::fromUcs4(char32_t(cp))));
        return a.next;
    }
    case Kind::Cite:
    case Kind::Url: {
        const Arg a = arg(end, e);
        if (!a.ok || m_s[a.b - 1] != u'{')
            break;
        const QStringView raw = m_s.sliced(a.b, a.e - a.b);
        if (info->kind == Kind::Cite)
            out.append(QString(u'[').append(raw).append(u']'));
        else
            out.append(raw);
        return a.next;
    }
    case Kind::Href: {
        const Arg url = arg(end, e);
        const Arg label = url.ok ? arg(url.next, e) : Arg{};
        if (!label.ok)
            break;
        render(label, out, false);
        return label.next;
    }
    case Kind::MathOpen: {
        if (mathMode)
            break;
        const QChar closer = value[0];
        const qsizetype limit = std::min(e - 1, end + kMaxSpan);
        for (qsizetype j = end; j < limit; ++j) {
            if (m_s[j] != u'\\')
                continue;
            if (m_s[j + 1] == closer) {
                math(end, j, out);
                return j + 2;
            }
            ++j;
        }
        break;
    }
    }
    // A known command missing its argument (truncated input): keep it as written.
    return keepAsWritten(i, end, e, out, mathMode);
}

void appendEscaped(QString &html, QChar c) {
    switch (c.unicode()) {
    case u'&':
        html.append(u"&amp;");
        break;
    case u'<':
        html.append(u"&lt;");
        break;
    case u'>':
        html.append(u"&gt;");
        break;
    case u'"':
        html.append(u"&quot;");
        break;
    case u'\'':
        html.append(u"&#39;");
        break;
    default:
        html.append(c);
    }
}

const char16_t *tagMarkup(Tag t, bool open) {
    switch (t) {
    case Bold:
        return open ? u"<b>" : u"</b>";
    case Italic:
        return open ? u"<i>" : u"</i>";
    case Sup:
        return open ? u"<sup>" : u"</sup>";
    case Sub:
        return open ? u"<sub>" : u"</sub>";
    case NoTag:
        break;
    }
    return u"";
}

// Same length as the input (simple per-unit case mapping), so positions carry over.
QString fold(QStringView s) {
    QString f(s.size(), Qt::Uninitialized);
    for (qsizetype i = 0; i < s.size(); ++i)
        f[i] = s[i].toLower();
    return f;
}

// Marks highlight matches on the visible text. A term that starts with a word character must
// start at a word boundary; its end is free, so terms match as word prefixes ("sparse" marks
// the first six letters of "sparsely" but nothing in "nonsparse").
std::vector<char> highlightMask(const QString &text, const QStringList &terms) {
    std::vector<char> mask;
    if (terms.isEmpty())
        return mask;
    const QString folded = fold(text);
    for (const QString &term : terms) {
        const QString t = fold(term.trimmed());
        if (t.isEmpty())
            continue;
        const bool wordStart = isWordChar(t[0]);
        for (qsizetype p = folded.indexOf(t); p >= 0; p = folded.indexOf(t, p + 1)) {
            if (wordStart && p > 0 && isWordChar(folded[p - 1]))
                continue;
            if (mask.empty())
                mask.assign(size_t(text.size()), 0);
            std::fill(mask.begin() + p, mask.begin() + p + t.size(), 1);
        }
    }
    return mask;
}

} // namespace

QString LatexText::toPlainText(const QString &source) {
    Output out(false);
    out.text.reserve(source.size());
    Converter(source).run(out);
    return out.text;
}

QString LatexText::toHtml(const QString &source, const QStringList &highlightTerms) {
    Output out(true);
    out.text.reserve(source.size());
    Converter(source).run(out);

    const QString &text = out.text;
    const std::vector<char> mask = highlightMask(text, highlightTerms);
    QString html;
    html.reserve(text.size() + text.size() / 8 + qsizetype(out.events.size()) * 6);
    size_t ev = 0;
    bool spanOpen = false;
    // A highlight span is closed around every tag so the markup always nests properly.
    for (qsizetype pos = 0; pos <= text.size(); ++pos) {
        const bool tagHere = ev < out.events.size() && out.events[ev].pos == pos;
        const bool want = !mask.empty() && pos < text.size() && mask[size_t(pos)];
        if (spanOpen && (tagHere || !want)) {
            html.append(u"</span>");
            spanOpen = false;
        }
        for (; ev < out.events.size() && out.events[ev].pos == pos; ++ev)
            html.append(tagMarkup(out.events[ev].tag, out.events[ev].open));
        if (pos == text.size())
            break;
        if (want && !spanOpen) {
            html.append(u"<span class=\"kw\">");
            spanOpen = true;
        }
        appendEscaped(html, text[pos]);
    }
    return html;
}

} // namespace lectern
