#include "follow/follow.h"

#include "follow/foldedtext.h"

namespace lectern {

namespace {

QString unquoted(const QString &text, bool *quoted) {
    const QString t = text.trimmed();
    *quoted = t.size() >= 2 && t.startsWith(QLatin1Char('"')) && t.endsWith(QLatin1Char('"'));
    return (*quoted ? t.mid(1, t.size() - 2) : t).simplified();
}

} // namespace

Follow::Follow(Kind kind, const QString &value)
    : m_kind(kind)
    , m_value(value.simplified()) {}

std::optional<Follow> Follow::parse(const QString &spec, QString *error) {
    auto fail = [&](const QString &message) -> std::optional<Follow> {
        if (error)
            *error = message;
        return std::nullopt;
    };
    const QString t = spec.trimmed();
    const qsizetype colon = t.indexOf(QLatin1Char(':'));
    Kind kind = Kind::Keyword;
    QString rest = t;
    bool prefixed = false;
    if (colon > 0 && !t.startsWith(QLatin1Char('"'))) {
        const QString prefix = t.left(colon).toLower();
        if (prefix == QLatin1String("author"))
            kind = Kind::Author;
        else if (prefix != QLatin1String("kw"))
            return fail(QStringLiteral("unknown kind \u201c") + t.left(colon) +
                        QStringLiteral(":\u201d; expected author:NAME, kw:TERM or \"a phrase\""));
        rest = t.mid(colon + 1);
        prefixed = true;
    }
    bool quoted = false;
    const QString value = unquoted(rest, &quoted);
    if (FoldedText::words(value).isEmpty())
        return fail(QStringLiteral("nothing to follow in \u201c") + spec +
                    QStringLiteral("\u201d: it needs letters or digits"));
    if (!prefixed && (quoted || value.contains(QLatin1Char(' '))))
        kind = Kind::Phrase;
    return Follow(kind, value);
}

QString Follow::spec() const {
    const bool needsQuotes = m_value.contains(QLatin1Char(' '));
    const QString quoted = QLatin1Char('"') + m_value + QLatin1Char('"');
    switch (m_kind) {
    case Kind::Author:
        return QStringLiteral("author:") + (needsQuotes ? quoted : m_value);
    case Kind::Keyword:
        return QStringLiteral("kw:") + (needsQuotes ? quoted : m_value);
    case Kind::Phrase:
        break;
    }
    return quoted;
}

QString Follow::kindName() const {
    switch (m_kind) {
    case Kind::Author:
        return QStringLiteral("author");
    case Kind::Keyword:
        return QStringLiteral("kw");
    case Kind::Phrase:
        break;
    }
    return QStringLiteral("phrase");
}

std::optional<Follow::Kind> Follow::kindFromName(const QString &name) {
    if (name == QLatin1String("author"))
        return Kind::Author;
    if (name == QLatin1String("kw"))
        return Kind::Keyword;
    if (name == QLatin1String("phrase"))
        return Kind::Phrase;
    return std::nullopt;
}

QString Follow::key() const {
    return FoldedText::words(m_value).join(QLatin1Char(' '));
}

} // namespace lectern
