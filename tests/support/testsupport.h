#pragma once

#include "model/paper.h"

#include <QByteArray>
#include <QString>

namespace lectern::test {

// ../shared/seeds, or an empty string when the folder is absent (tests then SKIP).
QString seedsDir();
QString seedPath(const QString &prefix); // "000" -> full path of 000_*.txt, or empty
QByteArray readFile(const QString &path);
// A fresh folder under the build's test-output directory, emptied on each call.
QString scratchDir(const QString &name);
void writeFile(const QString &path, const QByteArray &data);

// True when the digest has a diagnostic of that severity whose message contains needle
// (case-insensitive), on that line (any line when line < 0).
bool hasDiagnostic(const Digest &d, Severity severity, const QString &needle, int line = -1);
// All diagnostics as "LINE: message" lines, for failure messages.
QString diagnosticsText(const Digest &d);

} // namespace lectern::test
