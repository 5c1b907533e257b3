// bench_library [N] [WORKDIR]: generates N synthetic papers (default 100000) as digests,
// imports them into a new library and prints the figures the store is held to:
//   time until all papers are visible to list, time until full-text search is complete,
//   median two-word search (first page of 200 + total), other typical queries, and the
//   library file size relative to the digest text.
#include "digestgenerator.h"
#include "parse/digestparser.h"
#include "store/library.h"

#include <QCoreApplication>
#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QTextStream>

#include <algorithm>

#include <sys/resource.h>

using namespace lectern;

namespace {

// CPU time (user + system, ms) of this thread or of the process.
qint64 cpuMs(int who) {
    rusage ru;
    getrusage(who, &ru);
    return (ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1000 +
           (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1000;
}

QString loadAverage() {
    QFile f(QStringLiteral("/proc/loadavg"));
    return f.open(QIODevice::ReadOnly)
               ? QString::fromLatin1(f.readAll()).section(QLatin1Char(' '), 0, 0)
               : QStringLiteral("?");
}

QTextStream &out() {
    static QTextStream s(stdout);
    return s;
}

double medianMs(QList<double> v) {
    std::sort(v.begin(), v.end());
    return v.isEmpty() ? 0 : v.at(v.size() / 2);
}

// Median time (ms) of query q over `runs` runs, first page of 200 with the total.
double timeQuery(const Library &lib, const QString &q, SortOrder sort, int *total, int runs = 5) {
    QList<double> times;
    for (int i = 0; i < runs; ++i) {
        QElapsedTimer t;
        t.start();
        const QueryResult r = lib.query(q, sort, 200);
        times << double(t.nsecsElapsed()) / 1e6;
        if (total)
            *total = r.ok() ? r.total : -1;
    }
    return medianMs(times);
}

qint64 folderBytes(const QString &dir) {
    qint64 n = 0;
    QDirIterator it(dir, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext())
        n += QFileInfo(it.next()).size();
    return n;
}

// One digest file of n papers without a link (hostile input: each is looked up by title).
QByteArray linklessDigest(int n) {
    QByteArray s = "# 2025-05-06\n\n";
    for (int i = 0; i < n; ++i) {
        const QByteArray num = QByteArray::number(i);
        s += "## Paper number " + num + " without a link\n\n>Authors: Ann Author\n\n" +
             ">2025-05-01\n\nA short abstract about item " + num + ".\n\n\n";
    }
    return s;
}

// Import of one file of n link-less papers (defect 4.11: was quadratic).
void benchLinkless(const QString &work, int n) {
    const QString dir = work + QStringLiteral("/linkless");
    QDir(dir).removeRecursively();
    QDir().mkpath(dir);
    QFile file(dir + QStringLiteral("/linkless.md"));
    if (!file.open(QIODevice::WriteOnly) || file.write(linklessDigest(n)) < 0)
        return;
    file.close();
    Library lib;
    if (!lib.open(dir + QStringLiteral("/library.sqlite")))
        return;
    QElapsedTimer t;
    t.start();
    const ImportStats s = lib.importPaths({file.fileName()});
    const qsizetype diagnostics = s.results.isEmpty() ? 0 : s.results.first().diagnostics.size();
    out() << "one file of " << n << " link-less papers: " << t.elapsed() << " ms (" << s.newPapers
          << " new, " << diagnostics << " diagnostics kept)   [test bound 30000]\n";
}

} // namespace

int main(int argc, char *argv[]) {
    QCoreApplication app(argc, argv);
    const QStringList args = QCoreApplication::arguments();
    const int n = args.size() > 1 ? args.at(1).toInt() : 100000;
    const QString work =
        args.size() > 2 ? args.at(2) : QDir::tempPath() + QStringLiteral("/lectern-bench");
    const QString digests = work + QStringLiteral("/digests-%1").arg(n);
    const QString dbPath = work + QStringLiteral("/library.sqlite");

    if (!QDir(digests).exists()) {
        QElapsedTimer g;
        g.start();
        if (lectern::bench::generateDigests(digests, n) == 0) {
            out() << "cannot write " << digests << '\n';
            return 1;
        }
        out() << "generated " << n << " papers in " << g.elapsed() << " ms\n";
    }
    const qint64 textBytes = folderBytes(digests);
    for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
        QFile::remove(dbPath + suffix);

    {
        // For reading the figures below: how much of the import is reading + parsing.
        QElapsedTimer t;
        t.start();
        int papers = 0;
        for (const QString &f : Library::expandPaths({digests})) {
            QFile file(f);
            file.open(QIODevice::ReadOnly);
            papers += int(DigestParser::parse(file.readAll(), f).papers.size());
        }
        out() << "read + parse only, one thread: " << t.elapsed() << " ms (" << papers
              << " papers)\n";
    }

    qint64 visibleMs = -1;
    int visibleCount = -1;
    {
        Library lib;
        QString error;
        if (!lib.open(dbPath, &error)) {
            out() << error << '\n';
            return 1;
        }
        qint64 visibleCpu = 0, visibleProcessCpu = 0;
        const qint64 writerCpu0 = cpuMs(RUSAGE_THREAD), processCpu0 = cpuMs(RUSAGE_SELF);
        QElapsedTimer t;
        t.start();
        const ImportStats s =
            lib.importPaths({digests}, [&](int done, int total, const QString &path) {
                if (done == total && path.isEmpty() && visibleMs < 0) {
                    visibleMs = t.elapsed();
                    visibleCpu = cpuMs(RUSAGE_THREAD) - writerCpu0;
                    visibleProcessCpu = cpuMs(RUSAGE_SELF) - processCpu0;
                    visibleCount = lib.query(QString(), SortOrder::Date, 200).total; // as list sees
                }
                return true;
            });
        const qint64 ftsMs = t.elapsed();
        const qint64 ftsCpu = cpuMs(RUSAGE_THREAD) - writerCpu0;
        const qint64 ftsProcessCpu = cpuMs(RUSAGE_SELF) - processCpu0;
        // Wall times depend on what else the machine runs; CPU times show the work itself.
        out() << "CPU to all-visible: writer thread " << visibleCpu << " ms, all threads "
              << visibleProcessCpu << " ms; to FTS complete: writer " << ftsCpu << " ms, all "
              << ftsProcessCpu << " ms; load average " << loadAverage() << "\n";
        out() << "import: " << s.files << " files, " << s.newPapers << " new papers, " << s.skipped
              << " skipped\n";
        out() << "all visible to list: " << visibleMs << " ms (" << visibleCount
              << " papers)   [target 3000]\n";
        out() << "full-text search complete: " << ftsMs << " ms (pending "
              << lib.pendingIndexCount() << ")   [target 6000]\n";

        // Typical queries. Two-word searches pair vocabulary words of typical frequency.
        QList<double> twoWord;
        int minTotal = INT_MAX, maxTotal = 0;
        for (int i = 0; i < 30; ++i) {
            const QString q = lectern::bench::vocabularyWord(40 + i * 37) + QLatin1Char(' ') +
                              lectern::bench::vocabularyWord(60 + i * 53);
            int total = 0;
            twoWord << timeQuery(lib, q, SortOrder::Date, &total);
            minTotal = std::min(minTotal, total);
            maxTotal = std::max(maxTotal, total);
        }
        out() << "two-word search (30 pairs, first 200 + total, date order): median "
              << medianMs(twoWord) << " ms, max "
              << *std::max_element(twoWord.begin(), twoWord.end()) << " ms; matches " << minTotal
              << ".." << maxTotal << "   [target 20]\n";
        QList<double> common;
        for (int i = 0; i < 10; ++i) {
            const QString q = lectern::bench::vocabularyWord(i) + QLatin1Char(' ') +
                              lectern::bench::vocabularyWord(i + 10);
            common << timeQuery(lib, q, SortOrder::Date, nullptr);
        }
        out() << "two very common words (in most papers): median " << medianMs(common) << " ms\n";
        struct Q {
            const char *label;
            QString query;
            SortOrder sort;
        };
        const QList<Q> queries = {
            {"all, date", QString(), SortOrder::Date},
            {"all, digest", QString(), SortOrder::Digest},
            {"all, title", QString(), SortOrder::Title},
            {"is:unread", QStringLiteral("is:unread"), SortOrder::Date},
            {"kw:quantization", QStringLiteral("kw:quantization"), SortOrder::Date},
            {"word, relevance", lectern::bench::vocabularyWord(300), SortOrder::Relevance},
            {"two words, relevance",
             lectern::bench::vocabularyWord(200) + QLatin1Char(' ') +
                 lectern::bench::vocabularyWord(500),
             SortOrder::Relevance},
            {"phrase",
             QLatin1Char('"') + lectern::bench::vocabularyWord(41) + QLatin1Char(' ') +
                 lectern::bench::vocabularyWord(42) + QLatin1Char('"'),
             SortOrder::Date},
            {"prefix 'qu'", QStringLiteral("qu"), SortOrder::Date},
            {"author:", QStringLiteral("author:") + lectern::bench::vocabularyWord(1234),
             SortOrder::Date},
            {"after: + -word",
             QStringLiteral("after:2024-01-01 -") + lectern::bench::vocabularyWord(5),
             SortOrder::Date},
        };
        for (const Q &q : queries) {
            int total = 0;
            const double ms = timeQuery(lib, q.query, q.sort, &total);
            out() << "query " << q.label << ": " << ms << " ms (" << total << " matches)\n";
        }
        QElapsedTimer c;
        c.start();
        const Counts counts = lib.counts().value();
        out() << "counts(): " << c.elapsed() << " ms (" << counts.digests.size() << " digests, "
              << counts.keywords.size() << " keywords)\n";
    }
    benchLinkless(work, n);
    // Closing the last connection checkpoints the WAL into the file.
    const qint64 dbBytes =
        QFileInfo(dbPath).size() + QFileInfo(dbPath + QStringLiteral("-wal")).size();
    out() << "digest text: " << textBytes << " bytes; library: " << dbBytes << " bytes; ratio "
          << double(dbBytes) / double(textBytes) << "   [target < 1.6]\n";
    return 0;
}
