#pragma once

// What the "For you" ranking reads of a paper (Library::rankDocuments) and what it writes back
// (Library::writeRankScores). Plain values; any thread.

#include <QDate>
#include <QList>
#include <QString>
#include <QStringList>

namespace lectern {

// A paper's text and the user's state, as the ranking sees it.
struct RankDocument {
    qint64 id = 0;
    QDate date;
    QString title;    // source text (LaTeX/Markdown as imported)
    QString abstract; // source text
    QStringList authors;
    QStringList keywords;
    bool read = false;
    bool starred = false;
    bool noted = false;
    // The label a trainer learns from: +1 starred or noted, -1 read and neither, 0 unknown.
    int label() const { return starred || noted ? 1 : (read ? -1 : 0); }
};

// A paper's "For you" score and its why line ("+ speculative decoding, + Tri Dao").
struct RankScore {
    qint64 id = 0;
    double score = 0;
    QString why;
};

} // namespace lectern
