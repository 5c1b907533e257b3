#include "text/asciispelling.h"

namespace lectern {

QLatin1StringView asciiSpelling(QChar c) {
    switch (c.unicode()) {
    case 0x00DF: // ß
        return QLatin1StringView("ss");
    case 0x00D8: // Ø
    case 0x00F8: // ø
        return QLatin1StringView("o");
    case 0x00C6: // Æ
    case 0x00E6: // æ
        return QLatin1StringView("ae");
    case 0x0152: // Œ
    case 0x0153: // œ
        return QLatin1StringView("oe");
    case 0x0141: // Ł
    case 0x0142: // ł
        return QLatin1StringView("l");
    case 0x0110: // Đ
    case 0x0111: // đ
    case 0x00D0: // Ð
    case 0x00F0: // ð
        return QLatin1StringView("d");
    case 0x00DE: // Þ
    case 0x00FE: // þ
        return QLatin1StringView("th");
    case 0x0131: // dotless ı
        return QLatin1StringView("i");
    default:
        return {};
    }
}

} // namespace lectern
