#pragma once

#include "io/inputfile.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace lectern::cli {

// What lectern-cli reads: files through InputFile (regular files only, at most 256 MB), and
// "-" as standard input with the same limit (a pipe may be endless: `yes | lectern-cli …`).
class CliInput {
public:
    // The bytes of path, or of standard input when path is "-"; nullopt with *error set to a
    // sentence naming the file.
    static std::optional<QByteArray> read(const QString &path, QString *error);
    static std::optional<QByteArray> readStandardInput(QString *error,
                                                       qint64 maxBytes = InputFile::kMaxBytes);
};

} // namespace lectern::cli
