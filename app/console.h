#pragma once

#include <QByteArray>
#include <QString>
#include <QTextStream>

#include <concepts>
#include <cstdio>

namespace lectern::cli {

// Standard output and standard error of lectern-cli. Text written to a terminal goes through
// TerminalText::visible (stdout only when it is a terminal, so a pipe or a file gets the data
// byte for byte; stderr always, as diagnostics quote untrusted titles and file names).
// The integers printed as numbers (char and bool have their own meaning).
template <typename T>
concept Number = std::integral<T> && !std::same_as<T, char> && !std::same_as<T, bool>;

class Console {
public:
    static Console &out();
    static Console &err();

    Console &operator<<(const QString &text);
    Console &operator<<(const char *text);
    Console &operator<<(char c);
    template <Number T> Console &operator<<(T n) {
        m_stream << qlonglong(n);
        return *this;
    }
    // A JSON document as QJsonDocument::toJson wrote it; see TerminalText::jsonSafe.
    void writeJson(const QByteArray &json);
    void flush();

    Console(const Console &) = delete;
    Console &operator=(const Console &) = delete;

private:
    Console(FILE *stream, bool escape);

    QTextStream m_stream;
    bool m_escape;
};

} // namespace lectern::cli
