#include "parse/textscan_p.h"

#include <QStringList>
#include <QUrl>

#include <cstring>

namespace lectern::scan {

LineReader::LineReader(QByteArrayView data)
    : m_pos(data.data())
    , m_end(data.data() + data.size()) {}

bool LineReader::next(QByteArrayView &line) {
    if (m_pos >= m_end)
        return false;
    // The next '\n' and '\r' are cached, so a file with only one kind of line end (CR-only
    // files have no '\n' at all) is still scanned once, not once per line.
    auto find = [this](const char *cached, char c) {
        if (cached && cached >= m_pos)
            return cached;
        const void *hit = std::memchr(m_pos, c, size_t(m_end - m_pos));
        return hit ? static_cast<const char *>(hit) : m_end;
    };
    m_nextLf = find(m_nextLf, '\n');
    m_nextCr = find(m_nextCr, '\r');
    const char *start = m_pos;
    ++m_number;
    if (m_nextCr < m_nextLf) {
        line = QByteArrayView(start, m_nextCr - start);
        m_pos = m_nextCr + 1;
        if (m_pos == m_nextLf) // CRLF
            ++m_pos;
        return true;
    }
    line = QByteArrayView(start, m_nextLf - start);
    m_pos = m_nextLf < m_end ? m_nextLf + 1 : m_end;
    return true;
}

QByteArrayView trimmedRight(QByteArrayView v) {
    qsizetype n = v.size();
    while (n > 0 && isSpace(v[n - 1]))
        --n;
    return v.first(n);
}

QByteArrayView trimmed(QByteArrayView v) {
    qsizetype b = 0;
    while (b < v.size() && isSpace(v[b]))
        ++b;
    return trimmedRight(v.sliced(b));
}

bool startsWith(QByteArrayView v, QByteArrayView prefix) {
    return v.size() >= prefix.size() &&
           std::memcmp(v.data(), prefix.data(), size_t(prefix.size())) == 0;
}

bool startsWithNoCase(QByteArrayView v, QByteArrayView prefix) {
    if (v.size() < prefix.size())
        return false;
    for (qsizetype i = 0; i < prefix.size(); ++i) {
        char a = v[i], b = prefix[i];
        if (a >= 'A' && a <= 'Z')
            a = char(a - 'A' + 'a');
        if (b >= 'A' && b <= 'Z')
            b = char(b - 'A' + 'a');
        if (a != b)
            return false;
    }
    return true;
}

namespace {

// 1: a control byte; 2: 0xC2, which starts a C1 control when 0x80-0x9F follows.
struct ControlTable {
    unsigned char kind[256] = {};
    constexpr ControlTable() {
        for (int c = 1; c < 0x20; ++c)
            kind[c] = (c == '\t' || c == '\n' || c == '\r') ? 0 : 1;
        kind[0x7F] = 1;
        kind[0xC2] = 2;
    }
};
constexpr ControlTable kControls;

// Length of the control character at v[i] (1, or 2 for C1), or 0.
qsizetype controlAt(QByteArrayView v, qsizetype i) {
    switch (kControls.kind[static_cast<unsigned char>(v[i])]) {
    case 1:
        return 1;
    case 2:
        return i + 1 < v.size() && (static_cast<unsigned char>(v[i + 1]) & 0xE0) == 0x80 ? 2 : 0;
    default:
        return 0;
    }
}

} // namespace

qsizetype findControl(QByteArrayView v) {
    for (qsizetype i = 0; i < v.size(); ++i)
        if (kControls.kind[static_cast<unsigned char>(v[i])] && controlAt(v, i))
            return i;
    return -1;
}

QByteArray withoutControls(QByteArrayView v) {
    QByteArray out;
    out.reserve(v.size());
    qsizetype start = 0;
    for (qsizetype i = 0; i < v.size(); ++i) {
        const qsizetype n = kControls.kind[static_cast<unsigned char>(v[i])] ? controlAt(v, i) : 0;
        if (n == 0)
            continue;
        out.append(v.sliced(start, i - start));
        i += n - 1;
        start = i + 1;
    }
    out.append(v.sliced(start));
    return out;
}

int lineAt(QByteArrayView v, qsizetype offset) {
    int line = 1;
    for (qsizetype i = 0; i < offset; ++i)
        line += v[i] == '\n' || (v[i] == '\r' && (i + 1 >= v.size() || v[i + 1] != '\n'));
    return line;
}

bool isValidUtf8(QByteArrayView v) {
    const auto *p = reinterpret_cast<const unsigned char *>(v.data());
    const auto *end = p + v.size();
    while (p < end) {
        // Skip ASCII eight bytes at a time.
        while (end - p >= 8) {
            quint64 w;
            std::memcpy(&w, p, 8);
            if (w & 0x8080808080808080ULL)
                break;
            p += 8;
        }
        if (p >= end)
            break;
        const unsigned char c = *p;
        if (c < 0x80) {
            ++p;
            continue;
        }
        int n;
        unsigned int cp;
        if (c >= 0xC2 && c <= 0xDF) {
            n = 1;
            cp = c & 0x1F;
        } else if (c >= 0xE0 && c <= 0xEF) {
            n = 2;
            cp = c & 0x0F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            n = 3;
            cp = c & 0x07;
        } else {
            return false;
        }
        if (end - p <= n)
            return false;
        for (int i = 1; i <= n; ++i) {
            if ((p[i] & 0xC0) != 0x80)
                return false;
            cp = (cp << 6) | (p[i] & 0x3F);
        }
        if ((n == 2 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
            (n == 3 && (cp < 0x10000 || cp > 0x10FFFF)))
            return false;
        p += n + 1;
    }
    return true;
}

static bool isDigit(char c) {
    return c >= '0' && c <= '9';
}

bool parseIsoDate(QByteArrayView v, QDate *date) {
    v = trimmed(v);
    if (v.size() != 10 || v[4] != '-' || v[7] != '-')
        return false;
    for (int i : {0, 1, 2, 3, 5, 6, 8, 9})
        if (!isDigit(v[i]))
            return false;
    auto num = [&](int from, int len) {
        int n = 0;
        for (int i = from; i < from + len; ++i)
            n = n * 10 + (v[i] - '0');
        return n;
    };
    *date = QDate(num(0, 4), num(5, 2), num(8, 2)); // null when not a calendar date
    return true;
}

QDate findIsoDate(const QString &s) {
    const QByteArray b = s.toUtf8();
    for (qsizetype i = 0; i + 10 <= b.size(); ++i) {
        QDate d;
        if (isDigit(b[i]) && (i == 0 || !isDigit(b[i - 1])) &&
            (i + 10 == b.size() || !isDigit(b[i + 10])) &&
            parseIsoDate(QByteArrayView(b).sliced(i, 10), &d) && d.isValid())
            return d;
    }
    return {};
}

static bool isNewStyleId(QByteArrayView id) {
    // YYMM.NNNN or YYMM.NNNNN
    if (id.size() < 9 || id.size() > 10 || id[4] != '.')
        return false;
    for (qsizetype i = 0; i < id.size(); ++i)
        if (i != 4 && !isDigit(id[i]))
            return false;
    return true;
}

static bool isOldStyleId(QByteArrayView id) {
    // archive(.SC)/YYMMNNN, e.g. hep-th/9901001, math.AG/0309136
    const qsizetype slash = id.indexOf('/');
    if (slash <= 0 || id.size() - slash - 1 != 7)
        return false;
    for (qsizetype i = 0; i < slash; ++i) {
        const char c = id[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-' || c == '.'))
            return false;
    }
    for (qsizetype i = slash + 1; i < id.size(); ++i)
        if (!isDigit(id[i]))
            return false;
    return true;
}

ArxivLink parseArxivLink(QByteArrayView v) {
    v = trimmed(v);
    // Markdown link "[text](url)": the target is the link.
    if (startsWith(v, "[")) {
        const qsizetype close = v.indexOf("](");
        if (close > 0 && v.endsWith(')'))
            v = trimmed(v.sliced(close + 2, v.size() - close - 3));
        else if (close < 0 && v.endsWith(']'))
            v = trimmed(v.sliced(1, v.size() - 2));
    }
    if (startsWith(v, "<") && v.endsWith('>'))
        v = v.sliced(1, v.size() - 2);
    ArxivLink link;
    link.url = QString::fromUtf8(v);
    qsizetype at = v.indexOf("arxiv.org/abs/");
    qsizetype skip = 14;
    if (at < 0) {
        at = v.indexOf("arxiv.org/pdf/");
    }
    if (at < 0)
        return link;
    QByteArrayView rest = v.sliced(at + skip);
    qsizetype stop = 0;
    while (stop < rest.size() && !isSpace(rest[stop]) && rest[stop] != '?' && rest[stop] != '#' &&
           rest[stop] != ')')
        ++stop;
    QByteArrayView id = rest.first(stop);
    while (!id.isEmpty() && (id.back() == '.' || id.back() == ',' || id.back() == ';' ||
                             id.back() == ':' || id.back() == '>'))
        id.chop(1); // sentence punctuation after a bare link
    if (id.endsWith(".pdf"))
        id.chop(4);
    while (id.endsWith('/'))
        id.chop(1);
    // Trailing version "vN".
    qsizetype vpos = id.size();
    while (vpos > 0 && isDigit(id[vpos - 1]))
        --vpos;
    int version = 0;
    if (vpos > 0 && vpos < id.size() && id[vpos - 1] == 'v') {
        for (qsizetype i = vpos; i < id.size() && version < 100000; ++i)
            version = version * 10 + (id[i] - '0');
        id = id.first(vpos - 1);
    }
    if (isNewStyleId(id) || isOldStyleId(id)) {
        link.id = QString::fromLatin1(id);
        link.version = version;
    }
    return link;
}

KeywordCollector::KeywordCollector(QStringList *keywords, QStringList *hints)
    : m_keywords(keywords)
    , m_hints(hints) {
    for (qsizetype i = 0; i < keywords->size(); ++i)
        m_index.insert(keywords->at(i), i);
}

void KeywordCollector::add(const QString &word, const QString &hint) {
    QString k = word.simplified().toLower();
    qsizetype b = 0, e = k.size();
    while (b < e && (k[b] == u'*' || k[b] == u'_'))
        ++b;
    while (e > b && (k[e - 1] == u'*' || k[e - 1] == u'_'))
        --e;
    if (b > 0 || e < k.size())
        k = k.mid(b, e - b).trimmed();
    if (k.isEmpty())
        return;
    const auto found = m_index.constFind(k);
    if (found != m_index.constEnd()) {
        if ((*m_hints)[*found].isEmpty() && !hint.isEmpty())
            (*m_hints)[*found] = hint;
        return;
    }
    m_index.insert(k, m_keywords->size());
    m_keywords->append(k);
    m_hints->append(hint);
}

// Over the UTF-8 bytes, before the text is decoded: "*" is one byte in UTF-8 and never part of
// a longer sequence, so the words are those of the decoded text, found for a fraction of the
// cost of a UTF-16 substring search (only the words are decoded).
void collectBoldKeywords(QByteArrayView text, KeywordCollector *keywords) {
    qsizetype from = 0;
    while (true) {
        const qsizetype open = text.indexOf("**", from);
        if (open < 0)
            return;
        qsizetype close = text.indexOf("**", open + 2);
        if (close < 0)
            return;
        while (close + 2 < text.size() && text[close + 2] == '*') // "***bold italic***"
            ++close;
        if (close > open + 2)
            keywords->add(QString::fromUtf8(text.sliced(open + 2, close - open - 2)));
        from = close + 2;
    }
}

static int hexValue(char c) {
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

bool parseBadgeUrl(QByteArrayView url, QString *label, QString *colour) {
    url = trimmed(url);
    const qsizetype at = url.indexOf("img.shields.io/badge/");
    if (at < 0)
        return false;
    QByteArrayView path = url.sliced(at + 21);
    const qsizetype q = path.indexOf('?');
    if (q >= 0)
        path = path.first(q);
    // Split on single '-' (a "--" is an escaped dash).
    QList<QByteArray> parts{QByteArray()};
    for (qsizetype i = 0; i < path.size(); ++i) {
        const char c = path[i];
        if (c == '-') {
            if (i + 1 < path.size() && path[i + 1] == '-') {
                parts.last() += '-';
                ++i;
            } else {
                parts.append(QByteArray());
            }
        } else if (c == '_') {
            if (i + 1 < path.size() && path[i + 1] == '_') {
                parts.last() += '_';
                ++i;
            } else {
                parts.last() += ' ';
            }
        } else if (c == '%' && i + 2 < path.size() && hexValue(path[i + 1]) >= 0 &&
                   hexValue(path[i + 2]) >= 0) {
            parts.last() += char(hexValue(path[i + 1]) * 16 + hexValue(path[i + 2]));
            i += 2;
        } else {
            parts.last() += c;
        }
    }
    if (parts.size() >= 2) {
        *colour = QString::fromUtf8(parts.takeLast()).trimmed();
    } else {
        colour->clear();
    }
    QByteArray joined = parts.join('-');
    *label = QString::fromUtf8(joined).simplified();
    return !label->isEmpty();
}

namespace {

// One "![alt](url)" at text[pos]: its end (one past ')') and the URL, when the alt text and the
// URL are short and on one line. Bounded look-ahead keeps a file full of "![" linear.
bool matchImage(QByteArrayView text, qsizetype pos, qsizetype *end, QByteArrayView *url) {
    constexpr qsizetype kMaxAlt = 200, kMaxUrl = 600;
    if (!text.sliced(pos).startsWith("!["))
        return false;
    const QByteArrayView altWindow = text.sliced(pos + 2, qMin(kMaxAlt, text.size() - pos - 2));
    const qsizetype mid = altWindow.indexOf("](");
    if (mid < 0 || altWindow.first(mid).contains('\n'))
        return false;
    const qsizetype urlStart = pos + 2 + mid + 2;
    const QByteArrayView urlWindow = text.sliced(urlStart, qMin(kMaxUrl, text.size() - urlStart));
    const qsizetype close = urlWindow.indexOf(')');
    if (close < 0 || urlWindow.first(close).contains('\n'))
        return false;
    *url = urlWindow.first(close);
    *end = urlStart + close + 1;
    return true;
}

} // namespace

int rewriteBadges(QByteArray *text, KeywordCollector *keywords) {
    if (!text->contains("![")) // fast path: most abstracts have no images
        return 0;
    const QByteArray in = std::move(*text);
    QByteArray out;
    out.reserve(in.size());
    int count = 0;
    qsizetype pos = 0;
    while (true) {
        const qsizetype img = in.indexOf("![", pos);
        if (img < 0)
            break;
        qsizetype end = 0;
        QByteArrayView url;
        QString label, colour;
        if (!matchImage(in, img, &end, &url) || !parseBadgeUrl(url, &label, &colour)) {
            out += QByteArrayView(in).sliced(pos, img + 2 - pos);
            pos = img + 2;
            continue;
        }
        out += QByteArrayView(in).sliced(pos, img - pos);
        out += "**" + label.toUtf8() + "**";
        keywords->add(label, colour);
        ++count;
        pos = end;
    }
    out += QByteArrayView(in).sliced(pos);
    *text = std::move(out);
    return count;
}

bool isBadgeOnlyLine(QByteArrayView t) {
    qsizetype pos = 0;
    int badges = 0;
    while (pos < t.size()) {
        if (isSpace(t[pos])) {
            ++pos;
            continue;
        }
        qsizetype end = 0;
        QByteArrayView url;
        QString label, colour;
        if (!matchImage(t, pos, &end, &url) || !parseBadgeUrl(url, &label, &colour))
            return false;
        ++badges;
        pos = end;
    }
    return badges > 0;
}

} // namespace lectern::scan
