#pragma once

// One export format: the bytes before the first paper, for each paper, and after the last.
// format() is const and touches no shared state, so the Exporter formats chunks of papers on
// several threads at once; settle() then sees each paper's bytes in order on one thread and
// holds the state across papers (BibTeX keys unique in a file, JSON's separators).

#include "exchange/exporter.h"

#include <QByteArray>

namespace lectern {

class ExportWriter {
public:
    explicit ExportWriter(const ExportOptions &options)
        : m_options(options) {}
    virtual ~ExportWriter() = default;
    ExportWriter(const ExportWriter &) = delete;
    ExportWriter &operator=(const ExportWriter &) = delete;

    virtual QByteArray begin() { return {}; }
    virtual QByteArray format(const LibraryPaper &paper) const = 0;
    virtual void settle(QByteArray *text) { Q_UNUSED(text); }
    virtual QByteArray end() { return {}; }
    // format() then settle(): one paper's bytes as they go into the file.
    QByteArray paper(const LibraryPaper &paper) {
        QByteArray text = format(paper);
        settle(&text);
        return text;
    }

    static std::unique_ptr<ExportWriter> create(const ExportOptions &options);

protected:
    const ExportOptions &options() const { return m_options; }
    // The paper's title and abstract as the reading pane shows them: plain Unicode, the math
    // converted, control characters dropped.
    static QString plainTitle(const LibraryPaper &paper);
    static QString plainAbstract(const LibraryPaper &paper);

private:
    ExportOptions m_options;
};

} // namespace lectern
