#include "digestgenerator.h"

#include <QDate>
#include <QDir>
#include <QFile>
#include <QSet>
#include <QStringList>

#include <algorithm>
#include <cmath>
#include <random>
#include <vector>

namespace lectern::bench {

namespace {

const char *const kCommon[] = {
    "the",      "of",      "and",   "a",        "to",     "in",       "we",       "for",
    "is",       "that",    "with",  "on",       "this",   "by",       "as",       "are",
    "our",      "from",    "which", "an",       "be",     "can",      "these",    "results",
    "show",     "propose", "model", "method",   "data",   "based",    "approach", "performance",
    "learning", "using",   "large", "language", "models", "training", "network",  "paper"};

const char *const kKeywords[] = {"quantization", "sparse",    "diffusion",
                                 "transformer",  "attention", "reinforcement learning",
                                 "graph",        "retrieval", "robotics",
                                 "low-bit",      "pruning",   "distillation",
                                 "federated",    "benchmark", "multimodal",
                                 "segmentation", "causal",    "optimization",
                                 "kernel",       "inference"};

class Vocabulary {
public:
    explicit Vocabulary(quint32 seed) {
        std::mt19937 rng(seed);
        const char *onsets[] = {"b", "c", "d", "f", "g",  "h",  "k",  "l",  "m",  "n",  "p",
                                "r", "s", "t", "v", "tr", "st", "pr", "gr", "ch", "sp", "qu"};
        const char *vowels[] = {"a", "e", "i", "o", "u", "io", "ea", "ou"};
        const char *codas[] = {"", "", "n", "r", "s", "t", "l", "nt", "st", "x"};
        for (const char *w : kCommon)
            m_words << QString::fromLatin1(w);
        QSet<QString> seen(m_words.begin(), m_words.end());
        while (m_words.size() < 30000) {
            // 1-4 syllables: word lengths like technical English (mean ~7).
            const int syllables = 1 + int(rng() % 4);
            QString w;
            for (int s = 0; s < syllables; ++s) {
                w += QLatin1String(onsets[rng() % std::size(onsets)]);
                w += QLatin1String(vowels[rng() % std::size(vowels)]);
            }
            w += QLatin1String(codas[rng() % std::size(codas)]);
            if (!seen.contains(w)) {
                seen.insert(w);
                m_words << w;
            }
        }
        // Zipf (s = 1.0) cumulative weights.
        m_cumulative.resize(size_t(m_words.size()));
        double sum = 0;
        for (qsizetype i = 0; i < m_words.size(); ++i) {
            sum += 1.0 / double(i + 1);
            m_cumulative[size_t(i)] = sum;
        }
    }
    const QString &sample(std::mt19937 &rng) const {
        std::uniform_real_distribution<double> u(0, m_cumulative.back());
        const auto it = std::lower_bound(m_cumulative.begin(), m_cumulative.end(), u(rng));
        return m_words.at(qsizetype(it - m_cumulative.begin()));
    }
    const QString &word(int rank) const { return m_words.at(rank % m_words.size()); }
    const QString &name(std::mt19937 &rng) const { return m_words.at(100 + rng() % 20000); }

private:
    QStringList m_words;
    std::vector<double> m_cumulative;
};

QString capitalised(const QString &w) {
    return w.left(1).toUpper() + w.mid(1);
}

struct GenPaper {
    QString title, authors, id, abstract;
    QDate date;
};

GenPaper makePaper(const Vocabulary &v, std::mt19937 &rng, int index, const QDate &digestDate) {
    GenPaper p;
    const int titleWords = 6 + int(rng() % 9);
    QStringList t;
    for (int i = 0; i < titleWords; ++i)
        t << capitalised(v.sample(rng));
    p.title = t.join(QLatin1Char(' '));
    QStringList authors;
    const int nAuthors = 1 + int(rng() % 7);
    for (int i = 0; i < nAuthors; ++i)
        authors << capitalised(v.name(rng)) + QLatin1Char(' ') + capitalised(v.name(rng));
    p.authors = authors.join(QStringLiteral(", "));
    const int month = index / 90000;
    p.id = QStringLiteral("%1%2.%3")
               .arg(20 + month / 12)
               .arg(month % 12 + 1, 2, 10, QLatin1Char('0'))
               .arg(10000 + index % 90000, 5, 10, QLatin1Char('0'));
    p.date = digestDate.addDays(-int(rng() % 5));
    // ~1.3 KB of sentences, wrapped at 80 columns.
    QString text;
    while (text.size() < 1250) {
        const int words = 10 + int(rng() % 16);
        QStringList s;
        for (int i = 0; i < words; ++i) {
            const unsigned r = rng() % 100;
            if (r < 3)
                s << QStringLiteral("**") + QLatin1String(kKeywords[rng() % std::size(kKeywords)]) +
                         QStringLiteral("**");
            else if (r < 4)
                s << QStringLiteral("$O(n^{%1})$").arg(rng() % 4 + 1);
            else
                s << v.sample(rng);
        }
        s.first() = capitalised(s.first());
        text += s.join(QLatin1Char(' ')) + QStringLiteral(". ");
    }
    QString wrapped;
    int col = 0;
    for (const QString &w : text.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        if (col > 0 && col + w.size() + 1 > 80) {
            wrapped += QLatin1Char('\n');
            col = 0;
        } else if (col > 0) {
            wrapped += QLatin1Char(' ');
            ++col;
        }
        wrapped += w;
        col += int(w.size());
    }
    p.abstract = wrapped;
    return p;
}

} // namespace

QString vocabularyWord(int rank, quint32 seed) {
    static const Vocabulary v(seed);
    return v.word(rank);
}

qint64 generateDigests(const QString &outDir, int papers, int papersPerFile, quint32 seed) {
    if (!QDir().mkpath(outDir))
        return 0;
    const Vocabulary v(seed);
    std::mt19937 rng(seed * 7919u + 17u);
    qint64 bytes = 0;
    const QDate start(2023, 1, 2);
    const int files = (papers + papersPerFile - 1) / papersPerFile;
    for (int f = 0; f < files; ++f) {
        const QDate date = start.addDays(f);
        QList<GenPaper> list;
        for (int i = f * papersPerFile; i < std::min(papers, (f + 1) * papersPerFile); ++i)
            list << makePaper(v, rng, i, date);
        QString s = QStringLiteral("# ") + date.toString(Qt::ISODate) +
                    QStringLiteral("\n\n# Table of Contents\n");
        for (const GenPaper &p : list) {
            QString anchor = p.title;
            anchor.replace(QLatin1Char(' '), QLatin1Char('-'));
            s += QStringLiteral("* [") + p.title + QStringLiteral("](#") + anchor +
                 QStringLiteral(")\n");
        }
        s += QStringLiteral("\n\n");
        for (const GenPaper &p : list) {
            s += QStringLiteral("## ") + p.title + QStringLiteral("\n\n>Authors: ") + p.authors +
                 QStringLiteral("\n\n>") + p.date.toString(Qt::ISODate) +
                 QStringLiteral("\n\n> http://arxiv.org/abs/") + p.id + QStringLiteral("v1\n\n") +
                 p.abstract + QStringLiteral("\n\n\n");
        }
        QFile out(outDir + QStringLiteral("/%1.md").arg(date.toString(Qt::ISODate)));
        const QByteArray data = s.toUtf8();
        if (!out.open(QIODevice::WriteOnly | QIODevice::Truncate) || out.write(data) != data.size())
            return 0;
        bytes += data.size();
    }
    return bytes;
}

} // namespace lectern::bench
