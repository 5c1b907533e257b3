#pragma once

#include <QDateTime>
#include <QString>
#include <QStringList>

namespace lectern {

// What arXiv's API says about one paper: the exact, complete fields a digest only abbreviates.
struct ArxivRecord {
    QString arxivId;         // normalised, without version: "2505.01259"
    int version = 0;         // the latest version arXiv has
    QString title;           // whitespace collapsed
    QStringList authors;     // every author, in order
    QString abstract;        // whitespace collapsed
    QString primaryCategory; // "cs.LG"
    QStringList categories;  // every category, the primary first
    QString comments;        // arxiv:comment
    QString journalRef;      // arxiv:journal_ref
    QString doi;             // arxiv:doi
    QDateTime published;     // the first version (UTC)
    QDateTime updated;       // the latest version (UTC)

    friend bool operator==(const ArxivRecord &, const ArxivRecord &) = default;
};

} // namespace lectern

namespace lectern {

// A paper's arXiv record as the library keeps it, and when it was fetched.
struct StoredMetadata {
    ArxivRecord record;
    QDateTime fetchedAt; // invalid: the library holds no metadata for the paper
    bool present() const { return fetchedAt.isValid(); }
};

} // namespace lectern
