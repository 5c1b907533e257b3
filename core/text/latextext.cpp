#include "text/latextext.h"

#include "text/cjk_p.h"

#include "text/latexconverter_p.h"

#include <algorithm>
#include <unordered_map>
#include <vector>

// The public face of the converter: runs it, then assembles HTML from the visible text and the
// tag events, escaping every visible character exactly once and adding highlight spans.

namespace lectern {

using namespace latex;

namespace {

void appendEscaped(QString &html, QStringView run) {
    qsizetype start = 0;
    for (qsizetype k = 0; k < run.size(); ++k) {
        const char16_t *entity = nullptr;
        switch (run[k].unicode()) {
        case u'&':
            entity = u"&amp;";
            break;
        case u'<':
            entity = u"&lt;";
            break;
        case u'>':
            entity = u"&gt;";
            break;
        case u'"':
            entity = u"&quot;";
            break;
        case u'\'':
            entity = u"&#39;";
            break;
        default:
            continue;
        }
        html.append(run.sliced(start, k - start)).append(QStringView(entity));
        start = k + 1;
    }
    html.append(run.sliced(start));
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

// The highlight terms as one trie over their folded characters, so the text is matched in one
// pass whatever the number of terms (one paper can carry tens of thousands of keywords).
class TermTrie {
public:
    explicit TermTrie(const QStringList &terms) {
        for (const QString &term : terms) {
            const QString t = fold(term.trimmed());
            if (!t.isEmpty())
                insert(t);
        }
    }
    bool isEmpty() const { return m_terminal.size() == 1; }
    // Length of the longest term starting at text[p], or 0.
    qsizetype longestAt(QStringView text, qsizetype p) const {
        qsizetype node = 0, longest = 0;
        for (qsizetype k = p; k < text.size(); ++k) {
            const auto it = m_edges.find(edgeKey(node, text[k]));
            if (it == m_edges.end())
                break;
            node = it->second;
            if (m_terminal[size_t(node)])
                longest = k + 1 - p;
        }
        return longest;
    }

private:
    static quint64 edgeKey(qsizetype node, QChar c) { return (quint64(node) << 16) | c.unicode(); }
    void insert(QStringView t) {
        qsizetype node = 0;
        for (const QChar c : t) {
            const auto [it, added] =
                m_edges.try_emplace(edgeKey(node, c), qsizetype(m_terminal.size()));
            if (added)
                m_terminal.push_back(false);
            node = it->second;
        }
        m_terminal[size_t(node)] = true;
    }

    std::unordered_map<quint64, qsizetype> m_edges; // (node, character) -> child node
    std::vector<bool> m_terminal{false};            // per node (0: the root): a term ends here
};

// Marks highlight matches on the visible text. A term that starts with a word character must
// start at a word boundary; its end is free, so terms match as word prefixes ("sparse" marks
// the first six letters of "sparsely" but nothing in "nonsparse"). Chinese, Japanese and
// Korean have no spaces: a term in them matches anywhere.
std::vector<char> highlightMask(const QString &text, const QStringList &terms) {
    std::vector<char> mask;
    if (terms.isEmpty())
        return mask;
    const TermTrie trie(terms);
    if (trie.isEmpty())
        return mask;
    const QString folded = fold(text);
    for (qsizetype p = 0; p < folded.size(); ++p) {
        const QChar c = folded[p];
        if (p > 0 && isWordChar(c) && !isCjk(c) && isWordChar(folded[p - 1]))
            continue; // inside a word: no term starting with a word character may start here
        const qsizetype n = trie.longestAt(folded, p);
        if (n == 0)
            continue;
        if (mask.empty())
            mask.assign(size_t(text.size()), 0);
        std::fill(mask.begin() + p, mask.begin() + p + n, 1);
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
    // Walk the text in segments that carry no tag and no highlight change, escaping each
    // segment in bulk. A highlight span is closed around every tag so the markup nests.
    for (qsizetype pos = 0;;) {
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
        qsizetype end = ev < out.events.size() ? out.events[ev].pos : text.size();
        if (!mask.empty()) {
            qsizetype k = pos + 1;
            while (k < end && mask[size_t(k)] == mask[size_t(pos)])
                ++k;
            end = k;
        }
        appendEscaped(html, QStringView(text).sliced(pos, end - pos));
        pos = end;
    }
    return html;
}

} // namespace lectern
