#pragma once

// Chinese, Japanese and Korean script detection, shared by search (substring matching) and
// highlighting: these scripts are written without spaces between words. Private to core/.

#include <QChar>
#include <QStringView>

namespace lectern {

// Kana, CJK ideographs (with extension A and compatibility ideographs) and Hangul syllables,
// first and last of each range. The library's cjk_papers (store/schema.cpp) lists the papers
// with a character of these ranges, so both read this one table.
struct CjkRange {
    char16_t first;
    char16_t last;
};
inline constexpr CjkRange kCjkRanges[] = {
    {0x3040, 0x30FF}, {0x3400, 0x4DBF}, {0x4E00, 0x9FFF}, {0xAC00, 0xD7AF}, {0xF900, 0xFAFF}};

inline bool isCjk(QChar c) {
    const char16_t u = c.unicode();
    for (const CjkRange &r : kCjkRanges)
        if (u >= r.first && u <= r.last)
            return true;
    return false;
}

inline bool containsCjk(QStringView s) {
    for (const QChar c : s)
        if (isCjk(c))
            return true;
    return false;
}

} // namespace lectern
