#include "cliinput.h"

#include <cerrno>
#include <cstring>
#include <unistd.h>

namespace lectern::cli {

std::optional<QByteArray> CliInput::read(const QString &path, QString *error) {
    if (path == QLatin1String("-"))
        return readStandardInput(error);
    return InputFile::read(path, error);
}

std::optional<QByteArray> CliInput::readStandardInput(QString *error, qint64 maxBytes) {
    QByteArray data;
    char buf[65536];
    while (true) {
        const ssize_t n = ::read(STDIN_FILENO, buf, sizeof buf);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            *error = QStringLiteral("cannot read standard input: ") +
                     QString::fromLocal8Bit(std::strerror(errno));
            return std::nullopt;
        }
        if (n == 0)
            return data;
        if (data.size() + n > maxBytes) {
            *error = QStringLiteral("standard input is larger than the limit of ") +
                     QString::number(maxBytes / (1024 * 1024)) + QStringLiteral(" MB");
            return std::nullopt;
        }
        data.append(buf, n);
    }
}

} // namespace lectern::cli
