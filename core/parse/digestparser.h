#pragma once

#include "model/paper.h"

#include <QByteArrayView>
#include <QString>

namespace lectern {

// Turns the bytes of a digest file into a Digest: its date, layout, papers and diagnostics
// (each with a line number). Reads the four layouts the digest generator has used (classic,
// headings, badges, cards), detected per file and, where a file mixes them, per paper.
// Stateless and thread-safe; never throws, never crashes on any input.
class DigestParser {
public:
    // fileName is used only for the date of headings-layout files ("2024-09-20.md").
    static Digest parse(QByteArrayView data, const QString &fileName = {});
};

} // namespace lectern
