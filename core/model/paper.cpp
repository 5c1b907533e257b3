#include "model/paper.h"

#include <algorithm>

namespace lectern {

QString Paper::normalisedTitle(const QString &title) {
    QString out;
    out.reserve(title.size());
    bool space = false;
    for (const QChar c : title) {
        if (c.isLetterOrNumber()) {
            if (space && !out.isEmpty())
                out += QLatin1Char(' ');
            out += c.toCaseFolded();
            space = false;
        } else {
            space = true;
        }
    }
    return out;
}

QString Paper::key() const {
    if (!arxivId.isEmpty())
        return arxivId;
    return QStringLiteral("title:") + normalisedTitle(title);
}

QString formatName(DigestFormat format) {
    switch (format) {
    case DigestFormat::Classic:
        return QStringLiteral("classic");
    case DigestFormat::Headings:
        return QStringLiteral("headings");
    case DigestFormat::Badges:
        return QStringLiteral("badges");
    case DigestFormat::Cards:
        return QStringLiteral("cards");
    case DigestFormat::Unknown:
        break;
    }
    return QStringLiteral("unknown");
}

bool Digest::hasErrors() const {
    return errorCount() > 0;
}

int Digest::warningCount() const {
    return int(std::count_if(diagnostics.begin(), diagnostics.end(),
                             [](const Diagnostic &d) { return d.severity == Severity::Warning; }));
}

int Digest::errorCount() const {
    return int(std::count_if(diagnostics.begin(), diagnostics.end(),
                             [](const Diagnostic &d) { return d.severity == Severity::Error; }));
}

} // namespace lectern
