#pragma once

#include <QStringList>

namespace lectern::cli {

// Each returns the process exit code: 0 success, 1 failure, 2 usage error.
// args excludes the program and the command name.
int runParse(const QStringList &args);
// Library commands: import, list, show, mark, note, tag, export-annotations,
// import-annotations. Returns -1 when cmd is not one of them.
int runLibraryCommand(const QString &cmd, const QStringList &args);

} // namespace lectern::cli
