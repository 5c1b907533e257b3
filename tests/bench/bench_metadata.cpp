// bench_metadata [N] [WORKDIR]: stores arXiv metadata for N papers (default 100000) from
// Atom feeds of 100 entries, as `lectern-cli fetch` and the window do: parse each feed, store
// each batch in one transaction. Prints parse, store and total times (target: under 10 s).
#include "arxiv/atomfeed.h"
#include "digestgenerator.h"
#include "store/library.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTextStream>

#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

using namespace lectern;

namespace {

QTextStream &out() {
    static QTextStream s(stdout);
    return s;
}

// One feed of arXiv-shaped entries (~2 KB each: a long abstract, eight authors, comments).
QByteArray feedFor(const QStringList &ids) {
    QByteArray x = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<feed "
                   "xmlns=\"http://www.w3.org/2005/Atom\" "
                   "xmlns:arxiv=\"http://arxiv.org/schemas/atom\">\n";
    const QByteArray abstract = QByteArray("We study sparse attention for long contexts and show "
                                           "that pruning heads keeps quality. ")
                                    .repeated(12);
    for (const QString &id : ids) {
        x += "<entry><id>http://arxiv.org/abs/" + id.toUtf8() +
             "v2</id>"
             "<updated>2025-05-08T17:59:58Z</updated><published>2025-05-06T12:00:00Z</published>"
             "<title>A title for " +
             id.toUtf8() + ": with punctuation</title><summary>" + abstract + "</summary>";
        for (int a = 0; a < 8; ++a)
            x += "<author><name>Author Number" + QByteArray::number(a) + "</name></author>";
        x += "<arxiv:comment>12 pages, 4 figures</arxiv:comment>"
             "<arxiv:doi>10.1000/" +
             id.toUtf8() +
             "</arxiv:doi>"
             "<arxiv:primary_category term=\"cs.LG\"/><category term=\"cs.LG\"/>"
             "<category term=\"cs.CL\"/><category term=\"stat.ML\"/></entry>\n";
    }
    return x + "</feed>\n";
}

} // namespace

int main(int argc, char *argv[]) {
    QCoreApplication app(argc, argv);
    const QStringList args = QCoreApplication::arguments();
    const int n = args.size() > 1 ? args.at(1).toInt() : 100000;
    const QString work =
        args.size() > 2 ? args.at(2) : QDir::tempPath() + QStringLiteral("/lectern-bench");
    const QString digests = work + QStringLiteral("/digests-%1").arg(n);
    const QString dbPath = work + QStringLiteral("/metadata.sqlite");
    if (!QDir(digests).exists() && bench::generateDigests(digests, n) == 0) {
        out() << "cannot write " << digests << '\n';
        return 1;
    }
    for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
        QFile::remove(dbPath + suffix);
    Library lib;
    QString error;
    if (!lib.open(dbPath, &error)) {
        out() << error << '\n';
        return 1;
    }
    QElapsedTimer t;
    t.start();
    lib.importPaths({digests});
    out() << "library of " << n << " papers imported in " << t.elapsed() << " ms (not counted)\n";

    QStringList ids;
    for (const PaperRow &row : lib.query(QString()).rows)
        ids << row.arxivId;
    QList<QByteArray> feeds;
    for (qsizetype i = 0; i < ids.size(); i += 100)
        feeds << feedFor(ids.mid(i, 100));

    qint64 parseMs = 0, storeMs = 0;
    int stored = 0;
    QElapsedTimer total;
    total.start();
    for (const QByteArray &feed : std::as_const(feeds)) {
        t.restart();
        const AtomFeed parsed = AtomFeed::parse(feed);
        parseMs += t.elapsed();
        t.restart();
        stored += lib.storeMetadata(parsed.records).value_or(0);
        storeMs += t.elapsed();
    }
    out() << "one thread, parse then store: " << stored << " papers from " << feeds.size()
          << " feeds: parse " << parseMs << " ms, store " << storeMs << " ms, total "
          << total.elapsed() << " ms\n";

    // As the window does it: the fetcher parses each answer on its thread while the database
    // worker stores the previous batch on its own connection.
    std::mutex mutex;
    std::condition_variable ready;
    std::deque<QList<ArxivRecord>> queue;
    bool finished = false;
    int pipelined = 0;
    total.restart();
    std::thread storer([&] {
        Library worker;
        if (!worker.open(dbPath))
            return;
        for (;;) {
            std::unique_lock lock(mutex);
            ready.wait(lock, [&] { return finished || !queue.empty(); });
            if (queue.empty())
                return;
            const QList<ArxivRecord> batch = queue.front();
            queue.pop_front();
            lock.unlock();
            pipelined += worker.storeMetadata(batch).value_or(0);
        }
    });
    for (const QByteArray &feed : std::as_const(feeds)) {
        QList<ArxivRecord> records = AtomFeed::parse(feed).records;
        {
            const std::lock_guard lock(mutex);
            queue.push_back(std::move(records));
        }
        ready.notify_one();
    }
    {
        const std::lock_guard lock(mutex);
        finished = true;
    }
    ready.notify_one();
    storer.join();
    out() << "parse and store on two threads (the window's way): " << pipelined << " papers in "
          << total.elapsed() << " ms   [target 10000]\n";
    t.restart();
    const int cat = lib.query(QStringLiteral("cat:cs.CL"), SortOrder::Date, 200).total;
    out() << "cat:cs.CL first page and total (" << cat << "): " << t.elapsed() << " ms\n";
    return stored == n && pipelined == n ? 0 : 1;
}
