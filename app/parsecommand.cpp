// lectern-cli parse FILE... [--json]
#include "clicommands.h"

#include "parse/digestparser.h"
#include "text/latextext.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

namespace lectern::cli {

namespace {

QJsonValue dateOrNull(const QDate &d) {
    return d.isValid() ? QJsonValue(d.toString(Qt::ISODate)) : QJsonValue(QJsonValue::Null);
}

QJsonObject paperJson(const Paper &p) {
    QJsonObject o;
    o[QLatin1String("arxiv_id")] = p.arxivId.isEmpty() ? QJsonValue() : QJsonValue(p.arxivId);
    o[QLatin1String("version")] = p.version > 0 ? QJsonValue(p.version) : QJsonValue();
    o[QLatin1String("title")] = p.title;
    o[QLatin1String("authors")] = QJsonArray::fromStringList(p.authors);
    o[QLatin1String("date")] = dateOrNull(p.date);
    o[QLatin1String("url")] = p.url.isEmpty() ? QJsonValue() : QJsonValue(p.url);
    o[QLatin1String("keywords")] = QJsonArray::fromStringList(p.keywords);
    o[QLatin1String("abstract")] = LatexText::toPlainText(p.abstract);
    o[QLatin1String("summary")] =
        p.summary.isEmpty() ? QJsonValue() : QJsonValue(LatexText::toPlainText(p.summary));
    return o;
}

QString severityName(Severity s) {
    return s == Severity::Error ? QStringLiteral("error") : QStringLiteral("warning");
}

} // namespace

int runParse(const QStringList &args) {
    bool json = false;
    QStringList files;
    bool optionsDone = false;
    for (const QString &a : args) {
        if (!optionsDone && a == QLatin1String("--")) {
            optionsDone = true;
        } else if (!optionsDone && a == QLatin1String("--json")) {
            json = true;
        } else if (!optionsDone && a.startsWith(QLatin1String("--"))) {
            QTextStream(stderr) << "lectern-cli parse: unknown option " << a << '\n';
            return 2;
        } else {
            files.append(a);
        }
    }
    if (files.isEmpty()) {
        QTextStream(stderr) << "usage: lectern-cli parse FILE... [--json]\n";
        return 2;
    }
    QTextStream out(stdout);
    QTextStream err(stderr);
    QJsonArray fileArray;
    bool anyError = false;
    for (const QString &path : std::as_const(files)) {
        Digest digest;
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly)) {
            digest.diagnostics.append(
                {0, Severity::Error, QStringLiteral("cannot read file: %1").arg(f.errorString())});
        } else {
            digest = DigestParser::parse(f.readAll(), path);
        }
        anyError = anyError || digest.hasErrors();
        for (const Diagnostic &d : std::as_const(digest.diagnostics))
            err << path << ':' << d.line << ": " << severityName(d.severity) << ": " << d.message
                << '\n';
        if (json) {
            QJsonObject o;
            o[QLatin1String("path")] = path;
            o[QLatin1String("date")] = dateOrNull(digest.date);
            o[QLatin1String("format")] = digest.format == DigestFormat::Unknown
                                             ? QJsonValue()
                                             : QJsonValue(formatName(digest.format));
            QJsonArray papers;
            for (const Paper &p : std::as_const(digest.papers))
                papers.append(paperJson(p));
            o[QLatin1String("papers")] = papers;
            QJsonArray diags;
            for (const Diagnostic &d : std::as_const(digest.diagnostics))
                diags.append(QJsonObject{{QLatin1String("line"), d.line},
                                         {QLatin1String("severity"), severityName(d.severity)},
                                         {QLatin1String("message"), d.message}});
            o[QLatin1String("diagnostics")] = diags;
            fileArray.append(o);
        } else {
            out << path << ": date "
                << (digest.date.isValid() ? digest.date.toString(Qt::ISODate)
                                          : QStringLiteral("none"))
                << ", format " << formatName(digest.format) << ", " << digest.papers.size()
                << " papers, " << digest.warningCount() << " warnings, " << digest.errorCount()
                << " errors\n";
        }
    }
    if (json) {
        err.flush();
        out << QJsonDocument(QJsonObject{{QLatin1String("files"), fileArray}})
                   .toJson(QJsonDocument::Indented);
    }
    return anyError ? 1 : 0;
}

} // namespace lectern::cli
