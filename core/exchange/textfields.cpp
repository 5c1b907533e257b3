#include "exchange/textfields.h"

#include <QDate>

#include <algorithm>

namespace lectern::textfields {

namespace {

inline bool isSpace(char16_t c) {
    if (c < 0x80) [[likely]]
        return c == u' ' || (c >= u'\t' && c <= u'\r');
    return QChar::isSpace(c);
}

} // namespace

// One pass to find the first place that is not simple; from there one pass that writes the
// simplified text into a buffer of the same size (QString::simplified() itself scans and copies
// every time).
QString simplified(const QString &text) {
    const auto *b = reinterpret_cast<const char16_t *>(text.constData());
    const qsizetype n = text.size();
    qsizetype i = 0;
    for (; i < n; ++i) {
        const char16_t c = b[i];
        if (isSpace(c) && (c != u' ' || i == 0 || i + 1 == n || isSpace(b[i + 1])))
            break;
    }
    if (i == n)
        return text;
    QString out(n, Qt::Uninitialized);
    auto *d = reinterpret_cast<char16_t *>(out.data());
    std::copy(b, b + i, d);
    qsizetype len = i;
    bool pendingSpace = false;
    for (; i < n; ++i) {
        const char16_t c = b[i];
        if (isSpace(c)) {
            pendingSpace = len > 0;
            continue;
        }
        if (pendingSpace)
            d[len++] = u' ';
        pendingSpace = false;
        d[len++] = c;
    }
    out.truncate(len);
    return out;
}

QString dateText(const QDate &date, QChar separator) {
    if (!date.isValid())
        return {};
    QString out;
    out.reserve(10);
    const auto two = [&out](int n) {
        out += QChar(u'0' + n / 10);
        out += QChar(u'0' + n % 10);
    };
    out += QString::number(date.year()).rightJustified(4, u'0');
    out += separator;
    two(date.month());
    out += separator;
    two(date.day());
    return out;
}

} // namespace lectern::textfields
