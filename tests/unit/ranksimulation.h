#pragma once

// A synthetic library for the ranking tests: papers on hidden topics (each topic a set of
// words), with background words, generic keywords only loosely tied to the topics, and
// authors; simulated readers who like 1-3 topics star the papers on them and read the rest.
// Deterministic for a seed.

#include "libraryfixtures.h"
#include "model/rankdocument.h"

#include <QDate>

#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

#include <algorithm>
#include <cmath>
#include <random>

namespace lectern::test {

struct SimPaper {
    RankDocument doc;
    QSet<int> topics;
};

struct SimLibrary {
    QList<SimPaper> papers; // oldest first
    int topicCount = 0;
};

inline QString simWord(const char *prefix, int i) {
    // Letters only ("bgqd"), so the tokenizer keeps them as words.
    QString w = QString::fromLatin1(prefix);
    do {
        w += QLatin1Char(char('a' + i % 26));
        i /= 26;
    } while (i > 0);
    return w;
}

inline SimLibrary simulateLibrary(int paperCount, quint32 seed = 7) {
    // Keywords are coarse, as the digests' badges are: each covers four topics.
    constexpr int kTopics = 24, kTopicWords = 15, kBackground = 3000, kKeywords = 6;
    std::mt19937 rng(seed);
    SimLibrary lib;
    lib.topicCount = kTopics;
    const QDate first(2025, 1, 1);
    const auto background = [&] {
        // Zipf-like: low ranks far more often.
        std::uniform_real_distribution<double> u(0, 1);
        return simWord("bg", int(std::pow(double(kBackground), u(rng))) - 1);
    };
    for (int i = 0; i < paperCount; ++i) {
        SimPaper p;
        p.doc.id = i + 1;
        p.doc.date = first.addDays(i / 20);
        p.topics.insert(int(rng() % kTopics));
        if (rng() % 10 < 3)
            p.topics.insert(int(rng() % kTopics));
        // Sorted: a QSet's order changes from process to process (Qt's hash seed).
        QList<int> topics(p.topics.begin(), p.topics.end());
        std::sort(topics.begin(), topics.end());
        const auto topicWord = [&] {
            const int t = topics[qsizetype(rng() % topics.size())];
            return simWord("tp", t * kTopicWords + int(rng() % kTopicWords));
        };
        QStringList title{topicWord(), background(), topicWord(), background()};
        QStringList abstract;
        for (int w = 0; w < 70; ++w)
            abstract << (w % 6 == 0 ? topicWord() : background());
        p.doc.title = title.join(QLatin1Char(' '));
        p.doc.abstract = abstract.join(QLatin1Char(' '));
        // Keywords: mostly the topic's (shared by topics t, t + 6, t + 12, t + 18), else any.
        for (int k = 0; k < 2; ++k) {
            const int kw = rng() % 10 < 6 ? topics.first() % kKeywords : int(rng() % kKeywords);
            p.doc.keywords << simWord("kwd", kw);
        }
        for (int a = 0; a < 3; ++a)
            p.doc.authors << QStringLiteral("Author ") + simWord("n", int(rng() % 500));
        lib.papers.append(p);
    }
    return lib;
}

// A reader who likes `liked` topics: labels (+1 starred, -1 read) for the papers before
// `trainEnd`, 0 after; and whether each paper is one the reader likes.
struct SimReader {
    QSet<int> liked;
    bool likes(const SimPaper &p) const { return p.topics.intersects(liked); }
};

inline QList<SimReader> simulateReaders(int count, int topicCount, quint32 seed = 11) {
    std::mt19937 rng(seed);
    QList<SimReader> readers;
    for (int r = 0; r < count; ++r) {
        SimReader reader;
        const int n = 1 + r % 3;
        while (reader.liked.size() < n)
            reader.liked.insert(int(rng() % topicCount));
        readers.append(reader);
    }
    return readers;
}

// The arXiv id the digests give paper i (its id is i + 1).
inline QString simArxivId(const SimPaper &p) {
    return QStringLiteral("2501.%1").arg(p.doc.id, 5, 10, QLatin1Char('0'));
}

// The papers as digests of 20 (one a day), keywords as badges.
inline QList<QByteArray> simulatedDigests(const SimLibrary &sim) {
    QList<QByteArray> digests;
    for (qsizetype start = 0; start < sim.papers.size(); start += 20) {
        QList<FixturePaper> papers;
        for (qsizetype i = start; i < std::min(start + 20, sim.papers.size()); ++i) {
            const RankDocument &d = sim.papers[i].doc;
            papers.append({simArxivId(sim.papers[i]), 1, d.title,
                           d.authors.join(QStringLiteral(", ")), d.date.toString(Qt::ISODate),
                           d.abstract + QStringLiteral(" **") +
                               d.keywords.join(QStringLiteral("** **")) + QStringLiteral("**")});
        }
        digests << digestText(sim.papers[start].doc.date.toString(Qt::ISODate), papers);
    }
    return digests;
}

} // namespace lectern::test
