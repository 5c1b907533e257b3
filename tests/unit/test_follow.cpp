// The follow list's matching (core/follow): author names tolerant of initials and accents,
// keywords and phrases as whole words without case or accents.
#include "follow/foldedtext.h"
#include "follow/follow.h"
#include "follow/followmatcher.h"
#include "follow/personname.h"

#include <catch2/catch_test_macros.hpp>

using namespace lectern;

namespace {

bool sameAuthor(const char *a, const char *b) {
    const PersonName x(QString::fromUtf8(a)), y(QString::fromUtf8(b));
    return x.matches(y) && y.matches(x);
}

FollowSubject subject(const QString &title, const QString &abstract,
                      const QStringList &keywords = {}, const QStringList &authors = {}) {
    FollowSubject s;
    s.title = title;
    s.abstract = abstract;
    s.keywords = keywords;
    s.authors = authors;
    return s;
}

bool follows(const QString &spec, const FollowSubject &paper) {
    const std::optional<Follow> f = Follow::parse(spec);
    REQUIRE(f);
    return FollowMatcher({*f}).matches(0, paper);
}

} // namespace

TEST_CASE("author names match across initials and accents", "[follow]") {
    CHECK(sameAuthor("Y. LeCun", "Yann LeCun"));
    CHECK(sameAuthor("Yann LeCun", "yann lecun"));
    CHECK(sameAuthor("Łukasz Kaiser", "Lukasz Kaiser"));
    CHECK(sameAuthor("J. M. Smith", "John Michael Smith"));
    CHECK(sameAuthor("J.M. Smith", "John Michael Smith"));
    CHECK(sameAuthor("John Smith", "John Michael Smith"));
    CHECK(sameAuthor("Bernhard Schölkopf", "B. Scholkopf"));
    CHECK(sameAuthor("LeCun", "Yann LeCun"));
    CHECK(sameAuthor("Jean-Pierre Müller", "J.-P. Muller"));

    CHECK_FALSE(sameAuthor("Y. LeCun", "A. LeCun"));
    CHECK_FALSE(sameAuthor("J. M. Smith", "John K. Smith"));
    CHECK_FALSE(sameAuthor("John Smith", "Jane Smith"));
    CHECK_FALSE(sameAuthor("Yann LeCun", "Yann LeCunn"));
    CHECK_FALSE(sameAuthor("Kaiser", "Lukasz Kaise"));
}

TEST_CASE("an author follow matches any author of the paper", "[follow]") {
    const FollowSubject paper =
        subject(QStringLiteral("Attention Is All You Need"), QStringLiteral("Transformers."), {},
                {QStringLiteral("Ashish Vaswani"), QString::fromUtf8("Łukasz Kaiser")});
    CHECK(follows(QStringLiteral("author:Lukasz Kaiser"), paper));
    CHECK(follows(QStringLiteral("author:\"L. Kaiser\""), paper));
    CHECK(follows(QStringLiteral("author:A. Vaswani"), paper));
    CHECK_FALSE(follows(QStringLiteral("author:N. Kaiser"), paper));
    // An author's name in the text is not an author.
    const FollowSubject mention =
        subject(QStringLiteral("On Kaiser's method"), QStringLiteral("Lukasz Kaiser said."));
    CHECK_FALSE(follows(QStringLiteral("author:Lukasz Kaiser"), mention));
}

TEST_CASE("keywords and phrases match whole words, any case and accents", "[follow]") {
    const FollowSubject paper = subject(
        QStringLiteral("Speculative Decoding for LLMs"),
        QString::fromUtf8("We study the KV-cache and naïve Bayes baselines in low-bit models."),
        {QStringLiteral("quantization")});
    CHECK(follows(QStringLiteral("kw:speculative"), paper));
    CHECK(follows(QStringLiteral("\"speculative decoding\""), paper));
    CHECK(follows(QStringLiteral("\"SPECULATIVE   decoding\""), paper));
    CHECK(follows(QStringLiteral("kw:kv-cache"), paper));
    CHECK(follows(QStringLiteral("\"kv cache\""), paper));
    CHECK(follows(QStringLiteral("\"naive bayes\""), paper));
    CHECK(follows(QStringLiteral("kw:low-bit"), paper));
    CHECK(follows(QStringLiteral("kw:Quantization"), paper)); // a keyword of the paper
    CHECK_FALSE(follows(QStringLiteral("kw:llm"), paper));    // "LLMs" is another word
    CHECK_FALSE(follows(QStringLiteral("kw:decod"), paper));  // no prefixes
    CHECK_FALSE(follows(QStringLiteral("\"decoding speculative\""), paper)); // order counts
    CHECK_FALSE(follows(QStringLiteral("\"bayes baselines models\""), paper));
    CHECK_FALSE(follows(QStringLiteral("kw:quant"), paper));
}

TEST_CASE("the written forms of a follow", "[follow]") {
    auto parsed = [](const char *spec) {
        const std::optional<Follow> f = Follow::parse(QString::fromUtf8(spec));
        REQUIRE(f);
        return *f;
    };
    CHECK(parsed("author:Yann LeCun").kind() == Follow::Kind::Author);
    CHECK(parsed("author:Yann LeCun").value() == QStringLiteral("Yann LeCun"));
    CHECK(parsed("author:\"Yann LeCun\"").spec() == QStringLiteral("author:\"Yann LeCun\""));
    CHECK(parsed("kw:llm").kind() == Follow::Kind::Keyword);
    CHECK(parsed("KW:llm").spec() == QStringLiteral("kw:llm"));
    CHECK(parsed("\"speculative decoding\"").kind() == Follow::Kind::Phrase);
    CHECK(parsed("speculative decoding").kind() == Follow::Kind::Phrase); // the shell ate quotes
    CHECK(parsed("diffusion").kind() == Follow::Kind::Keyword);
    CHECK(parsed("author:Łukasz Kaiser") == parsed("author:lukasz  kaiser"));
    CHECK_FALSE(parsed("kw:llm") == parsed("author:llm"));

    QString error;
    CHECK_FALSE(Follow::parse(QStringLiteral("author:"), &error));
    CHECK(error.contains(QStringLiteral("nothing to follow")));
    CHECK_FALSE(Follow::parse(QStringLiteral("tag:later"), &error));
    CHECK(error.contains(QStringLiteral("tag:")));
    CHECK_FALSE(Follow::parse(QStringLiteral("\"  \""), &error));
}

TEST_CASE("follows:NAME names a follow tolerantly", "[follow]") {
    const Follow lecun(Follow::Kind::Author, QStringLiteral("Yann LeCun"));
    CHECK(FollowMatcher::names(lecun, QStringLiteral("LeCun")));
    CHECK(FollowMatcher::names(lecun, QStringLiteral("Y. LeCun")));
    CHECK(FollowMatcher::names(lecun, QStringLiteral("lecun")));
    CHECK_FALSE(FollowMatcher::names(lecun, QStringLiteral("A. LeCun")));
    const Follow topic(Follow::Kind::Phrase, QStringLiteral("speculative decoding"));
    CHECK(FollowMatcher::names(topic, QStringLiteral("Speculative Decoding")));
    CHECK(FollowMatcher::names(topic, QStringLiteral("decoding")));
    CHECK_FALSE(FollowMatcher::names(topic, QStringLiteral("decod")));
}

TEST_CASE("folding", "[follow]") {
    CHECK(FoldedText::fold(QString::fromUtf8("ŁÓDŹ Straße Ærø")) ==
          QStringLiteral("lodz strasse aero"));
    CHECK(FoldedText::words(QStringLiteral("KV-cache, (LLMs)!")) ==
          QStringList{QStringLiteral("kv"), QStringLiteral("cache"), QStringLiteral("llms")});
}
