// lectern-cli: the headless front end. Dispatches to one command; see usage().
#include "clicommands.h"

#include <QCoreApplication>
#include <QTextStream>

namespace {

void usage() {
    QTextStream(stderr) << "usage: lectern-cli COMMAND [ARGS]\n"
                           "  parse FILE... [--json]\n"
                           "  import PATH... [--db PATH]\n"
                           "  list [QUERY] [--json] [--limit N] [--sort date|title|relevance]\n"
                           "  show ARXIV_ID [--json]\n"
                           "  mark ARXIV_ID... --read|--unread|--star|--unstar\n"
                           "  note ARXIV_ID [TEXT|-]\n"
                           "  tag ARXIV_ID... +TAG|-TAG\n"
                           "  export-annotations [FILE]\n"
                           "  import-annotations FILE\n"
                           "Library commands take --db PATH (default: $LECTERN_DB or the app data "
                           "folder).\n";
}

} // namespace

int main(int argc, char *argv[]) {
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("Lectern"));
    QCoreApplication::setOrganizationName(QStringLiteral("Lectern"));
    QStringList args = QCoreApplication::arguments().mid(1);
    if (args.isEmpty() || args.first() == QLatin1String("--help") ||
        args.first() == QLatin1String("-h")) {
        usage();
        return args.isEmpty() ? 2 : 0;
    }
    const QString cmd = args.takeFirst();
    if (cmd == QLatin1String("parse"))
        return lectern::cli::runParse(args);
    const int rc = lectern::cli::runLibraryCommand(cmd, args);
    if (rc == -1) {
        QTextStream(stderr) << "lectern-cli: unknown command '" << cmd << "'\n";
        usage();
        return 2;
    }
    return rc;
}
