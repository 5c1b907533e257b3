#pragma once

// RIS (Zotero, EndNote, Mendeley): TY ELEC (or UNPB), AU per author as "Last, First", TI, PY,
// DA, UR, AN (arXiv id), KW per keyword, AB, N1 (the note, when asked), ER. Lines end in CRLF;
// a value never spans lines (line breaks become spaces).

#include "exchange/exportwriter.h"

namespace lectern {

class RisWriter : public ExportWriter {
public:
    using ExportWriter::ExportWriter;
    QByteArray format(const LibraryPaper &paper) const override;
};

} // namespace lectern
