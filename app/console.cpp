#include "console.h"

#include "terminaltext.h"

#include <QIODevice>

#include <unistd.h>

namespace lectern::cli {

Console::Console(FILE *stream, bool escape)
    : m_stream(stream, QIODevice::WriteOnly)
    , m_escape(escape) {}

Console &Console::out() {
    static Console c(stdout, ::isatty(STDOUT_FILENO) == 1);
    return c;
}

Console &Console::err() {
    static Console c(stderr, true);
    return c;
}

Console &Console::operator<<(const QString &text) {
    m_stream << (m_escape ? TerminalText::visible(text) : text);
    return *this;
}

Console &Console::operator<<(const char *text) {
    return *this << QString::fromUtf8(text);
}

Console &Console::operator<<(char c) {
    return *this << QString(QLatin1Char(c));
}

void Console::writeJson(const QByteArray &json) {
    m_stream << QString::fromUtf8(TerminalText::jsonSafe(json));
}

void Console::flush() {
    m_stream.flush();
}

} // namespace lectern::cli
