#pragma once

// Markdown: a reading list that renders on GitHub. One list item per paper: the title linked
// to its page (★ when starred), the authors and date, the keywords and tags, and the note as a
// quote when asked. Markdown characters in the text are escaped.

#include "exchange/exportwriter.h"

namespace lectern {

class MarkdownWriter : public ExportWriter {
public:
    using ExportWriter::ExportWriter;
    QByteArray begin() override;
    QByteArray format(const LibraryPaper &paper) const override;

    static QString escape(const QString &text);
};

} // namespace lectern
