#include "rank/rankindex.h"

#include "rank/tokenizer.h"

#include <QThread>

#include <algorithm>
#include <array>
#include <cmath>
#include <future>

namespace lectern {

namespace {

// The raw counts of pass one: per paper, (term, count) pairs over the full vocabulary.
struct RawCounts {
    std::vector<quint32> start{0};
    std::vector<std::pair<quint32, quint32>> counts;
    std::vector<quint32> df;
    QStringList display;
    QHash<quint64, int> terms; // RankIndex::hashOf(key) -> raw term
    std::vector<quint64> keys; // raw term -> RankIndex::hashOf(key)
};

void countPaper(const RankDocument &doc, RawCounts *raw, std::vector<quint32> *scratch) {
    scratch->clear();
    Tokenizer::terms(doc, [&](const QString &term, const QString &display) {
        const quint64 key = RankIndex::hashOf(term);
        auto it = raw->terms.constFind(key);
        if (it == raw->terms.cend()) {
            it = raw->terms.insert(key, int(raw->display.size()));
            raw->display << display;
            raw->df.push_back(0);
            raw->keys.push_back(key);
        }
        scratch->push_back(quint32(it.value()));
    });
    std::sort(scratch->begin(), scratch->end());
    for (size_t i = 0; i < scratch->size();) {
        size_t j = i;
        while (j < scratch->size() && (*scratch)[j] == (*scratch)[i])
            ++j;
        raw->counts.emplace_back((*scratch)[i], quint32(j - i));
        ++raw->df[(*scratch)[i]];
        i = j;
    }
    raw->start.push_back(quint32(raw->counts.size()));
}

// The counts of docs[begin, end) on this thread.
RawCounts countRange(const QList<RankDocument> &docs, qsizetype begin, qsizetype end) {
    RawCounts raw;
    raw.terms.reserve((end - begin) * 4);
    std::vector<quint32> scratch;
    for (qsizetype i = begin; i < end; ++i)
        countPaper(docs.at(i), &raw, &scratch);
    return raw;
}

// The papers counted after into's: their terms take into's numbers, the new ones numbered on
// in the order first seen, so the result is what one pass over all the papers gives.
void append(RawCounts *into, const RawCounts &part) {
    std::vector<quint32> map(part.df.size());
    for (size_t t = 0; t < part.df.size(); ++t) {
        auto it = into->terms.constFind(part.keys[t]);
        if (it == into->terms.cend()) {
            it = into->terms.insert(part.keys[t], int(into->display.size()));
            into->display << part.display.at(qsizetype(t));
            into->df.push_back(0);
            into->keys.push_back(part.keys[t]);
        }
        map[t] = quint32(it.value());
        into->df[map[t]] += part.df[t];
    }
    const quint32 base = quint32(into->counts.size());
    for (const auto &[term, count] : part.counts)
        into->counts.emplace_back(map[term], count);
    for (size_t r = 1; r < part.start.size(); ++r)
        into->start.push_back(base + part.start[r]);
}

// range(begin, end) over [0, n) in consecutive ranges of at least 2,000, on up to `threads`
// threads (the first on this one); the results in range order.
template <typename Range> auto inRanges(size_t n, int threads, const Range &range) {
    using Result = decltype(range(size_t(0), size_t(0)));
    const size_t parts = std::clamp<size_t>(n / 2000, 1, size_t(std::max(1, threads)));
    const size_t per = (n + parts - 1) / parts;
    std::vector<std::future<Result>> later;
    for (size_t begin = per; begin < n; begin += per)
        later.push_back(std::async(std::launch::async, range, begin, std::min(begin + per, n)));
    std::vector<Result> results;
    results.push_back(range(0, std::min(per, n)));
    for (auto &f : later)
        results.push_back(f.get());
    return results;
}

// Every paper counted, the ranges merged in order.
RawCounts countAll(const QList<RankDocument> &docs, int threads) {
    const auto count = [&docs](size_t begin, size_t end) {
        return countRange(docs, qsizetype(begin), qsizetype(end));
    };
    std::vector<RawCounts> parts = inRanges(size_t(docs.size()), threads, count);
    RawCounts raw = std::move(parts.front());
    for (size_t i = 1; i < parts.size(); ++i)
        append(&raw, parts[i]);
    return raw;
}

// The papers' vectors for rows [begin, end): their entries one after the other, and where each
// paper's end.
struct Weighed {
    std::vector<RankIndex::Entry> entries;
    std::vector<quint32> ends;
};

void weighPaper(std::vector<RankIndex::Entry> *v);

Weighed weighRange(const RawCounts &raw, const std::vector<qint32> &remap,
                   const std::vector<float> &idf, size_t begin, size_t end) {
    // 1 + ln(count): counts are small, so mostly from a table.
    static const std::array<double, 64> tf = [] {
        std::array<double, 64> t{};
        for (size_t c = 1; c < t.size(); ++c)
            t[c] = 1.0 + std::log(double(c));
        return t;
    }();
    Weighed out;
    std::vector<RankIndex::Entry> v;
    for (size_t row = begin; row < end; ++row) {
        v.clear();
        for (quint32 i = raw.start[row]; i < raw.start[row + 1]; ++i) {
            const qint32 term = remap[raw.counts[i].first];
            if (term < 0)
                continue;
            const quint32 c = raw.counts[i].second;
            const double f = c < tf.size() ? tf[c] : 1.0 + std::log(double(c));
            v.push_back({quint32(term), float(f * idf[size_t(term)])});
        }
        weighPaper(&v);
        out.entries.insert(out.entries.end(), v.begin(), v.end());
        out.ends.push_back(quint32(out.entries.size()));
    }
    return out;
}

// Every paper's vector, the ranges joined in row order.
void weighAll(const RawCounts &raw, const std::vector<qint32> &remap, int threads,
              const std::vector<float> *idf, std::vector<RankIndex::Entry> *entries,
              std::vector<quint32> *start) {
    const size_t n = raw.start.size() - 1;
    const auto weigh = [&](size_t begin, size_t end) {
        return weighRange(raw, remap, *idf, begin, end);
    };
    start->reserve(n + 1);
    start->push_back(0);
    for (const Weighed &w : inRanges(n, threads, weigh)) {
        const quint32 base = quint32(entries->size());
        entries->insert(entries->end(), w.entries.begin(), w.entries.end());
        for (quint32 e : w.ends)
            start->push_back(base + e);
    }
}

// Sublinear tf times idf, the heaviest kMaxTermsPerPaper kept, L2-normalised, by term.
void weighPaper(std::vector<RankIndex::Entry> *v) {
    if (v->size() > size_t(RankIndex::kMaxTermsPerPaper)) {
        std::nth_element(v->begin(), v->begin() + RankIndex::kMaxTermsPerPaper, v->end(),
                         [](const RankIndex::Entry &a, const RankIndex::Entry &b) {
                             return a.weight != b.weight ? a.weight > b.weight : a.term < b.term;
                         });
        v->resize(size_t(RankIndex::kMaxTermsPerPaper));
    }
    // By term first, so the norm sums in one order whatever order the terms came in (a
    // document transformed twice gets bit-identical weights).
    std::sort(v->begin(), v->end(),
              [](const RankIndex::Entry &a, const RankIndex::Entry &b) { return a.term < b.term; });
    double norm = 0;
    for (const RankIndex::Entry &e : *v)
        norm += double(e.weight) * double(e.weight);
    norm = std::sqrt(norm);
    for (RankIndex::Entry &e : *v)
        e.weight = norm > 0 ? float(e.weight / norm) : 0.0f;
}

} // namespace

RankIndex RankIndex::build(const QList<RankDocument> &docs, const Options &options) {
    RankIndex index;
    index.m_ids.reserve(size_t(docs.size()));
    for (const RankDocument &doc : docs) {
        index.m_rows.insert(doc.id, int(index.m_ids.size()));
        index.m_ids.push_back(doc.id);
    }
    const int threads = options.threads > 0 ? options.threads : QThread::idealThreadCount();
    RawCounts raw = countAll(docs, threads);
    // The vocabulary kept, renumbered in the order first seen (deterministic).
    const double n = double(docs.size());
    const double maxDf = std::max(double(options.minDf), options.maxDfShare * n);
    std::vector<qint32> remap(raw.df.size(), -1);
    for (size_t t = 0; t < raw.df.size(); ++t) {
        if (raw.df[t] < quint32(options.minDf) || double(raw.df[t]) > maxDf)
            continue;
        remap[t] = qint32(index.m_idf.size());
        index.m_idf.push_back(float(std::log((1.0 + n) / (1.0 + raw.df[t])) + 1.0));
        index.m_display << raw.display.at(qsizetype(t));
    }
    for (auto it = raw.terms.cbegin(); it != raw.terms.cend(); ++it)
        if (remap[size_t(it.value())] >= 0)
            index.m_terms.insert(it.key(), remap[size_t(it.value())]);
    raw.terms.clear();
    raw.display.clear();
    weighAll(raw, remap, threads, &index.m_idf, &index.m_entries, &index.m_start);
    index.m_entries.shrink_to_fit();
    index.buildPostings();
    return index;
}

void RankIndex::buildPostings() {
    m_postingStart.assign(m_idf.size() + 1, 0);
    for (const Entry &e : m_entries)
        ++m_postingStart[e.term + 1];
    for (size_t t = 1; t < m_postingStart.size(); ++t)
        m_postingStart[t] += m_postingStart[t - 1];
    m_postings.resize(m_entries.size());
    m_postingWeights.resize(m_entries.size());
    std::vector<quint32> fill(m_postingStart.begin(), m_postingStart.end() - 1);
    for (size_t row = 0; row + 1 < m_start.size(); ++row) {
        for (quint32 i = m_start[row]; i < m_start[row + 1]; ++i) {
            const quint32 at = fill[m_entries[i].term]++;
            m_postings[at] = quint32(row);
            m_postingWeights[at] = m_entries[i].weight;
        }
    }
}

std::span<const RankIndex::Entry> RankIndex::vector(int row) const {
    const quint32 from = m_start[size_t(row)];
    return {m_entries.data() + from, size_t(m_start[size_t(row) + 1] - from)};
}

std::vector<RankIndex::Entry> RankIndex::transform(const RankDocument &doc) const {
    QHash<int, int> counts;
    Tokenizer::terms(doc, [&](const QString &term, const QString &) {
        const int t = m_terms.value(hashOf(term), -1);
        if (t >= 0)
            ++counts[t];
    });
    std::vector<Entry> v;
    for (auto it = counts.cbegin(); it != counts.cend(); ++it)
        v.push_back({quint32(it.key()),
                     float((1.0 + std::log(double(it.value()))) * m_idf[size_t(it.key())])});
    weighPaper(&v);
    return v;
}

QList<RankIndex::Neighbour> RankIndex::similar(int row, int k) const {
    QList<Neighbour> out;
    if (row < 0 || row >= size() || k <= 0)
        return out;
    std::vector<float> score(m_ids.size(), 0.0f);
    std::vector<quint32> touched;
    for (const Entry &q : vector(row)) {
        for (quint32 i = m_postingStart[q.term]; i < m_postingStart[q.term + 1]; ++i) {
            const quint32 other = m_postings[i];
            if (score[other] == 0.0f)
                touched.push_back(other);
            score[other] += q.weight * m_postingWeights[i];
        }
    }
    for (quint32 other : touched)
        if (int(other) != row && score[other] > 0.0f)
            out.append({int(other), score[other]});
    const auto nearer = [](const Neighbour &a, const Neighbour &b) {
        return a.cosine != b.cosine ? a.cosine > b.cosine : a.row < b.row;
    };
    if (out.size() > k) {
        std::partial_sort(out.begin(), out.begin() + k, out.end(), nearer);
        out.resize(k);
    } else {
        std::sort(out.begin(), out.end(), nearer);
    }
    return out;
}

qint64 RankIndex::memoryBytes() const {
    qint64 bytes = qint64(m_ids.capacity() * sizeof(qint64) + m_start.capacity() * 4 +
                          m_entries.capacity() * sizeof(Entry) + m_idf.capacity() * 4 +
                          m_postingStart.capacity() * 4 + m_postings.capacity() * 4 +
                          m_postingWeights.capacity() * 4);
    bytes += qint64(m_rows.size()) * 32; // a QHash node and its bucket share, about
    for (const QString &s : m_display)
        bytes += 32 + s.capacity() * 2;
    bytes += qint64(m_terms.size()) * 24; // a node and its bucket share, about
    return bytes;
}

} // namespace lectern
