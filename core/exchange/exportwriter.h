#pragma once

// One export format: the bytes before the first paper, for each paper, and after the last.
// A writer may keep state across papers (BibTeX keys must be unique in a file).

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
    virtual QByteArray paper(const LibraryPaper &paper) = 0;
    virtual QByteArray end() { return {}; }

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
