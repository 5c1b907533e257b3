#include "textscan_p.h"

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
    const char *start = m_pos;
    const char *p = start;
    // memchr for '\n' is fast; a lone '\r' before it ends the line earlier.
    const char *nl = static_cast<const char *>(std::memchr(p, '\n', size_t(m_end - p)));
    const char *stop = nl ? nl : m_end;
    const char *cr = static_cast<const char *>(std::memchr(p, '\r', size_t(stop - p)));
    ++m_number;
    if (cr && cr + 1 != nl) { // lone CR (old Mac) line end
        line = QByteArrayView(start, cr - start);
        m_pos = cr + 1;
        return true;
    }
    if (cr) { // CRLF
        line = QByteArrayView(start, cr - start);
        m_pos = nl + 1;
        return true;
    }
    line = QByteArrayView(start, stop - start);
    m_pos = nl ? nl + 1 : m_end;
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

static void addKeyword(const QString &word, const QString &hint, QStringList *keywords,
                       QStringList *hints) {
    const QString k = word.simplified().toLower();
    if (k.isEmpty())
        return;
    const qsizetype existing = keywords->indexOf(k);
    if (existing >= 0) {
        if ((*hints)[existing].isEmpty() && !hint.isEmpty())
            (*hints)[existing] = hint;
        return;
    }
    keywords->append(k);
    hints->append(hint);
}

void collectBoldKeywords(const QString &text, QStringList *keywords, QStringList *hints) {
    const QLatin1StringView marker("**");
    qsizetype from = 0;
    while (true) {
        const qsizetype open = text.indexOf(marker, from);
        if (open < 0)
            return;
        const qsizetype close = text.indexOf(marker, open + 2);
        if (close < 0)
            return;
        if (close > open + 2)
            addKeyword(text.sliced(open + 2, close - open - 2), QString(), keywords, hints);
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
    QByteArray joined = parts.join(' ');
    *label = QString::fromUtf8(joined).simplified();
    return !label->isEmpty();
}

int rewriteBadges(QByteArray *text, QStringList *keywords, QStringList *hints) {
    if (!text->contains("![")) // fast path: most abstracts have no images
        return 0;
    QByteArray out;
    out.reserve(text->size());
    int count = 0;
    qsizetype pos = 0;
    while (true) {
        const qsizetype img = text->indexOf("![", pos);
        if (img < 0)
            break;
        const qsizetype mid = text->indexOf("](", img + 2);
        const qsizetype end = mid < 0 ? -1 : text->indexOf(')', mid + 2);
        QString label, colour;
        const qsizetype nl = text->indexOf('\n', img);
        if (mid < 0 || end < 0 || (nl >= 0 && nl < end) ||
            !parseBadgeUrl(QByteArrayView(*text).sliced(mid + 2, end - mid - 2), &label, &colour)) {
            out += QByteArrayView(*text).sliced(pos, img + 2 - pos);
            pos = img + 2;
            continue;
        }
        out += QByteArrayView(*text).sliced(pos, img - pos);
        out += "**" + label.toUtf8() + "**";
        addKeyword(label, colour, keywords, hints);
        ++count;
        pos = end + 1;
    }
    out += QByteArrayView(*text).sliced(pos);
    *text = std::move(out);
    return count;
}

} // namespace lectern::scan
