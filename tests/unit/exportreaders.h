#pragma once

// Strict readers for what the exporter writes: BibTeX (brace balance, unique keys, required
// fields, no unescaped LaTeX specials) and CSV (RFC 4180). Each reports the first problem.
#include <QHash>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

namespace lectern::test {

struct BibEntry {
    QString type, key;
    QHash<QString, QString> fields; // name (lowercase) -> value without the outer braces
};

class StrictBibReader {
public:
    // nullopt-like: false with error() set on the first problem.
    bool read(const QString &text, QList<BibEntry> *out) {
        m_s = text;
        m_i = 0;
        QSet<QString> keys;
        for (skipSpace(); m_i < m_s.size(); skipSpace()) {
            BibEntry e;
            if (!entry(&e))
                return false;
            if (keys.contains(e.key))
                return fail(QStringLiteral("duplicate key ") + e.key);
            keys << e.key;
            for (const char *f : {"title", "author"}) {
                if (!e.fields.contains(QLatin1String(f)))
                    return fail(e.key + QStringLiteral(": no ") + QLatin1String(f));
            }
            *out << e;
        }
        return true;
    }
    QString error() const { return m_error; }

    // The value has only escaped specials: \% \& \$ \# \_ or \command{} and balanced braces.
    static QString checkValue(const QString &v, bool url) {
        int depth = 0;
        for (qsizetype i = 0; i < v.size(); ++i) {
            const QChar c = v.at(i);
            if (c == u'{')
                ++depth;
            else if (c == u'}' && --depth < 0)
                return QStringLiteral("unbalanced } in ") + v;
            else if (c == u'\\') {
                if (url)
                    return QStringLiteral("backslash in url ") + v;
                if (i + 1 < v.size() && QStringLiteral("%&$#_").contains(v.at(i + 1))) {
                    ++i;
                    continue;
                }
                qsizetype j = i + 1;
                while (j < v.size() && v.at(j).isLetter() && v.at(j).unicode() < 0x80)
                    ++j;
                if (j == i + 1)
                    return QStringLiteral("bad escape in ") + v;
                i = j - 1;
            } else if (!url && QStringLiteral("%&$#_^~").contains(c)) {
                return QStringLiteral("unescaped ") + c + QStringLiteral(" in ") + v;
            }
        }
        return depth == 0 ? QString() : QStringLiteral("unbalanced { in ") + v;
    }

private:
    bool fail(const QString &e) {
        m_error = e + QStringLiteral(" (at offset ") + QString::number(m_i) + u')';
        return false;
    }
    void skipSpace() {
        while (m_i < m_s.size() && m_s.at(m_i).isSpace())
            ++m_i;
    }
    QString word() {
        const qsizetype start = m_i;
        while (m_i < m_s.size() && (m_s.at(m_i).isLetterOrNumber() || m_s.at(m_i) == u'_' ||
                                    m_s.at(m_i) == u':' || m_s.at(m_i) == u'-'))
            ++m_i;
        return m_s.mid(start, m_i - start);
    }
    bool expect(QChar c) {
        skipSpace();
        if (m_i >= m_s.size() || m_s.at(m_i) != c)
            return fail(QStringLiteral("expected ") + c);
        ++m_i;
        return true;
    }
    bool braced(QString *value) {
        int depth = 1;
        const qsizetype start = m_i;
        for (; m_i < m_s.size() && depth > 0; ++m_i) {
            if (m_s.at(m_i) == u'{')
                ++depth;
            else if (m_s.at(m_i) == u'}')
                --depth;
        }
        if (depth != 0)
            return fail(QStringLiteral("unbalanced braces"));
        *value = m_s.mid(start, m_i - start - 1);
        return true;
    }
    bool field(BibEntry *e) {
        skipSpace();
        const QString name = word().toLower();
        if (name.isEmpty())
            return fail(QStringLiteral("expected a field name"));
        if (e->fields.contains(name))
            return fail(QStringLiteral("field twice: ") + name);
        if (!expect(u'='))
            return false;
        skipSpace();
        QString value;
        if (m_i < m_s.size() && m_s.at(m_i) == u'{') {
            ++m_i;
            if (!braced(&value))
                return false;
            const QString problem = checkValue(value, name == QLatin1String("url"));
            if (!problem.isEmpty())
                return fail(e->key + QStringLiteral(": ") + problem);
        } else {
            value = word();
            if (value.isEmpty())
                return fail(QStringLiteral("expected a value"));
        }
        e->fields.insert(name, value);
        return true;
    }
    bool entry(BibEntry *e) {
        if (!expect(u'@'))
            return false;
        e->type = word().toLower();
        if (!expect(u'{'))
            return false;
        skipSpace();
        e->key = word();
        if (e->key.isEmpty() || !expect(u','))
            return fail(QStringLiteral("expected a key"));
        for (;;) {
            if (!field(e))
                return false;
            skipSpace();
            if (m_i < m_s.size() && m_s.at(m_i) == u'}') {
                ++m_i;
                return true;
            }
            if (!expect(u','))
                return false;
        }
    }

    QString m_s, m_error;
    qsizetype m_i = 0;
};

// RFC 4180: CRLF records, fields quoted when they hold , " CR or LF, quotes doubled. Strict:
// a bare CR or LF outside quotes, a quote inside an unquoted field or text after a closing
// quote is an error.
inline bool parseCsv(const QString &text, QList<QStringList> *rows, QString *error) {
    QStringList row;
    QString field;
    bool quoted = false, afterQuote = false, any = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (quoted) {
            if (c != u'"') {
                field += c;
            } else if (i + 1 < text.size() && text.at(i + 1) == u'"') {
                field += c;
                ++i;
            } else {
                quoted = false;
                afterQuote = true;
            }
        } else if (c == u',') {
            row << field;
            field.clear();
            afterQuote = false;
        } else if (c == u'\r' && i + 1 < text.size() && text.at(i + 1) == u'\n') {
            row << field;
            *rows << row;
            row.clear();
            field.clear();
            afterQuote = false;
            ++i;
        } else if (afterQuote || c == u'\r' || c == u'\n' || (c == u'"' && !field.isEmpty())) {
            *error = QStringLiteral("bad character at offset ") + QString::number(i);
            return false;
        } else if (c == u'"') {
            quoted = true;
        } else {
            field += c;
        }
        any = true;
    }
    if (quoted || !row.isEmpty() || !field.isEmpty()) {
        *error = QStringLiteral("the last record does not end in CRLF");
        return false;
    }
    return any;
}

} // namespace lectern::test
