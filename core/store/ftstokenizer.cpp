// FtsTokenizer: the "lectern" FTS5 tokenizer (unicode61 remove_diacritics 2, an ASCII fast
// path and English stop words). See ftstokenizer_p.h.
#include "store/ftstokenizer_p.h"

#include "store/bm25rank_p.h"
#include "store/matchprobe_p.h"

#include "search/stopwords_p.h"

#include <sqlite3.h>

#include <QtGlobal>

#include <cstring>
#include <mutex>
#include <string>

namespace lectern {

namespace {

using TokenCallback = int (*)(void *, int, const char *, int, int, int);

// The tokenizer registered under kName: an instance of unicode61 for non-ASCII text.
struct Module {
    fts5_tokenizer unicode61{};
    void *unicode61Data = nullptr;
};

struct Instance {
    Module *module = nullptr;
    Fts5Tokenizer *unicode61 = nullptr;
};

// Tokens from unicode61, passed on unless they are stop words.
struct Filter {
    void *ctx;
    TokenCallback xToken;
    bool dropStopWords;
};

int filterToken(void *p, int flags, const char *token, int size, int start, int end) {
    const auto *f = static_cast<const Filter *>(p);
    if (f->dropStopWords && StopWords::contains(token, size))
        return SQLITE_OK;
    return f->xToken(f->ctx, flags, token, size, start, end);
}

// ASCII text: the tokens unicode61 would give (runs of letters and digits, lower-cased), in
// one pass. kNotAscii at the first byte over 0x7f (nothing was passed on then: the callers
// check before the first token).
constexpr int kNotAscii = -1;

int tokenizeAscii(const Filter &f, const char *text, int size) {
    if (!FtsTokenizer::isAscii(text, size))
        return kNotAscii;
    char buffer[128];
    std::string longToken;
    int i = 0;
    while (i < size) {
        while (i < size && !FtsTokenizer::isTokenChar(static_cast<unsigned char>(text[i])))
            ++i;
        if (i >= size)
            break;
        const int start = i;
        while (i < size && FtsTokenizer::isTokenChar(static_cast<unsigned char>(text[i])))
            ++i;
        const int n = i - start;
        char *folded = buffer;
        if (n > int(sizeof buffer)) {
            longToken.resize(size_t(n));
            folded = longToken.data();
        }
        for (int k = 0; k < n; ++k) {
            const char c = text[start + k];
            folded[k] = c >= 'A' && c <= 'Z' ? char(c + 32) : c;
        }
        if (f.dropStopWords && StopWords::contains(folded, n))
            continue;
        const int rc = f.xToken(f.ctx, 0, folded, n, start, i);
        if (rc != SQLITE_OK)
            return rc;
    }
    return SQLITE_OK;
}

int create(void *moduleData, const char **, int nArg, Fts5Tokenizer **out) {
    if (nArg != 0)
        return SQLITE_ERROR; // no options: the index and the queries must tokenize alike
    auto *module = static_cast<Module *>(moduleData);
    auto *instance = new Instance;
    instance->module = module;
    const char *args[] = {"remove_diacritics", "2"};
    const int rc = module->unicode61.xCreate(module->unicode61Data, args, 2, &instance->unicode61);
    if (rc != SQLITE_OK) {
        delete instance;
        return rc;
    }
    *out = reinterpret_cast<Fts5Tokenizer *>(instance);
    return SQLITE_OK;
}

void destroyInstance(Fts5Tokenizer *tokenizer) {
    auto *instance = reinterpret_cast<Instance *>(tokenizer);
    instance->module->unicode61.xDelete(instance->unicode61);
    delete instance;
}

int tokenize(Fts5Tokenizer *tokenizer, void *ctx, int flags, const char *text, int size,
             TokenCallback xToken) {
    auto *instance = reinterpret_cast<Instance *>(tokenizer);
    // A prefix query keeps its word: "the*" means the words that start with it.
    const Filter f{ctx, xToken, (flags & FTS5_TOKENIZE_PREFIX) == 0};
    if (const int rc = tokenizeAscii(f, text, size); rc != kNotAscii)
        return rc;
    return instance->module->unicode61.xTokenize(instance->unicode61, const_cast<Filter *>(&f),
                                                 flags, text, size, filterToken);
}

void destroyModule(void *moduleData) {
    delete static_cast<Module *>(moduleData);
}

int autoRegister(sqlite3 *db, const char **, const sqlite3_api_routines *) {
    FtsTokenizer::registerWith(db);
    return SQLITE_OK; // a connection without FTS5 still opens; its fts queries fail then
}

} // namespace

bool FtsTokenizer::isAscii(const char *text, qsizetype size) {
    qsizetype i = 0;
    for (; i + 8 <= size; i += 8) {
        quint64 word;
        std::memcpy(&word, text + i, 8);
        if (word & 0x8080808080808080ull)
            return false;
    }
    for (; i < size; ++i) {
        if (static_cast<unsigned char>(text[i]) & 0x80)
            return false;
    }
    return true;
}

fts5_api *FtsTokenizer::api(sqlite3 *db) {
    fts5_api *api = nullptr;
    sqlite3_stmt *st = nullptr;
    if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, nullptr) != SQLITE_OK)
        return nullptr;
    sqlite3_bind_pointer(st, 1, static_cast<void *>(&api), "fts5_api_ptr", nullptr);
    sqlite3_step(st);
    sqlite3_finalize(st);
    return api;
}

QStringList FtsTokenizer::stopWords() {
    return StopWords::all();
}

bool FtsTokenizer::registerWith(sqlite3 *db, QString *error) {
    auto fail = [error](const char *why) {
        if (error)
            *error =
                QStringLiteral("cannot register the search tokenizer: ") + QString::fromLatin1(why);
        return false;
    };
    fts5_api *api = db ? FtsTokenizer::api(db) : nullptr;
    if (!api || api->iVersion < 2)
        return fail("this SQLite has no FTS5");
    void *data = nullptr;
    fts5_tokenizer existing{};
    if (api->xFindTokenizer(api, kName, &data, &existing) == SQLITE_OK)
        return true;
    auto *module = new Module;
    if (api->xFindTokenizer(api, "unicode61", &module->unicode61Data, &module->unicode61) !=
        SQLITE_OK) {
        delete module;
        return fail("unicode61 is missing");
    }
    fts5_tokenizer ours{create, destroyInstance, tokenize};
    if (api->xCreateTokenizer(api, kName, module, &ours, destroyModule) != SQLITE_OK)
        return fail(sqlite3_errmsg(db)); // xCreateTokenizer destroys module on failure
    // The connections that search the index can also probe a row as it would (lectern_match)
    // and rank its matches (lectern_bm25).
    return MatchProbe::registerWith(db, error) && Bm25Rank::registerWith(db, error);
}

void FtsTokenizer::install() {
    static std::once_flag once;
    std::call_once(once,
                   [] { sqlite3_auto_extension(reinterpret_cast<void (*)()>(autoRegister)); });
}

} // namespace lectern
