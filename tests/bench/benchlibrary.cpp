#include "benchlibrary.h"

#include "digestgenerator.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTextStream>

namespace lectern::bench {

namespace {

bool holds(const QString &dbPath, int n) {
    if (qgetenv("LECTERN_BENCH_FRESH") == "1" || !QFile::exists(dbPath))
        return false;
    Library probe;
    return probe.openExisting(dbPath) && probe.ids(QString()).value_or(QList<qint64>()).size() == n;
}

} // namespace

std::unique_ptr<Library> benchLibrary(const QString &work, int n, const QString &dbPath,
                                      bool *built) {
    QTextStream out(stdout);
    auto lib = std::make_unique<Library>();
    if (built)
        *built = false;
    if (holds(dbPath, n)) {
        if (lib->openExisting(dbPath)) {
            out << "library: " << n << " papers (reused " << dbPath << ")\n";
            return lib;
        }
    }
    const QString digests = work + QStringLiteral("/digests-%1").arg(n);
    if (!QDir(digests).exists() && generateDigests(digests, n) == 0) {
        out << "cannot write the digests into " << digests << '\n';
        return nullptr;
    }
    for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
        QFile::remove(dbPath + suffix);
    if (!lib->open(dbPath)) {
        out << "cannot create " << dbPath << ": " << lib->lastError() << '\n';
        return nullptr;
    }
    QElapsedTimer t;
    t.start();
    const ImportStats s = lib->importPaths({digests});
    out << "library: " << s.newPapers << " papers imported in " << t.elapsed()
        << " ms (not counted)\n";
    if (s.newPapers != n)
        return nullptr;
    if (built)
        *built = true;
    return lib;
}

} // namespace lectern::bench
