#include "io/inputfile.h"

#include <QCoreApplication>
#include <QFile>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace lectern {

namespace {

QString tr(const char *text) {
    return QCoreApplication::translate("lectern::InputFile", text);
}

QString systemError(int code) {
    return QString::fromLocal8Bit(std::strerror(code));
}

QString kindOf(mode_t mode) {
    if (S_ISDIR(mode))
        return tr("a folder");
    if (S_ISFIFO(mode))
        return tr("a FIFO (named pipe)");
    if (S_ISSOCK(mode))
        return tr("a socket");
    if (S_ISCHR(mode) || S_ISBLK(mode))
        return tr("a device");
    return tr("not a regular file");
}

// Closes the descriptor when it goes out of scope.
struct Fd {
    int fd = -1;
    ~Fd() {
        if (fd >= 0)
            ::close(fd);
    }
};

} // namespace

bool InputFile::isRegularFile(const QString &path) {
    struct stat st = {};
    return ::stat(QFile::encodeName(path).constData(), &st) == 0 && S_ISREG(st.st_mode);
}

std::optional<QByteArray> InputFile::read(const QString &path, QString *error, qint64 maxBytes) {
    auto fail = [&](const QString &why) -> std::optional<QByteArray> {
        if (error)
            *error = tr("cannot read %1: %2").arg(path, why);
        return std::nullopt;
    };
    // O_NONBLOCK: opening a FIFO must not wait for a writer; the type is checked before any
    // read, on the descriptor itself (no window between a check and the open).
    Fd f{::open(QFile::encodeName(path).constData(), O_RDONLY | O_NONBLOCK | O_CLOEXEC)};
    if (f.fd < 0)
        return fail(systemError(errno));
    struct stat st = {};
    if (::fstat(f.fd, &st) != 0)
        return fail(systemError(errno));
    if (!S_ISREG(st.st_mode))
        return fail(tr("it is %1, not a regular file").arg(kindOf(st.st_mode)));
    if (st.st_size > maxBytes)
        return fail(tr("it is larger than the limit of %1 MB").arg(maxBytes / (1024 * 1024)));
    const int flags = ::fcntl(f.fd, F_GETFL);
    if (flags >= 0)
        ::fcntl(f.fd, F_SETFL, flags & ~O_NONBLOCK);

    QByteArray data;
    data.resize(qsizetype(st.st_size));
    qint64 got = 0;
    // One byte more than the limit tells a file that grew past it while being read.
    while (true) {
        if (got == data.size()) {
            if (got > maxBytes)
                return fail(
                    tr("it is larger than the limit of %1 MB").arg(maxBytes / (1024 * 1024)));
            data.resize(qsizetype(qMin<qint64>(qMax<qint64>(got * 2, 4096), maxBytes + 1)));
        }
        const ssize_t n = ::read(f.fd, data.data() + got, size_t(data.size() - got));
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return fail(systemError(errno));
        }
        if (n == 0)
            break;
        got += n;
    }
    data.truncate(qsizetype(got));
    return data;
}

} // namespace lectern
