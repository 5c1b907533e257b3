#pragma once

// JSON: {"format":"lectern-export","version":1,"papers":[{...}, ...]} with every field of a
// paper and the user's state. Title, abstract and summary are the source text as the digest
// wrote them (Markdown and LaTeX), so nothing is lost; "title_text" is the title as shown.

#include "exchange/exportwriter.h"

#include <QJsonObject>

namespace lectern {

class JsonWriter : public ExportWriter {
public:
    using ExportWriter::ExportWriter;
    QByteArray begin() override;
    QByteArray paper(const LibraryPaper &paper) override;
    QByteArray end() override;

    QJsonObject object(const LibraryPaper &paper) const;

private:
    bool m_first = true;
};

} // namespace lectern
