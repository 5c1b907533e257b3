// bench_export [N] [WORKDIR] [FORMATS]: generates N synthetic papers (default 100000) as digests,
// imports them into a new library (not timed) with some user state, then exports all of them in
// every format to a file and prints, per format: the time from the library (Library::ids + papers()
// in chunks + the writer, as `lectern-cli export` does), the writer alone on papers in
// memory, the process's CPU time (every thread) and the output size; first, the time to load
// the papers alone. The target: under 2 s for 100k papers. A library of N papers left in
// WORKDIR by an earlier run is reused (LECTERN_BENCH_FRESH=1 builds it anew). A third argument
// names the formats to run (bench_export 100000 /tmp/lb bibtex,json; "none": loading only).
#include "benchlibrary.h"
#include "exchange/exporter.h"
#include "store/library.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QTextStream>

#include <sys/resource.h>

#include <functional>

using namespace lectern;

namespace {

qint64 cpuMs() {
    rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return (ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1000 +
           (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1000;
}

QTextStream &out() {
    static QTextStream s(stdout);
    return s;
}

// Some user state, as a real library has: every 10th paper starred, every 20th of the first
// 2,000 with a note.
void giveState(Library *lib) {
    const QList<qint64> ids = lib->ids(QString()).value_or(QList<qint64>());
    QList<qint64> starred;
    for (qsizetype i = 0; i < ids.size(); i += 10)
        starred << ids.at(i);
    lib->setStarred(starred, true);
    for (qsizetype i = 0; i < ids.size() && i < 2000; i += 20)
        lib->setNote(ids.at(i), QStringLiteral("A note with *Markdown*, 100% & {braces}."));
}

struct Figures {
    double wallMs = 0;
    qint64 cpuMs = 0, bytes = 0;
    int count = 0;
};

// One export into path, timed: write(exporter) feeds it the papers and finishes it.
Figures timedExport(ExportFormat format, const QString &path,
                    const std::function<void(Exporter *)> &write) {
    QFile file(path);
    file.open(QIODevice::WriteOnly | QIODevice::Truncate);
    ExportOptions options;
    options.format = format;
    options.includeNotes = true;
    Figures f;
    const qint64 cpu = cpuMs();
    QElapsedTimer t;
    t.start();
    Exporter exporter(&file, options);
    write(&exporter);
    file.close();
    f.wallMs = double(t.nsecsElapsed()) / 1e6;
    f.cpuMs = cpuMs() - cpu;
    f.bytes = QFileInfo(path).size();
    f.count = exporter.count();
    return f;
}

// As `lectern-cli export` runs: the ids, then the papers loaded in chunks.
Figures fromLibrary(const Library &lib, ExportFormat format, const QString &path) {
    const auto write = [&lib](Exporter *exporter) {
        const QList<qint64> ids = lib.ids(QString()).value_or(QList<qint64>());
        exporter->exportIds(ids, [&lib](const QList<qint64> &chunk) { return lib.papers(chunk); });
    };
    return timedExport(format, path, write);
}

// The writers alone, on papers already in memory.
Figures writerOnly(const QList<LibraryPaper> &papers, ExportFormat format, const QString &path) {
    const auto write = [&papers](Exporter *exporter) {
        exporter->write(papers);
        exporter->finish();
    };
    return timedExport(format, path, write);
}

} // namespace

int main(int argc, char *argv[]) {
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const int n = args.size() > 1 ? args.at(1).toInt() : 100000;
    const QString dir =
        args.size() > 2 ? args.at(2) : QDir::tempPath() + QStringLiteral("/bench_export");
    QDir().mkpath(dir);
    bool built = false;
    const std::unique_ptr<Library> opened =
        bench::benchLibrary(dir, n, dir + QStringLiteral("/lib.sqlite"), &built);
    if (!opened)
        return 1;
    if (built)
        giveState(opened.get());
    const Library &lib = *opened;
    const qint64 cpu = cpuMs();
    QElapsedTimer t;
    t.start();
    const QList<LibraryPaper> papers =
        lib.papers(lib.ids(QString()).value_or(QList<qint64>())).value_or(QList<LibraryPaper>());
    out() << "load only: " << papers.size() << " papers in " << t.elapsed() << " ms wall / "
          << (cpuMs() - cpu) << " ms cpu\n";
    out() << "format    papers  from library (wall / cpu ms)  writer only (wall / cpu ms)  size\n";
    // A third argument limits the run to some formats ("bibtex,json"); "none" loads only.
    const QStringList formats =
        args.size() > 3 ? args.at(3).split(QLatin1Char(',')) : Exporter::formatNames();
    for (const QString &name : formats) {
        if (!Exporter::formatFromName(name))
            continue;
        const ExportFormat format = *Exporter::formatFromName(name);
        const QString path = dir + QStringLiteral("/export.") + Exporter::fileSuffix(format);
        const Figures lib1 = fromLibrary(lib, format, path);
        const Figures mem = writerOnly(papers, format, path);
        out() << name.leftJustified(9) << QString::number(lib1.count).rightJustified(7)
              << QString::number(lib1.wallMs, 'f', 0).rightJustified(14) << " / "
              << QString::number(lib1.cpuMs).leftJustified(14)
              << QString::number(mem.wallMs, 'f', 0).rightJustified(13) << " / "
              << QString::number(mem.cpuMs).leftJustified(14)
              << QString::number(double(lib1.bytes) / 1e6, 'f', 1) << " MB\n";
        out().flush();
    }
    return 0;
}
