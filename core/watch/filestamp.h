#pragma once

#include <QHash>
#include <QString>
#include <QtGlobal>

namespace lectern {

// What a watched file looked like when it was last looked at: a file is new or changed when
// its stamp differs from the one remembered.
struct FileStamp {
    qint64 size = -1;
    qint64 mtimeMs = 0; // modification time, milliseconds since the epoch

    friend bool operator==(const FileStamp &a, const FileStamp &b) {
        return a.size == b.size && a.mtimeMs == b.mtimeMs;
    }
    friend bool operator!=(const FileStamp &a, const FileStamp &b) { return !(a == b); }
};

// File path -> its stamp when it was handled (imported or found not to be a digest).
using FileStamps = QHash<QString, FileStamp>;

} // namespace lectern
