#pragma once

#include <QString>

#include <optional>

namespace lectern {

// What kind of file system a path lives on (statfs). Network file systems (NFS, SMB/CIFS)
// break SQLite's WAL (its shared memory index needs one host) and turn an I/O error under a
// memory map into SIGBUS, so the library opens differently there.
class FileSystemType {
public:
    // statfs's f_type of the folder of path (the file may not exist yet); nullopt when statfs
    // fails. The override, when set, is returned instead (tests).
    static std::optional<long> typeOf(const QString &path);
    // True for NFS, SMB, CIFS and SMB2; name gets a short name for messages ("NFS").
    static bool isNetwork(long type, QString *name = nullptr);
    static bool isNetworkPath(const QString &path, QString *name = nullptr);

    // Tests: pretend every path is on a file system of this f_type (nullopt: the real one).
    static void setOverride(std::optional<long> type);
};

} // namespace lectern
