#pragma once

// CSV (RFC 4180): a header row, then one row per paper with every field and the user's state;
// fields with a comma, quote or line break are quoted (quotes doubled); CRLF line ends; UTF-8.
// Lists (authors, keywords, tags, digests) are joined with "; ".

#include "exchange/exportwriter.h"

namespace lectern {

class CsvWriter : public ExportWriter {
public:
    using ExportWriter::ExportWriter;
    QByteArray begin() override;
    QByteArray format(const LibraryPaper &paper) const override;

    static QStringList columns();
    static QString field(const QString &value); // quoted when it must be
};

} // namespace lectern
