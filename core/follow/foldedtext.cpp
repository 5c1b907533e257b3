#include "follow/foldedtext.h"

#include "text/asciispelling.h"

namespace lectern {

QString FoldedText::fold(const QString &text) {
    const QString decomposed = text.toLower().normalized(QString::NormalizationForm_KD);
    QString out;
    out.reserve(decomposed.size());
    for (const QChar c : decomposed) {
        const QChar::Category cat = c.category();
        if (cat == QChar::Mark_NonSpacing || cat == QChar::Mark_Enclosing ||
            cat == QChar::Mark_SpacingCombining)
            continue;
        if (c.unicode() < 0x80) {
            out += c;
        } else if (const QLatin1StringView spelt = asciiSpelling(c); !spelt.isEmpty()) {
            out += spelt;
        } else {
            out += c;
        }
    }
    return out;
}

QStringList FoldedText::words(const QString &text) {
    const QString folded = fold(text);
    QStringList out;
    qsizetype start = -1;
    for (qsizetype i = 0; i <= folded.size(); ++i) {
        const bool inWord = i < folded.size() && folded.at(i).isLetterOrNumber();
        if (inWord && start < 0)
            start = i;
        else if (!inWord && start >= 0) {
            out << folded.mid(start, i - start);
            start = -1;
        }
    }
    return out;
}

bool FoldedText::containsWords(const QStringList &haystack, const QStringList &needle) {
    if (needle.isEmpty() || needle.size() > haystack.size())
        return false;
    const qsizetype last = haystack.size() - needle.size();
    for (qsizetype i = 0; i <= last; ++i) {
        if (haystack.at(i) != needle.first())
            continue;
        qsizetype k = 1;
        while (k < needle.size() && haystack.at(i + k) == needle.at(k))
            ++k;
        if (k == needle.size())
            return true;
    }
    return false;
}

} // namespace lectern
