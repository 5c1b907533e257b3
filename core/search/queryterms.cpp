#include "search/queryterms.h"

#include "search/querylanguage.h"

namespace lectern {

QString QueryTerms::quote(const QString &value) {
    bool plain = !value.isEmpty();
    for (const QChar c : value)
        if (c.isSpace() || c == QLatin1Char('"'))
            plain = false;
    if (plain)
        return value;
    QString v = value;
    v.replace(QLatin1Char('"'), QStringLiteral("\"\""));
    return QLatin1Char('"') + v + QLatin1Char('"');
}

QString QueryTerms::digest(QDate date) {
    return QStringLiteral("digest:") + date.toString(Qt::ISODate);
}

QString QueryTerms::keyword(const QString &name) {
    return QStringLiteral("kw:") + quote(name);
}

QString QueryTerms::category(const QString &name) {
    return QStringLiteral("cat:") + quote(name);
}

QString QueryTerms::tag(const QString &name) {
    return QStringLiteral("tag:") + quote(name);
}

QString QueryTerms::state(State state) {
    switch (state) {
    case State::Unread:
        return QStringLiteral("is:unread");
    case State::Read:
        return QStringLiteral("is:read");
    case State::Starred:
        return QStringLiteral("is:starred");
    case State::Noted:
        return QStringLiteral("is:noted");
    case State::Followed:
        return QStringLiteral("is:followed");
    }
    return {};
}

QString QueryTerms::all(const QStringList &terms) {
    QStringList parts;
    for (const QString &t : terms)
        if (!t.trimmed().isEmpty())
            parts << t.trimmed();
    return parts.join(QLatin1Char(' '));
}

QStringList QueryTerms::highlightTerms(const QString &query) {
    const CompiledQuery compiled = QueryLanguage::compile(query);
    if (!compiled.ok())
        return {};
    QStringList terms;
    for (QString term : compiled.freeTerms) {
        while (term.endsWith(QLatin1Char('*')))
            term.chop(1);
        if (term.size() >= 2 && !terms.contains(term))
            terms << term;
    }
    return terms;
}

} // namespace lectern
