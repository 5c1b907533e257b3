#pragma once

#include <QByteArray>
#include <QString>
#include <QStringView>

namespace lectern::cli {

// Makes untrusted text (titles, URLs, notes, file names) safe to print: a digest or a file
// name must not move the cursor, recolour the terminal or set its clipboard (ESC ] 52).
class TerminalText {
public:
    // C0 controls other than newline and tab (a carriage return before a newline is kept)
    // and DEL become "\xHH"; C1 controls (U+0080..U+009F) become "\u00HH".
    static QString visible(QStringView text);
    // JSON text as QJsonDocument writes it (UTF-8, C0 already escaped) with DEL and the C1
    // controls escaped as \u00HH too; the JSON value is unchanged.
    static QByteArray jsonSafe(const QByteArray &json);
};

} // namespace lectern::cli
