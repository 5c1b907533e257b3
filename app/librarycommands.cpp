// lectern-cli library commands: import, list, show, mark, note, tag, export-annotations,
// import-annotations. All take --db PATH (default: $LECTERN_DB or the app data folder).
#include "clicommands.h"

#include "text/latextext.h"
#include "store/library.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>
#include <QTextStream>

#include <cstdio>

namespace lectern::cli {

namespace {

QTextStream &out() {
    static QTextStream s(stdout);
    return s;
}

QTextStream &err() {
    static QTextStream s(stderr);
    return s;
}

int usageError(const QString &cmd, const QString &message, const QString &usage) {
    err() << "lectern-cli " << cmd << ": " << message << "\nusage: lectern-cli " << usage << '\n';
    err().flush();
    return 2;
}

// Takes --db PATH / --db=PATH out of args. Returns false (with a message) when it lacks a value.
bool takeDb(QStringList *args, QString *db, QString *error) {
    for (int i = 0; i < args->size(); ++i) {
        const QString a = args->at(i);
        if (a == QLatin1String("--db")) {
            if (i + 1 >= args->size()) {
                *error = QStringLiteral("--db needs a PATH");
                return false;
            }
            *db = args->at(i + 1);
            args->remove(i, 2);
            --i;
        } else if (a.startsWith(QLatin1String("--db="))) {
            *db = a.mid(5);
            args->remove(i);
            --i;
        } else {
            continue;
        }
        if (db->trimmed().isEmpty()) { // an empty variable in a script, not "the default"
            *error = QStringLiteral("--db needs a PATH (it was empty)");
            return false;
        }
    }
    return true;
}

QString jsonString(const QString &s) {
    const QByteArray a = QJsonDocument(QJsonArray{s}).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(a.mid(1, a.size() - 2));
}

QString jsonList(const QStringList &list) {
    return QString::fromUtf8(
        QJsonDocument(QJsonArray::fromStringList(list)).toJson(QJsonDocument::Compact));
}

QString jsonOrNull(const QString &s) {
    return s.isEmpty() ? QStringLiteral("null") : jsonString(s);
}
QString jsonBool(bool b) {
    return b ? QStringLiteral("true") : QStringLiteral("false");
}

QStringList isoDates(const QList<QDate> &dates) {
    QStringList s;
    for (const QDate &d : dates)
        s << d.toString(Qt::ISODate);
    return s;
}

// The object of `list --json`, keys in the documented order; `show --json` adds the rest.
QString paperJson(const LibraryPaper &lp, bool full) {
    const Paper &p = lp.paper;
    QString o =
        QStringLiteral("{\"arxiv_id\":") + jsonOrNull(p.arxivId) + QStringLiteral(",\"version\":") +
        (p.version > 0 ? QString::number(p.version) : QStringLiteral("null")) +
        QStringLiteral(",\"title\":") + jsonString(p.title) + QStringLiteral(",\"authors\":") +
        jsonList(p.authors) + QStringLiteral(",\"date\":") +
        (p.date.isValid() ? jsonString(p.date.toString(Qt::ISODate)) : QStringLiteral("null")) +
        QStringLiteral(",\"keywords\":") + jsonList(p.keywords) + QStringLiteral(",\"read\":") +
        jsonBool(lp.read) + QStringLiteral(",\"starred\":") + jsonBool(lp.starred) +
        QStringLiteral(",\"note\":") + jsonOrNull(lp.note) + QStringLiteral(",\"tags\":") +
        jsonList(lp.tags) + QStringLiteral(",\"digests\":") + jsonList(isoDates(lp.digests));
    if (full) {
        auto time = [](const QDateTime &t) {
            return t.isValid() ? jsonString(t.toUTC().toString(Qt::ISODate))
                               : QStringLiteral("null");
        };
        o += QStringLiteral(",\"url\":") + jsonOrNull(p.url) + QStringLiteral(",\"summary\":") +
             jsonOrNull(p.summary) + QStringLiteral(",\"abstract\":") + jsonString(p.abstract) +
             QStringLiteral(",\"read_at\":") + time(lp.readAt) +
             QStringLiteral(",\"starred_at\":") + time(lp.starredAt) +
             QStringLiteral(",\"note_at\":") + time(lp.noteAt) +
             QStringLiteral(",\"first_seen\":") + time(lp.firstSeen) +
             QStringLiteral(",\"last_seen\":") + time(lp.lastSeen);
    }
    return o + QLatin1Char('}');
}

bool openLibrary(const QString &cmd, const QString &dbArg, Library *lib) {
    const QString path = dbArg.isEmpty() ? Library::defaultPath() : dbArg;
    QString error;
    if (!lib->open(path, &error)) {
        err() << "lectern-cli " << cmd << ": " << error << '\n';
        return false;
    }
    return true;
}

// Resolves arXiv ids (any of 2505.01259, 2505.01259v2, arXiv:…, the abs URL) to row ids;
// reports every unknown one. All-or-nothing so a typo changes nothing.
bool resolve(const QString &cmd, const Library &lib, const QStringList &keys, QList<qint64> *ids) {
    bool ok = true;
    for (const QString &k : keys) {
        const qint64 id = lib.idForKey(k);
        if (id == 0) {
            err() << "lectern-cli " << cmd << ": no paper " << k << " in the library\n";
            ok = false;
        }
        *ids << id;
    }
    return ok;
}

QString indent(const QString &text) {
    QStringList lines = text.split(QLatin1Char('\n'));
    for (QString &l : lines)
        l = l.isEmpty() ? l : QStringLiteral("  ") + l;
    return lines.join(QLatin1Char('\n'));
}

int runImport(const QString &db, const QStringList &args) {
    QStringList paths;
    for (const QString &a : args) {
        if (a.startsWith(QLatin1String("--")))
            return usageError(QStringLiteral("import"), QStringLiteral("unknown option ") + a,
                              QStringLiteral("import PATH... [--db PATH]"));
        paths << a;
    }
    if (paths.isEmpty())
        return usageError(QStringLiteral("import"), QStringLiteral("no PATH given"),
                          QStringLiteral("import PATH... [--db PATH]"));
    Library lib;
    if (!openLibrary(QStringLiteral("import"), db, &lib))
        return 1;
    const ImportStats s = lib.importPaths(paths, [](int done, int total, const QString &path) {
        if (path.isEmpty())
            err() << "[" << done << "/" << total << "] indexing for search\n";
        else
            err() << "[" << done + 1 << "/" << total << "] " << path << '\n';
        err().flush();
        return true;
    });
    for (const ImportFileResult &r : s.results) {
        for (const Diagnostic &dg : r.diagnostics) {
            err() << (r.path.isEmpty() ? QStringLiteral("library") : r.path);
            if (dg.line > 0)
                err() << ':' << dg.line;
            err() << ": " << (dg.severity == Severity::Error ? "error" : "warning") << ": "
                  << dg.message << '\n';
        }
        if (!r.imported && !r.alreadyImported && !r.path.isEmpty())
            err() << r.path << ": skipped (not imported)\n";
    }
    err().flush();
    out() << "files: " << s.files << ", new papers: " << s.newPapers << ", updated: " << s.updated
          << ", unchanged: " << s.unchanged << ", already imported: " << s.alreadyImported
          << ", skipped: " << s.skipped << ", errors: " << s.errors << '\n';
    out().flush();
    return s.skipped > 0 || s.errors > 0 ? 1 : 0;
}

int runList(const QString &db, const QStringList &args) {
    const QString usage =
        QStringLiteral("list [QUERY] [--json] [--limit N] [--sort date|digest|title|relevance]");
    bool json = false;
    int limit = -1;
    SortOrder sort = SortOrder::Date;
    QStringList words;
    for (int i = 0; i < args.size(); ++i) {
        const QString a = args.at(i);
        if (a == QLatin1String("--json")) {
            json = true;
        } else if (a == QLatin1String("--limit")) {
            bool ok = false;
            limit = i + 1 < args.size() ? args.at(++i).toInt(&ok) : -1;
            if (!ok || limit < 0)
                return usageError(QStringLiteral("list"),
                                  QStringLiteral("--limit needs a number >= 0"), usage);
        } else if (a == QLatin1String("--sort")) {
            const QString v = i + 1 < args.size() ? args.at(++i) : QString();
            if (v == QLatin1String("date"))
                sort = SortOrder::Date;
            else if (v == QLatin1String("digest"))
                sort = SortOrder::Digest;
            else if (v == QLatin1String("title"))
                sort = SortOrder::Title;
            else if (v == QLatin1String("relevance"))
                sort = SortOrder::Relevance;
            else
                return usageError(QStringLiteral("list"),
                                  QStringLiteral("--sort takes date, digest, title or relevance"),
                                  usage);
        } else if (a.startsWith(QLatin1String("--")) && a.size() > 2) {
            return usageError(QStringLiteral("list"), QStringLiteral("unknown option ") + a, usage);
        } else {
            words << a; // the query may come as one argument or several
        }
    }
    Library lib;
    if (!openLibrary(QStringLiteral("list"), db, &lib))
        return 1;
    const QueryResult r = lib.query(words.join(QLatin1Char(' ')), sort, limit);
    if (!r.ok()) {
        err() << "lectern-cli list: bad query: " << r.error << '\n';
        return 1;
    }
    if (json) {
        QList<qint64> ids;
        for (const PaperRow &row : r.rows)
            ids << row.id;
        const std::optional<QList<LibraryPaper>> papers = lib.papers(ids);
        if (!papers) {
            err() << "lectern-cli list: " << lib.lastError() << '\n';
            return 1;
        }
        out() << "{\"total\":" << r.total << ",\"papers\":[";
        for (int i = 0; i < papers->size(); ++i)
            out() << (i ? "," : "") << paperJson(papers->at(i), false);
        out() << "]}\n";
        return 0;
    }
    for (const PaperRow &row : r.rows) {
        const QString flags = QString(row.read ? QLatin1Char(' ') : QLatin1Char('N')) +
                              (row.starred ? QLatin1Char('*') : QLatin1Char(' ')) +
                              (row.hasNote ? QLatin1Char('n') : QLatin1Char(' '));
        out() << (row.arxivId.isEmpty() ? QStringLiteral("-").leftJustified(10)
                                        : row.arxivId.leftJustified(10))
              << "  "
              << (row.date.isValid() ? row.date.toString(Qt::ISODate)
                                     : QStringLiteral("          "))
              << "  " << flags << "  " << LatexText::toPlainText(row.title) << '\n';
    }
    out() << r.total << (r.total == 1 ? " paper" : " papers");
    if (r.rows.size() < r.total)
        out() << " (" << r.rows.size() << " shown)";
    out() << '\n';
    return 0;
}

int runShow(const QString &db, const QStringList &args) {
    const QString usage = QStringLiteral("show ARXIV_ID [--json]");
    bool json = false;
    QStringList keys;
    for (const QString &a : args) {
        if (a == QLatin1String("--json"))
            json = true;
        else if (a.startsWith(QLatin1String("--")))
            return usageError(QStringLiteral("show"), QStringLiteral("unknown option ") + a, usage);
        else
            keys << a;
    }
    if (keys.size() != 1)
        return usageError(QStringLiteral("show"), QStringLiteral("expected one ARXIV_ID"), usage);
    Library lib;
    if (!openLibrary(QStringLiteral("show"), db, &lib))
        return 1;
    const auto lp = lib.paperByArxivId(keys.first());
    if (!lp) {
        err() << "lectern-cli show: no paper " << keys.first() << " in the library\n";
        return 1;
    }
    if (json) {
        out() << paperJson(*lp, true) << '\n';
        return 0;
    }
    const Paper &p = lp->paper;
    out() << LatexText::toPlainText(p.title) << '\n';
    out() << "Authors:  " << p.authors.join(QStringLiteral(", ")) << '\n';
    out() << "Date:     "
          << (p.date.isValid() ? p.date.toString(Qt::ISODate) : QStringLiteral("unknown"));
    if (!p.arxivId.isEmpty())
        out() << "    arXiv: " << p.arxivId
              << (p.version > 0 ? QStringLiteral("v%1").arg(p.version) : QString());
    out() << '\n';
    if (!p.url.isEmpty())
        out() << "URL:      " << p.url << '\n';
    if (!p.keywords.isEmpty())
        out() << "Keywords: " << p.keywords.join(QStringLiteral(", ")) << '\n';
    out() << "Digests:  " << isoDates(lp->digests).join(QStringLiteral(", ")) << '\n';
    QStringList state;
    state << (lp->read ? QStringLiteral("read (%1)").arg(lp->readAt.toUTC().toString(Qt::ISODate))
                       : QStringLiteral("unread"));
    if (lp->starred)
        state << QStringLiteral("starred");
    out() << "State:    " << state.join(QStringLiteral(", ")) << '\n';
    if (!lp->tags.isEmpty())
        out() << "Tags:     " << lp->tags.join(QStringLiteral(", ")) << '\n';
    if (!p.summary.isEmpty())
        out() << "Summary:  " << LatexText::toPlainText(p.summary) << '\n';
    if (!lp->note.isEmpty())
        out() << "\nNote:\n" << indent(lp->note) << '\n';
    out() << "\nAbstract:\n" << indent(LatexText::toPlainText(p.abstract)) << '\n';
    return 0;
}

int runMark(const QString &db, const QStringList &args) {
    const QString usage = QStringLiteral("mark ARXIV_ID... --read|--unread|--star|--unstar");
    QStringList keys, flags;
    for (const QString &a : args)
        (a.startsWith(QLatin1String("--")) ? flags : keys) << a;
    const QStringList known = {QStringLiteral("--read"), QStringLiteral("--unread"),
                               QStringLiteral("--star"), QStringLiteral("--unstar")};
    if (flags.size() != 1 || !known.contains(flags.first()))
        return usageError(
            QStringLiteral("mark"),
            QStringLiteral("expected exactly one of --read, --unread, --star, --unstar"), usage);
    if (keys.isEmpty())
        return usageError(QStringLiteral("mark"), QStringLiteral("no ARXIV_ID given"), usage);
    Library lib;
    if (!openLibrary(QStringLiteral("mark"), db, &lib))
        return 1;
    QList<qint64> ids;
    if (!resolve(QStringLiteral("mark"), lib, keys, &ids))
        return 1;
    const QString f = flags.first();
    const bool ok = f == QLatin1String("--read")     ? lib.setRead(ids, true)
                    : f == QLatin1String("--unread") ? lib.setRead(ids, false)
                    : f == QLatin1String("--star")   ? lib.setStarred(ids, true)
                                                     : lib.setStarred(ids, false);
    if (!ok) {
        err() << "lectern-cli mark: " << lib.lastError() << '\n';
        return 1;
    }
    return 0;
}

int runNote(const QString &db, const QStringList &args) {
    const QString usage = QStringLiteral("note ARXIV_ID [TEXT|-]");
    if (args.isEmpty())
        return usageError(QStringLiteral("note"), QStringLiteral("no ARXIV_ID given"), usage);
    Library lib;
    if (!openLibrary(QStringLiteral("note"), db, &lib))
        return 1;
    QList<qint64> ids;
    if (!resolve(QStringLiteral("note"), lib, {args.first()}, &ids))
        return 1;
    if (args.size() == 1) {
        const auto lp = lib.paper(ids.first());
        if (lp && !lp->note.isEmpty())
            out() << lp->note << (lp->note.endsWith(QLatin1Char('\n')) ? "" : "\n");
        return 0;
    }
    QString text;
    if (args.size() == 2 && args.at(1) == QLatin1String("-")) {
        QFile in;
        if (!in.open(stdin, QIODevice::ReadOnly)) {
            err() << "lectern-cli note: cannot read standard input\n";
            return 1;
        }
        text = QString::fromUtf8(in.readAll());
        // An empty pipe is far more often a mistake (a failed command upstream) than a wish
        // to delete: refuse it. `note ID ""` deletes on purpose.
        if (text.trimmed().isEmpty()) {
            err() << "lectern-cli note: standard input was empty; the note was not changed "
                     "(to delete it: lectern-cli note "
                  << args.first() << " \"\")\n";
            return 1;
        }
    } else {
        text = args.mid(1).join(QLatin1Char(' '));
    }
    if (!lib.setNote(ids.first(), text)) {
        err() << "lectern-cli note: " << lib.lastError() << '\n';
        return 1;
    }
    return 0;
}

int runTag(const QString &db, const QStringList &args) {
    const QString usage = QStringLiteral("tag ARXIV_ID... +TAG|-TAG...");
    QStringList keys, ops;
    for (const QString &a : args)
        ((a.startsWith(QLatin1Char('+')) || a.startsWith(QLatin1Char('-'))) ? ops : keys) << a;
    if (keys.isEmpty() || ops.isEmpty())
        return usageError(QStringLiteral("tag"),
                          QStringLiteral("expected ARXIV_IDs and at least one +TAG or -TAG"),
                          usage);
    for (const QString &op : ops) {
        if (op.mid(1).trimmed().isEmpty())
            return usageError(QStringLiteral("tag"), QStringLiteral("empty tag in ") + op, usage);
    }
    Library lib;
    if (!openLibrary(QStringLiteral("tag"), db, &lib))
        return 1;
    QList<qint64> ids;
    if (!resolve(QStringLiteral("tag"), lib, keys, &ids))
        return 1;
    for (const QString &op : ops) {
        const bool ok = op.startsWith(QLatin1Char('+')) ? lib.addTag(ids, op.mid(1))
                                                        : lib.removeTag(ids, op.mid(1));
        if (!ok) {
            err() << "lectern-cli tag: " << lib.lastError() << '\n';
            return 1;
        }
    }
    return 0;
}

int runExportAnnotations(const QString &db, const QStringList &args) {
    if (args.size() > 1)
        return usageError(QStringLiteral("export-annotations"),
                          QStringLiteral("too many arguments"),
                          QStringLiteral("export-annotations [FILE]"));
    Library lib;
    if (!openLibrary(QStringLiteral("export-annotations"), db, &lib))
        return 1;
    const std::optional<QByteArray> exported = lib.exportAnnotations();
    if (!exported) {
        err() << "lectern-cli export-annotations: " << lib.lastError() << '\n';
        return 1;
    }
    const QByteArray json = *exported;
    if (args.isEmpty() || args.first() == QLatin1String("-")) {
        out().flush();
        fwrite(json.constData(), 1, size_t(json.size()), stdout);
        fflush(stdout);
        return 0;
    }
    QSaveFile f(args.first()); // written whole or not at all
    if (!f.open(QIODevice::WriteOnly) || f.write(json) != json.size() || !f.commit()) {
        err() << "lectern-cli export-annotations: cannot write " << args.first() << ": "
              << f.errorString() << '\n';
        return 1;
    }
    return 0;
}

int runImportAnnotations(const QString &db, const QStringList &args) {
    if (args.size() != 1)
        return usageError(QStringLiteral("import-annotations"), QStringLiteral("expected one FILE"),
                          QStringLiteral("import-annotations FILE"));
    QFile f;
    if (args.first() == QLatin1String("-"))
        f.open(stdin, QIODevice::ReadOnly);
    else {
        f.setFileName(args.first());
        f.open(QIODevice::ReadOnly);
    }
    if (!f.isOpen()) {
        err() << "lectern-cli import-annotations: cannot read " << args.first() << ": "
              << f.errorString() << '\n';
        return 1;
    }
    const QByteArray json = f.readAll();
    Library lib;
    if (!openLibrary(QStringLiteral("import-annotations"), db, &lib))
        return 1;
    QString error;
    if (!lib.importAnnotations(json, &error)) {
        err() << "lectern-cli import-annotations: " << args.first() << ": " << error << '\n';
        return 1;
    }
    return 0;
}

} // namespace

int runLibraryCommand(const QString &cmd, const QStringList &argsIn) {
    using Runner = int (*)(const QString &, const QStringList &);
    static const QList<QPair<QString, Runner>> commands = {
        {QStringLiteral("import"), runImport},
        {QStringLiteral("list"), runList},
        {QStringLiteral("show"), runShow},
        {QStringLiteral("mark"), runMark},
        {QStringLiteral("note"), runNote},
        {QStringLiteral("tag"), runTag},
        {QStringLiteral("export-annotations"), runExportAnnotations},
        {QStringLiteral("import-annotations"), runImportAnnotations},
    };
    for (const auto &[name, run] : commands) {
        if (name != cmd)
            continue;
        QStringList args = argsIn;
        QString db, error;
        if (!takeDb(&args, &db, &error))
            return usageError(cmd, error, cmd + QStringLiteral(" ... --db PATH"));
        const int rc = run(db, args);
        out().flush();
        err().flush();
        return rc;
    }
    return -1;
}

} // namespace lectern::cli
