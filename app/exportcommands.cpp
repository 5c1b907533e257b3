// lectern-cli export: the papers of a query as BibTeX, RIS, CSV, JSON or Markdown.
#include "clicommands.h"

#include "console.h"
#include "exchange/exporter.h"
#include "store/library.h"

#include <QFile>
#include <QSaveFile>

#include <cstdio>

namespace lectern::cli {

namespace {

struct ExportRequest {
    ExportOptions options;
    SortOrder sort = SortOrder::Date;
    QString query;
    QString output; // empty or "-": stdout
};

// "-o FILE" comes as two arguments (one dash is an argument to the parser): taken out here.
bool takeOutput(QStringList *words, QString *output) {
    const qsizetype at = words->indexOf(QStringLiteral("-o"));
    if (at < 0)
        return true;
    if (at + 1 >= words->size())
        return false;
    *output = words->at(at + 1);
    words->remove(at, 2);
    return true;
}

// The request from the arguments, or the usage error's message in *problem.
std::optional<ExportRequest> requestOf(const CommandArgs &args, QString *problem) {
    ExportRequest r;
    const QString format = args.value(QStringLiteral("format"));
    const std::optional<ExportFormat> f = Exporter::formatFromName(format);
    if (!f) {
        *problem = (format.isEmpty() ? QStringLiteral("--format is required")
                                     : QStringLiteral("unknown format '") + format + u'\'') +
                   QStringLiteral("; formats: ") +
                   Exporter::formatNames().join(QStringLiteral(", "));
        return std::nullopt;
    }
    r.options.format = *f;
    r.options.includeNotes = args.isSet(QStringLiteral("notes"));
    const QString risType = args.value(QStringLiteral("ris-type")).toLower();
    if (!risType.isEmpty() && risType != QLatin1String("elec") &&
        risType != QLatin1String("unpb")) {
        *problem = QStringLiteral("--ris-type takes elec or unpb");
        return std::nullopt;
    }
    r.options.risUnpublished = risType == QLatin1String("unpb");
    const std::optional<SortOrder> sort = sortOrder(args.value(QStringLiteral("sort")));
    if (!sort) {
        *problem = QStringLiteral("--sort takes date, digest, title or relevance");
        return std::nullopt;
    }
    r.sort = *sort;
    QStringList words = args.positional;
    r.output = args.value(QStringLiteral("output"));
    if (!takeOutput(&words, &r.output)) {
        *problem = QStringLiteral("-o needs a FILE");
        return std::nullopt;
    }
    r.query = words.join(QLatin1Char(' ')); // the query may come as one argument or several
    return r;
}

bool exportTo(QIODevice *device, const Library &lib, const ExportRequest &r,
              const QList<qint64> &ids, QString *error) {
    Exporter exporter(device, r.options);
    if (exporter.exportIds(ids, [&lib](const QList<qint64> &chunk) { return lib.papers(chunk); }))
        return true;
    *error = exporter.lastError();
    if (!lib.lastError().isEmpty())
        *error += QStringLiteral(": ") + lib.lastError();
    return false;
}

// To a file: written whole through QSaveFile, or not at all.
bool exportToFile(const Library &lib, const ExportRequest &r, const QList<qint64> &ids) {
    QSaveFile file(r.output);
    QString error;
    if (!file.open(QIODevice::WriteOnly))
        error = file.errorString();
    else if (!exportTo(&file, lib, r, ids, &error))
        file.cancelWriting();
    else if (!file.commit())
        error = file.errorString();
    if (error.isEmpty())
        return true;
    Console::err() << "lectern-cli export: cannot write " << r.output << ": " << error << '\n';
    return false;
}

bool exportToStdout(const Library &lib, const ExportRequest &r, const QList<qint64> &ids) {
    Console::out().flush();
    QFile out;
    QString error;
    if (!out.open(stdout, QIODevice::WriteOnly) || !exportTo(&out, lib, r, ids, &error)) {
        Console::err() << "lectern-cli export: " << (error.isEmpty() ? out.errorString() : error)
                       << '\n';
        return false;
    }
    return out.flush();
}

} // namespace

int runExport(const CommandArgs &args) {
    QString problem;
    const std::optional<ExportRequest> request = requestOf(args, &problem);
    if (!request)
        return usageError(args.command, problem);
    Library lib;
    if (!openLibrary(args, &lib))
        return 1;
    const std::optional<QList<qint64>> ids = lib.ids(request->query, request->sort);
    if (!ids) {
        Console::err() << "lectern-cli export: " << lib.lastError() << '\n';
        return 1;
    }
    const bool toStdout = request->output.isEmpty() || request->output == QLatin1String("-");
    const bool ok =
        toStdout ? exportToStdout(lib, *request, *ids) : exportToFile(lib, *request, *ids);
    return ok ? 0 : 1;
}

} // namespace lectern::cli
