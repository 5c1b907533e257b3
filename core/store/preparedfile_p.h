#pragma once

// Internal to core/store: a digest file read and parsed by an import, its papers' columns
// encoded on the parse thread for ImportWriter (importwriter_p.h), which only binds them.

#include "model/paper.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace lectern {

// A paper's own columns as bound to INSERT and UPDATE, in UTF-8: encoded on the parse thread,
// so the writer thread only binds them. A null QByteArray is NULL (or "" in a NOT NULL column).
struct PreparedRow {
    QByteArray title, authors, date, url, abstract, keywords, hints, summary;
    bool cjk = false; // CJK text in title, abstract or summary: listed in cjk_papers (schema 12)
};

// One digest file read and parsed (on a worker thread), ready to be written.
struct PreparedFile {
    QString path;
    QByteArray hash;
    Digest digest;
    QList<PreparedRow> rows; // one per paper of digest (prepareRows())
    QString readError;       // non-empty: the file could not be read (names the path)

    // Fills rows from digest (on the thread that parsed it).
    void prepareRows();
};

} // namespace lectern
