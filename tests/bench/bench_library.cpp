// bench_library [N] [WORKDIR]: generates N synthetic papers (default 100000) as digests, once,
// into WORKDIR/digests-N (default WORKDIR /var/tmp/lectern-bench: the corpus is kept between
// runs; `bench_library 1000000` is the 1M mode), imports them into a new library and prints
// the figures the store is held to (issue 13):
//   import: time until every paper is visible to list, until full-text search is complete,
//   CPU of the writer and of all threads, peak memory; a re-import of the unchanged files;
//   queries: every term kind of the search language, p50/p95 over 20 variants (first page of
//   200 + total); the library size relative to the digest text; and the reference importer
//   (tests/bench/reference_import.py: Python + sqlite3 + FTS5 rebuild, one thread) beside our
//   import of the same 100k papers, in the same run.
// LECTERN_BENCH_QUERIES=1: no import; the queries, counts() and size over the library an earlier
// run left in WORKDIR (opened as the app would, so a newer schema migrates it first).
#include "benchqueries.h"
#include "digestgenerator.h"
#include "parse/digestparser.h"
#include "store/library.h"

#include <QCoreApplication>
#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QProcess>
#include <QTextStream>

#include <algorithm>

#include <sys/resource.h>

using namespace lectern;

namespace {

constexpr int kReferencePapers = 100000;

// CPU time (user + system, ms) of this thread or of the process.
qint64 cpuMs(int who) {
    rusage ru;
    getrusage(who, &ru);
    return (ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1000 +
           (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1000;
}

// A line of /proc/self/status in MB (VmHWM: peak resident set, VmRSS: now).
qint64 statusMb(const char *field) {
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : f.readAll().split('\n')) {
        if (line.startsWith(field))
            return line.mid(qstrlen(field) + 1).trimmed().split(' ').first().toLongLong() / 1024;
    }
    return -1;
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

qint64 folderBytes(const QString &dir) {
    qint64 n = 0;
    QDirIterator it(dir, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext())
        n += QFileInfo(it.next()).size();
    return n;
}

void removeLibrary(const QString &dbPath) {
    for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
        QFile::remove(dbPath + suffix);
}

// The corpus of n papers, generated once into work/digests-n.
QString corpus(const QString &work, int n) {
    const QString digests = work + QStringLiteral("/digests-") + QString::number(n);
    if (QDir(digests).exists())
        return digests;
    QElapsedTimer g;
    g.start();
    if (lectern::bench::generateDigests(digests, n) == 0) {
        out() << "cannot write " << digests << '\n';
        return QString();
    }
    out() << "generated " << n << " papers in " << g.elapsed() << " ms into " << digests << '\n';
    return digests;
}

// For reading the figures below: how much of the import is reading + parsing.
void benchParseOnly(const QString &digests) {
    QElapsedTimer t;
    t.start();
    int papers = 0;
    for (const QString &f : Library::expandPaths({digests})) {
        QFile file(f);
        if (file.open(QIODevice::ReadOnly))
            papers += int(DigestParser::parse(file.readAll(), f).papers.size());
    }
    out() << "read + parse only, one thread: " << t.elapsed() << " ms (" << papers << " papers)\n";
}

struct ImportFigures {
    qint64 visibleMs = -1, searchableMs = -1;
    int visibleCount = -1, newPapers = 0;
};

// Imports digests into lib (new), timing the moment the papers are visible and searchable.
ImportFigures importInto(Library &lib, const QString &digests, bool print) {
    ImportFigures f;
    qint64 visibleCpu = 0, visibleProcessCpu = 0;
    const qint64 writerCpu0 = cpuMs(RUSAGE_THREAD), processCpu0 = cpuMs(RUSAGE_SELF);
    QElapsedTimer t;
    t.start();
    const ImportStats s = lib.importPaths({digests}, [&](int done, int total, const QString &path) {
        if (done == total && path.isEmpty() && f.visibleMs < 0) {
            f.visibleMs = t.elapsed();
            visibleCpu = cpuMs(RUSAGE_THREAD) - writerCpu0;
            visibleProcessCpu = cpuMs(RUSAGE_SELF) - processCpu0;
            f.visibleCount = lib.query(QString(), SortOrder::Date, 200).total; // as list sees
        }
        return true;
    });
    f.searchableMs = t.elapsed();
    f.newPapers = s.newPapers;
    if (!print)
        return f;
    // Wall times depend on what else the machine runs; CPU times show the work itself.
    out() << "CPU to all-visible: writer thread " << visibleCpu << " ms, all threads "
          << visibleProcessCpu << " ms; to searchable: writer " << cpuMs(RUSAGE_THREAD) - writerCpu0
          << " ms, all " << cpuMs(RUSAGE_SELF) - processCpu0 << " ms; load average "
          << loadAverage() << "\n";
    out() << "import: " << s.files << " files, " << s.newPapers << " new papers, " << s.skipped
          << " skipped; peak memory " << statusMb("VmHWM:") << " MB\n";
    out() << "all visible to list: " << f.visibleMs << " ms (" << f.visibleCount << " papers)\n";
    out() << "all searchable: " << f.searchableMs << " ms (pending " << lib.pendingIndexCount()
          << ")\n";
    return f;
}

// A second import of the same files: every file's hash is known, nothing is written.
void benchReimport(Library &lib, const QString &digests) {
    QElapsedTimer t;
    t.start();
    const ImportStats s = lib.importPaths({digests});
    out() << "re-import unchanged: " << t.elapsed() << " ms (" << s.alreadyImported
          << " files already imported, " << s.newPapers << " new)\n";
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

// Our import and the reference importer over the same 100k papers, one after the other.
void benchReference(const QString &work, bool printOurs = false) {
    const QString digests = corpus(work, kReferencePapers);
    if (digests.isEmpty())
        return;
    const QString ours = work + QStringLiteral("/reference-ours.sqlite");
    const QString theirs = work + QStringLiteral("/reference-python.sqlite");
    removeLibrary(ours);
    qint64 oursMs = -1;
    {
        Library lib;
        if (lib.open(ours))
            oursMs = importInto(lib, digests, printOurs).searchableMs;
    }
    QProcess python;
    python.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    QElapsedTimer t;
    t.start();
    python.start(QStringLiteral("python3"),
                 {QStringLiteral(LECTERN_BENCH_DIR "/reference_import.py"), digests, theirs});
    python.waitForFinished(-1);
    const qint64 theirsMs = t.elapsed();
    out() << python.readAllStandardOutput();
    out() << "100k papers searchable: lectern " << oursMs << " ms, reference importer " << theirsMs
          << " ms (process); ratio " << double(oursMs) / double(theirsMs) << "   [target <= 0.5]\n";
    removeLibrary(ours);
    removeLibrary(theirs);
}

void printSize(const QString &dbPath, qint64 textBytes) {
    // Closing the last connection checkpoints the WAL into the file.
    const qint64 dbBytes =
        QFileInfo(dbPath).size() + QFileInfo(dbPath + QStringLiteral("-wal")).size();
    out() << "digest text: " << textBytes << " bytes; library: " << dbBytes << " bytes; ratio "
          << double(dbBytes) / double(textBytes) << "   [target <= 1.3]\n";
}

// The queries and counts over the library an earlier run left at dbPath.
int queriesOnly(const QString &dbPath, int n, qint64 textBytes) {
    {
        Library lib;
        QString error;
        QElapsedTimer t;
        t.start();
        if (!QFileInfo::exists(dbPath) || !lib.openExisting(dbPath, &error)) {
            out() << "no library to reuse at " << dbPath << ' ' << error << '\n';
            return 1;
        }
        out() << "opened " << dbPath << " in " << t.elapsed() << " ms\n";
        lectern::bench::runQueries(lib, n);
    }
    printSize(dbPath, textBytes);
    return 0;
}

} // namespace

int main(int argc, char *argv[]) {
    QCoreApplication app(argc, argv);
    const QStringList args = QCoreApplication::arguments();
    const int n = args.size() > 1 ? args.at(1).toInt() : 100000;
    const QString work = args.size() > 2 ? args.at(2) : QStringLiteral("/var/tmp/lectern-bench");
    const bool large = n > kReferencePapers;
    const QString digests = corpus(work, n);
    if (digests.isEmpty())
        return 1;
    const QString dbPath =
        work + QStringLiteral("/library-") + QString::number(n) + QStringLiteral(".sqlite");
    const qint64 textBytes = folderBytes(digests);
    if (qEnvironmentVariableIntValue("LECTERN_BENCH_QUERIES") == 1)
        return queriesOnly(dbPath, n, textBytes);
    // Only ours against the reference importer (100k), LECTERN_BENCH_REFERENCE times in a row:
    // for iterating on the import.
    if (const int runs = qEnvironmentVariableIntValue("LECTERN_BENCH_REFERENCE"); runs > 0) {
        for (int i = 0; i < runs; ++i)
            benchReference(work, true);
        return 0;
    }
    removeLibrary(dbPath);
    if (!large)
        benchParseOnly(digests);
    {
        Library lib;
        QString error;
        if (!lib.open(dbPath, &error)) {
            out() << error << '\n';
            return 1;
        }
        // LECTERN_BENCH_CACHE_KIB=N: the import with the page cache and no memory map, as the
        // window's worker imports (Library::limitMemory).
        if (const int kib = qEnvironmentVariableIntValue("LECTERN_BENCH_CACHE_KIB"); kib > 0) {
            lib.limitMemory(0, kib);
            out() << "page cache " << kib << " KiB, no memory map\n";
        }
        importInto(lib, digests, true);
        // LECTERN_BENCH_IMPORT_ONLY=1: the import and the size only (a 1M import without the
        // minutes of queries).
        if (qEnvironmentVariableIntValue("LECTERN_BENCH_IMPORT_ONLY") != 1) {
            lectern::bench::runQueries(lib, n);
            benchReimport(lib, digests);
        }
    }
    printSize(dbPath, textBytes);
    if (qEnvironmentVariableIntValue("LECTERN_BENCH_IMPORT_ONLY") == 1)
        return 0;
    if (!large)
        benchLinkless(work, n);
    benchReference(work);
    return 0;
}
