#include "exchange/exportwriter.h"

#include "exchange/bibtexwriter.h"
#include "exchange/csvwriter.h"
#include "exchange/jsonwriter.h"
#include "exchange/markdownwriter.h"
#include "exchange/riswriter.h"
#include "exchange/textfields.h"
#include "text/latextext.h"

#include <array>

namespace lectern {

namespace {

// Control characters other than line breaks and tabs never reach an exported file.
QString withoutControls(QString text) {
    text.removeIf([](QChar c) {
        return (c.unicode() < 0x20 && c != u'\n' && c != u'\t') || c.unicode() == 0x7f;
    });
    return text;
}

enum class Scan { Plain, Convert, ConvertAndClean };

// Text without a character the converter acts on in text mode (\ $ { * _ and "--", see
// latexconverter.cpp) comes out unchanged: most titles skip it. Control characters (other
// than line breaks and tabs) are cleaned out after the conversion; text without them skips
// that pass.
Scan scan(const QString &text) {
    // Per ASCII character: 1 the converter acts on it, 2 a control character to clean out.
    static constexpr auto kinds = [] {
        std::array<quint8, 128> k{};
        for (char16_t c = 0; c < 0x20; ++c)
            k[c] = (c == u'\n' || c == u'\t') ? 0 : 2;
        k[0x7f] = 2;
        for (char16_t c : {u'\\', u'$', u'{', u'*', u'_'})
            k[c] = 1;
        return k;
    }();
    Scan result = Scan::Plain;
    const auto *b = reinterpret_cast<const char16_t *>(text.constData());
    const qsizetype n = text.size();
    for (qsizetype i = 0; i < n; ++i) {
        const char16_t c = b[i];
        if (c >= 0x80)
            continue;
        const quint8 k = kinds[c];
        if (k == 2)
            return Scan::ConvertAndClean;
        if (k == 1 || (c == u'-' && i + 1 < n && b[i + 1] == u'-'))
            result = Scan::Convert;
    }
    return result;
}

QString plain(const QString &source) {
    switch (scan(source)) {
    case Scan::Plain:
        return source;
    case Scan::Convert:
        return LatexText::toPlainText(source);
    case Scan::ConvertAndClean:
        break;
    }
    return withoutControls(LatexText::toPlainText(source));
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
