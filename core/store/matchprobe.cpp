// MatchProbe: lectern_match(), an FTS5 expression matched against one paper's text with the
// index's tokenizer. See matchprobe_p.h.
#include "store/matchprobe_p.h"

#include "store/ftstokenizer_p.h"

#include "search/stopwords_p.h"

#include <sqlite3.h>

#include <QtGlobal>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

namespace lectern {

namespace {

constexpr int kColumns = 5; // title, authors, abstract, summary, note: the fts table's order
constexpr unsigned kAllColumns = (1u << kColumns) - 1;

unsigned columnBit(const std::string &name) {
    static const char *const names[kColumns] = {"title", "authors", "abstract", "summary", "note"};
    for (int i = 0; i < kColumns; ++i) {
        if (name == names[i])
            return 1u << i;
    }
    return 0;
}

// The connection's "lectern" tokenizer, one instance for the function's lifetime. Deleted with
// the function, which SQLite destroys on close before the modules (FTS5 and the tokenizers
// it holds).
struct Tokenizer {
    fts5_tokenizer api{};
    Fts5Tokenizer *instance = nullptr;
    ~Tokenizer() {
        if (instance)
            api.xDelete(instance);
    }
};

// A phrase: consecutive tokens within one of its columns; a prefix token matches any token
// that starts with it. No tokens: matches nothing (as FTS5 treats an empty phrase).
struct Phrase {
    std::vector<std::string> tokens;
    std::vector<bool> prefix;
    unsigned columns = kAllColumns;
    bool asciiFirst = false; // the first token is ASCII (else in no ASCII text)
};

// Whether ASCII text has a token equal to word (lower-case ASCII), or starting with it for a
// prefix, as the tokenizer's ASCII path gives them: runs of letters and digits, lower-cased,
// without the stop words.
bool hasToken(const char *text, size_t size, const std::string &word, bool prefix) {
    const size_t n = word.size();
    if (n == 0)
        return false;
    for (size_t i = 0; i + n <= size; ++i) {
        if ((text[i] | 0x20) != word[0] ||
            (i > 0 && FtsTokenizer::isTokenChar(static_cast<unsigned char>(text[i - 1]))))
            continue;
        size_t end = i;
        while (end < size && FtsTokenizer::isTokenChar(static_cast<unsigned char>(text[end])))
            ++end;
        const size_t length = end - i;
        if (length < n) { // also a byte that only looked like the word's first (0x11 | 0x20)
            i = end;
            continue;
        }
        // Inside a run, OR 0x20 lower-cases a letter and keeps a digit.
        size_t k = 1;
        while (k < n && k < length && (text[i + k] | 0x20) == word[k])
            ++k;
        if (k == n && (prefix || length == n)) {
            char folded[16];
            if (length > sizeof folded)
                return true; // longer than any stop word
            for (size_t c = 0; c < length; ++c)
                folded[c] = char(text[i + c] | 0x20);
            if (!StopWords::contains(folded, int(length)))
                return true;
        }
        i = end; // the rest of the run starts no token
    }
    return false;
}

struct Node {
    enum Kind { Leaf, And, Or, Not } kind = Leaf;
    int phrase = -1; // Leaf
    std::unique_ptr<Node> left, right;
};

struct Program {
    std::vector<Phrase> phrases;
    std::unique_ptr<Node> root;
};

// The expression's tokens. Strings are unquoted ("" is one ").
struct Lexeme {
    enum Kind { End, String, Word, Star, Plus, Open, Close, Colon, Bad } kind = End;
    std::string text;
};

class Parser {
public:
    Parser(const char *text, int size, Tokenizer *tokenizer)
        : m_text(text)
        , m_size(size)
        , m_tokenizer(tokenizer) {}

    // The program, or null with *error set.
    std::unique_ptr<Program> parse(std::string *error) {
        auto program = std::make_unique<Program>();
        m_program = program.get();
        next();
        program->root = expr(kAllColumns);
        if (program->root && m_lex.kind != Lexeme::End)
            fail("unexpected text");
        if (!m_error.empty()) {
            *error = m_error;
            return nullptr;
        }
        return program;
    }

private:
    void fail(const char *why) {
        if (m_error.empty())
            m_error = std::string(why) + " at byte " + std::to_string(m_pos);
    }

    void next() {
        while (m_pos < m_size && (m_text[m_pos] == ' ' || m_text[m_pos] == '\t'))
            ++m_pos;
        m_lex = Lexeme{};
        if (m_pos >= m_size)
            return;
        const char c = m_text[m_pos];
        if (c == '"') {
            m_lex.kind = Lexeme::String;
            for (++m_pos;; ++m_pos) {
                if (m_pos >= m_size) {
                    m_lex.kind = Lexeme::Bad;
                    return;
                }
                if (m_text[m_pos] == '"') {
                    if (m_pos + 1 < m_size && m_text[m_pos + 1] == '"') {
                        m_lex.text += '"';
                        ++m_pos;
                        continue;
                    }
                    ++m_pos;
                    return;
                }
                m_lex.text += m_text[m_pos];
            }
        }
        const char *const single = "*+():";
        if (const char *s = std::strchr(single, c); s && c != '\0') {
            static const Lexeme::Kind kinds[] = {Lexeme::Star, Lexeme::Plus, Lexeme::Open,
                                                 Lexeme::Close, Lexeme::Colon};
            m_lex.kind = kinds[s - single];
            ++m_pos;
            return;
        }
        while (m_pos < m_size &&
               (std::isalnum(static_cast<unsigned char>(m_text[m_pos])) || m_text[m_pos] == '_'))
            m_lex.text += m_text[m_pos++];
        m_lex.kind = m_lex.text.empty() ? Lexeme::Bad : Lexeme::Word;
    }

    bool isWord(const char *w) const { return m_lex.kind == Lexeme::Word && m_lex.text == w; }

    static std::unique_ptr<Node> join(Node::Kind kind, std::unique_ptr<Node> a,
                                      std::unique_ptr<Node> b) {
        auto n = std::make_unique<Node>();
        n->kind = kind;
        n->left = std::move(a);
        n->right = std::move(b);
        return n;
    }

    // FTS5's precedence, loosest first: OR, AND, NOT. FTS5 also reads two terms side by side
    // (an implied AND, binding tighter than NOT); the query language never writes that, and
    // it is refused here rather than read another way.
    std::unique_ptr<Node> expr(unsigned columns, int level = 0) {
        static const struct {
            const char *word;
            Node::Kind kind;
        } operators[] = {{"OR", Node::Or}, {"AND", Node::And}, {"NOT", Node::Not}};
        if (level == 3)
            return primary(columns);
        auto node = expr(columns, level + 1);
        while (node && isWord(operators[level].word)) {
            next();
            auto right = expr(columns, level + 1);
            node = right ? join(operators[level].kind, std::move(node), std::move(right)) : nullptr;
        }
        return node;
    }

    std::unique_ptr<Node> primary(unsigned columns) {
        if (m_lex.kind == Lexeme::Open) {
            next();
            auto node = expr(columns);
            if (m_lex.kind != Lexeme::Close) {
                fail("expected )");
                return nullptr;
            }
            next();
            return node;
        }
        if (m_lex.kind == Lexeme::Word) { // a column filter: name ':' primary
            const unsigned bit = columnBit(m_lex.text);
            next();
            if (!bit || m_lex.kind != Lexeme::Colon) {
                fail("expected a column name and :");
                return nullptr;
            }
            next();
            return primary(columns & bit);
        }
        if (m_lex.kind != Lexeme::String) {
            fail("expected a quoted string");
            return nullptr;
        }
        return phrase(columns);
    }

    // "a" ["*"] { "+" "b" ["*"] }
    std::unique_ptr<Node> phrase(unsigned columns) {
        Phrase p;
        p.columns = columns;
        for (;;) {
            const std::string text = m_lex.text;
            next();
            const bool star = m_lex.kind == Lexeme::Star;
            if (star)
                next();
            addTokens(text, star, &p);
            if (m_lex.kind != Lexeme::Plus)
                break;
            next();
            if (m_lex.kind != Lexeme::String) {
                fail("expected a quoted string after +");
                return nullptr;
            }
        }
        p.asciiFirst = !p.tokens.empty() &&
                       FtsTokenizer::isAscii(p.tokens[0].data(), qsizetype(p.tokens[0].size()));
        auto node = std::make_unique<Node>();
        node->phrase = int(m_program->phrases.size());
        m_program->phrases.push_back(std::move(p));
        return node;
    }

    // The string's tokens as FTS5 takes them from a query. As FTS5 does, the star (or its
    // absence) goes to the phrase's last token so far, even when this string gave none.
    void addTokens(const std::string &text, bool star, Phrase *p) {
        const int flags = FTS5_TOKENIZE_QUERY | (star ? FTS5_TOKENIZE_PREFIX : 0);
        const int rc = m_tokenizer->api.xTokenize(
            m_tokenizer->instance, p, flags, text.data(), int(text.size()),
            [](void *ctx, int, const char *token, int size, int, int) {
                auto *phrase = static_cast<Phrase *>(ctx);
                phrase->tokens.emplace_back(token, size_t(size));
                phrase->prefix.push_back(false);
                return SQLITE_OK;
            });
        if (rc != SQLITE_OK)
            fail("the tokenizer failed");
        if (!p->tokens.empty())
            p->prefix.back() = star;
    }

    const char *m_text;
    int m_size;
    int m_pos = 0;
    Tokenizer *m_tokenizer;
    Program *m_program = nullptr;
    Lexeme m_lex;
    std::string m_error;
};

// One row's evaluation: each phrase followed through the columns' tokens as they come. Kept
// with the program for the statement's rows (reset() for each).
class RowMatch {
public:
    explicit RowMatch(const Program &program)
        : m_program(program)
        , m_matched(program.phrases.size(), false)
        , m_partial(program.phrases.size()) {
        for (const Phrase &p : program.phrases) {
            if (!p.tokens.empty())
                ++m_phrases;
        }
    }

    void reset() {
        std::fill(m_matched.begin(), m_matched.end(), false);
        m_left = m_phrases;
    }

    bool done() const { return m_left == 0; }

    // ASCII text read without the tokenizer (its ASCII path gives lower-cased runs of letters
    // and digits, without the stop words): a one-token phrase is decided here, and a longer one
    // whose first token is not in the column cannot start there. False when the column must
    // be tokenized (not ASCII, or a longer phrase may be in it). Most rows of a walk match
    // nothing, and most of the rest match one word.
    bool readAscii(int column, const char *text, size_t size) {
        bool ascii = false, checked = false, tokenize = false;
        for (size_t i = 0; i < m_matched.size(); ++i) {
            const Phrase &p = m_program.phrases[i];
            if (m_matched[i] || p.tokens.empty() || !(p.columns & (1u << column)))
                continue;
            if (!checked) {
                ascii = FtsTokenizer::isAscii(text, qsizetype(size));
                checked = true;
            }
            if (!ascii)
                return false;
            if (!p.asciiFirst || !hasToken(text, size, p.tokens[0], p.prefix[0]))
                continue;
            if (p.tokens.size() > 1) {
                tokenize = true;
            } else {
                m_matched[i] = true;
                --m_left;
            }
        }
        return !tokenize;
    }

    // SQLite's error code if the tokenizer failed, else SQLITE_OK.
    int tokenize(Tokenizer *tokenizer, int column, const char *text, int size) {
        m_column = column;
        for (auto &partial : m_partial)
            partial.clear(); // a phrase does not cross columns
        const int rc =
            tokenizer->api.xTokenize(tokenizer->instance, this, FTS5_TOKENIZE_DOCUMENT, text, size,
                                     [](void *ctx, int, const char *token, int n, int, int) {
                                         return static_cast<RowMatch *>(ctx)->token(token, n);
                                     });
        return rc == SQLITE_DONE ? SQLITE_OK : rc; // DONE: token() stopped it, all matched
    }

    bool evaluate(const Node &n) const {
        switch (n.kind) {
        case Node::Leaf:
            return m_matched[size_t(n.phrase)];
        case Node::And:
            return evaluate(*n.left) && evaluate(*n.right);
        case Node::Or:
            return evaluate(*n.left) || evaluate(*n.right);
        case Node::Not:
            return evaluate(*n.left) && !evaluate(*n.right);
        }
        return false;
    }

private:
    static bool same(const Phrase &p, size_t j, const char *token, int n) {
        const std::string &want = p.tokens[j];
        if (p.prefix[j])
            return size_t(n) >= want.size() && std::memcmp(token, want.data(), want.size()) == 0;
        return size_t(n) == want.size() && std::memcmp(token, want.data(), want.size()) == 0;
    }

    // SQLITE_DONE (stop tokenizing) once every phrase has matched.
    int token(const char *token, int n) {
        for (size_t i = 0; i < m_matched.size(); ++i) {
            const Phrase &p = m_program.phrases[i];
            if (m_matched[i] || p.tokens.empty() || !(p.columns & (1u << m_column)))
                continue;
            std::vector<size_t> &partial = m_partial[i]; // tokens matched so far, per start
            size_t kept = 0;
            bool complete = false;
            for (size_t k = 0; k < partial.size(); ++k) {
                if (same(p, partial[k], token, n)) {
                    if (partial[k] + 1 == p.tokens.size())
                        complete = true;
                    else
                        partial[kept++] = partial[k] + 1;
                }
            }
            partial.resize(kept);
            if (same(p, 0, token, n)) {
                if (p.tokens.size() == 1)
                    complete = true;
                else
                    partial.push_back(1);
            }
            if (complete) {
                m_matched[i] = true;
                if (--m_left == 0)
                    return SQLITE_DONE;
            }
        }
        return SQLITE_OK;
    }

    const Program &m_program;
    std::vector<bool> m_matched;
    std::vector<std::vector<size_t>> m_partial;
    size_t m_phrases = 0; // those with tokens
    size_t m_left = 0;    // those not matched yet
    int m_column = 0;
};

// What a statement keeps between rows (sqlite3_set_auxdata): the parsed expression and the
// evaluation's buffers.
struct Cached {
    explicit Cached(std::unique_ptr<Program> p)
        : program(std::move(p))
        , row(*program) {}
    std::unique_ptr<Program> program;
    RowMatch row;
};

void matchFunction(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
    auto *tokenizer = static_cast<Tokenizer *>(sqlite3_user_data(ctx));
    auto *cached = static_cast<Cached *>(sqlite3_get_auxdata(ctx, 0));
    std::unique_ptr<Cached> parsed;
    if (!cached) {
        std::string error;
        std::unique_ptr<Program> program =
            Parser(reinterpret_cast<const char *>(sqlite3_value_text(argv[0])),
                   sqlite3_value_bytes(argv[0]), tokenizer)
                .parse(&error);
        if (!program) {
            const std::string message = std::string(MatchProbe::kFunction) + ": " + error;
            sqlite3_result_error(ctx, message.c_str(), -1);
            return;
        }
        parsed = std::make_unique<Cached>(std::move(program));
        cached = parsed.get();
    }
    RowMatch &row = cached->row;
    row.reset();
    for (int column = 0; column < kColumns && column + 1 < argc && !row.done(); ++column) {
        sqlite3_value *v = argv[column + 1];
        if (sqlite3_value_type(v) == SQLITE_NULL)
            continue;
        const auto *text = reinterpret_cast<const char *>(sqlite3_value_text(v));
        const int size = sqlite3_value_bytes(v);
        if (row.readAscii(column, text, size_t(size))) // also when no phrase reads the column
            continue;
        if (const int rc = row.tokenize(tokenizer, column, text, size); rc != SQLITE_OK) {
            sqlite3_result_error_code(ctx, rc); // a row half read must not say "no match"
            return;
        }
    }
    sqlite3_result_int(ctx, row.evaluate(*cached->program->root) ? 1 : 0);
    if (parsed) // kept for the statement's next rows (SQLite may drop it at any time)
        sqlite3_set_auxdata(ctx, 0, parsed.release(),
                            [](void *p) { delete static_cast<Cached *>(p); });
}

} // namespace

bool MatchProbe::registerWith(sqlite3 *db, QString *error) {
    auto fail = [error](const char *why) {
        if (error)
            *error =
                QStringLiteral("cannot register the search probe: ") + QString::fromLatin1(why);
        return false;
    };
    fts5_api *api = db ? FtsTokenizer::api(db) : nullptr;
    if (!api)
        return fail("this SQLite has no FTS5");
    auto tokenizer = std::make_unique<Tokenizer>();
    void *data = nullptr;
    if (api->xFindTokenizer(api, "lectern", &data, &tokenizer->api) != SQLITE_OK ||
        tokenizer->api.xCreate(data, nullptr, 0, &tokenizer->instance) != SQLITE_OK)
        return fail("the lectern tokenizer is missing");
    // SQLite owns the tokenizer from here: it runs the destructor even when this fails.
    if (sqlite3_create_function_v2(db, kFunction, 1 + kColumns, SQLITE_UTF8 | SQLITE_DETERMINISTIC,
                                   tokenizer.release(), matchFunction, nullptr, nullptr,
                                   [](void *p) { delete static_cast<Tokenizer *>(p); }) !=
        SQLITE_OK)
        return fail(sqlite3_errmsg(db));
    return true;
}

} // namespace lectern
