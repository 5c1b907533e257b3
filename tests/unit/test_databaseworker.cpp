// DatabaseWorker: one thread and one connection serving import, counts and the index; jobs
// in order, results as signals, prompt cancel and stop.
#include "libraryfixtures.h"
#include "store/databaseworker.h"
#include "testsupport.h"

#include <catch2/catch_test_macros.hpp>

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QThread>

using namespace lectern;
using namespace lectern::test;

namespace {

// A folder of n digests of 3 papers each (distinct ids).
QString digestFolder(const QString &name, int n) {
    const QString dir = scratchDir(name);
    for (int i = 0; i < n; ++i) {
        QList<FixturePaper> papers = fixturePapers().mid(0, 3);
        for (int k = 0; k < 3; ++k)
            papers[k].id = QStringLiteral("2506.") +
                           QStringLiteral("%1").arg(i * 3 + k, 5, 10, QLatin1Char('0'));
        writeFile(dir + QStringLiteral("/d") + QString::number(1000 + i) + QStringLiteral(".md"),
                  digestText(QStringLiteral("2025-06-01"), papers));
    }
    return dir;
}

// The window creates the library before its worker opens it (the worker never creates one).
QString created(const QString &path) {
    Library lib;
    REQUIRE(lib.open(path));
    return path;
}

} // namespace

TEST_CASE("the worker never creates a library: a missing one is an error") {
    const QString dir = scratchDir(QStringLiteral("worker-missing"));
    const QString db = dir + QStringLiteral("/gone/lib.sqlite");
    DatabaseWorker worker(db);
    QString message;
    QObject receiver;
    QObject::connect(&worker, &DatabaseWorker::failed, &receiver,
                     [&](quint64, const QString &m, ErrorKind) { message = m; });
    worker.requestCounts();
    CHECK(waitUntil([&] { return !message.isEmpty(); }));
    CHECK(message.contains(QStringLiteral("no library at")));
    CHECK_FALSE(QFileInfo::exists(db));
}

TEST_CASE("the worker imports, counts and indexes on its own thread, in order, with signals") {
    const QString dir = digestFolder(QStringLiteral("worker-import"), 4);
    DatabaseWorker worker(created(dir + QStringLiteral("/lib.sqlite")));
    QStringList events;
    QList<Qt::HANDLE> threads;
    int filesImported = 0;
    std::optional<Counts> counts;
    QObject receiver;
    QObject::connect(&worker, &DatabaseWorker::importStarted, &receiver, [&](quint64, int total) {
        events << QStringLiteral("started %1").arg(total);
    });
    QObject::connect(&worker, &DatabaseWorker::fileImported, &receiver,
                     [&](quint64, const ImportFileResult &r) {
                         filesImported += r.imported ? 1 : 0;
                         threads << QThread::currentThreadId();
                     });
    QObject::connect(&worker, &DatabaseWorker::importFinished, &receiver,
                     [&](quint64, const ImportStats &s) {
                         events << QStringLiteral("finished %1").arg(s.newPapers);
                     });
    QObject::connect(&worker, &DatabaseWorker::countsReady, &receiver,
                     [&](quint64, const Counts &c) {
                         counts = c;
                         events << QStringLiteral("counts");
                     });
    QList<quint64> done;
    QObject::connect(&worker, &DatabaseWorker::jobDone, &receiver,
                     [&](quint64 job) { done << job; });
    const quint64 a = worker.importPaths({dir});
    const quint64 b = worker.requestCounts();
    const quint64 c = worker.indexPending();
    REQUIRE(waitUntil([&] { return done.size() == 3; }));
    CHECK(done == QList<quint64>{a, b, c});
    CHECK(events == QStringList{QStringLiteral("started 4"), QStringLiteral("finished 12"),
                                QStringLiteral("counts")});
    CHECK(filesImported == 4);
    for (Qt::HANDLE t : threads)
        CHECK(t == QThread::currentThreadId()); // signals arrive in the receiver's thread
    REQUIRE(counts.has_value());
    CHECK(counts->all == 12);
}

TEST_CASE("a library that cannot be opened is reported for each job, with its kind") {
    const QString dir = scratchDir(QStringLiteral("worker-bad"));
    writeFile(dir + QStringLiteral("/text.sqlite"), QByteArray("not a database\n").repeated(64));
    DatabaseWorker worker(dir + QStringLiteral("/text.sqlite"));
    QStringList messages;
    QList<ErrorKind> kinds;
    bool done = false;
    QObject receiver;
    QObject::connect(&worker, &DatabaseWorker::failed, &receiver,
                     [&](quint64, const QString &message, ErrorKind kind) {
                         messages << message;
                         kinds << kind;
                     });
    QObject::connect(&worker, &DatabaseWorker::jobDone, &receiver, [&] { done = true; });
    worker.requestCounts();
    REQUIRE(waitUntil([&] { return done; }));
    REQUIRE(messages.size() == 1);
    CHECK(messages.first().contains(QStringLiteral("text.sqlite")));
    CHECK(kinds.first() == ErrorKind::Corrupt);
}

TEST_CASE("cancel stops the running import between files and skips the jobs posted before it") {
    const QString dir = digestFolder(QStringLiteral("worker-cancel"), 200);
    DatabaseWorker worker(created(dir + QStringLiteral("/lib.sqlite")));
    int files = 0;
    QList<quint64> done;
    std::optional<ImportStats> stats;
    QObject receiver;
    QObject::connect(&worker, &DatabaseWorker::fileImported, &receiver,
                     [&](quint64, const ImportFileResult &) {
                         if (++files == 1)
                             worker.cancel();
                     });
    QObject::connect(&worker, &DatabaseWorker::importFinished, &receiver,
                     [&](quint64, const ImportStats &s) { stats = s; });
    QObject::connect(&worker, &DatabaseWorker::jobDone, &receiver,
                     [&](quint64 job) { done << job; });
    const quint64 a = worker.importPaths({dir});
    const quint64 b = worker.importPaths({dir}); // posted before the cancel: skipped
    REQUIRE(waitUntil([&] { return done.size() == 2; }));
    CHECK(done == QList<quint64>{a, b});
    REQUIRE(stats.has_value());
    CHECK(stats->cancelled);
    CHECK(stats->files < 200);
    // A job posted after the cancel runs.
    bool counted = false;
    QObject::connect(&worker, &DatabaseWorker::countsReady, &receiver,
                     [&](quint64, const Counts &c) { counted = c.all == stats->newPapers; });
    worker.requestCounts();
    CHECK(waitUntil([&] { return counted; }));
}

TEST_CASE("stop() during a long import returns promptly and leaves whole files") {
    const QString dir = digestFolder(QStringLiteral("worker-stop"), 400);
    const QString db = created(dir + QStringLiteral("/lib.sqlite"));
    QElapsedTimer t;
    {
        DatabaseWorker worker(db);
        bool some = false;
        QObject receiver;
        QObject::connect(&worker, &DatabaseWorker::fileImported, &receiver,
                         [&](quint64, const ImportFileResult &) { some = true; });
        worker.importPaths({dir});
        worker.requestCounts();
        REQUIRE(waitUntil([&] { return some; }));
        t.start();
        worker.stop();
        CHECK(worker.isStopped());
    }
    CHECK(t.elapsed() < 10000); // generous: one file and one index chunk at most
    Library lib;
    REQUIRE(lib.open(db));
    CHECK(lib.query(QString()).total % 3 == 0); // whole files only
}
