#include "cliargs.h"

#include <QCommandLineParser>
#include <QSet>

namespace lectern::cli {

namespace {

constexpr QLatin1StringView kProgram("lectern-cli");

OptionSpec jsonOption(const QString &description) {
    return {QStringLiteral("json"), QString(), description};
}

QList<CommandSpec> makeCommands() {
    return {
        {QStringLiteral("parse"),
         QStringLiteral("FILE... [--json]"),
         QStringLiteral("Check digests: a line per file; problems on stderr as FILE:LINE: …"),
         {jsonOption(QStringLiteral("print {\"files\":[{\"path\",\"date\",\"format\","
                                    "\"papers\",\"diagnostics\"}]}"))}},
        {QStringLiteral("import"),
         QStringLiteral("PATH..."),
         QStringLiteral("Import digests; folders recursively (*.md, *.markdown, *.txt)."),
         {}},
        {QStringLiteral("list"),
         QStringLiteral("[QUERY] [--json] [--limit N] [--sort date|digest|title|relevance|foryou] "
                        "[--why]"),
         QStringLiteral("List the papers matching QUERY (the search language)."),
         {jsonOption(QStringLiteral("print {\"total\":N,\"papers\":[…]}")),
          {QStringLiteral("limit"), QStringLiteral("N"), QStringLiteral("show at most N papers")},
          {QStringLiteral("sort"), QStringLiteral("date|digest|title|relevance|foryou"),
           QStringLiteral("the order (default: date, newest first; foryou: learn from your "
                          "stars, notes and reads first)")},
          {QStringLiteral("why"), QString(),
           QStringLiteral("print each paper's For you reasons under it")}}},
        {QStringLiteral("show"),
         QStringLiteral("ARXIV_ID [--json]"),
         QStringLiteral("Show one paper with your state, tags and note."),
         {jsonOption(QStringLiteral("print the paper as JSON"))}},
        {QStringLiteral("mark"),
         QStringLiteral("ARXIV_ID... --read|--unread|--star|--unstar"),
         QStringLiteral("Mark papers read or unread, starred or not (exactly one option)."),
         {{QStringLiteral("read"), QString(), QStringLiteral("mark read")},
          {QStringLiteral("unread"), QString(), QStringLiteral("mark unread")},
          {QStringLiteral("star"), QString(), QStringLiteral("star")},
          {QStringLiteral("unstar"), QString(), QStringLiteral("unstar")}}},
        {QStringLiteral("note"),
         QStringLiteral("ARXIV_ID [TEXT|-] [--history]"),
         QStringLiteral("Print the note or set it (-: standard input; \"\" deletes it)."),
         {{QStringLiteral("history"), QString(),
           QStringLiteral("print the saved versions of the note, newest first")}}},
        {QStringLiteral("tag"),
         QStringLiteral("ARXIV_ID... +TAG|-TAG..."),
         QStringLiteral("Add (+TAG) or remove (-TAG) tags."),
         {}},
        {QStringLiteral("export-annotations"),
         QStringLiteral("[FILE]"),
         QStringLiteral("Write your state, notes and tags as JSON (no FILE or -: stdout)."),
         {}},
        {QStringLiteral("export"),
         QStringLiteral("--format bibtex|ris|csv|json|markdown [QUERY] [-o|--output FILE] "
                        "[--notes] [--ris-type elec|unpb] [--sort date|digest|title|relevance]"),
         QStringLiteral("Export the papers matching QUERY (all when none) for other tools."),
         {{QStringLiteral("format"), QStringLiteral("bibtex|ris|csv|json|markdown"),
           QStringLiteral("the format (required)")},
          {QStringLiteral("output"), QStringLiteral("FILE"),
           QStringLiteral("write FILE (also -o FILE; default: stdout)")},
          {QStringLiteral("notes"), QString(), QStringLiteral("include your notes")},
          {QStringLiteral("ris-type"), QStringLiteral("elec|unpb"),
           QStringLiteral("the RIS entry type (default: elec)")},
          {QStringLiteral("sort"), QStringLiteral("date|digest|title|relevance"),
           QStringLiteral("the order (default: date, newest first)")}}},
        {QStringLiteral("import-annotations"),
         QStringLiteral("FILE"),
         QStringLiteral("Merge annotations from export-annotations (-: standard input)."),
         {}},
        {QStringLiteral("fetch"),
         QStringLiteral("ARXIV_ID...|--query QUERY"),
         QStringLiteral(
             "Ask arXiv for the papers' exact metadata (one request per 100, 3 s apart)."),
         {{QStringLiteral("query"), QStringLiteral("QUERY"),
           QStringLiteral("fetch every paper matching QUERY")}}},
        {QStringLiteral("pdf"),
         QStringLiteral("ARXIV_ID..."),
         QStringLiteral("Download the papers' PDFs into the pdfs folder beside the library."),
         {}},
        {QStringLiteral("watch"),
         QStringLiteral("add DIR|remove DIR|list"),
         QStringLiteral("Folders whose new digests the window imports by itself (list: "
                        "\"(unavailable)\" when missing)."),
         {}},
        {QStringLiteral("follow"),
         QStringLiteral("add SPEC|remove SPEC|list"),
         QStringLiteral("Follow authors and topics (SPEC: author:NAME, kw:TERM or \"a phrase\"); "
                        "matching papers are is:followed."),
         {}},
        {QStringLiteral("backup"),
         QStringLiteral("[--to FILE]"),
         QStringLiteral("Back up the library (checked; default: the backups folder beside it)."),
         {{QStringLiteral("to"), QStringLiteral("FILE"),
           QStringLiteral("write the backup to FILE instead (never overwritten)")}}},
        {QStringLiteral("backups"),
         QString(),
         QStringLiteral("List the backups: file, size, date, papers, notes."),
         {}},
        {QStringLiteral("restore"),
         QStringLiteral("BACKUP"),
         QStringLiteral("Replace the library with BACKUP (checked first); the current one is "
                        "kept as LIBRARY.before-restore. Refused while Lectern has it open."),
         {}},
        {QStringLiteral("check"),
         QStringLiteral("[--full]"),
         QStringLiteral("Check the library (quick_check); exit status 1 when it is damaged."),
         {{QStringLiteral("full"), QString(),
           QStringLiteral("the full integrity_check (slower)")}}},
    };
}

const QList<OptionSpec> &globalOptions() {
    static const QList<OptionSpec> options = {
        {QStringLiteral("db"), QStringLiteral("PATH"),
         QStringLiteral("the library (default: $LECTERN_DB, else the app data folder)")},
        {QStringLiteral("create"), QString(),
         QStringLiteral("create the library if it does not exist (else a missing one is an "
                        "error)")},
    };
    return options;
}

const CommandSpec *findCommand(const QString &name) {
    for (const CommandSpec &c : CliArgs::commands()) {
        if (c.name == name)
            return &c;
    }
    return nullptr;
}

// Names of the options that take a value, over every command: needed to tell the command
// word from an option's value before the command is known (`--sort title list`).
QSet<QString> valueOptionNames(const QList<OptionSpec> &options) {
    QSet<QString> names;
    for (const OptionSpec &o : options) {
        if (!o.valueName.isEmpty())
            names << o.name;
    }
    return names;
}

QSet<QString> allValueOptionNames() {
    QSet<QString> names = valueOptionNames(globalOptions());
    for (const CommandSpec &c : CliArgs::commands())
        names += valueOptionNames(c.options);
    return names;
}

bool isShortOption(const QString &word) {
    return word == QLatin1String("-h") || word == QLatin1String("-?") ||
           word == QLatin1String("-v");
}

// The words of a command line sorted into options (with their values) and arguments.
struct Words {
    QStringList options;
    QStringList positional;
    bool ended = false;   // a "--" came: every later word is an argument
    QString missingValue; // an option that takes a value came last, without one
};

// Takes the option at words[*i] (and its value, when it takes one and has no "=").
void takeOption(const QStringList &words, qsizetype *i, const QSet<QString> &valueOptions,
                Words *into) {
    const QString word = words.at(*i);
    into->options.append(word);
    const QString name = word.mid(2).section(QLatin1Char('='), 0, 0);
    if (!valueOptions.contains(name) || word.contains(QLatin1Char('=')))
        return;
    if (*i + 1 < words.size())
        into->options.append(words.at(++*i));
    else
        into->missingValue = word;
}

// Before the command: options (-h, -v and "--name[=value]"); the first other word is the
// command, and the words after it are left in positional.
Words splitBeforeCommand(const QStringList &words, QString *command) {
    const QSet<QString> valueOptions = allValueOptionNames();
    Words w;
    for (qsizetype i = 0; i < words.size(); ++i) {
        const QString &word = words.at(i);
        if (word == QLatin1String("--")) {
            w.ended = true;
            *command = words.value(i + 1);
            w.positional = words.mid(i + 2);
            return w;
        }
        if (word.startsWith(QLatin1String("--")) || isShortOption(word)) {
            takeOption(words, &i, valueOptions, &w);
            continue;
        }
        *command = word;
        w.positional = words.mid(i + 1);
        return w;
    }
    return w;
}

// After the command: "--name[=value]" is an option, everything else an argument.
Words splitAfterCommand(const QStringList &words, const QSet<QString> &valueOptions) {
    Words w;
    for (qsizetype i = 0; i < words.size(); ++i) {
        const QString &word = words.at(i);
        if (word == QLatin1String("--")) {
            w.positional += words.mid(i + 1);
            break;
        }
        if (word.startsWith(QLatin1String("--")))
            takeOption(words, &i, valueOptions, &w);
        else
            w.positional << word;
    }
    return w;
}

QList<QCommandLineOption> parserOptions(const QList<OptionSpec> &specs) {
    QList<QCommandLineOption> options;
    for (const OptionSpec &o : specs)
        options << QCommandLineOption(o.name, o.description, o.valueName);
    return options;
}

void addStandardOptions(QCommandLineParser *parser, const QList<OptionSpec> &commandOptions) {
    parser->addOptions(parserOptions(globalOptions()));
    parser->addOptions(parserOptions(commandOptions));
    parser->addOption(
        QCommandLineOption({QStringLiteral("h"), QStringLiteral("?"), QStringLiteral("help")},
                           QStringLiteral("help")));
    parser->addOption(QCommandLineOption({QStringLiteral("v"), QStringLiteral("version")},
                                         QStringLiteral("version")));
}

CliArgs::Result usageError(const QString &message, const QString &command = {}) {
    CliArgs::Result r;
    r.outcome = CliArgs::Outcome::UsageError;
    r.text = message;
    r.args.command = command;
    return r;
}

CliArgs::Result helpOrVersion(const QCommandLineParser &parser, const QString &help) {
    CliArgs::Result r;
    if (parser.isSet(QStringLiteral("help"))) {
        r.outcome = CliArgs::Outcome::Help;
        r.text = help;
    } else {
        r.outcome = CliArgs::Outcome::Version;
        r.text = CliArgs::versionText();
    }
    return r;
}

// No command word: --help, --version, or a usage error.
CliArgs::Result parseWithoutCommand(const Words &before) {
    QCommandLineParser parser;
    addStandardOptions(&parser, {});
    if (!parser.parse(QStringList{kProgram} + before.options))
        return usageError(parser.errorText());
    if (parser.isSet(QStringLiteral("help")) || parser.isSet(QStringLiteral("version")))
        return helpOrVersion(parser, CliArgs::usage());
    return usageError(before.options.isEmpty() ? QString() : QStringLiteral("no COMMAND given"));
}

CommandArgs collect(const QCommandLineParser &parser, const CommandSpec &spec) {
    CommandArgs a;
    a.command = spec.name;
    a.positional = parser.positionalArguments();
    for (const OptionSpec &o : globalOptions() + spec.options) {
        if (!parser.isSet(o.name))
            continue;
        a.flags << o.name;
        if (!o.valueName.isEmpty())
            a.values.insert(o.name, parser.value(o.name));
    }
    a.db = a.value(QStringLiteral("db"));
    return a;
}

// The options before and after the command go to the parser first, then "--" and the
// arguments, so that QCommandLineParser never reads an argument with one dash as options.
CliArgs::Result parseCommand(const CommandSpec &spec, const Words &before) {
    QCommandLineParser parser;
    addStandardOptions(&parser, spec.options);
    const Words after = before.ended
                            ? Words{{}, before.positional, true, {}}
                            : splitAfterCommand(before.positional,
                                                valueOptionNames(globalOptions() + spec.options));
    const QStringList line = QStringList{kProgram} + before.options + after.options +
                             QStringList{QStringLiteral("--")} + after.positional;
    const QString missing = before.missingValue + after.missingValue;
    if (!missing.isEmpty()) // the parser would take the "--" below as the value
        return usageError(missing + QStringLiteral(" needs a value"), spec.name);
    if (!parser.parse(line))
        return usageError(parser.errorText(), spec.name);
    if (parser.isSet(QStringLiteral("help")) || parser.isSet(QStringLiteral("version")))
        return helpOrVersion(parser, CliArgs::commandHelp(spec));
    CliArgs::Result r;
    r.outcome = CliArgs::Outcome::Run;
    r.args = collect(parser, spec);
    if (r.args.isSet(QStringLiteral("db")) && r.args.db.trimmed().isEmpty()) // an empty variable
        return usageError(QStringLiteral("--db needs a PATH (it was empty)"), spec.name);
    return r;
}

QString optionLines(const QList<OptionSpec> &options) {
    QString text;
    for (const OptionSpec &o : options) {
        const QString name = QStringLiteral("--") + o.name +
                             (o.valueName.isEmpty() ? QString() : QLatin1Char(' ') + o.valueName);
        text += QStringLiteral("  ") + name.leftJustified(36) + QLatin1Char(' ') + o.description +
                QLatin1Char('\n');
    }
    return text;
}

QString globalOptionLines() {
    return optionLines(globalOptions()) +
           QStringLiteral("  -h, --help                           help (COMMAND --help: the "
                          "command's)\n"
                          "  -v, --version                        the version\n");
}

} // namespace

const QList<CommandSpec> &CliArgs::commands() {
    static const QList<CommandSpec> commands = makeCommands();
    return commands;
}

CliArgs::Result CliArgs::parse(const QStringList &arguments) {
    QString command;
    const Words before = splitBeforeCommand(arguments, &command);
    if (command.isEmpty())
        return parseWithoutCommand(before);
    const CommandSpec *spec = findCommand(command);
    if (!spec)
        return usageError(QStringLiteral("unknown command '") + command + QLatin1Char('\''));
    return parseCommand(*spec, before);
}

QString CliArgs::usage() {
    QString text = QStringLiteral("usage: ") + kProgram +
                   QStringLiteral(" [OPTIONS] COMMAND [ARGS]\n"
                                  "Commands:\n");
    for (const CommandSpec &c : commands())
        text += QStringLiteral("  ") + c.name + QLatin1Char(' ') + c.synopsis +
                QStringLiteral("\n      ") + c.description + QLatin1Char('\n');
    return text + QStringLiteral("Options, before or after the command:\n") + globalOptionLines() +
           QStringLiteral(
               "A word with one dash is an argument (list -is:read, tag ID -TAG); -- "
               "ends the options.\nFiles are read when they are regular files of at most 256 MB.\n"
               "Exit status: 0 success, 1 failure, 2 usage error.\n");
}

QString CliArgs::commandHelp(const CommandSpec &command) {
    return QStringLiteral("usage: ") + kProgram + QLatin1Char(' ') + command.name +
           QLatin1Char(' ') + command.synopsis + QLatin1Char('\n') + command.description +
           QStringLiteral("\n\nOptions:\n") + optionLines(command.options) + globalOptionLines();
}

QString CliArgs::commandUsage(const QString &command) {
    const CommandSpec *spec = findCommand(command);
    if (!spec)
        return usage();
    return QStringLiteral("usage: ") + kProgram + QLatin1Char(' ') + spec->name + QLatin1Char(' ') +
           spec->synopsis + QStringLiteral("\n(") + kProgram + QLatin1Char(' ') + spec->name +
           QStringLiteral(" --help for more)\n");
}

QString CliArgs::versionText() {
    return kProgram + QLatin1Char(' ') + QStringLiteral(LECTERN_VERSION) + QLatin1Char('\n');
}

} // namespace lectern::cli
