#pragma once

#include <QString>
#include <QStringList>

namespace lectern {

// The tokens of a phrase as the search index's tokenizer splits text (runs of letters and
// digits, case-folded, accents removed), for the query language to write an FTS5 phrase.
class PhraseMatch {
public:
    static QStringList tokens(const QString &text);
};

} // namespace lectern
