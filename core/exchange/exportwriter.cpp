#include "exchange/exportwriter.h"

#include "exchange/bibtexwriter.h"
#include "exchange/csvwriter.h"
#include "exchange/jsonwriter.h"
#include "exchange/markdownwriter.h"
#include "exchange/riswriter.h"
#include "exchange/textfields.h"
#include "text/latextext.h"

namespace lectern {

namespace {

// Control characters other than line breaks and tabs never reach an exported file.
QString withoutControls(QString text) {
    text.removeIf([](QChar c) {
        return (c.unicode() < 0x20 && c != u'\n' && c != u'\t') || c.unicode() == 0x7f;
    });
    return text;
}

// Text without a character the converter acts on in text mode (\ $ { * _ and "--", see
// latexconverter.cpp) comes out unchanged: most titles skip it.
bool needsConversion(const QString &text) {
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char16_t c = text.at(i).unicode();
        if (c == u'\\' || c == u'$' || c == u'{' || c == u'*' || c == u'_' ||
            (c < 0x20 && c != u'\n' && c != u'\t') || c == 0x7f ||
            (c == u'-' && i + 1 < text.size() && text.at(i + 1) == u'-'))
            return true;
    }
    return false;
}

QString plain(const QString &source) {
    return needsConversion(source) ? withoutControls(LatexText::toPlainText(source)) : source;
}

} // namespace

std::unique_ptr<ExportWriter> ExportWriter::create(const ExportOptions &options) {
    switch (options.format) {
    case ExportFormat::BibTeX:
        return std::make_unique<BibtexWriter>(options);
    case ExportFormat::Ris:
        return std::make_unique<RisWriter>(options);
    case ExportFormat::Csv:
        return std::make_unique<CsvWriter>(options);
    case ExportFormat::Json:
        return std::make_unique<JsonWriter>(options);
    case ExportFormat::Markdown:
        return std::make_unique<MarkdownWriter>(options);
    }
    return std::make_unique<JsonWriter>(options);
}

QString ExportWriter::plainTitle(const LibraryPaper &paper) {
    return textfields::simplified(plain(paper.paper.title));
}

QString ExportWriter::plainAbstract(const LibraryPaper &paper) {
    return plain(paper.paper.abstract).trimmed();
}

} // namespace lectern
