#pragma once

// The tf-idf vectors of every paper of a library, built once and kept in memory (on the
// worker): a sparse, L2-normalised vector per paper (at most kMaxTermsPerPaper terms, the
// heaviest), the vocabulary with each term's idf and display text, and an inverted index over
// the vectors for "More like this" (cosine of the vectors).

#include "model/rankdocument.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <span>
#include <vector>

namespace lectern {

class RankIndex {
public:
    // Terms in fewer papers than minDf, or in more than maxDfShare of them, are left out
    // (they tell no paper apart). A paper keeps its kMaxTermsPerPaper heaviest terms.
    static constexpr int kMaxTermsPerPaper = 40;
    struct Options {
        int minDf = 2;
        double maxDfShare = 0.5;
        int threads = 0; // papers counted on this many threads (0: one per core); same result
    };
    struct Entry {
        quint32 term;
        float weight;
    };
    struct Neighbour {
        int row;
        float cosine;
    };

    RankIndex() = default;
    static RankIndex build(const QList<RankDocument> &docs, const Options &options);
    static RankIndex build(const QList<RankDocument> &docs) { return build(docs, Options()); }

    int size() const { return int(m_ids.size()); }
    int termCount() const { return int(m_idf.size()); }
    qint64 id(int row) const { return m_ids[size_t(row)]; }
    int rowOf(qint64 id) const { return m_rows.value(id, -1); }
    // The paper's vector, sorted by term.
    std::span<const Entry> vector(int row) const;
    // A document's vector over this index's vocabulary and idf (terms it does not know are
    // left out): what the paper would weigh with other text.
    std::vector<Entry> transform(const RankDocument &doc) const;
    const QString &display(quint32 term) const { return m_display.at(qsizetype(term)); }
    // The term's key ("decoding", "kw:kv cache", "author:tri dao"); -1 when unknown.
    int termOf(const QString &key) const { return m_terms.value(hashOf(key), -1); }
    // Terms are looked up by a 64-bit hash of their key (no key strings kept; a collision
    // among a library's terms is about as likely as 1 in 10^7).
    static quint64 hashOf(QStringView key) {
        return quint64(qHash(key, size_t(0x9e3779b97f4a7c15ULL)));
    }

    // The k papers nearest to paper `row` by cosine (> 0), nearest first (ties: lower row
    // first), the paper itself left out.
    QList<Neighbour> similar(int row, int k) const;

    // Bytes held (vectors, inverted index, vocabulary), an estimate of the heap it uses.
    qint64 memoryBytes() const;

private:
    std::vector<qint64> m_ids;
    QHash<qint64, int> m_rows;
    std::vector<quint32> m_start; // size()+1 offsets into m_entries
    std::vector<Entry> m_entries;
    std::vector<float> m_idf;
    QStringList m_display;
    QHash<quint64, int> m_terms;         // hashOf(key) -> term
    std::vector<quint32> m_postingStart; // termCount()+1 offsets into m_postings
    std::vector<quint32> m_postings;     // rows
    std::vector<float> m_postingWeights;

    void buildPostings();
};

} // namespace lectern
