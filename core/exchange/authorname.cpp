#include "exchange/authorname.h"

#include "exchange/textfields.h"
#include "text/asciispelling.h"

#include <QStringList>

namespace lectern {

namespace {

bool isParticle(const QString &word) {
    static const QStringList particles = {
        QStringLiteral("van"),   QStringLiteral("von"), QStringLiteral("der"),
        QStringLiteral("den"),   QStringLiteral("de"),  QStringLiteral("del"),
        QStringLiteral("della"), QStringLiteral("di"),  QStringLiteral("da"),
        QStringLiteral("du"),    QStringLiteral("des"), QStringLiteral("dos"),
        QStringLiteral("das"),   QStringLiteral("la"),  QStringLiteral("le"),
        QStringLiteral("ten"),   QStringLiteral("ter"), QStringLiteral("bin"),
        QStringLiteral("al"),    QStringLiteral("el"),  QStringLiteral("zu"),
        QStringLiteral("y"),     QStringLiteral("d'"),  QStringLiteral("st.")};
    return particles.contains(word);
}

bool isSuffix(const QString &word) {
    static const QStringList suffixes = {
        QStringLiteral("jr"), QStringLiteral("jr."), QStringLiteral("sr"), QStringLiteral("sr."),
        QStringLiteral("ii"), QStringLiteral("iii"), QStringLiteral("iv")};
    return suffixes.contains(word.toLower());
}

// Names that are not a person's: kept whole ("The ATLAS Collaboration").
bool isGroupName(const QString &name) {
    static const QLatin1StringView words[] = {
        QLatin1StringView("collaboration"), QLatin1StringView("consortium"),
        QLatin1StringView("team"), QLatin1StringView("group"), QLatin1StringView("project")};
    for (QStringView word : QStringView(name).tokenize(u' ', Qt::SkipEmptyParts)) {
        for (QLatin1StringView w : words) {
            if (word.compare(w, Qt::CaseInsensitive) == 0)
                return true;
        }
    }
    return false;
}

// Han, kana and Hangul names have no spaces to split at and no given/family order to guess.
bool hasCjk(const QString &name) {
    for (QChar c : name) {
        const ushort u = c.unicode();
        if ((u >= 0x3040 && u <= 0x30ff) || (u >= 0x3400 && u <= 0x9fff) ||
            (u >= 0xac00 && u <= 0xd7af))
            return true;
    }
    return false;
}

// "Berg, Jan" as written already: the comma form.
AuthorName fromCommaForm(const QString &name) {
    AuthorName a;
    const qsizetype comma = name.indexOf(QLatin1Char(','));
    a.last = name.left(comma).trimmed();
    a.first = name.mid(comma + 1).trimmed();
    return a;
}

} // namespace

AuthorName AuthorName::split(const QString &text) {
    const QString name = textfields::simplified(text);
    AuthorName a;
    if (isGroupName(name) || hasCjk(name)) {
        a.last = name;
        a.whole = true;
        return a;
    }
    if (name.contains(QLatin1Char(',')))
        return fromCommaForm(name);
    QStringList words = name.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    if (words.size() > 2 && isSuffix(words.last()))
        a.suffix = words.takeLast();
    if (words.isEmpty())
        return a;
    a.last = words.takeLast();
    // The particle: the lowercase words right before the family name, after a given name.
    qsizetype start = words.size();
    while (start > 1 && isParticle(words.at(start - 1)))
        --start;
    a.particle = words.mid(start).join(QLatin1Char(' '));
    a.first = words.mid(0, start).join(QLatin1Char(' '));
    return a;
}

QString AuthorName::familyName() const {
    if (particle.isEmpty())
        return last;
    return particle + QLatin1Char(' ') + last;
}

QString AuthorName::lastFirst() const {
    QString out = familyName();
    if (!suffix.isEmpty())
        out += QStringLiteral(", ") + suffix;
    if (!first.isEmpty())
        out += QStringLiteral(", ") + first;
    return out;
}

QString asciiFold(const QString &text) {
    QString out;
    const QString decomposed = text.normalized(QString::NormalizationForm_KD);
    for (QChar c : decomposed) {
        if (c.unicode() < 0x80) {
            if (c.isLetterOrNumber())
                out += c.toLower();
        } else {
            out += asciiSpelling(c);
        }
    }
    return out;
}

} // namespace lectern
