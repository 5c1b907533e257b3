#include "exchange/jsonwriter.h"

namespace lectern {

namespace {

// JSON text written directly (QJsonDocument builds a tree per paper and took most of the
// export's time). The keys come in sorted order, as QJsonObject wrote them; strings are
// escaped as QJsonDocument escapes them (", \, control characters), the rest stays UTF-8.
class JsonOut {
public:
    explicit JsonOut(QByteArray *out)
        : m_out(out) {}

    JsonOut &key(const char *name) {
        m_out->append(m_first ? "\"" : ",\"");
        m_first = false;
        m_out->append(name);
        m_out->append("\":");
        return *this;
    }
    void string(const QString &s) {
        const QByteArray utf8 = s.toUtf8();
        m_out->append('"');
        qsizetype from = 0;
        for (qsizetype i = 0; i < utf8.size(); ++i) {
            const auto c = static_cast<unsigned char>(utf8.at(i));
            if (c >= 0x20 && c != '"' && c != '\\')
                continue;
            m_out->append(utf8.constData() + from, i - from);
            escaped(char(c));
            from = i + 1;
        }
        m_out->append(utf8.constData() + from, utf8.size() - from);
        m_out->append('"');
    }
    void stringOrNull(const QString &s) { s.isEmpty() ? null() : string(s); }
    void null() { m_out->append("null"); }
    void boolean(bool b) { m_out->append(b ? "true" : "false"); }
    void number(int n) { m_out->append(QByteArray::number(n)); }
    void strings(const QStringList &list) {
        m_out->append('[');
        for (qsizetype i = 0; i < list.size(); ++i) {
            if (i)
                m_out->append(',');
            string(list.at(i));
        }
        m_out->append(']');
    }
    void time(const QDateTime &t) {
        t.isValid() ? string(t.toUTC().toString(Qt::ISODateWithMs)) : null();
    }
    void date(const QDate &d) { d.isValid() ? string(d.toString(Qt::ISODate)) : null(); }
    void dates(const QList<QDate> &list) {
        QStringList text;
        for (const QDate &d : list)
            text << d.toString(Qt::ISODate);
        strings(text);
    }

private:
    void escaped(char c) {
        switch (c) {
        case '"':
            m_out->append("\\\"");
            return;
        case '\\':
            m_out->append("\\\\");
            return;
        case '\b':
            m_out->append("\\b");
            return;
        case '\f':
            m_out->append("\\f");
            return;
        case '\n':
            m_out->append("\\n");
            return;
        case '\r':
            m_out->append("\\r");
            return;
        case '\t':
            m_out->append("\\t");
            return;
        default:
            break;
        }
        if (static_cast<unsigned char>(c) < 0x20) {
            static const char hex[] = "0123456789abcdef";
            m_out->append("\\u00");
            m_out->append(hex[(c >> 4) & 0xf]);
            m_out->append(hex[c & 0xf]);
            return;
        }
        m_out->append(c);
    }

    QByteArray *m_out;
    bool m_first = true;
};

} // namespace

QByteArray JsonWriter::object(const LibraryPaper &lp) const {
    const Paper &p = lp.paper;
    const bool notes = options().includeNotes;
    QByteArray text;
    text.reserve(512 + 2 * (p.abstract.size() + lp.note.size()));
    text += '{';
    JsonOut o(&text);
    o.key("abstract").string(p.abstract);
    o.key("arxiv_id").stringOrNull(p.arxivId);
    o.key("authors").strings(p.authors);
    o.key("date").date(p.date);
    o.key("digests").dates(lp.digests);
    o.key("first_seen").time(lp.firstSeen);
    o.key("keyword_hints").strings(p.keywordHints);
    o.key("keywords").strings(p.keywords);
    o.key("last_seen").time(lp.lastSeen);
    if (notes) {
        o.key("note").stringOrNull(lp.note);
        o.key("note_at").time(lp.noteAt);
    }
    o.key("read").boolean(lp.read);
    o.key("read_at").time(lp.readAt);
    o.key("starred").boolean(lp.starred);
    o.key("starred_at").time(lp.starredAt);
    o.key("summary").stringOrNull(p.summary);
    o.key("tags").strings(lp.tags);
    o.key("title").string(p.title);
    o.key("title_text").string(plainTitle(lp));
    o.key("url").stringOrNull(p.url);
    o.key("version").number(p.version);
    text += '}';
    return text;
}

QByteArray JsonWriter::begin() {
    return QByteArrayLiteral(
        "{\n\"format\": \"lectern-export\",\n\"version\": 1,\n\"papers\": [\n");
}

QByteArray JsonWriter::format(const LibraryPaper &lp) const {
    return object(lp);
}

void JsonWriter::settle(QByteArray *text) {
    if (!m_first)
        text->prepend(",\n");
    m_first = false;
}

QByteArray JsonWriter::end() {
    return m_first ? QByteArrayLiteral("]\n}\n") : QByteArrayLiteral("\n]\n}\n");
}

} // namespace lectern
