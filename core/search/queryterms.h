#pragma once

#include <QDate>
#include <QString>
#include <QStringList>

namespace lectern {

// Builds terms of the query language (README.md, "Searching") from values, quoting them so
// that the term compiled by QueryLanguage matches exactly that value: the sidebar's views are
// made here, never by pasting strings. Also the other way: what a query highlights.
class QueryTerms {
public:
    enum class State { Unread, Read, Starred, Noted, Followed };

    static QString digest(QDate date);            // digest:2025-05-06
    static QString keyword(const QString &name);  // kw:name, kw:"two words", kw:"say ""hi"""
    static QString tag(const QString &name);      // tag:name, quoted likewise
    static QString state(State state);            // is:unread, ...
    static QString category(const QString &name); // cat:cs.LG
    static QString all(const QStringList &terms); // the non-empty terms joined (ANDed)
    // A value as one term of the language: bare when it has no space or quote, else quoted
    // with inner quotes doubled.
    static QString quote(const QString &value);

    // The positive free words and phrases of a query, lowercased, as the reading pane
    // highlights them (from the compiled query; a trailing * cut, one-letter words left out).
    // Empty for a malformed query.
    static QStringList highlightTerms(const QString &query);
};

} // namespace lectern
