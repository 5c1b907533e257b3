#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

namespace lectern {

// Reads a file the user hands to Lectern (a digest, an annotations file): regular files only,
// after following symlinks, and at most maxBytes, so /dev/zero, a FIFO, a socket or a huge
// file ends at once with a message instead of blocking or exhausting memory. Never blocks on
// open (a FIFO is refused before anything is read).
class InputFile {
public:
    static constexpr qint64 kMaxBytes = 256LL * 1024 * 1024; // stated in README.md

    // The file's bytes, or nullopt with *error set to a sentence that names the path.
    static std::optional<QByteArray> read(const QString &path, QString *error,
                                          qint64 maxBytes = kMaxBytes);
    // True for a path read() would accept by type (a regular file or a link to one); used
    // when expanding folders, so special files inside them are reported instead of read.
    static bool isRegularFile(const QString &path);
};

} // namespace lectern
