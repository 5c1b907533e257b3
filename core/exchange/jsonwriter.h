#pragma once

// JSON: {"format":"lectern-export","version":1,"papers":[{...}, ...]} with every field of a
// paper and the user's state. Title, abstract and summary are the source text as the digest
// wrote them (Markdown and LaTeX), so nothing is lost; "title_text" is the title as shown.

#include "exchange/exportwriter.h"

namespace lectern {

class JsonWriter : public ExportWriter {
public:
    using ExportWriter::ExportWriter;
    QByteArray begin() override;
    QByteArray format(const LibraryPaper &paper) const override;
    void settle(QByteArray *text) override; // the separator before every paper but the first
    QByteArray end() override;

    QByteArray object(const LibraryPaper &paper) const; // one paper's JSON object, compact

private:
    bool m_first = true;
};

} // namespace lectern
