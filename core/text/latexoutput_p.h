#pragma once

// Private to the LaTeX converter: the sink it writes to. Plain mode keeps only the text;
// HTML mode also records tags as events at text positions, so highlighting can work on the
// visible text and escaping happens once, when the HTML is assembled (latextext.cpp).

#include "text/latexsymbols_p.h"

#include <QString>

#include <vector>

namespace lectern::latex {

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

} // namespace lectern::latex
