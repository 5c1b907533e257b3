// lectern-cli list and show: the library read back, as text or JSON.
#include "clicommands.h"

#include "console.h"
#include "store/library.h"
#include "text/latextext.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace lectern::cli {

namespace {

QJsonValue stringOrNull(const QString &s) {
    return s.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(s);
}

QJsonValue timeOrNull(const QDateTime &t) {
    return t.isValid() ? QJsonValue(t.toUTC().toString(Qt::ISODate)) : QJsonValue(QJsonValue::Null);
}

QStringList isoDates(const QList<QDate> &dates) {
    QStringList s;
    for (const QDate &d : dates)
        s << d.toString(Qt::ISODate);
    return s;
}

// The object of `list --json`; `show --json` (full) adds the rest.
QJsonObject paperJson(const LibraryPaper &lp, bool full) {
    const Paper &p = lp.paper;
    QJsonObject o{
        {QLatin1String("arxiv_id"), stringOrNull(p.arxivId)},
        {QLatin1String("version"), p.version > 0 ? QJsonValue(p.version) : QJsonValue()},
        {QLatin1String("title"), p.title},
        {QLatin1String("authors"), QJsonArray::fromStringList(p.authors)},
        {QLatin1String("date"),
         p.date.isValid() ? QJsonValue(p.date.toString(Qt::ISODate)) : QJsonValue()},
        {QLatin1String("keywords"), QJsonArray::fromStringList(p.keywords)},
        {QLatin1String("read"), lp.read},
        {QLatin1String("starred"), lp.starred},
        {QLatin1String("note"), stringOrNull(lp.note)},
        {QLatin1String("tags"), QJsonArray::fromStringList(lp.tags)},
        {QLatin1String("digests"), QJsonArray::fromStringList(isoDates(lp.digests))},
    };
    if (!full)
        return o;
    o[QLatin1String("url")] = stringOrNull(p.url);
    o[QLatin1String("summary")] = stringOrNull(p.summary);
    o[QLatin1String("abstract")] = p.abstract;
    o[QLatin1String("read_at")] = timeOrNull(lp.readAt);
    o[QLatin1String("starred_at")] = timeOrNull(lp.starredAt);
    o[QLatin1String("note_at")] = timeOrNull(lp.noteAt);
    o[QLatin1String("first_seen")] = timeOrNull(lp.firstSeen);
    o[QLatin1String("last_seen")] = timeOrNull(lp.lastSeen);
    return o;
}

// What arXiv said (fetch): null fields until the paper's metadata was fetched.
void addMetadata(const StoredMetadata &m, QJsonObject *o) {
    const ArxivRecord &r = m.record;
    const bool has = m.present();
    (*o)[QLatin1String("categories")] =
        has ? QJsonValue(QJsonArray::fromStringList(r.categories)) : QJsonValue();
    (*o)[QLatin1String("primary_category")] = stringOrNull(r.primaryCategory);
    (*o)[QLatin1String("comments")] = stringOrNull(r.comments);
    (*o)[QLatin1String("journal_ref")] = stringOrNull(r.journalRef);
    (*o)[QLatin1String("doi")] = stringOrNull(r.doi);
    (*o)[QLatin1String("latest_version")] = has ? QJsonValue(r.version) : QJsonValue();
    (*o)[QLatin1String("fetched_at")] = timeOrNull(m.fetchedAt);
    if (has) {
        (*o)[QLatin1String("arxiv_title")] = r.title;
        (*o)[QLatin1String("arxiv_authors")] = QJsonArray::fromStringList(r.authors);
    }
}

void writeJson(const QJsonObject &o) {
    Console::out().writeJson(QJsonDocument(o).toJson(QJsonDocument::Compact) + '\n');
}

// --limit N: -1 when absent, nullopt when not a number >= 0.
std::optional<int> limitOf(const CommandArgs &args) {
    if (!args.isSet(QStringLiteral("limit")))
        return -1;
    bool ok = false;
    const int limit = args.value(QStringLiteral("limit")).toInt(&ok);
    return ok && limit >= 0 ? std::optional<int>(limit) : std::nullopt;
}

QList<qint64> idsOf(const QueryResult &r) {
    QList<qint64> ids;
    for (const PaperRow &row : r.rows)
        ids << row.id;
    return ids;
}

// False (with the library's error on stderr) when the papers cannot be loaded. For you adds
// each paper's "why".
bool printListJson(const Library &lib, const QueryResult &r, bool forYou) {
    const QList<qint64> ids = idsOf(r);
    const std::optional<QList<LibraryPaper>> loaded = lib.papers(ids);
    const std::optional<QHash<qint64, QString>> why =
        forYou ? whyLines(lib, ids) : QHash<qint64, QString>();
    if (!loaded || !why) {
        if (!loaded)
            Console::err() << "lectern-cli list: " << lib.lastError() << '\n';
        return false;
    }
    QJsonArray papers;
    for (const LibraryPaper &lp : *loaded) {
        QJsonObject o = paperJson(lp, false);
        if (forYou)
            o[QLatin1String("why")] = stringOrNull(why->value(lp.id));
        papers.append(o);
    }
    writeJson(QJsonObject{{QLatin1String("total"), r.total}, {QLatin1String("papers"), papers}});
    return true;
}

// why: each paper's For you reasons, printed under it (none: not asked).
void printListText(const QueryResult &r, const QHash<qint64, QString> &why) {
    for (const PaperRow &row : r.rows) {
        const QString flags = QString(row.read ? QLatin1Char(' ') : QLatin1Char('N')) +
                              (row.starred ? QLatin1Char('*') : QLatin1Char(' ')) +
                              (row.hasNote ? QLatin1Char('n') : QLatin1Char(' '));
        Console::out()
            << (row.arxivId.isEmpty() ? QStringLiteral("-") : row.arxivId).leftJustified(10) << "  "
            << (row.date.isValid() ? row.date.toString(Qt::ISODate) : QStringLiteral("          "))
            << "  " << flags << "  " << LatexText::toPlainText(row.title) << '\n';
        if (!why.value(row.id).isEmpty())
            Console::out() << "            why: " << why.value(row.id) << '\n';
    }
    Console::out() << r.total << (r.total == 1 ? " paper" : " papers");
    if (r.rows.size() < r.total)
        Console::out() << " (" << r.rows.size() << " shown)";
    Console::out() << '\n';
}

QString indent(const QString &text) {
    QStringList lines = text.split(QLatin1Char('\n'));
    for (QString &l : lines)
        l = l.isEmpty() ? l : QStringLiteral("  ") + l;
    return lines.join(QLatin1Char('\n'));
}

void printPaperHeader(const LibraryPaper &lp) {
    const Paper &p = lp.paper;
    Console &out = Console::out();
    out << LatexText::toPlainText(p.title) << '\n';
    out << "Authors:  " << p.authors.join(QStringLiteral(", ")) << '\n';
    out << "Date:     "
        << (p.date.isValid() ? p.date.toString(Qt::ISODate) : QStringLiteral("unknown"));
    if (!p.arxivId.isEmpty())
        out << "    arXiv: " << p.arxivId
            << (p.version > 0 ? QStringLiteral("v") + QString::number(p.version) : QString());
    out << '\n';
    if (!p.url.isEmpty())
        out << "URL:      " << p.url << '\n';
    if (!p.keywords.isEmpty())
        out << "Keywords: " << p.keywords.join(QStringLiteral(", ")) << '\n';
    out << "Digests:  " << isoDates(lp.digests).join(QStringLiteral(", ")) << '\n';
}

void printPaperState(const LibraryPaper &lp) {
    Console &out = Console::out();
    QStringList state;
    state << (lp.read ? QStringLiteral("read (") + lp.readAt.toUTC().toString(Qt::ISODate) +
                            QLatin1Char(')')
                      : QStringLiteral("unread"));
    if (lp.starred)
        state << QStringLiteral("starred");
    out << "State:    " << state.join(QStringLiteral(", ")) << '\n';
    if (!lp.tags.isEmpty())
        out << "Tags:     " << lp.tags.join(QStringLiteral(", ")) << '\n';
    if (!lp.paper.summary.isEmpty())
        out << "Summary:  " << LatexText::toPlainText(lp.paper.summary) << '\n';
    if (!lp.note.isEmpty())
        out << "\nNote:\n" << indent(lp.note) << '\n';
    out << "\nAbstract:\n" << indent(LatexText::toPlainText(lp.paper.abstract)) << '\n';
}

} // namespace

std::optional<SortOrder> sortOrder(const QString &name) {
    if (name.isEmpty() || name == QLatin1String("date"))
        return SortOrder::Date;
    if (name == QLatin1String("digest"))
        return SortOrder::Digest;
    if (name == QLatin1String("title"))
        return SortOrder::Title;
    if (name == QLatin1String("relevance"))
        return SortOrder::Relevance;
    if (name == QLatin1String("foryou"))
        return SortOrder::ForYou;
    return std::nullopt;
}

int runList(const CommandArgs &args) {
    const std::optional<int> limit = limitOf(args);
    if (!limit)
        return usageError(args.command, QStringLiteral("--limit needs a number >= 0"));
    const std::optional<SortOrder> sort = sortOrder(args.value(QStringLiteral("sort")));
    if (!sort)
        return usageError(args.command,
                          QStringLiteral("--sort takes date, digest, title, relevance or foryou"));
    const bool forYou = *sort == SortOrder::ForYou;
    Library lib;
    if (!openLibrary(args, &lib) || (forYou && !updateForYou(lib)))
        return 1;
    // The query may come as one argument or several.
    const QueryResult r = lib.query(args.positional.join(QLatin1Char(' ')), *sort, *limit);
    if (!r.ok()) {
        Console::err() << "lectern-cli list: bad query: " << r.error << '\n';
        return 1;
    }
    if (args.isSet(QStringLiteral("json")))
        return printListJson(lib, r, forYou) ? 0 : 1;
    std::optional<QHash<qint64, QString>> why = QHash<qint64, QString>();
    if (forYou && args.isSet(QStringLiteral("why")))
        why = whyLines(lib, idsOf(r));
    if (!why)
        return 1;
    printListText(r, *why);
    return 0;
}

int runShow(const CommandArgs &args) {
    if (args.positional.size() != 1)
        return usageError(args.command, QStringLiteral("expected one ARXIV_ID"));
    Library lib;
    if (!openLibrary(args, &lib))
        return 1;
    const QString key = args.positional.first();
    const auto lp = lib.paperByArxivId(key);
    if (!lp) {
        Console::err() << "lectern-cli show: no paper " << key << " in the library\n";
        return 1;
    }
    if (args.isSet(QStringLiteral("json"))) {
        QJsonObject o = paperJson(*lp, true);
        const std::optional<StoredMetadata> meta = lib.metadata(lp->id);
        const std::optional<QString> pdf = lib.pdfPath(lp->id);
        if (!meta || !pdf) {
            Console::err() << "lectern-cli show: " << lib.lastError() << '\n';
            return 1;
        }
        addMetadata(*meta, &o);
        o[QLatin1String("pdf")] = stringOrNull(*pdf);
        writeJson(o);
        return 0;
    }
    printPaperHeader(*lp);
    printPaperState(*lp);
    return 0;
}

} // namespace lectern::cli
