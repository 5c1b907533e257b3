#include "rank/tokenizer.h"

#include <QSet>

namespace lectern {

namespace {

const char *const kStopWords[] = {
    "a",        "about",   "above",   "across",  "after",    "again", "against", "all",     "also",
    "am",       "an",      "and",     "any",     "are",      "as",    "at",      "be",      "been",
    "being",    "both",    "but",     "by",      "can",      "could", "do",      "does",    "each",
    "et",       "few",     "for",     "from",    "further",  "had",   "has",     "have",    "here",
    "how",      "however", "i",       "if",      "in",       "into",  "is",      "it",      "its",
    "itself",   "may",     "more",    "most",    "much",     "must",  "no",      "nor",     "not",
    "of",       "on",      "once",    "only",    "or",       "other", "our",     "ours",    "out",
    "over",     "own",     "paper",   "propose", "proposed", "same",  "show",    "shows",   "so",
    "some",     "such",    "than",    "that",    "the",      "their", "them",    "then",    "there",
    "these",    "they",    "this",    "those",   "through",  "thus",  "to",      "under",   "up",
    "us",       "use",     "used",    "using",   "very",     "via",   "was",     "we",      "were",
    "what",     "when",    "where",   "which",   "while",    "who",   "whose",   "why",     "will",
    "with",     "within",  "without", "would",   "yet",      "you",   "your",    "results", "based",
    "approach", "method",  "methods", "work",    "new",      "two",   "one",     "first",   "well",
    "between",  "per"};

const QSet<QString> &stopWords() {
    static const QSet<QString> words = [] {
        QSet<QString> s;
        for (const char *w : kStopWords)
            s.insert(QString::fromLatin1(w));
        return s;
    }();
    return words;
}

bool isWordChar(QChar c) {
    const char16_t u = c.unicode();
    if (u < 128)
        return (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9');
    return c.isLetterOrNumber();
}

QChar lower(QChar c) {
    const char16_t u = c.unicode();
    if (u < 128)
        return u >= 'A' && u <= 'Z' ? QChar(char16_t(u + 32)) : c;
    return c.toLower();
}

bool allDigits(const QString &w) {
    for (QChar c : w)
        if (!c.isDigit())
            return false;
    return true;
}

} // namespace

bool Tokenizer::isStopWord(const QString &word) {
    return stopWords().contains(word);
}

void Tokenizer::words(QStringView text, const std::function<void(const QString &word)> &sink) {
    QString word;
    const qsizetype n = text.size();
    qsizetype i = 0;
    while (i < n) {
        if (!isWordChar(text[i])) {
            ++i;
            continue;
        }
        const bool command = i > 0 && text[i - 1] == QLatin1Char('\\');
        word.resize(0);
        // A word: letters and digits, with inner hyphens ("low-bit"). The digests bold the
        // matched keyword inside a word ("**quantize**rs"): the asterisks join, not split.
        while (i < n) {
            if (text[i] == QLatin1Char('*') && !word.isEmpty()) {
                qsizetype j = i;
                while (j < n && text[j] == QLatin1Char('*'))
                    ++j;
                const bool joins =
                    j < n && (isWordChar(text[j]) || (text[j] == QLatin1Char('-') && j + 1 < n &&
                                                      isWordChar(text[j + 1])));
                if (joins) {
                    i = j;
                    continue;
                }
                break;
            }
            if (!(isWordChar(text[i]) || (text[i] == QLatin1Char('-') && i + 1 < n &&
                                          isWordChar(text[i + 1]) && !word.isEmpty())))
                break;
            word.append(lower(text[i]));
            ++i;
        }
        if (command || word.size() < 2 || allDigits(word) || isStopWord(word))
            continue;
        sink(word);
    }
}

void Tokenizer::terms(const RankDocument &doc, const Sink &sink) {
    QString previous;
    QString pair;
    words(doc.title, [&](const QString &w) {
        sink(w, w);
        if (!previous.isEmpty()) {
            pair = previous + QLatin1Char(' ') + w;
            sink(pair, pair);
        }
        previous = w;
    });
    words(doc.abstract, [&](const QString &w) { sink(w, w); });
    for (const QString &k : doc.keywords) {
        const QString shown = k.simplified();
        if (!shown.isEmpty())
            sink(QStringLiteral("kw:") + shown.toLower(), shown);
    }
    for (const QString &a : doc.authors) {
        const QString shown = a.simplified();
        if (!shown.isEmpty())
            sink(QStringLiteral("author:") + shown.toLower(), shown);
    }
}

} // namespace lectern
