// bench_backup [N] [WORKDIR]: backups and integrity checks of an N-paper library (default
// 100000; the digests are shared with bench_library). Prints: the open with its quick_check,
// quick_check and integrity_check alone, a backup run on the DatabaseWorker while this
// (the "window's") thread runs a 5 ms timer, and the worst gap that timer saw.
#include "benchlibrary.h"
#include "store/backupmanager.h"
#include "store/databaseworker.h"
#include "store/library.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QTextStream>
#include <QTimer>

#include <cstdio>

using namespace lectern;

namespace {

QTextStream &out() {
    static QTextStream s(stdout);
    return s;
}

qint64 timed(const std::function<void()> &f) {
    QElapsedTimer t;
    t.start();
    f();
    return t.elapsed();
}

// A backup on the worker; meanwhile a 5 ms timer on this thread, like the window's events.
void backupOnWorker(const QString &db) {
    DatabaseWorker worker(db);
    bool done = false;
    qint64 backupMs = -1;
    QString written;
    QElapsedTimer sinceTick;
    qint64 worstGap = 0;
    int ticks = 0;
    QTimer tick;
    tick.setInterval(5);
    QObject::connect(&tick, &QTimer::timeout, [&] {
        worstGap = std::max(worstGap, sinceTick.restart());
        ++ticks;
    });
    QObject::connect(&worker, &DatabaseWorker::jobDone, [&] { done = true; });
    sinceTick.start();
    tick.start();
    worker.post([&](Library &, const std::function<bool()> &cancelled) {
        BackupManager backups(db);
        QElapsedTimer t;
        t.start();
        const auto path = backups.backup({}, cancelled);
        backupMs = t.elapsed();
        written = path.value_or(backups.lastError());
    });
    while (!done)
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
    tick.stop();
    out() << "backup on the worker (online backup API, then integrity_check of the copy): "
          << backupMs << " ms, " << QFileInfo(written).size() / (1024 * 1024) << " MB -> "
          << written << '\n';
    out() << "window thread meanwhile: " << ticks << " ticks of a 5 ms timer, worst gap "
          << worstGap << " ms   [target < 50]\n";
}

} // namespace

int main(int argc, char *argv[]) {
    QCoreApplication app(argc, argv);
    const QStringList args = QCoreApplication::arguments();
    const int n = args.size() > 1 ? args.at(1).toInt() : 100000;
    const QString work =
        args.size() > 2 ? args.at(2) : QDir::tempPath() + QStringLiteral("/lectern-bench");
    const QString db = work + QStringLiteral("/backup-library-%1.sqlite").arg(n);
    if (!lectern::bench::benchLibrary(work, n, db)) {
        out() << "cannot build the library " << db << '\n';
        return 1;
    }
    out() << "library: " << n << " papers, " << QFileInfo(db).size() / (1024 * 1024) << " MB\n";
    out().flush();
    IntegrityResult quick, full;
    const qint64 quickMs = timed([&] { quick = BackupManager::check(db, false); });
    const qint64 fullMs = timed([&] { full = BackupManager::check(db, true); });
    qint64 openMs = 0;
    {
        Library lib;
        openMs = timed([&] { lib.open(db); });
    }
    out() << "quick_check: " << quickMs << " ms (" << quick.summary() << ")   [start <= 1000]\n";
    out() << "integrity_check: " << fullMs << " ms (" << full.summary() << ")\n";
    out() << "Library::open with its quick_check: " << openMs << " ms\n";
    out().flush();
    QDir(BackupManager(db).folder()).removeRecursively();
    backupOnWorker(db);
    QDir(BackupManager(db).folder()).removeRecursively();
    return 0;
}
