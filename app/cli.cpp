// lectern-cli: the headless front end. Parses the command line (CliArgs) and runs one command.
#include "clicommands.h"
#include "console.h"

#include <QCoreApplication>

namespace lectern::cli {

namespace {

using Runner = int (*)(const CommandArgs &);

Runner runnerFor(const QString &command) {
    static const QHash<QString, Runner> runners = {
        {QStringLiteral("parse"), runParse},
        {QStringLiteral("import"), runImport},
        {QStringLiteral("list"), runList},
        {QStringLiteral("show"), runShow},
        {QStringLiteral("mark"), runMark},
        {QStringLiteral("note"), runNote},
        {QStringLiteral("tag"), runTag},
        {QStringLiteral("export-annotations"), runExportAnnotations},
        {QStringLiteral("import-annotations"), runImportAnnotations},
        {QStringLiteral("fetch"), runFetch},
        {QStringLiteral("pdf"), runPdf},
        {QStringLiteral("watch"), runWatch},
        {QStringLiteral("export"), runExport},
        {QStringLiteral("backup"), runBackup},
        {QStringLiteral("backups"), runBackups},
        {QStringLiteral("restore"), runRestore},
        {QStringLiteral("check"), runCheck},
        {QStringLiteral("follow"), runFollow},
    };
    return runners.value(command);
}

int run(const QStringList &arguments) {
    const CliArgs::Result parsed = CliArgs::parse(arguments);
    switch (parsed.outcome) {
    case CliArgs::Outcome::Help:
    case CliArgs::Outcome::Version:
        Console::out() << parsed.text;
        return 0;
    case CliArgs::Outcome::UsageError:
        if (parsed.text.isEmpty())
            Console::err() << CliArgs::usage();
        else if (parsed.args.command.isEmpty())
            Console::err() << "lectern-cli: " << parsed.text << '\n' << CliArgs::usage();
        else
            return usageError(parsed.args.command, parsed.text);
        return 2;
    case CliArgs::Outcome::Run:
        break;
    }
    const Runner runner = runnerFor(parsed.args.command);
    Q_ASSERT(runner); // CliArgs accepts only the commands of its table
    return runner ? runner(parsed.args) : 2;
}

} // namespace

int usageError(const QString &command, const QString &message) {
    Console::err() << "lectern-cli " << command << ": " << message << '\n'
                   << CliArgs::commandUsage(command);
    return 2;
}

} // namespace lectern::cli

int main(int argc, char *argv[]) {
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("Lectern"));
    QCoreApplication::setOrganizationName(QStringLiteral("Lectern"));
    QCoreApplication::setApplicationVersion(QStringLiteral(LECTERN_VERSION));
    const int rc = lectern::cli::run(QCoreApplication::arguments().mid(1));
    lectern::cli::Console::out().flush();
    lectern::cli::Console::err().flush();
    return rc;
}
