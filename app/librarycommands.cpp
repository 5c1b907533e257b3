// lectern-cli import, mark, note and tag, and what the library commands share.
#include "clicommands.h"

#include "cliinput.h"
#include "console.h"
#include "store/library.h"

namespace lectern::cli {

namespace {

QString resultName(const ImportFileResult &r) {
    return r.path.isEmpty() ? QStringLiteral("library") : r.path;
}

bool printProgress(int done, int total, const QString &path) {
    if (path.isEmpty())
        Console::err() << '[' << done << '/' << total << "] indexing for search\n";
    else
        Console::err() << '[' << done + 1 << '/' << total << "] " << path << '\n';
    Console::err().flush();
    return true;
}

void printImportProblems(const ImportStats &s) {
    for (const ImportFileResult &r : s.results) {
        for (const Diagnostic &dg : r.diagnostics) {
            Console::err() << resultName(r);
            if (dg.line > 0)
                Console::err() << ':' << dg.line;
            Console::err() << ": " << (dg.severity == Severity::Error ? "error" : "warning") << ": "
                           << dg.message << '\n';
        }
        if (!r.imported && !r.alreadyImported && !r.path.isEmpty())
            Console::err() << r.path << ": skipped (not imported)\n";
    }
    Console::err().flush();
}

// The new text of `note ID TEXT|-`, or nullopt after printing why there is none.
std::optional<QString> noteText(const CommandArgs &args) {
    if (args.positional.size() != 2 || args.positional.at(1) != QLatin1String("-"))
        return args.positional.mid(1).join(QLatin1Char(' '));
    QString error;
    const std::optional<QByteArray> in = CliInput::readStandardInput(&error);
    if (!in) {
        Console::err() << "lectern-cli note: " << error << "; the note was not changed\n";
        return std::nullopt;
    }
    const QString text = QString::fromUtf8(*in);
    // An empty pipe is far more often a mistake (a failed command upstream) than a wish to
    // delete: refuse it. `note ID ""` deletes on purpose.
    if (text.trimmed().isEmpty()) {
        Console::err() << "lectern-cli note: standard input was empty; the note was not changed "
                          "(to delete it: lectern-cli note "
                       << args.positional.first() << " \"\")\n";
        return std::nullopt;
    }
    return text;
}

int printNote(const Library &lib, qint64 id) {
    const auto lp = lib.paper(id);
    if (lp && !lp->note.isEmpty())
        Console::out() << lp->note << (lp->note.endsWith(QLatin1Char('\n')) ? "" : "\n");
    return 0;
}

// Every version kept, newest first: "#N  TIME" then the text indented (deleted: a line saying so).
int printNoteHistory(const Library &lib, qint64 id) {
    const std::optional<QList<NoteVersion>> versions = lib.noteHistory(id);
    if (!versions) {
        Console::err() << "lectern-cli note: " << lib.lastError() << '\n';
        return 1;
    }
    int n = int(versions->size());
    for (const NoteVersion &v : *versions) {
        Console::out() << '#' << QString::number(n--) << "  "
                       << v.savedAt.toUTC().toString(Qt::ISODate) << '\n';
        if (v.text.isEmpty())
            Console::out() << "    (note deleted)\n";
        for (const QString &line : v.text.split(QLatin1Char('\n'), Qt::SkipEmptyParts))
            Console::out() << "    " << line << '\n';
    }
    return 0;
}

// The one flag of `mark`, or an empty string when there is not exactly one.
QString markFlag(const CommandArgs &args) {
    QString flag;
    int count = 0;
    for (const char *f : {"read", "unread", "star", "unstar"}) {
        if (args.isSet(QLatin1String(f))) {
            flag = QLatin1String(f);
            ++count;
        }
    }
    return count == 1 ? flag : QString();
}

bool validTagOperations(const QStringList &ops) {
    for (const QString &op : ops) {
        if (op.mid(1).trimmed().isEmpty())
            return false;
    }
    return true;
}

} // namespace

QString libraryPath(const CommandArgs &args) {
    return args.db.isEmpty() ? Library::defaultPath() : args.db;
}

bool openLibrary(const CommandArgs &args, Library *lib) {
    const QString path = libraryPath(args);
    QString error;
    // A library is created only when asked (--create): a missing file (an unmounted drive, a
    // typo in $LECTERN_DB) is an error, not a new empty library.
    const bool opened = args.isSet(QStringLiteral("create")) ? lib->open(path, &error)
                                                             : lib->openExisting(path, &error);
    if (!opened) {
        Console::err() << "lectern-cli " << args.command << ": " << error << '\n';
        return false;
    }
    if (!lib->openWarning().isEmpty())
        Console::err() << "lectern-cli: warning: " << lib->openWarning() << '\n';
    return true;
}

bool resolve(const QString &command, const Library &lib, const QStringList &keys,
             QList<qint64> *ids) {
    bool ok = true;
    for (const QString &k : keys) {
        const std::optional<qint64> found = lib.idForKey(k);
        if (!found) {
            Console::err() << "lectern-cli " << command << ": " << lib.lastError() << '\n';
            return false;
        }
        const qint64 id = *found;
        if (id == 0) {
            Console::err() << "lectern-cli " << command << ": no paper " << k
                           << " in the library\n";
            ok = false;
        }
        *ids << id;
    }
    return ok;
}

int runImport(const CommandArgs &args) {
    if (args.positional.isEmpty())
        return usageError(args.command, QStringLiteral("no PATH given"));
    Library lib;
    if (!openLibrary(args, &lib))
        return 1;
    const ImportStats s = lib.importPaths(args.positional, printProgress);
    printImportProblems(s);
    Console::out() << "files: " << s.files << ", new papers: " << s.newPapers
                   << ", updated: " << s.updated << ", unchanged: " << s.unchanged
                   << ", already imported: " << s.alreadyImported << ", skipped: " << s.skipped
                   << ", errors: " << s.errors << '\n';
    return s.skipped > 0 || s.errors > 0 ? 1 : 0;
}

int runMark(const CommandArgs &args) {
    const QString flag = markFlag(args);
    if (flag.isEmpty())
        return usageError(args.command,
                          QStringLiteral("expected exactly one of --read, --unread, --star, "
                                         "--unstar"));
    if (args.positional.isEmpty())
        return usageError(args.command, QStringLiteral("no ARXIV_ID given"));
    Library lib;
    QList<qint64> ids;
    if (!openLibrary(args, &lib) || !resolve(args.command, lib, args.positional, &ids))
        return 1;
    const bool ok = flag == QLatin1String("read")     ? lib.setRead(ids, true)
                    : flag == QLatin1String("unread") ? lib.setRead(ids, false)
                    : flag == QLatin1String("star")   ? lib.setStarred(ids, true)
                                                      : lib.setStarred(ids, false);
    if (!ok) {
        Console::err() << "lectern-cli mark: " << lib.lastError() << '\n';
        return 1;
    }
    return 0;
}

int runNote(const CommandArgs &args) {
    if (args.positional.isEmpty())
        return usageError(args.command, QStringLiteral("no ARXIV_ID given"));
    Library lib;
    QList<qint64> ids;
    if (!openLibrary(args, &lib) || !resolve(args.command, lib, {args.positional.first()}, &ids))
        return 1;
    if (args.isSet(QStringLiteral("history"))) {
        if (args.positional.size() != 1)
            return usageError(args.command, QStringLiteral("--history takes no TEXT"));
        return printNoteHistory(lib, ids.first());
    }
    if (args.positional.size() == 1)
        return printNote(lib, ids.first());
    const std::optional<QString> text = noteText(args);
    if (!text)
        return 1;
    if (!lib.setNote(ids.first(), *text)) {
        Console::err() << "lectern-cli note: " << lib.lastError() << '\n';
        return 1;
    }
    return 0;
}

int runTag(const CommandArgs &args) {
    QStringList keys, ops;
    for (const QString &a : args.positional)
        ((a.startsWith(QLatin1Char('+')) || a.startsWith(QLatin1Char('-'))) ? ops : keys) << a;
    if (keys.isEmpty() || ops.isEmpty())
        return usageError(args.command,
                          QStringLiteral("expected ARXIV_IDs and at least one +TAG or -TAG"));
    if (!validTagOperations(ops))
        return usageError(args.command,
                          QStringLiteral("empty tag in ") + ops.join(QLatin1Char(' ')));
    Library lib;
    QList<qint64> ids;
    if (!openLibrary(args, &lib) || !resolve(args.command, lib, keys, &ids))
        return 1;
    for (const QString &op : ops) {
        const bool ok = op.startsWith(QLatin1Char('+')) ? lib.addTag(ids, op.mid(1))
                                                        : lib.removeTag(ids, op.mid(1));
        if (!ok) {
            Console::err() << "lectern-cli tag: " << lib.lastError() << '\n';
            return 1;
        }
    }
    return 0;
}

} // namespace lectern::cli
