#pragma once

#include <QString>
#include <QStringList>

struct sqlite3;

namespace lectern {

// Exact phrase matching next to the FTS5 index. The index is built with detail=column (no
// token positions: about 40% smaller), which cannot answer phrase queries itself; a phrase is
// found as the AND of its tokens through the index, and each candidate is then checked by
// the SQL function lectern_phrase(phrase, prefix, text...) registered here: 1 when the
// phrase's tokens occur consecutively in one of the texts (the last one as a prefix when
// prefix is 1). Tokens follow FTS5's unicode61 tokenizer with remove_diacritics: runs of
// letters and digits, case-folded, accents removed.
class PhraseMatch {
public:
    static QStringList tokens(const QString &text);
    static bool contains(const QString &text, const QStringList &phrase, bool prefix);
    static bool registerFunction(sqlite3 *db);
};

} // namespace lectern
