#pragma once

// Papers with the user's state written out in the formats other tools read: BibTeX, RIS, CSV,
// JSON and a Markdown reading list. The Exporter streams: papers are given in chunks (or loaded
// in chunks through a PaperLoader), each chunk is written as it comes, so memory stays bounded
// however many papers a library holds. Chunks are formatted on as many threads as there are
// cores while the calling thread loads the next; the loader always runs on the calling thread.
// Plain QtCore; use an Exporter from one thread.

#include "model/librarytypes.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>
#include <optional>

class QIODevice;

namespace lectern {

class ExportWriter;

enum class ExportFormat { BibTeX, Ris, Csv, Json, Markdown };

struct ExportOptions {
    ExportFormat format = ExportFormat::BibTeX;
    bool includeNotes = false;   // the user's note (BibTeX note, RIS N1, CSV/JSON, Markdown)
    bool risUnpublished = false; // RIS type UNPB instead of ELEC
};

// Loads the papers of a chunk of ids, in the order of ids; nullopt on failure.
using PaperLoader = std::function<std::optional<QList<LibraryPaper>>(const QList<qint64> &)>;

class Exporter {
public:
    Exporter(QIODevice *out, const ExportOptions &options);
    ~Exporter();
    Exporter(const Exporter &) = delete;
    Exporter &operator=(const Exporter &) = delete;

    // Writes the papers (the format's header before the first); false on a write error.
    bool write(const QList<LibraryPaper> &papers);
    // Writes the format's trailer and flushes; call once, after the last write().
    bool finish();
    // write() for the ids in chunks loaded by load, then finish(). progress (when set) hears
    // the count written after each chunk and may return false to stop (lastError() says so).
    bool exportIds(const QList<qint64> &ids, const PaperLoader &load,
                   const std::function<bool(int done)> &progress = {});

    int count() const;         // papers written
    QString lastError() const; // after a false return

    // "bibtex", "ris", "csv", "json", "markdown" (and "bib", "md"); nullopt for others.
    static std::optional<ExportFormat> formatFromName(const QString &name);
    static QString formatName(ExportFormat format);
    static QString fileSuffix(ExportFormat format); // "bib", "ris", "csv", "json", "md"
    static QStringList formatNames();
    static constexpr int kChunk = 1000; // papers loaded per chunk by exportIds

private:
    bool append(const QList<QByteArray> &formatted); // settles, buffers and counts
    bool flush(bool force);
    std::unique_ptr<ExportWriter> m_writer;
    QIODevice *m_out;
    QByteArray m_buffer;
    QString m_error;
    int m_count = 0;
    bool m_started = false;
};

// Everything in one call: the papers to out in the given options; false with *error set.
bool exportPapers(const QList<LibraryPaper> &papers, QIODevice *out, const ExportOptions &options,
                  QString *error = nullptr);

} // namespace lectern
