// core/rank: terms, tf-idf vectors, the liblinear model, why lines, cold start, More like this,
// and the ranking quality with simulated readers.
#include "rank/ranker.h"
#include "rank/rankindex.h"
#include "rank/rankmodel.h"
#include "rank/tokenizer.h"
#include "ranksimulation.h"

#include <catch2/catch_test_macros.hpp>

#include <QRegularExpression>

#include <algorithm>
#include <cstdio>

using namespace lectern;
using namespace lectern::test;

namespace {

QStringList termsOf(const RankDocument &doc) {
    QStringList out;
    Tokenizer::terms(doc, [&](const QString &term, const QString &) { out << term; });
    return out;
}

QList<RankDocument> docsOf(const SimLibrary &lib) {
    QList<RankDocument> docs;
    for (const SimPaper &p : lib.papers)
        docs << p.doc;
    return docs;
}

// Labels of a reader: the papers before trainEnd starred (liked) or read; the rest unknown.
std::vector<int> labelsFor(const SimLibrary &lib, const SimReader &reader, int trainEnd) {
    std::vector<int> labels(size_t(lib.papers.size()), 0);
    for (int i = 0; i < trainEnd; ++i)
        labels[size_t(i)] = reader.likes(lib.papers[i]) ? 1 : -1;
    return labels;
}

// Precision at 10 of the test papers (from trainEnd) ordered by score (ties: newer first).
double precisionAt10(const SimLibrary &lib, const SimReader &reader, int trainEnd,
                     const std::vector<double> &score) {
    QList<int> rows;
    for (int i = trainEnd; i < lib.papers.size(); ++i)
        rows << i;
    std::stable_sort(rows.begin(), rows.end(), [&](int a, int b) {
        return score[size_t(a)] != score[size_t(b)] ? score[size_t(a)] > score[size_t(b)] : a > b;
    });
    int hits = 0;
    for (int i = 0; i < 10 && i < rows.size(); ++i)
        hits += reader.likes(lib.papers[rows[i]]) ? 1 : 0;
    return hits / 10.0;
}

// The keyword-count baseline: how often the paper's keywords occur among the starred papers.
std::vector<double> keywordScores(const SimLibrary &lib, const std::vector<int> &labels) {
    QHash<QString, int> starredKeywords;
    for (int i = 0; i < lib.papers.size(); ++i)
        if (labels[size_t(i)] > 0)
            for (const QString &k : lib.papers[i].doc.keywords)
                ++starredKeywords[k];
    std::vector<double> score(size_t(lib.papers.size()), 0);
    for (int i = 0; i < lib.papers.size(); ++i)
        for (const QString &k : lib.papers[i].doc.keywords)
            score[size_t(i)] += starredKeywords.value(k);
    return score;
}

// The paper without the text of one term: a word (or each word of a title pair) out of the
// title and abstract, or the keyword or author.
RankDocument without(RankDocument doc, const QString &key, const QString &display) {
    if (key.startsWith(QLatin1String("author:"))) {
        doc.authors.removeAll(display);
    } else if (key.startsWith(QLatin1String("kw:"))) {
        doc.keywords.removeAll(display);
    } else {
        for (const QString &w : display.split(QLatin1Char(' '))) {
            const QRegularExpression re(QStringLiteral("\\b") + QRegularExpression::escape(w) +
                                            QStringLiteral("\\b"),
                                        QRegularExpression::CaseInsensitiveOption);
            doc.title.remove(re);
            doc.abstract.remove(re);
        }
    }
    return doc;
}

} // namespace

TEST_CASE("Tokenizer: words, title pairs, keywords and authors whole", "[rank]") {
    RankDocument doc;
    doc.title = QStringLiteral("Speculative Decoding with a KV Cache");
    doc.abstract = QStringLiteral("We show $\\alpha$-free low-bit decoding of the 2025 models.");
    doc.keywords = {QStringLiteral("KV cache")};
    doc.authors = {QStringLiteral("Tri  Dao")};
    const QStringList t = termsOf(doc);
    CHECK(t.contains(QStringLiteral("speculative")));
    CHECK(t.contains(QStringLiteral("speculative decoding")));
    CHECK(t.contains(QStringLiteral("kv cache")));
    CHECK(t.contains(QStringLiteral("low-bit")));
    CHECK(t.contains(QStringLiteral("kw:kv cache")));
    CHECK(t.contains(QStringLiteral("author:tri dao")));
    CHECK_FALSE(t.contains(QStringLiteral("alpha"))); // a LaTeX command
    CHECK_FALSE(t.contains(QStringLiteral("2025")));
    CHECK_FALSE(t.contains(QStringLiteral("the")));
    CHECK_FALSE(t.contains(QStringLiteral("with")));
    CHECK(t.count(QStringLiteral("decoding")) == 2);
}

TEST_CASE("Tokenizer: a keyword bolded inside a word stays one word", "[rank]") {
    // The digests bold the matched keyword: "**quantize**rs", "**sparse**ly", "**KV**-cache".
    RankDocument doc;
    doc.abstract = QStringLiteral("Scalar **quantize**rs per channel, **sparse**ly gated, a "
                                  "**KV**-cache and **pruning**.");
    const QStringList t = termsOf(doc);
    CHECK(t.contains(QStringLiteral("quantizers")));
    CHECK(t.contains(QStringLiteral("sparsely")));
    CHECK(t.contains(QStringLiteral("kv-cache")));
    CHECK(t.contains(QStringLiteral("pruning")));
    CHECK_FALSE(t.contains(QStringLiteral("rs")));
    CHECK_FALSE(t.contains(QStringLiteral("ly")));
    CHECK_FALSE(t.contains(QStringLiteral("per")));
}

TEST_CASE("RankIndex: L2-normalised sparse vectors over the kept vocabulary", "[rank]") {
    const SimLibrary lib = simulateLibrary(400);
    const RankIndex index = RankIndex::build(docsOf(lib));
    REQUIRE(index.size() == 400);
    CHECK(index.termCount() > 100);
    for (int row = 0; row < index.size(); ++row) {
        double norm = 0;
        const auto v = index.vector(row);
        CHECK(v.size() <= size_t(RankIndex::kMaxTermsPerPaper));
        for (size_t i = 0; i < v.size(); ++i) {
            norm += double(v[i].weight) * v[i].weight;
            if (i > 0)
                CHECK(v[i - 1].term < v[i].term);
        }
        CHECK(std::abs(norm - 1.0) < 1e-4);
    }
    CHECK(index.rowOf(lib.papers[17].doc.id) == 17);
    CHECK(index.termOf(QStringLiteral("bga")) == -1); // in more than half the papers
}

TEST_CASE("Ranker: cold start says how many more stars it needs", "[rank]") {
    const SimLibrary lib = simulateLibrary(200);
    const RankIndex index = RankIndex::build(docsOf(lib));
    std::vector<int> labels(200, -1);
    for (int i = 0; i < 3; ++i)
        labels[size_t(i)] = 1;
    const RankOutcome cold = Ranker::rank(index, labels);
    CHECK_FALSE(cold.trained());
    CHECK(cold.needMore == 2);
    CHECK(cold.scores.isEmpty());
    CHECK(cold.message().contains(QStringLiteral("2 more starred")));
    CHECK(cold.message().contains(QStringLiteral("by date")));
    labels[3] = labels[4] = 1;
    const RankOutcome warm = Ranker::rank(index, labels);
    CHECK(warm.trained());
    CHECK(warm.positives == 5);
    CHECK(warm.scores.size() == 200);
}

TEST_CASE("Ranker: the same library gives the same order", "[rank]") {
    const SimLibrary lib = simulateLibrary(600);
    const SimReader reader = simulateReaders(1, lib.topicCount).first();
    const std::vector<int> labels = labelsFor(lib, reader, 480);
    const RankOutcome a = Ranker::rank(RankIndex::build(docsOf(lib)), labels);
    const RankOutcome b = Ranker::rank(RankIndex::build(docsOf(lib)), labels);
    REQUIRE(a.scores.size() == b.scores.size());
    for (qsizetype i = 0; i < a.scores.size(); ++i) {
        CHECK(a.scores[i].id == b.scores[i].id);
        CHECK(a.scores[i].score == b.scores[i].score);
        CHECK(a.scores[i].why == b.scores[i].why);
    }
}

TEST_CASE("Ranker: For you beats date order and keyword counts for every simulated reader",
          "[rank][quality]") {
    const SimLibrary lib = simulateLibrary(3000);
    const RankIndex index = RankIndex::build(docsOf(lib));
    const int trainEnd = int(lib.papers.size() * 8 / 10); // the first 80% by date
    const QList<SimReader> readers = simulateReaders(8, lib.topicCount);
    std::printf("\nprecision@10 on the last 20%% by date (%d papers, train on %d)\n",
                int(lib.papers.size()), trainEnd);
    std::printf("reader  topics  stars  for-you  date  keyword-count\n");
    for (qsizetype r = 0; r < readers.size(); ++r) {
        const std::vector<int> labels = labelsFor(lib, readers[r], trainEnd);
        const RankOutcome outcome = Ranker::rank(index, labels);
        REQUIRE(outcome.trained());
        std::vector<double> forYou(size_t(lib.papers.size()));
        for (const RankScore &s : outcome.scores)
            forYou[size_t(index.rowOf(s.id))] = s.score;
        const std::vector<double> byDate(size_t(lib.papers.size()), 0.0); // ties: newest first
        const double pForYou = precisionAt10(lib, readers[r], trainEnd, forYou);
        const double pDate = precisionAt10(lib, readers[r], trainEnd, byDate);
        const double pKeyword =
            precisionAt10(lib, readers[r], trainEnd, keywordScores(lib, labels));
        std::printf("%6d  %6d  %5d  %7.1f  %4.1f  %13.1f\n", int(r + 1),
                    int(readers[r].liked.size()), outcome.positives, pForYou, pDate, pKeyword);
        CHECK(pForYou >= pDate + 0.3);
        CHECK(pForYou >= pKeyword + 0.2);
    }
    std::fflush(stdout);
}

TEST_CASE("RankModel: the why terms are in the paper and removing the top one lowers its score",
          "[rank]") {
    const SimLibrary lib = simulateLibrary(1500);
    const RankIndex index = RankIndex::build(docsOf(lib));
    const SimReader reader = simulateReaders(2, lib.topicCount)[1];
    const std::vector<int> labels = labelsFor(lib, reader, 1200);
    const std::optional<RankModel> model = RankModel::train(index, labels);
    REQUIRE(model);
    int checked = 0;
    for (int row = 1200; row < index.size() && checked < 30; ++row) {
        const RankDocument &doc = lib.papers[row].doc;
        const auto contributions = model->top(index.vector(row), 5);
        if (contributions.empty())
            continue;
        ++checked;
        const QString why = model->why(index, index.vector(row));
        const QString text = doc.title + QLatin1Char(' ') + doc.abstract + QLatin1Char(' ') +
                             doc.keywords.join(QLatin1Char(' ')) + QLatin1Char(' ') +
                             doc.authors.join(QLatin1Char(' '));
        for (const RankModel::Contribution &c : contributions) {
            CHECK(why.contains(QStringLiteral("+ ") + index.display(c.term)));
            for (const QString &w : index.display(c.term).split(QLatin1Char(' ')))
                CHECK(text.contains(w, Qt::CaseInsensitive));
        }
        // The top term out of the paper: the score drops.
        const quint32 topTerm = contributions.front().term;
        QString key;
        for (const QString &k : {QStringLiteral("author:"), QStringLiteral("kw:"), QString()}) {
            const QString candidate = k + index.display(topTerm).toLower();
            if (index.termOf(candidate) == int(topTerm))
                key = candidate;
        }
        REQUIRE_FALSE(key.isEmpty());
        const double before = model->score(index.transform(doc));
        const double after =
            model->score(index.transform(without(doc, key, index.display(topTerm))));
        CHECK(std::abs(before - model->score(index.vector(row))) < 1e-4);
        CHECK(after < before);
    }
    CHECK(checked >= 20);
}

TEST_CASE("RankIndex: More like this finds the planted near-duplicates first", "[rank]") {
    SimLibrary lib = simulateLibrary(2000);
    // Three near-copies of paper 100 (a few words changed), among unrelated papers.
    const RankDocument original = lib.papers[100].doc;
    QList<qint64> planted;
    for (int c = 0; c < 3; ++c) {
        SimPaper copy = lib.papers[100];
        QStringList words = copy.doc.abstract.split(QLatin1Char(' '));
        for (int w = c; w < words.size(); w += 9)
            words[w] = simWord("bg", 700 + w);
        copy.doc.abstract = words.join(QLatin1Char(' '));
        copy.doc.id = 10000 + c;
        planted << copy.doc.id;
        lib.papers.insert(500 + 300 * c, copy);
    }
    const RankIndex index = RankIndex::build(docsOf(lib));
    const QList<RankIndex::Neighbour> near = index.similar(index.rowOf(original.id), 20);
    REQUIRE(near.size() == 20);
    QList<qint64> firstThree;
    for (int i = 0; i < 3; ++i)
        firstThree << index.id(near[i].row);
    std::sort(firstThree.begin(), firstThree.end());
    CHECK(firstThree == planted);
    for (qsizetype i = 1; i < near.size(); ++i)
        CHECK(near[i - 1].cosine >= near[i].cosine);
    CHECK(near[0].cosine > 0.7f);
    for (const RankIndex::Neighbour &n : near)
        CHECK(index.id(n.row) != original.id);
}

TEST_CASE("RankModel: a why line names each text once (a keyword that is also a word)", "[rank]") {
    // Liked papers carry "lowbit" as a keyword and in the abstract: two terms, one text.
    QList<RankDocument> docs;
    for (int i = 0; i < 60; ++i) {
        RankDocument d;
        d.id = i + 1;
        const bool liked = i % 2 == 0;
        d.title = liked ? QStringLiteral("Lowbit") : QStringLiteral("Proteins");
        d.abstract = liked ? QStringLiteral("Lowbit kernels.") : QStringLiteral("Proteins fold.");
        d.keywords = {liked ? QStringLiteral("lowbit") : QStringLiteral("proteins")};
        d.authors = {QStringLiteral("Author ") + simWord("n", i % 7)};
        docs << d;
    }
    const RankIndex index = RankIndex::build(docs);
    REQUIRE(index.termOf(QStringLiteral("kw:lowbit")) >= 0);
    REQUIRE(index.termOf(QStringLiteral("lowbit")) >= 0);
    std::vector<int> labels;
    for (int i = 0; i < 60; ++i)
        labels.push_back(i < 40 ? (i % 2 == 0 ? 1 : -1) : 0);
    const std::optional<RankModel> model = RankModel::train(index, labels);
    REQUIRE(model);
    const QString why = model->why(index, index.vector(50));
    INFO(why.toStdString());
    const QStringList parts = why.split(QStringLiteral(", "));
    CHECK(parts.count(QStringLiteral("+ lowbit")) == 1);
    CHECK(parts.size() >= 2); // the repeat's place went to another term
}

TEST_CASE("RankIndex: counting on several threads builds the same index as one thread", "[rank]") {
    const SimLibrary lib = simulateLibrary(6000);
    const QList<RankDocument> docs = docsOf(lib);
    RankIndex::Options one, three;
    one.threads = 1;
    three.threads = 3; // 6,000 papers: three ranges of 2,000
    const RankIndex a = RankIndex::build(docs, one);
    const RankIndex b = RankIndex::build(docs, three);
    REQUIRE(a.termCount() == b.termCount());
    REQUIRE(a.size() == b.size());
    bool same = true;
    for (int t = 0; t < a.termCount() && same; ++t)
        same = a.display(quint32(t)) == b.display(quint32(t));
    for (int row = 0; row < a.size() && same; ++row) {
        const auto va = a.vector(row), vb = b.vector(row);
        same = va.size() == vb.size();
        for (size_t i = 0; i < va.size() && same; ++i)
            same = va[i].term == vb[i].term && va[i].weight == vb[i].weight;
    }
    CHECK(same);
}
