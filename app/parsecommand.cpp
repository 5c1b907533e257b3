// lectern-cli parse FILE... [--json]
#include "clicommands.h"

#include "console.h"
#include "io/inputfile.h"
#include "parse/digestparser.h"
#include "text/latextext.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace lectern::cli {

namespace {

QJsonValue stringOrNull(const QString &s) {
    return s.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(s);
}

QJsonValue dateOrNull(const QDate &d) {
    return d.isValid() ? QJsonValue(d.toString(Qt::ISODate)) : QJsonValue(QJsonValue::Null);
}

QJsonObject paperJson(const Paper &p) {
    QJsonObject o;
    o[QLatin1String("arxiv_id")] = stringOrNull(p.arxivId);
    o[QLatin1String("version")] = p.version > 0 ? QJsonValue(p.version) : QJsonValue();
    o[QLatin1String("title")] = p.title;
    o[QLatin1String("authors")] = QJsonArray::fromStringList(p.authors);
    o[QLatin1String("date")] = dateOrNull(p.date);
    o[QLatin1String("url")] = stringOrNull(p.url);
    o[QLatin1String("keywords")] = QJsonArray::fromStringList(p.keywords);
    o[QLatin1String("abstract")] = LatexText::toPlainText(p.abstract);
    o[QLatin1String("summary")] =
        p.summary.isEmpty() ? QJsonValue() : QJsonValue(LatexText::toPlainText(p.summary));
    return o;
}

QString severityName(Severity s) {
    return s == Severity::Error ? QStringLiteral("error") : QStringLiteral("warning");
}

QJsonObject fileJson(const QString &path, const Digest &digest) {
    QJsonArray papers;
    for (const Paper &p : digest.papers)
        papers.append(paperJson(p));
    QJsonArray diagnostics;
    for (const Diagnostic &d : digest.diagnostics)
        diagnostics.append(QJsonObject{{QLatin1String("line"), d.line},
                                       {QLatin1String("severity"), severityName(d.severity)},
                                       {QLatin1String("message"), d.message}});
    return QJsonObject{
        {QLatin1String("path"), path},
        {QLatin1String("date"), dateOrNull(digest.date)},
        {QLatin1String("format"), digest.format == DigestFormat::Unknown
                                      ? QJsonValue()
                                      : QJsonValue(formatName(digest.format))},
        {QLatin1String("papers"), papers},
        {QLatin1String("diagnostics"), diagnostics},
    };
}

// The file's digest; a file that cannot be read (missing, a device, a FIFO, too large) is an
// error diagnostic on line 0.
Digest parseFile(const QString &path) {
    QString error;
    const std::optional<QByteArray> data = InputFile::read(path, &error);
    if (!data) {
        Digest digest;
        digest.diagnostics.append({0, Severity::Error, error});
        return digest;
    }
    return DigestParser::parse(*data, path);
}

void printDiagnostics(const QString &path, const Digest &digest) {
    for (const Diagnostic &d : digest.diagnostics)
        Console::err() << path << ':' << d.line << ": " << severityName(d.severity) << ": "
                       << d.message << '\n';
}

void printSummary(const QString &path, const Digest &digest) {
    Console::out() << path << ": date "
                   << (digest.date.isValid() ? digest.date.toString(Qt::ISODate)
                                             : QStringLiteral("none"))
                   << ", format " << formatName(digest.format) << ", " << digest.papers.size()
                   << " papers, " << digest.warningCount() << " warnings, " << digest.errorCount()
                   << " errors\n";
}

} // namespace

int runParse(const CommandArgs &args) {
    if (args.positional.isEmpty())
        return usageError(args.command, QStringLiteral("no FILE given"));
    const bool json = args.isSet(QStringLiteral("json"));
    QJsonArray files;
    bool anyError = false;
    for (const QString &path : args.positional) {
        const Digest digest = parseFile(path);
        anyError = anyError || digest.hasErrors();
        printDiagnostics(path, digest);
        if (json)
            files.append(fileJson(path, digest));
        else
            printSummary(path, digest);
    }
    if (json) {
        Console::err().flush();
        Console::out().writeJson(QJsonDocument(QJsonObject{{QLatin1String("files"), files}})
                                     .toJson(QJsonDocument::Indented));
    }
    return anyError ? 1 : 0;
}

} // namespace lectern::cli
