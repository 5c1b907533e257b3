#include "search/stopwords_p.h"

#include <QtGlobal>

#include <cstring>

namespace lectern::StopWords {

namespace {

// Lucene's classic English stop set and "we", "our", "from", "which"; without "an", "no" and
// "will", which are also names (author:An, Will Smith).
const char *const kWords[] = {
    "a",    "as",   "at",   "be",    "by",    "if",    "in",    "is",   "it",
    "of",   "on",   "or",   "to",    "we",    "and",   "are",   "but",  "for",
    "not",  "our",  "the",  "was",   "from",  "into",  "such",  "that", "then",
    "this", "they", "with", "their", "there", "these", "which",
};
constexpr int kLongest = 5;

// The words packed into integers (first byte lowest), by length: a token is compared as one
// integer against at most a dozen (the index's tokenizer asks for every token).
struct Packed {
    quint64 byLength[kLongest + 1][16] = {};
    int count[kLongest + 1] = {};
    quint32 firstLetters = 0; // bit c - 'a' for each first letter
};

quint64 pack(const char *word, int size) {
    quint64 v = 0;
    for (int i = 0; i < size; ++i)
        v |= quint64(static_cast<unsigned char>(word[i])) << (8 * i);
    return v;
}

const Packed &packed() {
    static const Packed p = [] {
        Packed out;
        for (const char *w : kWords) {
            const int n = int(std::strlen(w));
            out.byLength[n][out.count[n]++] = pack(w, n);
            out.firstLetters |= 1u << (w[0] - 'a');
        }
        return out;
    }();
    return p;
}

} // namespace

QStringList all() {
    QStringList out;
    for (const char *w : kWords)
        out << QString::fromLatin1(w);
    return out;
}

bool contains(const char *word, int size) {
    if (size < 1 || size > kLongest)
        return false;
    const Packed &p = packed();
    const unsigned char first = static_cast<unsigned char>(word[0]);
    if (first < 'a' || first > 'z' || !(p.firstLetters & (1u << (first - 'a'))))
        return false;
    const quint64 v = pack(word, size);
    for (int i = 0; i < p.count[size]; ++i) {
        if (p.byLength[size][i] == v)
            return true;
    }
    return false;
}

bool contains(QStringView word) {
    if (word.size() < 1 || word.size() > kLongest)
        return false;
    char latin[kLongest];
    for (qsizetype i = 0; i < word.size(); ++i) {
        const char16_t c = word.at(i).unicode();
        if (c > 0x7f)
            return false;
        latin[i] = char(c);
    }
    return contains(latin, int(word.size()));
}

} // namespace lectern::StopWords
