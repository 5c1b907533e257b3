#pragma once

// BibTeX: one @misc entry per paper (arXiv's own style: eprint, archivePrefix, url), keys like
// lichtenstein2025digital that are unique in the file (a, b, ... on clashes) and the same for
// the same papers in the same order. Every LaTeX special character of the text is escaped;
// other characters stay UTF-8.

#include "exchange/exportwriter.h"

#include <QSet>

namespace lectern {

class BibtexWriter : public ExportWriter {
public:
    using ExportWriter::ExportWriter;
    QByteArray format(const LibraryPaper &paper) const override; // with the base key
    void settle(QByteArray *entry) override;                     // makes the key unique

    // The key before clashes are resolved: first author's family name (ASCII), year, first
    // significant word of the title.
    // title: the paper's title as plain text (plainTitle()).
    static QString baseKey(const LibraryPaper &paper, const QString &title);
    // Text with {}%&$#_^\~ escaped (braces as \textbraceleft{}, so braces stay balanced).
    static QString escape(const QString &text);
    // escape() with every word holding a capital in braces, so styles keep its case.
    static QString protectCase(const QString &text);
    static QString authors(const QStringList &names); // "Berg, Jan and Plato"

private:
    QSet<QByteArray> m_keys;
};

} // namespace lectern
