#pragma once

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

namespace lectern::cli {

// One option of a command: "--json", or "--limit N" when valueName is set.
struct OptionSpec {
    QString name;
    QString valueName;
    QString description;
};

// One command of lectern-cli: the usage text and the parser are both made from this table,
// so the usage names exactly what the commands accept.
struct CommandSpec {
    QString name;
    QString synopsis; // after the name: "[QUERY] [--json] [--limit N] …"
    QString description;
    QList<OptionSpec> options;
};

// A command line, parsed: the command, its words in order and the options given.
struct CommandArgs {
    QString command;
    QStringList positional;
    QString db;                     // --db PATH; empty when not given
    QStringList flags;              // options given, by name ("json")
    QHash<QString, QString> values; // options with a value: name -> the last value

    bool isSet(const QString &name) const { return flags.contains(name); }
    QString value(const QString &name) const { return values.value(name); }
};

// lectern-cli [OPTIONS] COMMAND [ARGS|OPTIONS]...: options may come before or after the
// command (`--db LIB import DIR` = `import --db LIB DIR`), parsed with QCommandLineParser. A
// word with one dash is an argument, not an option: a negated search term (`list -is:read`),
// a tag to remove (`tag ID -later`), a note's text. `--` ends the options.
class CliArgs {
public:
    enum class Outcome { Run, Help, Version, UsageError };
    struct Result {
        Outcome outcome = Outcome::UsageError;
        CommandArgs args;
        QString text; // Help: the help; UsageError: the problem (empty: none to name)
    };

    static Result parse(const QStringList &arguments); // without the program's name
    static const QList<CommandSpec> &commands();
    static QString usage(); // every command and option
    static QString commandHelp(const CommandSpec &command);
    static QString commandUsage(const QString &command); // "usage: lectern-cli CMD …" or usage()
    static QString versionText();
};

} // namespace lectern::cli
