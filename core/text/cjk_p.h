#pragma once

// Chinese, Japanese and Korean script detection, shared by search (substring matching) and
// highlighting: these scripts are written without spaces between words. Private to core/.

#include <QChar>
#include <QStringView>

namespace lectern {

// Kana, CJK ideographs (with extension A and compatibility ideographs) and Hangul syllables.
inline bool isCjk(QChar c) {
    const char16_t u = c.unicode();
    return (u >= 0x3040 && u <= 0x30FF) || (u >= 0x3400 && u <= 0x4DBF) ||
           (u >= 0x4E00 && u <= 0x9FFF) || (u >= 0xAC00 && u <= 0xD7AF) ||
           (u >= 0xF900 && u <= 0xFAFF);
}

inline bool containsCjk(QStringView s) {
    for (const QChar c : s)
        if (isCjk(c))
            return true;
    return false;
}

} // namespace lectern
