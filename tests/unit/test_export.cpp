// Export: each format against the fixture files in tests/data/export (LECTERN_UPDATE_EXPORT=1
// rewrites them from the current output; review the diff), and read back by strict readers.
#include "exchange/authorname.h"
#include "exchange/bibtexwriter.h"
#include "exchange/csvwriter.h"
#include "exchange/exporter.h"
#include "exchange/exportwriter.h"
#include "exchange/markdownwriter.h"
#include "exchange/textfields.h"
#include "exportfixtures.h"
#include "exportreaders.h"
#include "testsupport.h"

#include <catch2/catch_test_macros.hpp>
#include <catch2/generators/catch_generators.hpp>

#include <QBuffer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>

using namespace lectern;
using namespace lectern::test;

namespace {

QByteArray exported(ExportFormat format, bool notes = true,
                    const QList<LibraryPaper> &papers = exportLibrary()) {
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    ExportOptions options;
    options.format = format;
    options.includeNotes = notes;
    QString error;
    REQUIRE(exportPapers(papers, &buffer, options, &error));
    return bytes;
}

QString fixturePath(ExportFormat format) {
    return QStringLiteral(LECTERN_EXPORT_DATA_DIR "/library.") + Exporter::fileSuffix(format);
}

} // namespace

TEST_CASE("each export format matches its fixture file", "[export]") {
    const ExportFormat format = GENERATE(ExportFormat::BibTeX, ExportFormat::Ris, ExportFormat::Csv,
                                         ExportFormat::Json, ExportFormat::Markdown);
    const QByteArray out = exported(format);
    const QString path = fixturePath(format);
    if (qEnvironmentVariableIsSet("LECTERN_UPDATE_EXPORT"))
        writeFile(path, out);
    INFO(Exporter::formatName(format).toStdString()
         << " differs from " << path.toStdString() << ":\n"
         << out.toStdString());
    CHECK(out == readFile(path));
}

TEST_CASE("BibTeX reads back with a strict reader (keys and fields and escapes)",
          "[export][bibtex]") {
    const QString bib = QString::fromUtf8(exported(ExportFormat::BibTeX));
    StrictBibReader reader;
    QList<BibEntry> entries;
    INFO(reader.error().toStdString() << "\n" << bib.toStdString());
    REQUIRE(reader.read(bib, &entries));
    REQUIRE(entries.size() == 5);
    QStringList keys;
    for (const BibEntry &e : entries) {
        CHECK(e.type == QLatin1String("misc"));
        keys << e.key;
    }
    CHECK(keys == QStringList{QStringLiteral("lichtenstein2025digital"),
                              QStringLiteral("lichtensteinmuller2025digital"),
                              QStringLiteral("lichtenstein2025digitala"), QStringLiteral("atlas"),
                              QStringLiteral("lichtenstein2025digitalb")});
    const BibEntry &a = entries.first();
    CHECK(a.fields.value(QStringLiteral("author")) ==
          QStringLiteral(
              "Lichtenstein, Anna and van der Berg, Jan and {Plato} and Tolkien, J. R. R."));
    CHECK(a.fields.value(QStringLiteral("year")) == QLatin1String("2025"));
    CHECK(a.fields.value(QStringLiteral("month")) == QLatin1String("may"));
    CHECK(a.fields.value(QStringLiteral("eprint")) == QLatin1String("2505.01201"));
    CHECK(a.fields.value(QStringLiteral("archiveprefix")) == QLatin1String("arXiv"));
    CHECK(a.fields.value(QStringLiteral("keywords")) == QLatin1String("agents, digital\\_twins"));
    CHECK(a.fields.value(QStringLiteral("note")).contains(QLatin1String("100\\%.")));
    CHECK(a.fields.value(QStringLiteral("title"))
              .startsWith(QLatin1String("{Digital} {Twins} for {LLM}")));
    const BibEntry &b = entries.at(1);
    CHECK(b.fields.value(QStringLiteral("author")) ==
          QStringLiteral("Lichtenstein-Müller, Zoë and {张伟} and King, Jr., Martin Luther and "
                         "100\\%\\&\\$\\#\\_\\textasciicircum{}\\textasciitilde{}"
                         "\\textbackslash{}\\textbraceleft{}Co\\textbraceright{}, Ed"));
    CHECK(b.fields.value(QStringLiteral("title")).contains(QStringLiteral("{Über-Fast}")));
    CHECK(entries.at(3).key == QLatin1String("atlas"));
    CHECK(entries.at(3).fields.value(QStringLiteral("author")) ==
          QLatin1String("{The ATLAS Collaboration}"));
}

TEST_CASE("BibTeX without --notes has no note; keys are stable across runs", "[export][bibtex]") {
    const QByteArray without = exported(ExportFormat::BibTeX, false);
    CHECK_FALSE(without.contains("note = "));
    CHECK(exported(ExportFormat::BibTeX, false) == without);
}

TEST_CASE("BibTeX escapes every special and keeps braces balanced", "[export][bibtex]") {
    const QString specials = QStringLiteral("{}%&$#_^\\~ é 数");
    const QString escaped = BibtexWriter::escape(specials);
    CHECK(StrictBibReader::checkValue(escaped, false).isEmpty());
    CHECK(escaped.contains(QStringLiteral("é 数")));
    CHECK(StrictBibReader::checkValue(BibtexWriter::protectCase(QStringLiteral("\\Foo {Bar} x_Y")),
                                      false)
              .isEmpty());
    // A protected word starting with a command must not be a BibTeX "special character".
    CHECK(BibtexWriter::protectCase(QStringLiteral("\\Foo")).startsWith(QLatin1String("{{}")));
}

TEST_CASE("bibtool parses the BibTeX export without a complaint", "[export][bibtex]") {
    const QString bibtool = QStringLiteral("/usr/bin/bibtool");
    if (!QFile::exists(bibtool))
        SKIP("bibtool is not installed");
    const QString dir = scratchDir(QStringLiteral("export-bibtool"));
    const QString file = dir + QStringLiteral("/library.bib");
    writeFile(file, exported(ExportFormat::BibTeX));
    QProcess p;
    p.start(bibtool,
            {QStringLiteral("-q"), QStringLiteral("-o"), dir + QStringLiteral("/out.bib"), file});
    REQUIRE(p.waitForFinished(20000));
    const QByteArray err = p.readAllStandardError();
    INFO(err.toStdString());
    CHECK(p.exitCode() == 0);
    CHECK(err.isEmpty());
    // Every entry survived the round trip.
    CHECK(readFile(dir + QStringLiteral("/out.bib")).count("@Misc{") +
              readFile(dir + QStringLiteral("/out.bib")).count("@misc{") ==
          5);
}

TEST_CASE("author names split into family and given names", "[export]") {
    auto lf = [](const char *name) {
        return AuthorName::split(QString::fromUtf8(name)).lastFirst();
    };
    CHECK(lf("Jan van der Berg") == QLatin1String("van der Berg, Jan"));
    CHECK(lf("Ludwig van Beethoven") == QLatin1String("van Beethoven, Ludwig"));
    CHECK(lf("J. R. R. Tolkien") == QLatin1String("Tolkien, J. R. R."));
    CHECK(lf("Plato") == QLatin1String("Plato"));
    CHECK(lf("Martin Luther King Jr.") == QLatin1String("King, Jr., Martin Luther"));
    CHECK(lf("Berg, Jan") == QLatin1String("Berg, Jan"));
    CHECK(asciiFold(QStringLiteral("Zoë Straße-Øre")) == QLatin1String("zoestrasseore"));
    // Capitals that NFKD keeps whole are spelt like their small letters.
    CHECK(asciiFold(QString::fromUtf8("Þórsson Ðaði Łoś Œuvre")) ==
          QLatin1String("thorssondadilosoeuvre"));
}

TEST_CASE("RIS has one tag per line and an ER per paper", "[export][ris]") {
    const QString ris = QString::fromUtf8(exported(ExportFormat::Ris));
    CHECK(ris.count(QStringLiteral("TY  - ELEC\r\n")) == 5);
    CHECK(ris.count(QStringLiteral("ER  - \r\n")) == 5);
    CHECK(ris.contains(QStringLiteral("AU  - van der Berg, Jan\r\n")));
    CHECK(ris.contains(QStringLiteral("DA  - 2025/05/02\r\n")));
    CHECK(ris.contains(QStringLiteral("N1  - Read *this* first, {really} 100%. Second line")));
    for (const QString &line : ris.split(QStringLiteral("\r\n"))) {
        INFO(line.toStdString());
        CHECK((line.isEmpty() || line.mid(2, 4) == QLatin1String("  - ")));
    }
    ExportOptions unpb;
    unpb.format = ExportFormat::Ris;
    unpb.risUnpublished = true;
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    REQUIRE(exportPapers(exportLibrary(), &buffer, unpb));
    CHECK(bytes.count("TY  - UNPB\r\n") == 5);
}

TEST_CASE("CSV round-trips through a strict RFC 4180 parser", "[export][csv]") {
    const QList<LibraryPaper> papers = exportLibrary();
    QList<QStringList> rows;
    QString error;
    REQUIRE(parseCsv(QString::fromUtf8(exported(ExportFormat::Csv)), &rows, &error));
    REQUIRE(rows.size() == papers.size() + 1);
    const QStringList header = rows.first();
    CHECK(header == CsvWriter::columns());
    auto cell = [&](int row, const char *column) {
        return rows.at(row).at(header.indexOf(QLatin1String(column)));
    };
    for (const QStringList &r : rows)
        CHECK(r.size() == header.size());
    CHECK(cell(1, "title").contains(QStringLiteral("\"quoted\", $5")));
    CHECK(cell(1, "abstract").contains(QStringLiteral("\"quotes\"\nand a line break.\n\nSecond")));
    CHECK(cell(1, "note") == papers.first().note);
    CHECK(cell(1, "starred") == QLatin1String("true"));
    CHECK(cell(1, "tags") == QLatin1String("later; to-cite"));
    CHECK(cell(1, "read_at") == QLatin1String("2025-06-01T09:04:00.000Z"));
    CHECK(cell(2, "authors") == QStringLiteral("Zoë Lichtenstein-Müller; 张伟; Martin Luther King "
                                               "Jr.; Ed 100%&$#_^~\\{Co}"));
    // Guards the fixture: every LaTeX special reaches the writers in a title or an author.
    for (QChar c : QStringLiteral("{}%&$#_^\\~"))
        CHECK(QString(cell(1, "title") + cell(2, "authors")).contains(c));
    CHECK(cell(4, "title") == QStringLiteral("大規模言語モデルの研究"));
}

TEST_CASE("JSON parses back with every field", "[export][json]") {
    const QList<LibraryPaper> papers = exportLibrary();
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(exported(ExportFormat::Json), &error);
    REQUIRE(error.error == QJsonParseError::NoError);
    const QJsonArray list = doc.object().value(QStringLiteral("papers")).toArray();
    REQUIRE(list.size() == papers.size());
    for (qsizetype i = 0; i < list.size(); ++i) {
        const QJsonObject o = list.at(i).toObject();
        const LibraryPaper &lp = papers.at(i);
        CHECK(o.value(QStringLiteral("title")).toString() == lp.paper.title);
        CHECK(o.value(QStringLiteral("abstract")).toString() == lp.paper.abstract);
        CHECK(o.value(QStringLiteral("authors")).toVariant().toStringList() == lp.paper.authors);
        CHECK(o.value(QStringLiteral("keywords")).toVariant().toStringList() == lp.paper.keywords);
        CHECK(o.value(QStringLiteral("tags")).toVariant().toStringList() == lp.tags);
        CHECK(o.value(QStringLiteral("read")).toBool() == lp.read);
        CHECK(o.value(QStringLiteral("starred")).toBool() == lp.starred);
        CHECK(o.value(QStringLiteral("note")).toString() == lp.note);
        CHECK(o.value(QStringLiteral("version")).toInt() == lp.paper.version);
        CHECK(o.value(QStringLiteral("url")).toString() == lp.paper.url);
    }
    // Without notes the note is left out, not emptied.
    const QJsonDocument plain = QJsonDocument::fromJson(exported(ExportFormat::Json, false));
    CHECK_FALSE(plain.object()
                    .value(QStringLiteral("papers"))
                    .toArray()
                    .at(0)
                    .toObject()
                    .contains(QStringLiteral("note")));
    // An empty export is still a document.
    CHECK(QJsonDocument::fromJson(exported(ExportFormat::Json, true, {})).isObject());
}

TEST_CASE("Markdown: a reading list with links and stars and escaped titles and quoted notes",
          "[export][markdown]") {
    const QString md = QString::fromUtf8(exported(ExportFormat::Markdown));
    CHECK(md.startsWith(QStringLiteral("# Reading list\n")));
    CHECK(md.contains(
        QStringLiteral("- ★ **[Digital Twins for LLM Agents: 100% R\\&D, \\#1 at C\\_n")));
    CHECK(md.contains(QStringLiteral("](<http://arxiv.org/abs/2505.01201v2>)**")));
    CHECK(
        md.contains(QStringLiteral("\\[Imaging\\] now \\`code\\` \\<b\\>bold\\</b\\> \\| pipes")));
    CHECK(md.contains(QStringLiteral("  > Read *this* first")));
    CHECK(md.contains(QStringLiteral("  > \\> already a quote")) == false);
    CHECK(md.contains(QStringLiteral("  > > already a quote")));
    CHECK(MarkdownWriter::escape(QStringLiteral("a_b*c")) == QLatin1String("a\\_b\\*c"));
}

TEST_CASE("format names", "[export]") {
    for (const QString &name : Exporter::formatNames())
        CHECK(Exporter::formatName(*Exporter::formatFromName(name)) == name);
    CHECK(Exporter::formatFromName(QStringLiteral("bib")) == ExportFormat::BibTeX);
    CHECK_FALSE(Exporter::formatFromName(QStringLiteral("docx")));
}

TEST_CASE("chunks formatted on several threads give the same bytes as one paper at a time",
          "[export]") {
    // 2,500 papers sharing one BibTeX base key, loaded in 3 chunks (Exporter::kChunk) that
    // format on other threads: keys still unique and in file order, JSON separators right.
    QList<LibraryPaper> papers;
    QList<qint64> ids;
    for (int i = 0; i < 2500; ++i) {
        LibraryPaper lp = exportPaper(QStringLiteral("2505.%1").arg(10000 + i, 5, 10, QChar(u'0')),
                                      QStringLiteral("Digital Twins, part ") + QString::number(i),
                                      {QStringLiteral("Anna Lichtenstein")}, QDate(2025, 5, 2));
        lp.id = i + 1;
        papers << lp;
        ids << lp.id;
    }
    const auto load = [&papers](const QList<qint64> &chunk) {
        QList<LibraryPaper> out;
        for (qint64 id : chunk)
            out << papers.at(id - 1);
        return std::optional<QList<LibraryPaper>>(out);
    };
    const ExportFormat format =
        GENERATE(ExportFormat::BibTeX, ExportFormat::Json, ExportFormat::Csv, ExportFormat::Ris);
    ExportOptions options;
    options.format = format;
    QByteArray streamed;
    QBuffer buffer(&streamed);
    buffer.open(QIODevice::WriteOnly);
    Exporter exporter(&buffer, options);
    QList<int> progress;
    const auto onProgress = [&progress](int done) {
        progress << done;
        return true;
    };
    REQUIRE(exporter.exportIds(ids, load, onProgress));
    CHECK(exporter.count() == 2500);
    CHECK(progress == QList<int>{1000, 2000, 2500});

    // One at a time on this thread, through the writer itself.
    std::unique_ptr<ExportWriter> writer = ExportWriter::create(options);
    QByteArray sequential = writer->begin();
    for (const LibraryPaper &lp : papers)
        sequential += writer->paper(lp);
    sequential += writer->end();
    CHECK(streamed == sequential);
    if (format == ExportFormat::BibTeX) {
        CHECK(streamed.count("@misc{lichtenstein2025digital,") == 1);
        CHECK(streamed.count("@misc{lichtenstein2025digitala,") == 1);
        CHECK(streamed.count("@misc{lichtenstein2025digitalaaa,") == 1); // the 703rd clash
        CHECK(streamed.indexOf("digitala,") < streamed.indexOf("digitalb,"));
    }
    if (format == ExportFormat::Json)
        CHECK(QJsonDocument::fromJson(streamed)[QStringLiteral("papers")].toArray().size() == 2500);
}

TEST_CASE("textfields::simplified is QString::simplified", "[export]") {
    const QString text =
        GENERATE(QString(), QStringLiteral(""), QStringLiteral(" "), QStringLiteral("a"),
                 QStringLiteral("plain words only"), QStringLiteral(" leading"),
                 QStringLiteral("trailing "), QStringLiteral("two  spaces"),
                 QStringLiteral("a\nline\r\nbreak"), QStringLiteral("\t tab\t"),
                 QStringLiteral("nbsp\u00a0inside"), QStringLiteral("ideographic\u3000space "),
                 QStringLiteral("Zoë  Müller\n\n数据 "), QStringLiteral("  \n\t "));
    CHECK(textfields::simplified(text) == text.simplified());
}
