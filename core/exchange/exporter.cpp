#include "exchange/exporter.h"

#include "exchange/exportwriter.h"

#include <QIODevice>

namespace lectern {

namespace {

constexpr qsizetype kFlushAbove = 1 << 20; // bytes buffered before a write to the device

struct FormatName {
    const char *name;
    ExportFormat format;
};

constexpr FormatName kNames[] = {
    {"bibtex", ExportFormat::BibTeX},     {"ris", ExportFormat::Ris},
    {"csv", ExportFormat::Csv},           {"json", ExportFormat::Json},
    {"markdown", ExportFormat::Markdown},
};

} // namespace

Exporter::Exporter(QIODevice *out, const ExportOptions &options)
    : m_writer(ExportWriter::create(options))
    , m_out(out) {}

Exporter::~Exporter() = default;

bool Exporter::flush(bool force) {
    if (m_buffer.isEmpty() || (!force && m_buffer.size() < kFlushAbove))
        return true;
    if (!m_out || m_out->write(m_buffer) != m_buffer.size()) {
        m_error = QStringLiteral("cannot write: ") +
                  (m_out ? m_out->errorString() : QStringLiteral("no output"));
        return false;
    }
    m_buffer.clear();
    return true;
}

bool Exporter::write(const QList<LibraryPaper> &papers) {
    if (!m_started) {
        m_started = true;
        m_buffer += m_writer->begin();
    }
    for (const LibraryPaper &p : papers) {
        m_buffer += m_writer->paper(p);
        ++m_count;
        if (!flush(false))
            return false;
    }
    return true;
}

bool Exporter::finish() {
    if (!write({}))
        return false;
    m_buffer += m_writer->end();
    return flush(true);
}

bool Exporter::exportIds(const QList<qint64> &ids, const PaperLoader &load,
                         const std::function<bool(int done)> &progress) {
    for (qsizetype start = 0; start < ids.size(); start += kChunk) {
        const std::optional<QList<LibraryPaper>> chunk = load(ids.mid(start, kChunk));
        if (!chunk) {
            m_error = QStringLiteral("cannot read the papers from the library");
            return false;
        }
        if (!write(*chunk))
            return false;
        if (progress && !progress(m_count)) {
            m_error = QStringLiteral("cancelled");
            return false;
        }
    }
    return finish();
}

int Exporter::count() const {
    return m_count;
}

QString Exporter::lastError() const {
    return m_error;
}

std::optional<ExportFormat> Exporter::formatFromName(const QString &name) {
    const QString n = name.trimmed().toLower();
    if (n == QLatin1String("bib"))
        return ExportFormat::BibTeX;
    if (n == QLatin1String("md"))
        return ExportFormat::Markdown;
    for (const FormatName &f : kNames) {
        if (n == QLatin1String(f.name))
            return f.format;
    }
    return std::nullopt;
}

QString Exporter::formatName(ExportFormat format) {
    for (const FormatName &f : kNames) {
        if (f.format == format)
            return QLatin1String(f.name);
    }
    return {};
}

QStringList Exporter::formatNames() {
    QStringList names;
    for (const FormatName &f : kNames)
        names << QLatin1String(f.name);
    return names;
}

QString Exporter::fileSuffix(ExportFormat format) {
    switch (format) {
    case ExportFormat::BibTeX:
        return QStringLiteral("bib");
    case ExportFormat::Ris:
        return QStringLiteral("ris");
    case ExportFormat::Csv:
        return QStringLiteral("csv");
    case ExportFormat::Json:
        return QStringLiteral("json");
    case ExportFormat::Markdown:
        return QStringLiteral("md");
    }
    return {};
}

bool exportPapers(const QList<LibraryPaper> &papers, QIODevice *out, const ExportOptions &options,
                  QString *error) {
    Exporter exporter(out, options);
    if (exporter.write(papers) && exporter.finish())
        return true;
    if (error)
        *error = exporter.lastError();
    return false;
}

} // namespace lectern
