#include "search/stopwords_p.h"

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
    for (const char *w : kWords) {
        if (std::strlen(w) == size_t(size) && std::memcmp(w, word, size_t(size)) == 0)
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
