// Library: importing digest files. Reading, hashing and parsing run on worker threads ahead
// of the writer (ImportWriter); each file is written in one transaction.
#include "store/library.h"

#include "io/inputfile.h"
#include "parse/digestparser.h"
#include "store/importwriter_p.h"
#include "store/library_p.h"
#include "store/schema_p.h"

#include <QCryptographicHash>
#include <QDirIterator>
#include <QFileInfo>
#include <QSet>
#include <QSqlQuery>
#include <QThread>

#include <algorithm>
#include <deque>
#include <future>
#include <utility>

namespace lectern {

namespace {

// Warnings kept per file in an import result: a hostile file (100k papers without a link)
// would otherwise keep 300k of them in memory. Errors are all kept.
constexpr int kMaxWarningsPerFile = 100;

// WAL pages between two checkpoints during an import (16 KB pages: 256 MB).
constexpr int kImportCheckpointPages = 16384;

void capWarnings(QList<Diagnostic> *diagnostics) {
    QList<Diagnostic> kept;
    int warnings = 0;
    for (const Diagnostic &x : std::as_const(*diagnostics)) {
        if (x.severity == Severity::Warning && ++warnings > kMaxWarningsPerFile)
            continue;
        kept << x;
    }
    if (warnings <= kMaxWarningsPerFile)
        return;
    Diagnostic more;
    more.severity = Severity::Warning;
    more.message = QStringLiteral("\u2026 and ") + QString::number(warnings - kMaxWarningsPerFile) +
                   QStringLiteral(" more warnings");
    kept << more;
    *diagnostics = std::move(kept);
}

// The hashes of the digests already in the library when an import starts (read once): a file
// with one of them is not parsed (the writer reports it as already imported), so re-importing
// an unchanged library costs reading and hashing only.
using KnownHashes = QSet<QByteArray>;

PreparedFile prepare(const QString &path, const QByteArray &data,
                     const KnownHashes *known = nullptr) {
    PreparedFile f;
    f.path = path;
    f.hash = QCryptographicHash::hash(data, QCryptographicHash::Sha1).toHex();
    if (known && known->contains(f.hash))
        return f;
    f.digest = DigestParser::parse(data, QFileInfo(path).fileName());
    capWarnings(&f.digest.diagnostics);
    f.prepareRows();
    return f;
}

// Regular files only, at most InputFile::kMaxBytes: a FIFO, a device or a link to one ends at
// once with a message naming it.
PreparedFile prepareFile(const QString &path, const KnownHashes *known) {
    QString error;
    const std::optional<QByteArray> data = InputFile::read(path, &error);
    if (!data) {
        PreparedFile f;
        f.path = path;
        f.readError = error;
        return f;
    }
    return prepare(path, *data, known);
}

int errorCount(const ImportFileResult &r) {
    return int(std::count_if(r.diagnostics.begin(), r.diagnostics.end(),
                             [](const Diagnostic &x) { return x.severity == Severity::Error; }));
}

void addResult(ImportStats *stats, const ImportFileResult &r) {
    ++stats->files;
    if (r.imported) {
        stats->newPapers += r.newPapers;
        stats->updated += r.updated;
        stats->unchanged += r.unchanged;
    } else if (r.alreadyImported) {
        ++stats->alreadyImported;
    } else {
        ++stats->skipped;
        stats->errors += errorCount(r);
    }
    stats->results << r;
}

Diagnostic indexWarning(const QString &error) {
    Diagnostic d;
    d.severity = Severity::Warning;
    d.message =
        QStringLiteral("search index not updated (it is finished by the next import): ") + error;
    return d;
}

} // namespace

ImportFileResult Library::importData(const QString &path, const QByteArray &data) {
    ImportFileResult r = ImportWriter(d.get()).write(prepare(path, data));
    if (r.imported && d->deferIndexing && !indexPending())
        r.diagnostics << indexWarning(d->error);
    return r;
}

ImportFileResult Library::importFile(const QString &path) {
    ImportFileResult r = ImportWriter(d.get()).write(prepareFile(path, nullptr));
    if (r.imported && d->deferIndexing && !indexPending())
        r.diagnostics << indexWarning(d->error);
    return r;
}

QStringList Library::expandPaths(const QStringList &paths) {
    QStringList out;
    for (const QString &p : paths) {
        const QFileInfo fi(p);
        if (!fi.isDir()) {
            out << p; // a missing or special file is reported by the import
            continue;
        }
        QStringList found;
        // QDir::System: FIFOs, devices, sockets and broken links named like digests are listed
        // too, so the import reports them instead of skipping them silently.
        QDirIterator it(
            p, {QStringLiteral("*.md"), QStringLiteral("*.markdown"), QStringLiteral("*.txt")},
            QDir::Files | QDir::System, QDirIterator::Subdirectories);
        while (it.hasNext())
            found << it.next();
        std::sort(found.begin(), found.end());
        out += found;
    }
    return out;
}

namespace {

// Reads, hashes and parses up to `ahead` files on worker threads while the caller writes.
class PrepareQueue {
public:
    PrepareQueue(const QStringList &files, KnownHashes known)
        : m_files(files)
        , m_known(std::move(known))
        , m_ahead(std::max(2, QThread::idealThreadCount())) {
        fill();
    }
    ~PrepareQueue() {
        for (auto &f : m_queue)
            f.wait(); // cancelled: let the workers finish before their inputs go away
    }
    PreparedFile next() {
        PreparedFile f = m_queue.front().get();
        m_queue.pop_front();
        fill();
        return f;
    }

private:
    void fill() {
        while (m_next < m_files.size() && qsizetype(m_queue.size()) < m_ahead)
            m_queue.push_back(
                std::async(std::launch::async, prepareFile, m_files.at(m_next++), &m_known));
    }
    const QStringList m_files;
    const KnownHashes m_known;
    const qsizetype m_ahead;
    qsizetype m_next = 0;
    std::deque<std::future<PreparedFile>> m_queue;
};

KnownHashes knownHashes(Library::Private *d) {
    KnownHashes out;
    QSqlQuery q(d->db);
    q.setForwardOnly(true);
    if (q.exec(QStringLiteral("SELECT hash FROM digests"))) {
        while (q.next())
            out.insert(q.value(0).toString().toLatin1());
    }
    return out; // on failure empty: every file is parsed, as before
}

// An import of at least kBulkFiles files that (at ~100 papers a digest) at least doubles the
// library: its rows go in without the title index, which is built once after them (sorting
// every title once costs less than inserting each into a large index: ~12 µs a paper).
constexpr int kBulkFiles = 10;

bool isBulkImport(Library::Private *d, int files) {
    if (files < kBulkFiles)
        return false;
    QSqlQuery q(d->db);
    return q.exec(QStringLiteral("SELECT count(*) FROM papers")) && q.next() &&
           qint64(files) * 100 >= q.value(0).toLongLong();
}

} // namespace

ImportStats Library::importPaths(const QStringList &paths, const ImportProgress &progress,
                                 const std::function<void(const ImportFileResult &)> &fileDone) {
    ImportStats stats;
    const QStringList files = expandPaths(paths);
    const int total = int(files.size());
    // Few checkpoints (each one copies pages back and syncs the file) while the files go in,
    // but not none: every page read looks the page up in the WAL's index, one hash table per
    // 4096 frames, so a WAL that grows with the import (gigabytes at a million papers) made
    // each lookup, and the import, slower as it went (issue 13).
    d->exec(QStringLiteral("PRAGMA wal_autocheckpoint = ") +
            QString::number(kImportCheckpointPages));
    // The window keeps a small page cache at rest (Library::limitMemory); an import writes with
    // the default one (its B-tree pages), and gives it back at the end.
    const int restCacheKiB = d->cacheKiB;
    if (restCacheKiB < kDefaultCacheKiB)
        d->setCacheSize(kDefaultCacheKiB);
    // Any other import puts back a title index an interrupted large one left out.
    const bool bulk = isBulkImport(d.get(), total);
    d->exec(bulk ? QStringLiteral("DROP INDEX IF EXISTS ") + QLatin1String(Schema::kTitleIndex)
                 : QString::fromLatin1(Schema::kCreateTitleIndex));
    {
        PrepareQueue queue(files, knownHashes(d.get()));
        ImportWriter writer(d.get());
        for (int i = 0; i < total && !stats.cancelled; ++i) {
            auto keepGoing = [&] { return !progress || progress(i, total, files.at(i)); };
            if (!keepGoing()) {
                stats.cancelled = true;
                break;
            }
            bool cancelledInFile = false;
            const ImportFileResult r = writer.write(queue.next(), [&] {
                cancelledInFile = !keepGoing();
                return !cancelledInFile;
            });
            stats.cancelled = cancelledInFile;
            if (fileDone)
                fileDone(r);
            addResult(&stats, r);
        }
    }
    // Every file is written and visible to queries: tell the caller (path empty), then the
    // second phase writes the full-text entries of everything imported above (and of any
    // earlier interrupted import).
    // Returning false there (or between chunks of the index) leaves the rest queued for later.
    bool indexed = true;
    const bool indexNow = !progress || progress(total, total, QString());
    if (bulk)
        d->exec(QString::fromLatin1(Schema::kCreateTitleIndex)); // until now titles were sorted
    if (indexNow) {
        bool first = true;
        indexed = indexPending([&](int, int, const QString &) {
            return std::exchange(first, false) || !progress || progress(total, total, QString());
        });
    }
    d->exec(QStringLiteral("PRAGMA wal_autocheckpoint = 1000"));
    d->exec(QStringLiteral("PRAGMA wal_checkpoint(PASSIVE)"));
    if (restCacheKiB < kDefaultCacheKiB)
        d->setCacheSize(restCacheKiB);
    if (!indexed) {
        ++stats.errors;
        ImportFileResult r;
        r.diagnostics << errorDiagnostic(QStringLiteral("search index not updated: ") + d->error);
        stats.results << r;
    }
    return stats;
}

} // namespace lectern
