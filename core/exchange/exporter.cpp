#include "exchange/exporter.h"

#include "exchange/exportwriter.h"

#include <QIODevice>
#include <QThread>

#include <deque>
#include <future>

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

// Papers formatted on this thread, in order.
QList<QByteArray> formatAll(const ExportWriter *writer, const LibraryPaper *begin,
                            const LibraryPaper *end) {
    QList<QByteArray> out;
    out.reserve(end - begin);
    for (const LibraryPaper *p = begin; p != end; ++p)
        out << writer->format(*p);
    return out;
}

int formatThreads() {
    return std::max(1, QThread::idealThreadCount());
}

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

bool Exporter::append(const QList<QByteArray> &formatted) {
    if (!m_started) {
        m_started = true;
        m_buffer += m_writer->begin();
    }
    for (QByteArray text : formatted) {
        m_writer->settle(&text);
        m_buffer += text;
        ++m_count;
        if (!flush(false))
            return false;
    }
    return true;
}

bool Exporter::write(const QList<LibraryPaper> &papers) {
    // Parts of at least 64 papers, one thread each, settled and written in order.
    const qsizetype parts = std::clamp<qsizetype>(papers.size() / 64, 1, formatThreads());
    const qsizetype per = (papers.size() + parts - 1) / parts;
    std::vector<std::future<QList<QByteArray>>> futures;
    const ExportWriter *writer = m_writer.get();
    for (qsizetype start = per; start < papers.size(); start += per) {
        const LibraryPaper *b = papers.constData() + start;
        const LibraryPaper *e = papers.constData() + std::min(start + per, papers.size());
        futures.push_back(std::async(std::launch::async, formatAll, writer, b, e));
    }
    const LibraryPaper *first = papers.constData();
    bool ok = append(formatAll(writer, first, first + std::min(per, papers.size())));
    for (auto &f : futures) {
        const QList<QByteArray> formatted = f.get(); // every thread ends before papers goes
        ok = ok && append(formatted);
    }
    return ok;
}

bool Exporter::finish() {
    if (!append({})) // the header, when no paper came
        return false;
    m_buffer += m_writer->end();
    return flush(true);
}

// This thread loads chunk k+1 from the library while other threads format the chunks before
// it; the formatted chunks are settled and written in order.
bool Exporter::exportIds(const QList<qint64> &ids, const PaperLoader &load,
                         const std::function<bool(int done)> &progress) {
    std::deque<std::future<QList<QByteArray>>> inFlight;
    const ExportWriter *writer = m_writer.get();
    const auto writeOldest = [this, &inFlight, &progress] {
        const QList<QByteArray> formatted = inFlight.front().get();
        inFlight.pop_front();
        if (!append(formatted))
            return false;
        if (progress && !progress(m_count)) {
            m_error = QStringLiteral("cancelled");
            return false;
        }
        return true;
    };
    bool ok = true;
    for (qsizetype start = 0; ok && start < ids.size(); start += kChunk) {
        std::optional<QList<LibraryPaper>> chunk = load(ids.mid(start, kChunk));
        if (!chunk) {
            m_error = QStringLiteral("cannot read the papers from the library");
            ok = false;
            break;
        }
        auto task = [writer, papers = std::move(*chunk)] {
            return formatAll(writer, papers.constData(), papers.constData() + papers.size());
        };
        inFlight.push_back(std::async(std::launch::async, std::move(task)));
        while (ok && inFlight.size() > size_t(formatThreads()))
            ok = writeOldest();
    }
    while (ok && !inFlight.empty())
        ok = writeOldest();
    for (auto &f : inFlight) // after a failure: let the threads end before returning
        f.wait();
    return ok && finish();
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
