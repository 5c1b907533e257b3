// Bm25Rank: lectern_bm25(), FTS5's bm25() with a cheaper read of each row's length. See
// bm25rank_p.h.
#include "store/bm25rank_p.h"

#include "store/ftstokenizer_p.h"

#include <sqlite3.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <vector>

namespace lectern {

namespace {

// A row whose length read from the blob is compared with FTS5's: the first, then one in this
// many. The function is registered on the connection, not on the table: on any other FTS5
// table (or schema) main.fts_docsize holds other rows' lengths, and FTS5 answers instead.
constexpr sqlite3_int64 kCheckEvery = 4096;

// The query's figures, computed at its first row as FTS5's bm25 computes them, and the blob
// handle kept on the row last read.
struct Query {
    std::vector<double> idf, freq; // per phrase
    double avgdl = 0;
    sqlite3_blob *sizes = nullptr; // main.fts_docsize.sz
    bool blobFailed = false;       // the blob is not read (any more): FTS5 gives each length
    sqlite3_int64 rowsRead = 0;    // lengths read from the blob
    std::vector<unsigned char> buffer;
    ~Query() {
        if (sizes)
            sqlite3_blob_close(sizes);
    }
};

int countRow(const Fts5ExtensionApi *, Fts5Context *, void *rows) {
    ++*static_cast<sqlite3_int64 *>(rows);
    return SQLITE_OK;
}

// SQLite's varint (FTS5's size arrays use it) of at most four bytes (a length under 2^28);
// 0 when longer or malformed.
int readVarint28(const unsigned char *p, const unsigned char *end, unsigned *value) {
    unsigned v = 0;
    for (int n = 0; n < 4 && p + n < end; ++n) {
        v = (v << 7) | (p[n] & 0x7f);
        if (!(p[n] & 0x80)) {
            *value = v;
            return n + 1;
        }
    }
    return 0;
}

// The row's length in tokens (all columns) from its fts_docsize blob: one varint per column,
// nothing after. False when it cannot be read that way: the blob is not read again, and the
// caller asks FTS5 (which reports a damaged blob as such).
bool rowTokens(Query *q, sqlite3 *db, sqlite3_int64 rowid, int columns, sqlite3_int64 *tokens) {
    if (q->blobFailed)
        return false;
    const int rc = q->sizes
                       ? sqlite3_blob_reopen(q->sizes, rowid)
                       : sqlite3_blob_open(db, "main", "fts_docsize", "sz", rowid, 0, &q->sizes);
    const int bytes = rc == SQLITE_OK ? sqlite3_blob_bytes(q->sizes) : 0;
    q->buffer.resize(size_t(bytes));
    q->blobFailed = true; // until the blob has been read whole
    if (rc != SQLITE_OK || sqlite3_blob_read(q->sizes, q->buffer.data(), bytes, 0) != SQLITE_OK)
        return false; // no row, or an aborted (expired) handle: it answers nothing more
    const unsigned char *p = q->buffer.data(), *end = p + bytes;
    sqlite3_int64 sum = 0;
    for (int i = 0; i < columns; ++i) {
        unsigned size = 0;
        const int n = readVarint28(p, end, &size);
        if (n == 0)
            return false;
        p += n;
        sum += size;
    }
    if (p != end)
        return false;
    q->blobFailed = false;
    *tokens = sum;
    return true;
}

// The figures of fts5Bm25GetData (SQLite's fts5_aux.c): the mean row length and each phrase's
// inverse document frequency.
int start(const Fts5ExtensionApi *api, Fts5Context *fts, Query *q) {
    sqlite3_int64 rows = 0, tokens = 0;
    int rc = api->xRowCount(fts, &rows);
    if (rc == SQLITE_OK)
        rc = api->xColumnTotalSize(fts, -1, &tokens);
    q->avgdl = double(tokens) / double(rows);
    const int phrases = api->xPhraseCount(fts);
    for (int i = 0; rc == SQLITE_OK && i < phrases; ++i) {
        sqlite3_int64 hits = 0;
        rc = api->xQueryPhrase(fts, i, &hits, countRow);
        double idf = std::log((double(rows - hits) + 0.5) / (double(hits) + 0.5));
        q->idf.push_back(idf <= 0.0 ? 1e-6 : idf);
    }
    q->freq.assign(size_t(phrases), 0.0);
    return rc;
}

void bm25(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *ctx, int nVal,
          sqlite3_value **weights) {
    constexpr double k1 = 1.2, b = 0.75;
    auto *q = static_cast<Query *>(api->xGetAuxdata(fts, 0));
    int rc = SQLITE_OK;
    if (!q) {
        auto fresh = std::make_unique<Query>();
        rc = start(api, fts, fresh.get());
        if (rc == SQLITE_OK) {
            q = fresh.release();
            rc = api->xSetAuxdata(fts, q, [](void *p) { delete static_cast<Query *>(p); });
        }
    }
    if (rc != SQLITE_OK)
        return sqlite3_result_error_code(ctx, rc);
    std::fill(q->freq.begin(), q->freq.end(), 0.0);
    int instances = 0;
    rc = api->xInstCount(fts, &instances);
    for (int i = 0; rc == SQLITE_OK && i < instances; ++i) {
        int phrase = 0, column = 0, offset = 0;
        rc = api->xInst(fts, i, &phrase, &column, &offset);
        if (rc == SQLITE_OK)
            q->freq[size_t(phrase)] += nVal > column ? sqlite3_value_double(weights[column]) : 1.0;
    }
    sqlite3_int64 tokens = 0;
    const bool read =
        rc == SQLITE_OK && rowTokens(q, sqlite3_context_db_handle(ctx), api->xRowid(fts),
                                     api->xColumnCount(fts), &tokens);
    if (rc == SQLITE_OK && (!read || q->rowsRead++ % kCheckEvery == 0)) {
        int n = 0;
        rc = api->xColumnSize(fts, -1, &n);
        if (read && n != tokens)
            q->blobFailed = true; // not this table's lengths
        tokens = n;
    }
    if (rc != SQLITE_OK)
        return sqlite3_result_error_code(ctx, rc);
    const double d = double(tokens);
    double score = 0.0;
    for (size_t i = 0; i < q->freq.size(); ++i)
        score += q->idf[i] *
                 ((q->freq[i] * (k1 + 1.0)) / (q->freq[i] + k1 * (1 - b + b * d / q->avgdl)));
    sqlite3_result_double(ctx, -1.0 * score);
}

} // namespace

bool Bm25Rank::registerWith(sqlite3 *db, QString *error) {
    fts5_api *api = db ? FtsTokenizer::api(db) : nullptr;
    if (!api || api->xCreateFunction(api, kFunction, nullptr, bm25, nullptr) != SQLITE_OK) {
        if (error)
            *error = QStringLiteral("cannot register the relevance function ") +
                     QLatin1String(kFunction) + QStringLiteral(" with FTS5");
        return false;
    }
    return true;
}

} // namespace lectern
