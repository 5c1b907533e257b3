// bench_ftstokenizer [N] [WORKDIR]: the search index's tokenizer against unicode61 over the
// same papers (issue 13). Imports WORKDIR/digests-N once into WORKDIR/fts-bench-N.sqlite, then
// builds an FTS5 index over the papers with each tokenizer in turn ('rebuild'; A B A B) and
// prints the CPU time of each build and the size of each index (dbstat).
#include "store/ftstokenizer_p.h"
#include "store/library.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QTextStream>

#include <sqlite3.h>

#include <sys/resource.h>

using namespace lectern;

namespace {

QTextStream &out() {
    static QTextStream s(stdout);
    return s;
}

qint64 cpuMs() {
    rusage u{};
    getrusage(RUSAGE_THREAD, &u);
    return qint64(u.ru_utime.tv_sec + u.ru_stime.tv_sec) * 1000 +
           (u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1000;
}

bool exec(sqlite3 *db, const QByteArray &sql) {
    char *message = nullptr;
    if (sqlite3_exec(db, sql.constData(), nullptr, nullptr, &message) == SQLITE_OK)
        return true;
    out() << "failed: " << sql << ": " << message << '\n';
    sqlite3_free(message);
    return false;
}

qint64 integer(sqlite3 *db, const QByteArray &sql) {
    sqlite3_stmt *st = nullptr;
    qint64 v = -1;
    if (sqlite3_prepare_v2(db, sql.constData(), -1, &st, nullptr) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
}

// Builds the index with this tokenizer; prints CPU and size; drops it.
void buildWith(sqlite3 *db, const QByteArray &tokenizer) {
    exec(db, "DROP TABLE IF EXISTS fts_bench");
    exec(db, "CREATE VIRTUAL TABLE fts_bench USING fts5(title, authors, abstract, summary, note,"
             " content='papers', content_rowid='id', tokenize='" +
                 tokenizer + "')");
    // LECTERN_BENCH_HASHSIZE: FTS5's in-memory term buffer in bytes (the library's: 64 MB).
    const QByteArray hashsize = qEnvironmentVariableIsSet("LECTERN_BENCH_HASHSIZE")
                                    ? qgetenv("LECTERN_BENCH_HASHSIZE")
                                    : QByteArray("67108864");
    exec(db, "INSERT INTO fts_bench(fts_bench, rank) VALUES('hashsize', " + hashsize + ")");
    const qint64 cpu0 = cpuMs();
    exec(db, "BEGIN");
    exec(db, "INSERT INTO fts_bench(fts_bench) VALUES('rebuild')");
    exec(db, "COMMIT");
    const qint64 cpu = cpuMs() - cpu0;
    const qint64 bytes = integer(db, "SELECT sum(pgsize) FROM dbstat WHERE name LIKE 'fts_bench%'");
    out() << tokenizer << ": index built in " << cpu << " ms CPU, " << bytes / 1000000 << " MB\n";
    out().flush();
    exec(db, "DROP TABLE fts_bench");
}

} // namespace

int main(int argc, char *argv[]) {
    QCoreApplication app(argc, argv);
    const QStringList args = QCoreApplication::arguments();
    const QString n = args.size() > 1 ? args.at(1) : QStringLiteral("100000");
    const QString work = args.size() > 2 ? args.at(2) : QStringLiteral("/var/tmp/lectern-bench");
    const QString path = work + QStringLiteral("/fts-bench-") + n + QStringLiteral(".sqlite");
    if (!QFileInfo::exists(path)) {
        Library lib;
        if (!lib.open(path)) {
            out() << lib.lastError() << '\n';
            return 1;
        }
        lib.setDeferredIndexing(true);
        lib.importPaths({work + QStringLiteral("/digests-") + n},
                        [](int done, int total, const QString &file) {
                            return done < total || !file.isEmpty(); // rows only, no index
                        });
    }
    FtsTokenizer::install();
    sqlite3 *db = nullptr;
    if (sqlite3_open(QFile::encodeName(path).constData(), &db) != SQLITE_OK)
        return 1;
    out() << "papers: " << integer(db, "SELECT count(*) FROM papers") << '\n';
    // LECTERN_BENCH_TOKENIZER=NAME: that tokenizer alone (for perf).
    const QByteArray only = qgetenv("LECTERN_BENCH_TOKENIZER");
    const int pairs = qEnvironmentVariableIsSet("LECTERN_BENCH_PAIRS")
                          ? qEnvironmentVariableIntValue("LECTERN_BENCH_PAIRS")
                          : 2;
    for (int i = 0; i < pairs; ++i) {
        if (only.isEmpty() || only == "unicode61")
            buildWith(db, "unicode61 remove_diacritics 2");
        if (only.isEmpty() || only == "lectern")
            buildWith(db, "lectern");
    }
    sqlite3_close(db);
    return 0;
}
