// Importer and CountsLoader over the shared DatabaseWorker: counts that add up when runs
// follow each other, and failures reported, never dropped.
#include "countsloader.h"
#include "importcontroller.h"
#include "importer.h"
#include "libraryfixtures.h"
#include "problemspanel.h"
#include "settings.h"
#include "testsupport.h"

#include <catch2/catch_test_macros.hpp>

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QMainWindow>
#include <QStatusBar>
#include <QToolButton>

using namespace lectern;
using namespace lectern::test;

namespace {

// n files of 3 new papers each, ids from first*3 on.
QStringList digestFiles(const QString &dir, int first, int n) {
    QStringList files;
    for (int i = first; i < first + n; ++i) {
        QList<FixturePaper> papers = fixturePapers().mid(0, 3);
        for (int k = 0; k < 3; ++k)
            papers[k].id = QStringLiteral("2507.") +
                           QStringLiteral("%1").arg(i * 3 + k, 5, 10, QLatin1Char('0'));
        files << dir + QStringLiteral("/d") + QString::number(1000 + i) + QStringLiteral(".md");
        writeFile(files.last(), digestText(QStringLiteral("2025-07-01"), papers));
    }
    return files;
}

// The window creates the library before its worker opens it (the worker never creates one).
QString created(const QString &path) {
    Library lib;
    REQUIRE(lib.open(path));
    return path;
}

struct Finished {
    int files = 0, newPapers = 0, errors = 0, warnings = 0;
};

} // namespace

TEST_CASE("an import started from the finished signal counts only its own files") {
    const QString dir = scratchDir(QStringLiteral("importer-chain"));
    const QStringList first = digestFiles(dir, 0, 20), second = digestFiles(dir, 20, 7);
    DatabaseWorker worker(created(dir + QStringLiteral("/lib.sqlite")));
    Importer importer(&worker);
    QList<Finished> finished;
    QObject::connect(&importer, &Importer::finished, &importer,
                     [&](int files, int papers, int errors, int warnings) {
                         finished << Finished{files, papers, errors, warnings};
                         if (finished.size() == 1)
                             importer.start(second); // while the first run winds up
                     });
    importer.start(first);
    REQUIRE(waitUntil([&] { return finished.size() == 2 && !importer.isRunning(); }));
    CHECK(finished.at(0).files == 20);
    CHECK(finished.at(0).newPapers == 60);
    CHECK(finished.at(1).files == 7);
    CHECK(finished.at(1).newPapers == 21);
}

TEST_CASE("paths given during a run are imported after it; one finished with the sum") {
    const QString dir = scratchDir(QStringLiteral("importer-queue"));
    const QStringList first = digestFiles(dir, 0, 30), second = digestFiles(dir, 30, 11);
    for (int round = 0; round < 5; ++round) {
        DatabaseWorker worker(created(dir + QStringLiteral("/lib") + QString::number(round) +
                                      QStringLiteral(".sqlite")));
        Importer importer(&worker);
        QList<Finished> finished;
        int landed = 0;
        QObject::connect(&importer, &Importer::finished, &importer,
                         [&](int files, int papers, int errors, int warnings) {
                             finished << Finished{files, papers, errors, warnings};
                         });
        QObject::connect(&importer, &Importer::fileImported, &importer,
                         [&](const ImportFileResult &) {
                             if (++landed == 29) // the first run is about to end
                                 importer.start(second);
                         });
        importer.start(first);
        REQUIRE(waitUntil([&] { return !finished.isEmpty() && !importer.isRunning(); }));
        REQUIRE(finished.size() == 1);
        CHECK(finished.first().files == 41);
        CHECK(finished.first().newPapers == 123);
        CHECK(finished.first().errors == 0);
    }
}

TEST_CASE("CountsLoader reports a library it cannot open instead of staying silent") {
    const QString dir = scratchDir(QStringLiteral("counts-bad"));
    writeFile(dir + QStringLiteral("/text.sqlite"), QByteArray("not a database\n").repeated(64));
    DatabaseWorker worker(dir + QStringLiteral("/text.sqlite"));
    CountsLoader loader(&worker);
    QString failure;
    bool ready = false;
    QObject::connect(&loader, &CountsLoader::failed, &loader,
                     [&](const QString &message) { failure = message; });
    QObject::connect(&loader, &CountsLoader::ready, &loader, [&] { ready = true; });
    loader.request();
    REQUIRE(waitUntil([&] { return !failure.isEmpty() || ready; }, 20000));
    CHECK_FALSE(ready);
    CHECK(failure.contains(QStringLiteral("text.sqlite")));
}

TEST_CASE("CountsLoader: requests during a run are coalesced into one more") {
    const QString dir = scratchDir(QStringLiteral("counts-coalesce"));
    digestFiles(dir, 0, 2);
    DatabaseWorker worker(created(dir + QStringLiteral("/lib.sqlite")));
    Importer importer(&worker);
    bool imported = false;
    QObject::connect(&importer, &Importer::finished, &importer, [&] { imported = true; });
    importer.start({dir});
    REQUIRE(waitUntil([&] { return imported; }));
    CountsLoader loader(&worker);
    QList<int> totals;
    QObject::connect(&loader, &CountsLoader::ready, &loader,
                     [&](const Counts &c) { totals << c.all; });
    for (int i = 0; i < 5; ++i)
        loader.request();
    REQUIRE(waitUntil([&] { return totals.size() == 2; }));
    QCoreApplication::processEvents();
    CHECK(totals == QList<int>{6, 6});
}

TEST_CASE("the status bar's Cancel stops an import and leaves the file being imported out whole") {
    const QString dir = scratchDir(QStringLiteral("importer-cancel"));
    QList<FixturePaper> papers;
    for (int i = 0; i < 60000; ++i)
        papers << FixturePaper{QStringLiteral("2508.") +
                                   QStringLiteral("%1").arg(i, 5, 10, QLatin1Char('0')),
                               1,
                               QStringLiteral("Paper %1 of a very large digest").arg(i),
                               QStringLiteral("Ann Author"),
                               QStringLiteral("2025-08-01"),
                               QStringLiteral("A short abstract.")};
    writeFile(dir + QStringLiteral("/big.md"), digestText(QStringLiteral("2025-08-01"), papers));

    const QString db = dir + QStringLiteral("/lib.sqlite");
    Library library;
    REQUIRE(library.open(db));
    DatabaseWorker worker(db);
    Settings settings(dir + QStringLiteral("/settings.ini"));
    QMainWindow window;
    auto *problems = new ProblemsPanel(&window);
    ImportController imports(&library, &worker, &settings, problems, window.statusBar(), &window);
    QToolButton *cancel = nullptr;
    for (QToolButton *b : window.statusBar()->findChildren<QToolButton *>())
        if (b->accessibleName() == QStringLiteral("Cancel import"))
            cancel = b;
    REQUIRE(cancel != nullptr);

    bool done = false;
    QObject::connect(imports.importer(), &Importer::progress, cancel,
                     [&](int, int, const QString &path) {
                         if (!path.isEmpty() && cancel->isVisibleTo(&window))
                             cancel->click(); // as soon as the big file is on its way
                     });
    QObject::connect(&imports, &ImportController::importDone, &imports, [&] { done = true; });
    imports.importPaths({dir + QStringLiteral("/big.md")});
    REQUIRE(waitUntil([&] { return done && !imports.isRunning(); }));

    CHECK(library.query(QString()).total == 0); // nothing of the file, not the first chunks
    CHECK(window.statusBar()->currentMessage().contains(QStringLiteral("cancelled")));
    CHECK_FALSE(cancel->isVisibleTo(&window));

    // Imported again without a cancel, the same file goes in whole: nothing remembered it.
    done = false;
    QObject::disconnect(imports.importer(), &Importer::progress, cancel, nullptr);
    imports.importPaths({dir + QStringLiteral("/big.md")});
    REQUIRE(waitUntil([&] { return done && !imports.isRunning(); }));
    CHECK(library.query(QString()).total == 60000);
}
