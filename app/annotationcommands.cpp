// lectern-cli export-annotations and import-annotations.
#include "clicommands.h"

#include "cliinput.h"
#include "console.h"
#include "store/library.h"

#include <QSaveFile>

namespace lectern::cli {

int runExportAnnotations(const CommandArgs &args) {
    if (args.positional.size() > 1)
        return usageError(args.command, QStringLiteral("too many arguments"));
    Library lib;
    if (!openLibrary(args, &lib))
        return 1;
    const std::optional<QByteArray> exported = lib.exportAnnotations();
    if (!exported) {
        Console::err() << "lectern-cli export-annotations: " << lib.lastError() << '\n';
        return 1;
    }
    const QByteArray &json = *exported;
    const QString file = args.positional.value(0);
    if (file.isEmpty() || file == QLatin1String("-")) {
        Console::out().writeJson(json);
        return 0;
    }
    QSaveFile f(file); // written whole or not at all
    if (!f.open(QIODevice::WriteOnly) || f.write(json) != json.size() || !f.commit()) {
        Console::err() << "lectern-cli export-annotations: cannot write " << file << ": "
                       << f.errorString() << '\n';
        return 1;
    }
    return 0;
}

int runImportAnnotations(const CommandArgs &args) {
    if (args.positional.size() != 1)
        return usageError(args.command, QStringLiteral("expected one FILE"));
    const QString file = args.positional.first();
    QString error;
    const std::optional<QByteArray> json = CliInput::read(file, &error);
    if (!json) {
        Console::err() << "lectern-cli import-annotations: " << error << '\n';
        return 1;
    }
    Library lib;
    if (!openLibrary(args, &lib))
        return 1;
    if (!lib.importAnnotations(*json, &error)) {
        Console::err() << "lectern-cli import-annotations: " << file << ": " << error << '\n';
        return 1;
    }
    return 0;
}

} // namespace lectern::cli
