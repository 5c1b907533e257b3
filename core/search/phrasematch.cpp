#include "search/phrasematch_p.h"

#include <QVarLengthArray>

#include <sqlite3.h>

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

struct Needle {
    QStringList tokens;
};

void phraseFunction(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
    if (argc < 3) {
        sqlite3_result_int(ctx, 0);
        return;
    }
    // The tokenized phrase is cached on the statement (argument 0 is a bound constant);
    // SQLite may drop the cache at once, then a local copy serves this call.
    Needle local;
    auto *needle = static_cast<Needle *>(sqlite3_get_auxdata(ctx, 0));
    if (!needle) {
        const void *p = sqlite3_value_text16(argv[0]);
        const QString phrase =
            p ? QString(static_cast<const QChar *>(p), sqlite3_value_bytes16(argv[0]) / 2)
              : QString();
        sqlite3_set_auxdata(ctx, 0, new Needle{PhraseMatch::tokens(phrase)},
                            [](void *n) { delete static_cast<Needle *>(n); });
        needle = static_cast<Needle *>(sqlite3_get_auxdata(ctx, 0));
        if (!needle) {
            local.tokens = PhraseMatch::tokens(phrase);
            needle = &local;
        }
    }
    const bool prefix = sqlite3_value_int(argv[1]) != 0;
    for (int i = 2; i < argc; ++i) {
        const void *t = sqlite3_value_text16(argv[i]);
        if (!t)
            continue;
        const QString text =
            QString::fromRawData(static_cast<const QChar *>(t), sqlite3_value_bytes16(argv[i]) / 2);
        if (PhraseMatch::contains(text, needle->tokens, prefix)) {
            sqlite3_result_int(ctx, 1);
            return;
        }
    }
    sqlite3_result_int(ctx, 0);
}

} // namespace

QStringList PhraseMatch::tokens(const QString &text) {
    QStringList out;
    forEachToken(text.normalized(QString::NormalizationForm_C),
                 [&](QStringView t) { out << fold(t); });
    return out;
}

namespace {

bool isAscii(QStringView s) {
    for (const QChar c : s) {
        if (c.unicode() >= 0x80)
            return false;
    }
    return true;
}

// token (as in the text) against a folded phrase token, without allocating for ASCII.
bool tokenMatches(QStringView token, const QString &folded, bool prefix) {
    if (isAscii(token)) {
        return prefix ? token.startsWith(folded, Qt::CaseInsensitive)
                      : token.size() == folded.size() &&
                            token.compare(folded, Qt::CaseInsensitive) == 0;
    }
    const QString f = fold(token);
    return prefix ? f.startsWith(folded) : f == folded;
}

} // namespace

bool PhraseMatch::contains(const QString &text, const QStringList &phrase, bool prefix) {
    if (phrase.isEmpty())
        return false;
    // Token boundaries first (views into text, no copies), then a scan for the phrase.
    QVarLengthArray<QStringView, 512> tokens;
    forEachToken(text, [&](QStringView t) { tokens.append(t); });
    const qsizetype m = phrase.size();
    for (qsizetype t = 0; t + m <= tokens.size(); ++t) {
        qsizetype k = 0;
        while (k < m && tokenMatches(tokens[t + k], phrase.at(k), prefix && k == m - 1))
            ++k;
        if (k == m)
            return true;
    }
    return false;
}

bool PhraseMatch::registerFunction(sqlite3 *db) {
    return db && sqlite3_create_function_v2(db, "lectern_phrase", -1,
                                            SQLITE_UTF16 | SQLITE_DETERMINISTIC, nullptr,
                                            phraseFunction, nullptr, nullptr, nullptr) == SQLITE_OK;
}

} // namespace lectern
