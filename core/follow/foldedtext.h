#pragma once

#include <QString>
#include <QStringList>

namespace lectern {

// Text compared without case or accents: "Łukasz" and "lukasz", "Schölkopf" and "Scholkopf"
// are the same. Words are runs of letters and digits; everything else separates them.
class FoldedText {
public:
    // Lowercased, accents removed (NFKD without combining marks), letters with no
    // decomposition spelled in ASCII (ł → l, ø → o, ß → ss, æ → ae, …).
    static QString fold(const QString &text);
    // The folded words of text, in order.
    static QStringList words(const QString &text);
    // True when needle (folded words, non-empty) occurs as consecutive whole words in haystack.
    static bool containsWords(const QStringList &haystack, const QStringList &needle);
};

} // namespace lectern
