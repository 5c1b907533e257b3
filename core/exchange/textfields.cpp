#include "exchange/textfields.h"

#include <QDate>

namespace lectern::textfields {

QString simplified(const QString &text) {
    bool simple = true;
    QChar previous = u' '; // a leading space is not simple
    for (QChar c : text) {
        if ((c.isSpace() && (c != u' ' || previous == u' '))) {
            simple = false;
            break;
        }
        previous = c;
    }
    if (simple && previous != u' ')
        return text;
    return text.isEmpty() ? text : text.simplified();
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
