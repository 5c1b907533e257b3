#include "clicommands.h"

namespace lectern::cli {

int runLibraryCommand(const QString &, const QStringList &) { return -1; }

} // namespace lectern::cli
