#include "clicommands.h"

namespace lectern::cli {

int runParse(const QStringList &) { return 2; }

} // namespace lectern::cli
