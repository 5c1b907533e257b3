#pragma once

#include <QString>
#include <QStringList>

namespace lectern {

// Converts the LaTeX and Markdown fragments found in digest text (titles, abstracts) into
// readable output. Stateless and thread-safe.
//
// toPlainText: Unicode text; $..$ delimiters removed, commands turned into symbols,
//   super/subscripts into Unicode where it has them, **bold** / \emph markers dropped.
// toHtml: the same text as safe rich text. Everything from the input is HTML-escaped; the only
//   markup is what the converter emits (<b>, <i>, <sup>, <sub>, and <span class="kw"> for
//   highlighted terms).
// An unknown command is kept as written; an unpaired '$' stays a dollar sign.
class LatexText {
public:
    static QString toPlainText(const QString &source);
    // highlightTerms: lowercased words/phrases to wrap in <span class="kw"> (keywords, search
    // terms); matched case-insensitively on the plain text.
    static QString toHtml(const QString &source, const QStringList &highlightTerms = {});
};

} // namespace lectern
