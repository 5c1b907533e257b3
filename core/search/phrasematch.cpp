#include "search/phrasematch_p.h"

namespace lectern {

namespace {

// One token, folded: decomposed, combining marks dropped, case-folded.
QString fold(QStringView token) {
    bool plain = true;
    for (const QChar c : token) {
        if (c.unicode() >= 0x80 || c.isUpper()) {
            plain = false;
            break;
        }
    }
    if (plain)
        return token.toString();
    const QString decomposed = token.toString().normalized(QString::NormalizationForm_KD);
    QString out;
    out.reserve(decomposed.size());
    for (const QChar c : decomposed) {
        if (c.category() != QChar::Mark_NonSpacing)
            out += c;
    }
    return out.toCaseFolded();
}

// Calls f(token) with each token of text as it is written (a view, not folded), as FTS5's
// unicode61 tokenizer splits it: runs of letters and digits, combining marks included.
template <typename F> void forEachToken(QStringView text, F &&f) {
    const qsizetype n = text.size();
    qsizetype i = 0;
    while (i < n) {
        while (i < n && !text.at(i).isLetterOrNumber())
            ++i;
        const qsizetype start = i;
        while (i < n &&
               (text.at(i).isLetterOrNumber() || text.at(i).category() == QChar::Mark_NonSpacing))
            ++i;
        if (i > start)
            f(text.mid(start, i - start));
    }
}

} // namespace

QStringList PhraseMatch::tokens(const QString &text) {
    QStringList out;
    forEachToken(text.normalized(QString::NormalizationForm_C),
                 [&](QStringView t) { out << fold(t); });
    return out;
}

} // namespace lectern
