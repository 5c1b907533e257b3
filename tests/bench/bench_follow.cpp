// bench_follow [N] [WORKDIR]: the follow list at scale. Generates N synthetic papers (default
// 100000), imports them with three items followed (the matching cost of an import), then times
// following an author, a keyword and a phrase over the whole library (one scan each), the
// queries is:followed and follows:NAME (first page of 200 and the total), the sidebar counts,
// and unfollowing. Prints the figures.
#include "digestgenerator.h"
#include "store/library.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QTextStream>

using namespace lectern;

namespace {

QTextStream &out() {
    static QTextStream s(stdout);
    return s;
}

Follow follow(const QString &spec) {
    return Follow::parse(spec).value_or(Follow());
}

// An author of the generated library: the first name on the first paper's authors line.
QString someAuthor(Library &lib) {
    const QueryResult r = lib.query(QString(), SortOrder::Date, 1);
    return r.rows.isEmpty() || r.rows.first().authors.isEmpty() ? QStringLiteral("Nobody Here")
                                                                : r.rows.first().authors.first();
}

void timeQuery(Library &lib, const QString &q) {
    QElapsedTimer t;
    t.start();
    const QueryResult r = lib.query(q, SortOrder::Date, 200);
    out() << "query " << q << ": " << r.total << " papers, first page in " << t.elapsed() << " ms"
          << (r.ok() ? "" : " (error)") << '\n';
}

} // namespace

int main(int argc, char *argv[]) {
    QCoreApplication app(argc, argv);
    const QStringList args = QCoreApplication::arguments();
    const int n = args.size() > 1 ? args.at(1).toInt() : 100000;
    const QString work = args.size() > 2 ? args.at(2) : QDir::tempPath() + "/lectern-bench-follow";
    QDir(work).removeRecursively();
    QDir().mkpath(work + "/digests");
    QElapsedTimer t;
    t.start();
    if (bench::generateDigests(work + "/digests", n) == 0)
        return 1;
    out() << "generated " << n << " papers in " << t.elapsed() << " ms\n";

    Library lib;
    if (!lib.open(work + "/lib.sqlite"))
        return 1;
    const QStringList initial = {QStringLiteral("kw:") + bench::vocabularyWord(40),
                                 QStringLiteral("author:\"A. ") + bench::vocabularyWord(3) + "\"",
                                 QLatin1Char('"') + bench::vocabularyWord(5) + QLatin1Char(' ') +
                                     bench::vocabularyWord(6) + QLatin1Char('"')};
    for (const QString &spec : initial)
        lib.addFollow(follow(spec));
    t.restart();
    const ImportStats s = lib.importPaths({work + "/digests"});
    out() << "import with 3 items followed: " << s.newPapers << " papers in " << t.elapsed()
          << " ms\n";

    const QString author = someAuthor(lib);
    const QList<Follow> items = {Follow(Follow::Kind::Author, author),
                                 follow(QStringLiteral("kw:") + bench::vocabularyWord(20)),
                                 follow(QLatin1Char('"') + bench::vocabularyWord(1) +
                                        QLatin1Char(' ') + bench::vocabularyWord(2) +
                                        QLatin1Char('"'))};
    for (const Follow &f : items) {
        t.restart();
        const std::optional<FollowEntry> e = lib.addFollow(f);
        out() << "follow " << f.spec() << ": " << (e ? e->papers : -1) << " papers in "
              << t.elapsed() << " ms\n";
    }
    timeQuery(lib, QStringLiteral("is:followed"));
    timeQuery(lib, QStringLiteral("is:followed is:unread"));
    timeQuery(lib, QStringLiteral("follows:\"") + author + QLatin1Char('"'));
    t.restart();
    const std::optional<Counts> c = lib.counts();
    out() << "counts: " << (c ? c->followed : -1) << " followed, in " << t.elapsed() << " ms\n";
    t.restart();
    lib.removeFollow(items.first());
    out() << "unfollow " << items.first().spec() << " in " << t.elapsed() << " ms\n";
    return 0;
}
