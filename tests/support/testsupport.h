#pragma once

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

} // namespace lectern::test
