#include "terminaltext.h"

namespace lectern::cli {

namespace {

bool isControl(char16_t c) {
    return c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f);
}

bool keeps(QStringView text, qsizetype i) {
    const char16_t c = text.at(i).unicode();
    return c == u'\n' || c == u'\t' ||
           (c == u'\r' && i + 1 < text.size() && text.at(i + 1) == u'\n');
}

QString escaped(char16_t c) {
    const QString hex = QString::number(c, 16).rightJustified(2, QLatin1Char('0'));
    return (c < 0x80 ? QStringLiteral("\\x") : QStringLiteral("\\u00")) + hex;
}

} // namespace

QString TerminalText::visible(QStringView text) {
    QString out;
    out.reserve(text.size());
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char16_t c = text.at(i).unicode();
        if (isControl(c) && !keeps(text, i))
            out += escaped(c);
        else
            out += text.at(i);
    }
    return out;
}

QByteArray TerminalText::jsonSafe(const QByteArray &json) {
    QByteArray out;
    out.reserve(json.size());
    for (qsizetype i = 0; i < json.size(); ++i) {
        const auto b = uchar(json.at(i));
        const bool c1 = b == 0xc2 && i + 1 < json.size() && uchar(json.at(i + 1)) >= 0x80 &&
                        uchar(json.at(i + 1)) <= 0x9f;
        if (b == 0x7f || c1) {
            const uchar code = c1 ? uchar(json.at(++i)) : b;
            out += "\\u00" + QByteArray::number(code, 16).rightJustified(2, '0');
        } else {
            out += char(b);
        }
    }
    return out;
}

} // namespace lectern::cli
