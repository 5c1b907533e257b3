#include "io/filesystemtype.h"

#include <QByteArray>
#include <QFile>
#include <QFileInfo>

#include <atomic>

#include <sys/vfs.h>

namespace lectern {

namespace {

// 0: no override; otherwise the f_type to report (every real f_type is non-zero).
std::atomic<long> g_override{0};

struct Known {
    long type;
    const char *name;
};

// From linux/magic.h (and fs/smb/client) — spelled out so no kernel header is needed.
constexpr Known kNetwork[] = {
    {0x6969, "NFS"},
    {0x517B, "SMB"},
    {static_cast<long>(0xFF534D42u), "CIFS"},
    {static_cast<long>(0xFE534D42u), "SMB2"},
};

} // namespace

std::optional<long> FileSystemType::typeOf(const QString &path) {
    const long forced = g_override.load();
    if (forced != 0)
        return forced;
    // The file's folder: the library may not exist yet, and it decides where the -wal goes.
    const QByteArray folder = QFile::encodeName(QFileInfo(path).absolutePath());
    struct statfs fs = {};
    if (::statfs(folder.constData(), &fs) != 0)
        return std::nullopt;
    return static_cast<long>(fs.f_type);
}

bool FileSystemType::isNetwork(long type, QString *name) {
    // f_type is a signed word on some ABIs: compare the low 32 bits.
    const auto low = static_cast<unsigned long>(type) & 0xFFFFFFFFul;
    for (const Known &k : kNetwork) {
        if ((static_cast<unsigned long>(k.type) & 0xFFFFFFFFul) == low) {
            if (name)
                *name = QString::fromLatin1(k.name);
            return true;
        }
    }
    return false;
}

bool FileSystemType::isNetworkPath(const QString &path, QString *name) {
    const std::optional<long> type = typeOf(path);
    return type && isNetwork(*type, name);
}

void FileSystemType::setOverride(std::optional<long> type) {
    g_override.store(type.value_or(0));
}

} // namespace lectern
