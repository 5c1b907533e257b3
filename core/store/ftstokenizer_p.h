#pragma once

// Internal to core/store: the library's FTS5 tokenizer, "lectern" (schema 8). It is unicode61
// with remove_diacritics 2 (same tokens), plus two things:
// - a fast path for ASCII text (most of arXiv), tokenized here without unicode61's general
//   code (same tokens: ASCII letters and digits, lower-cased);
// - common English function words ("the", "of", "and", ...: stopWords()) are not indexed and
//   are dropped from queries, so phrases skip them ("state of the art" finds "state-of-the-art"
//   and "state of art"). A prefix query ("the*") keeps its word: it matches longer words.
// Every connection that reads or writes the library's fts table needs it registered:
// Library and RawDatabase do it on open, and install() makes SQLite register it on every
// connection this process opens afterwards (tests and tools with their own connections).

#include <QString>
#include <QStringList>

struct sqlite3;
struct fts5_api;

namespace lectern {

namespace detail {
// ASCII letters and digits: unicode61's token characters below 0x80.
struct TokenChars {
    bool table[256] = {};
    constexpr TokenChars() {
        for (int c = 0; c < 256; ++c)
            table[c] = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
};
inline constexpr TokenChars kTokenChars;
} // namespace detail

class FtsTokenizer {
public:
    static constexpr const char *kName = "lectern";

    // Registers the tokenizer on db (no-op when it already is). False with *error on failure.
    static bool registerWith(sqlite3 *db, QString *error = nullptr);
    // Registers it on every connection opened later in this process (once; idempotent).
    static void install();
    // The words left out of the index, lower-case.
    static QStringList stopWords();
    // Whether text is all ASCII (the tokenizer's fast path: tokens are runs of letters and
    // digits, lower-cased).
    static bool isAscii(const char *text, qsizetype size);
    // Whether c is a token character of ASCII text: a letter or digit (unicode61's token
    // characters below 0x80).
    static bool isTokenChar(unsigned char c) { return detail::kTokenChars.table[c]; }
    // The connection's FTS5 API, or null without FTS5.
    static fts5_api *api(sqlite3 *db);
};

} // namespace lectern
