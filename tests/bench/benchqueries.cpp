#include "benchqueries.h"

#include "digestgenerator.h"
#include "store/library.h"

#include <QDate>
#include <QElapsedTimer>
#include <QStringList>
#include <QTextStream>

#include <algorithm>
#include <functional>

namespace lectern::bench {

namespace {

constexpr int kVariants = 20;
constexpr int kCountCap = 10000; // Library::queryCapped, as a list asks (PaperListModel::CountCap)

QTextStream &out() {
    static QTextStream s(stdout);
    return s;
}

QString w(int rank) {
    return vocabularyWord(rank);
}

QString quoted(const QString &s) {
    return QLatin1Char('"') + s + QLatin1Char('"');
}

// A digest date of the generated corpus (one file a day from 2023-01-02).
QString digestDate(int n, int i) {
    const int files = std::max(1, n / 100);
    return QDate(2023, 1, 2).addDays((i * 7919) % files).toString(Qt::ISODate);
}

struct Kind {
    const char *label;
    std::function<QString(int)> query;
    SortOrder sort = SortOrder::Date;
};

QList<Kind> kinds(int n) {
    static const char *const prefixes[] = {"qu", "st", "pr", "tr", "gr", "ch", "sp",
                                           "ba", "ke", "lo", "mi", "no", "pa", "ri",
                                           "so", "te", "va", "de", "fu", "ho"};
    return {
        {"one word", [](int i) { return w(100 + i * 31); }},
        {"two words", [](int i) { return w(40 + i * 37) + QLatin1Char(' ') + w(60 + i * 53); }},
        {"two common words", [](int i) { return w(i) + QLatin1Char(' ') + w(i + 10); }},
        {"two-letter prefix", [](int i) { return QString::fromLatin1(prefixes[i]); }},
        {"phrase, common words",
         [](int i) { return quoted(w(20 + i) + QLatin1Char(' ') + w(21 + i)); }},
        {"phrase \"large language model\"",
         [](int) { return QStringLiteral("\"large language model\""); }},
        {"phrase, rare", [](int i) { return quoted(w(41 + i) + QLatin1Char(' ') + w(42 + i)); }},
        {"word-word (phrase check)",
         [](int i) { return w(30 + i) + QLatin1Char('-') + w(31 + i); }},
        {"author:", [](int i) { return QStringLiteral("author:") + w(100 + i * 997 % 20000); }},
        {"author:\"full name\"",
         [](int i) {
             return QStringLiteral("author:") +
                    quoted(w(100 + i * 997 % 20000) + QLatin1Char(' ') + w(200 + i * 613));
         }},
        {"kw:",
         [](int i) {
             return i % 2 ? QStringLiteral("kw:quantization") : QStringLiteral("kw:graph");
         }},
        {"kw: is:unread", [](int) { return QStringLiteral("kw:diffusion is:unread"); }},
        {"tag:", [](int i) { return QStringLiteral("tag:t") + QString::number(i % 5); }},
        {"is:unread", [](int) { return QStringLiteral("is:unread"); }},
        {"is:starred", [](int) { return QStringLiteral("is:starred"); }},
        {"is:noted", [](int) { return QStringLiteral("is:noted"); }},
        {"digest:", [n](int i) { return QStringLiteral("digest:") + digestDate(n, i); }},
        {"after: -word", [](int i) { return QStringLiteral("after:2024-01-01 -") + w(5 + i); }},
        {"before:", [n](int i) { return QStringLiteral("before:") + digestDate(n, i); }},
        {"-\"phrase\" word",
         [](int i) {
             return w(100 + i) + QStringLiteral(" -\"") + w(3) + QLatin1Char(' ') + w(4) +
                    QLatin1Char('"');
         }},
        {"cat:", [](int) { return QStringLiteral("cat:cs.LG"); }},
        {"has:pdf", [](int) { return QStringLiteral("has:pdf"); }},
        {"CJK substring", [](int) { return QStringLiteral("\u6a21\u578b"); }},
        {"all, date", [](int) { return QString(); }},
        {"all, title", [](int) { return QString(); }, SortOrder::Title},
        {"word, relevance", [](int i) { return w(300 + i); }, SortOrder::Relevance},
    };
}

double percentile(QList<double> v, double p) {
    std::sort(v.begin(), v.end());
    return v.isEmpty() ? 0 : v.at(std::min(v.size() - 1, qsizetype(p * double(v.size()))));
}

// A little user state to find: every 1000th paper starred, every 500th read, tagged t0..t4.
void addUserState(Library &lib, int n) {
    QList<qint64> starred, read;
    for (int id = 1; id <= n; id += 1000)
        starred << id;
    for (int id = 1; id <= n; id += 500)
        read << id;
    lib.setStarred(starred, true);
    lib.setRead(read, true);
    for (int t = 0; t < 5; ++t) {
        QList<qint64> ids;
        for (int id = 1 + t; id <= n; id += 2000)
            ids << id;
        lib.addTag(ids, QStringLiteral("t") + QString::number(t));
    }
    for (int id = 1; id <= std::min(n, 200); id += 10)
        lib.setNote(id, QStringLiteral("a note"));
}

// counts() five times (the first may read from disk): the first and the p50.
void benchCounts(Library &lib) {
    QList<double> times;
    qsizetype digests = -1;
    for (int i = 0; i < 5; ++i) {
        QElapsedTimer c;
        c.start();
        const auto counts = lib.counts();
        times << double(c.nsecsElapsed()) / 1e6;
        digests = counts ? counts->digests.size() : -1;
    }
    const double first = times.first();
    out() << "counts(): first " << first << " ms, p50 of 5 " << percentile(times, 0.5) << " ms ("
          << digests << " digests)   [target <= 300]\n";
    out().flush();
}

} // namespace

void runQueries(Library &lib, int n) {
    addUserState(lib, n);
    // LECTERN_BENCH_COUNTS_ONLY=1: counts() alone (iterating on the sidebar counts).
    if (qEnvironmentVariableIntValue("LECTERN_BENCH_COUNTS_ONLY") == 1)
        return benchCounts(lib);
    QList<double> worst;
    QList<double> worstCapped;
    // LECTERN_BENCH_KIND=text: only the kinds whose label contains it (iterating on one kind).
    const QString only = qEnvironmentVariable("LECTERN_BENCH_KIND");
    // LECTERN_BENCH_CAPPED_ONLY=1: the list's capped queries alone (for a profile of them).
    const bool cappedOnly = qEnvironmentVariableIntValue("LECTERN_BENCH_CAPPED_ONLY") == 1;
    for (const Kind &k : kinds(n)) {
        if (!QString::fromLatin1(k.label).contains(only))
            continue;
        QList<double> times, capped, totals;
        int minTotal = INT_MAX, maxTotal = -1;
        for (int i = 0; i < kVariants; ++i) {
            QElapsedTimer t;
            t.start();
            const QueryResult r = cappedOnly ? QueryResult{} : lib.query(k.query(i), k.sort, 200);
            times << double(t.nsecsElapsed()) / 1e6;
            minTotal = std::min(minTotal, r.ok() ? r.total : -1);
            maxTotal = std::max(maxTotal, r.ok() ? r.total : -1);
            t.restart();
            const QueryResult c = lib.queryCapped(k.query(i), k.sort, 200, 0, kCountCap);
            capped << double(t.nsecsElapsed()) / 1e6;
            if (qEnvironmentVariableIntValue("LECTERN_BENCH_EACH") == 1) { // each variant, capped
                const QString total = QString::number(c.total) + (c.totalIsLowerBound ? "+" : "");
                out() << "  \"" << k.query(i) << "\" capped " << capped.last() << " ms, " << total
                      << '\n';
            }
            t.restart();
            if (!cappedOnly)
                lib.total(k.query(i));
            totals << double(t.nsecsElapsed()) / 1e6;
        }
        const double p95 = percentile(times, 0.95);
        worst << p95;
        worstCapped << percentile(capped, 0.95);
        out() << "query " << k.label << ": p50 " << percentile(times, 0.5) << " ms, p95 " << p95
              << " ms (" << minTotal << ".." << maxTotal << " matches); capped count: p50 "
              << percentile(capped, 0.5) << " ms, p95 " << worstCapped.last()
              << " ms; exact total() alone: p50 " << percentile(totals, 0.5) << " ms, p95 "
              << percentile(totals, 0.95) << " ms\n";
    }
    out() << "slowest kind at p95: " << *std::max_element(worst.begin(), worst.end())
          << " ms; with the count capped at " << kCountCap << ": "
          << *std::max_element(worstCapped.begin(), worstCapped.end()) << " ms   [target <= 50]\n";
    benchCounts(lib);
}

} // namespace lectern::bench
