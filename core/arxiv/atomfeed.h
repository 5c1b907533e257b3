#pragma once

#include "model/arxivrecord.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace lectern {

// The result of reading one response of arXiv's query API (an Atom feed).
struct AtomFeed {
    QList<ArxivRecord> records;
    // Entries the API returns instead of a paper ("incorrect id format for …"): their messages.
    QStringList apiErrors;
    // Not a feed at all (malformed XML, HTML, empty): what was wrong and where ("line 3: …").
    QString parseError;

    bool ok() const { return parseError.isEmpty(); }

    // Reads a feed. Never throws; a malformed document fills parseError and keeps no records.
    static AtomFeed parse(const QByteArray &xml);
};

} // namespace lectern
