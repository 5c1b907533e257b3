#pragma once

// The terms of a paper for the ranking: lower-case words of the title and abstract (stop words,
// numbers, LaTeX command names and one-letter words left out), word pairs of the title
// ("speculative decoding"), each keyword whole ("kw:kv cache") and each author whole
// ("author:tri dao"). Each term comes with the text to show for it in a why line.

#include "model/rankdocument.h"

#include <QString>
#include <QStringView>

#include <functional>

namespace lectern {

class Tokenizer {
public:
    // term: the key (lower case, prefixed for keywords and authors); display: what a why line
    // shows ("KV cache", "Tri Dao", "decoding"). Both are only valid during the call.
    using Sink = std::function<void(const QString &term, const QString &display)>;

    static void terms(const RankDocument &doc, const Sink &sink);
    // The words of free text, in order (what terms() takes from a title or abstract).
    static void words(QStringView text, const std::function<void(const QString &word)> &sink);
    static bool isStopWord(const QString &word);
};

} // namespace lectern
