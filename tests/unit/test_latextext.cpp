// Table-driven tests for LatexText: every LaTeX construct found in the seed digests, the common
// ones around them, Markdown emphasis, escaping, highlighting, and robustness on truncated input.
#include "testsupport.h"
#include "text/latextext.h"

#include <catch2/catch_test_macros.hpp>

#include <QElapsedTimer>
#include <QRegularExpression>
#include <QSet>

#include <string>

using namespace lectern;

namespace Catch {
template <> struct StringMaker<QString> {
    static std::string convert(const QString &s) { return '"' + s.toStdString() + '"'; }
};
} // namespace Catch

namespace {

QString q(const char *utf8) {
    return QString::fromUtf8(utf8);
}

// Independent of the code under test: what escaping a plain result must look like.
QString escaped(const QString &s) {
    QString out;
    for (QChar c : s) {
        switch (c.unicode()) {
        case u'&':
            out += u"&amp;";
            break;
        case u'<':
            out += u"&lt;";
            break;
        case u'>':
            out += u"&gt;";
            break;
        case u'"':
            out += u"&quot;";
            break;
        case u'\'':
            out += u"&#39;";
            break;
        default:
            out += c;
        }
    }
    return out;
}

struct Case {
    const char *input;
    const char *plain;
    const char *html; // nullptr: the escaped plain text (nothing to mark up)
};

// clang-format off
const Case kCases[] = {
    // $..$ delimiters and Greek, including the {\delta} form in text mode (seeds).
    {R"($\alpha$-Aryl N-heterocycles)", "α-Aryl N-heterocycles", nullptr},
    {R"(PixArt-$\alpha$, PixArt-$\Sigma$ and Hunyuan)", "PixArt-α, PixArt-Σ and Hunyuan", nullptr},
    {R"(named $\phi$-Decoding)", "named ϕ-Decoding", nullptr},
    {R"((Ca,Ba)FeO3-{\delta} with Fe4+ ions)", "(Ca,Ba)FeO3-δ with Fe4+ ions", nullptr},
    {R"(CaBaFe2O6-{\delta} and Ca(Ba0.9Ca0.1)2Fe3O9-{\delta} ({\delta}~1) were)",
     "CaBaFe2O6-δ and Ca(Ba0.9Ca0.1)2Fe3O9-δ (δ~1) were", nullptr},
    {R"($\alpha\beta\gamma\delta\epsilon\varepsilon\zeta\eta\theta\vartheta\iota\kappa\lambda\mu\nu\xi\omicron\pi\varpi\rho\varrho\sigma\varsigma\tau\upsilon\phi\varphi\chi\psi\omega$)",
     "αβγδϵεζηθϑικλμνξοπϖρϱσςτυϕφχψω", nullptr},
    {R"($\Alpha\Beta\Gamma\Delta\Epsilon\Zeta\Eta\Theta\Iota\Kappa\Lambda\Mu\Nu\Xi\Omicron\Pi\Rho\Sigma\Tau\Upsilon\Phi\Chi\Psi\Omega$)",
     "ΑΒΓΔΕΖΗΘΙΚΛΜΝΞΟΠΡΣΤΥΦΧΨΩ", nullptr},
    {R"(text \delta and {\mu} too)", "text δ and μ too", nullptr},
    // Operators and relations from the seeds.
    {R"($16 \times 16$ measured)", "16 × 16 measured", nullptr},
    {R"(a 7.72--9.17$\times$ reduction)", "a 7.72–9.17× reduction", nullptr},
    {R"(achieving $\geq$96% accuracy at $\leq$3W)", "achieving ≥96% accuracy at ≤3W", nullptr},
    {R"(requiring $\approx 1$ bit, only $\approx 0.3$ bits)", "requiring ≈1 bit, only ≈0.3 bits", nullptr},
    {R"(latency by 48\%$\sim$66\% for)", "latency by 48%∼66% for", nullptr},
    {R"($q$ tokens with $q \ll N$, and)", "q tokens with q ≪ N, and", nullptr},
    {R"(for every $c\in(1,23/22)$, every)", "for every c∈(1,23/22), every", nullptr},
    {R"($T,S\colon X\to X$)", "T,S:X→X", nullptr},
    {R"($\lim_{N\to\infty}\frac{1}{N}\sum_{n=1}^Nf(T^{n}x)g(S^{n}x)$)",
     "lim_(N→∞)1/N∑ₙ₌₁ᴺf(Tⁿx)g(Sⁿx)",
     "lim<sub>N→∞</sub>1/N∑<sub>n=1</sub><sup>N</sup>f(T<sup>n</sup>x)g(S<sup>n</sup>x)"},
    {"orbits $(\\lfloor\nh(n)\\rfloor)_{n\\in\\mathbb{N}}$, where",
     "orbits (⌊h(n)⌋)_(n∈ℕ), where", "orbits (⌊h(n)⌋)<sub>n∈ℕ</sub>, where"},
    {R"($(\lfloor n\log n\rfloor)$)", "(⌊n log n⌋)", nullptr},
    {R"($x,x+\lfloor y^c \rfloor$)", "x,x+⌊yᶜ⌋", "x,x+⌊y<sup>c</sup>⌋"},
    {R"($T^{\lfloor n^c\rfloor}x$)", "T^(⌊nᶜ⌋)x", "T<sup>⌊n<sup>c</sup>⌋</sup>x"},
    {R"(at least $\Omega(n^2 d)$ memory, when $d = \Omega(\log n)$)",
     "at least Ω(n² d) memory, when d = Ω(log n)", "at least Ω(n<sup>2</sup> d) memory, when d = Ω(log n)"},
    {R"(require $N^{\Omega(1)}$ samples)", "require N^(Ω(1)) samples", "require N<sup>Ω(1)</sup> samples"},
    {R"(the $L^2_{\mu}(X)$-limit)", "the L²_μ(X)-limit", "the L<sup>2</sup><sub>μ</sub>(X)-limit"},
    {R"($f,g\in L^{\infty}_{\mu}(X)$)", "f,g∈L^∞_μ(X)", "f,g∈L<sup>∞</sup><sub>μ</sub>(X)"},
    {R"(max-$L_\infty$-type and max-$L_2$-type)", "max-L_∞-type and max-L₂-type",
     "max-L<sub>∞</sub>-type and max-L<sub>2</sub>-type"},
    {R"(the ratio $\phi_r$ of)", "the ratio ϕᵣ of", "the ratio ϕ<sub>r</sub> of"},
    {R"($\mathcal{O}(n_x^3 + N(n_x^2 n_u))$)", "𝒪(nₓ³ + N(nₓ² nᵤ))",
     "𝒪(n<sub>x</sub><sup>3</sup> + N(n<sub>x</sub><sup>2</sup> n<sub>u</sub>))"},
    {R"(a $360^\circ$ coverage, $90^{\circ}$)", "a 360° coverage, 90°", nullptr},
    {R"($f'(x) = x^\prime$)", "f′(x) = x′", nullptr},
    // Scripts: Unicode where every character has a form, else ^x / ^(..) / <sup>.
    {R"($x^2 + x^{n+1} + a_{ij} + x_{(i)}$)", "x² + xⁿ⁺¹ + aᵢⱼ + x₍ᵢ₎",
     "x<sup>2</sup> + x<sup>n+1</sup> + a<sub>ij</sub> + x<sub>(i)</sub>"},
    {R"($L^{1/2}$)", "L^(1/2)", "L<sup>1/2</sup>"},
    {R"($a_{\mu}$ and $e^{i\pi}$)", "a_μ and e^(iπ)", "a<sub>μ</sub> and e<sup>iπ</sup>"},
    {R"($x^{{a}_{b}}$)", "x^(a_b)", "x<sup>a<sub>b</sub></sup>"},
    {R"($x^{ 2 }$)", "x²", "x<sup>2</sup>"},
    // Fonts, fractions, roots.
    {R"($\mathbb{N}$, $\mathbb{R}^n$, $\mathcal{B}$, $\mathfrak{g}$)", "ℕ, ℝⁿ, ℬ, 𝔤", "ℕ, ℝ<sup>n</sup>, ℬ, 𝔤"},
    {R"($(X,\mathcal{B},\mu)$ equipped)", "(X,ℬ,μ) equipped", nullptr},
    {R"($\frac{a}{b}$, $\frac{a+b}{2}$, $\frac12$)", "a/b, (a+b)/2, 1/2", nullptr},
    {R"($\frac{x^2}{2n}$)", "x²/2n", "x<sup>2</sup>/2n"},
    {R"($\sqrt{x}$, $\sqrt{x+1}$, $\sqrt{2}$, $\sqrt[3]{8}$)", "√x, √(x+1), √2, ³√8", nullptr},
    {R"($\mathrm{softmax}(x)$, $\text{if } x$, $\operatorname{argmax}_i$)",
     "softmax(x), if x, argmaxᵢ", "softmax(x), if x, argmax<sub>i</sub>"},
    {R"($\mathbf{W}x$)", "Wx", "<b>W</b>x"},
    // \unicode, text-mode symbols.
    {R"(components$\unicode{x2013}$such as)", "components–such as", nullptr},
    {R"(a\unicode{8212}b \unicode{xZZ})", "a—b \\unicode{xZZ}", nullptr},
    {R"(with 1\textpertenthousand Spatial Sampling)", "with 1‱ Spatial Sampling", nullptr},
    {R"((achieves \textgreater 10\% performance gains))", "(achieves > 10% performance gains)", nullptr},
    {R"(\textless and \textperthousand)", "< and ‰", nullptr},
    // Emphasis: LaTeX and Markdown.
    {R"(\emph{does not decrease} the)", "does not decrease the", "<i>does not decrease</i> the"},
    {R"(\textit{Brunovsky Riccati Recursion})", "Brunovsky Riccati Recursion", "<i>Brunovsky Riccati Recursion</i>"},
    {R"(\textit{\textbf{COMM}} operates)", "COMM operates", "<i><b>COMM</b></i> operates"},
    {R"(\textbf{\textit{GarmentDiffusion}}, a)", "GarmentDiffusion, a", "<b><i>GarmentDiffusion</i></b>, a"},
    {R"(\textbf{RW**KV**-X}, a)", "RWKV-X, a", "<b>RW<b>KV</b>-X</b>, a"},
    {R"(that is $\textbf{10}\times$ shorter)", "that is 10× shorter", "that is <b>10</b>× shorter"},
    {R"(promising **acceleration** and)", "promising acceleration and", "promising <b>acceleration</b> and"},
    {R"(experts -- **sparse**ly-activated)", "experts – sparsely-activated", "experts – <b>sparse</b>ly-activated"},
    {R"(\emph{a {\bf b} c})", "a b c", "<i>a <b>b</b> c</i>"},
    {R"({\em emphasised} text)", "emphasised text", "<i>emphasised</i> text"},
    {R"(an *important* point)", "an important point", "an <i>important</i> point"},
    {R"(the _word_ here)", "the word here", "the <i>word</i> here"},
    {R"(k* and k* clusters, a * b, 2*3*4)", "k* and k* clusters, a * b, 2*3*4", nullptr},
    {R"(46.47% AP_3D and 52.75% AP_BEV)", "46.47% AP_3D and 52.75% AP_BEV", nullptr},
    {R"(https://github.com/AlejandroMllo/action_flow_matching.)",
     "https://github.com/AlejandroMllo/action_flow_matching.", nullptr},
    {R"(* [Title](#Title))", "* [Title](#Title)", nullptr},
    {"**not\n\nbold**", "**not\n\nbold**", nullptr},
    {R"(\textsuperscript{th} and H\textsubscript{2}O)", "ᵗʰ and H₂O", "<sup>th</sup> and H<sub>2</sub>O"},
    // Unknown commands are kept; a lone $ stays a dollar sign.
    {R"(\foo{x})", "\\foo{x}", nullptr},
    {R"(technique, \twofour structured)", "technique, \\twofour structured", nullptr},
    {R"($\foo{\alpha}$)", "\\foo{α}", nullptr},
    {R"(TinyLlama \cite{tinyllama24} with)", "TinyLlama [tinyllama24] with", nullptr},
    {R"(Podcast Scenarios with a $50K Budget)", "Podcast Scenarios with a $50K Budget", nullptr},
    {R"(within a $50,000 budget. Our model)", "within a $50,000 budget. Our model", nullptr},
    {R"(costs $5 and $10 today)", "costs $5 and $10 today", nullptr},
    {R"(with a $50K Budget](#with-a-$50K-Budget))", "with a $50K Budget](#with-a-$50K-Budget)", nullptr},
    {R"(enables $ l_1$ approximation)", "enables l₁ approximation", "enables l<sub>1</sub> approximation"},
    {R"(a $ b $ c, US\$ 5)", "a $ b $ c, US$ 5", nullptr},
    {"$x\n\ny$", "$x\n\ny$", nullptr},
    // Accents, escapes, spacing, delimiters.
    {R"(using the B\'ezier curve)", "using the Bézier curve", nullptr},
    {R"(\'{e}\`{a}\^{o}\"{u}\~{n}\c{c}\v{s} na\"ive \'{\i})", "éàôüñçš naïve í", nullptr},
    {R"(\% \& \_ \# \$ \{ \})", "% & _ # $ { }", nullptr},
    {R"($a\,b\;c\quad d\!e$)", "a b c de", nullptr},
    {"$a   +\n  b$ and $a~b$", "a + b and a b", nullptr},
    {R"($\left(x\right)$ $\left\{x\right.$ $\big|y\big|$)", "(x) {x |y|", nullptr},
    {R"($\cdot \pm \mp \neq \equiv \propto \partial \nabla$)", "·±∓≠≡∝∂∇", nullptr},
    {R"($\rightarrow \leftarrow \Rightarrow \mapsto \subset \cup \cap \forall \exists \ell$)",
     "→←⇒↦⊂∪∩∀∃ℓ", nullptr},
    {R"($1,\dots,n$ $\ldots$ $\cdots$)", "1,…,n … ⋯", nullptr},
    {R"($x \in \mathbb{N}$, $a \leq b$, $a\leq b$)", "x ∈ ℕ, a ≤ b, a≤b", nullptr},
    {R"($\not\in$ $\hat{x}$ $\bar{x}$)", "∉ x̂ x̄", nullptr},
    {R"(\[ x^2 \] and $$E=mc^2$$)", "x² and E=mc²", "x<sup>2</sup> and E=mc<sup>2</sup>"},
    {R"(\href{http://x.org}{site} at \url{http://a_b.org})", "site at http://a_b.org", nullptr},
    // Dashes only where safe; ^ and _ outside math are left alone.
    {R"(50--100 tasks, shock -- these, a---b)", "50–100 tasks, shock – these, a—b", nullptr},
    {R"(use --verbose or ---- rules)", "use --verbose or ---- rules", nullptr},
    {R"(an R^2 improvement, O(N^5) to O(N^3))", "an R^2 improvement, O(N^5) to O(N^3)", nullptr},
    // Escaping: every input character is escaped; markup only from the converter.
    {R"(<script>alert('x')</script> & "q")", R"(<script>alert('x')</script> & "q")",
     "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;"},
    {R"($a<b$ and \emph{<i>})", "a<b and <i>", "a&lt;b and <i>&lt;i&gt;</i>"},
    {R"(AT&amp;T)", "AT&amp;T", "AT&amp;amp;T"},
    // Truncated input degrades to the source text.
    {R"(\emph{abc)", "\\emph{abc", nullptr},
    {R"($\frac{1}{)", "$\\frac{1}{", nullptr},
    {"trailing \\", "trailing \\", nullptr},
    {"$x^$", "x^", nullptr},
    {"", "", nullptr},
};
// clang-format on

} // namespace

TEST_CASE("LatexText converts every table case to plain text and HTML") {
    for (const Case &c : kCases) {
        const QString input = q(c.input);
        CAPTURE(input);
        const QString plain = q(c.plain);
        CHECK(LatexText::toPlainText(input) == plain);
        const QString html = c.html ? q(c.html) : escaped(plain);
        CHECK(LatexText::toHtml(input) == html);
    }
}

TEST_CASE("LatexText highlights terms on the visible text only") {
    struct Hl {
        const char *input;
        QStringList terms;
        const char *html;
    };
    const Hl cases[] = {
        {"Sparse models are sparse.",
         {q("sparse")},
         R"(<span class="kw">Sparse</span> models are <span class="kw">sparse</span>.)"},
        // Word-prefix matching: a term must start a word; it may end inside one.
        {"sparsely and nonsparse",
         {q("sparse")},
         R"(<span class="kw">sparse</span>ly and nonsparse)"},
        {"**quantization**-aware",
         {q("quantization")},
         R"(<b><span class="kw">quantization</span></b>-aware)"},
        // A match across a tag is split so the markup nests.
        {"**sparse** mixture",
         {q("sparse mixture")},
         R"(<b><span class="kw">sparse</span></b><span class="kw"> mixture</span>)"},
        // Never inside markup or entities: "lt" is not visible text, "b" inside "<b>" is.
        {"x < y", {q("lt")}, "x &lt; y"},
        {"<b>", {q("b")}, R"(&lt;<span class="kw">b</span>&gt;)"},
        {"\\emph{bold}", {q("i"), q("em")}, "<i>bold</i>"},
        {"oxides ({\\delta}~1)", {q("δ")}, R"(oxides (<span class="kw">δ</span>~1))"},
        {"a b", {QString(), q("  ")}, "a b"},
        {"Mixture of Experts",
         {q("mixture"), q("mixture of")},
         R"(<span class="kw">Mixture of</span> Experts)"},
        // Chinese has no spaces between words: a term matches inside a run of characters.
        {"本文提出一种稀疏注意力方法",
         {q("稀疏")},
         R"(本文提出一种<span class="kw">稀疏</span>注意力方法)"},
    };
    for (const Hl &c : cases) {
        CAPTURE(q(c.input), c.terms.join(u'|'));
        CHECK(LatexText::toHtml(q(c.input), c.terms) == q(c.html));
    }
}

namespace {

// The HTML contains no markup other than the converter's own tags.
bool onlyOwnMarkup(QString html) {
    static const QRegularExpression tags(
        QStringLiteral(R"(</?(b|i|sup|sub)>|<span class="kw">|</span>)"));
    html.remove(tags);
    return !html.contains(u'<') && !html.contains(u'>') && !html.contains(u'"');
}

QString seedText(const char *prefix) {
    const QString path = test::seedPath(QString::fromLatin1(prefix));
    return path.isEmpty() ? QString() : QString::fromUtf8(test::readFile(path));
}

} // namespace

TEST_CASE("LatexText survives every prefix of a LaTeX-heavy seed abstract") {
    const QString seed = seedText("000");
    if (seed.isEmpty())
        SKIP("seeds not available (../shared/seeds)");
    const qsizetype start = seed.indexOf(u"We prove that for every");
    REQUIRE(start >= 0);
    const QString abstract = seed.mid(start, 1400);
    for (qsizetype n = 0; n <= abstract.size(); ++n) {
        const QString prefix = abstract.left(n);
        const QString plain = LatexText::toPlainText(prefix);
        const QString html = LatexText::toHtml(prefix, {QStringLiteral("sparse")});
        if (!onlyOwnMarkup(html)) {
            CAPTURE(prefix, html);
            FAIL("foreign markup in HTML output");
        }
        if (n > 0 && plain.isEmpty())
            FAIL("empty output for a non-empty prefix");
    }
}

TEST_CASE("LatexText knows every command in the seeds except \\twofour") {
    for (const char *prefix : {"000", "001"}) {
        const QString seed = seedText(prefix);
        if (seed.isEmpty())
            SKIP("seeds not available (../shared/seeds)");
        const QString plain = LatexText::toPlainText(seed);
        QSet<QString> left;
        static const QRegularExpression command(QStringLiteral(R"(\\[a-zA-Z]+)"));
        for (const auto &m : command.globalMatch(plain))
            left.insert(m.captured());
        CAPTURE(prefix, QStringList(left.begin(), left.end()).join(u' '));
        CHECK((left.isEmpty() || left == QSet<QString>{QStringLiteral("\\twofour")}));
        CHECK(onlyOwnMarkup(LatexText::toHtml(seed, {QStringLiteral("sparse")})));
    }
    const QString seed = seedText("000");
    CHECK(LatexText::toPlainText(seed).contains(u"with a $50K Budget"));
}

TEST_CASE("LatexText copes with pathological nesting") {
    const QString braces = u'$' + QString(20000, u'{') + u'x' + QString(20000, u'}') + u'$';
    CHECK(LatexText::toPlainText(braces).contains(u'x'));
    QString scripts = QStringLiteral("$x");
    for (int i = 0; i < 600; ++i) // stays under the 2000-character $..$ limit
        scripts += QStringLiteral("^{");
    scripts += QString(600, u'}') + u'$';
    CHECK(LatexText::toPlainText(scripts).startsWith(u"x"));
    QString roots = QStringLiteral("$");
    for (int i = 0; i < 3000; ++i)
        roots += QStringLiteral("\\sqrt{\\frac{1}{");
    for (int i = 0; i < 3000; ++i)
        roots += QStringLiteral("}{2}}");
    CHECK(onlyOwnMarkup(LatexText::toHtml(roots + QStringLiteral("$"))));
    CHECK(!LatexText::toPlainText(roots + QStringLiteral("$")).isEmpty());
    QString emph;
    for (int i = 0; i < 20000; ++i)
        emph += QStringLiteral("\\emph{");
    emph += u'x' + QString(20000, u'}');
    CHECK(LatexText::toPlainText(emph).contains(u'x'));
    CHECK(onlyOwnMarkup(LatexText::toHtml(emph)));
    const QString stars = QString(50000, u'*') + QString(50000, u'$');
    CHECK(LatexText::toPlainText(stars).size() == stars.size());
}

namespace {

// Wall-clock seconds of f(): for the hostile-input tests below, whose bound is generous (the
// cost before the fix was minutes; see tests/bench/bench_parser.cpp for the figures).
template <typename F> double secondsOf(F &&f) {
    QElapsedTimer t;
    t.start();
    f();
    return double(t.nsecsElapsed()) / 1e9;
}

} // namespace

TEST_CASE("LatexText highlights 50k keywords over 50k paragraphs in one pass") {
    QString source;
    QStringList terms;
    for (int i = 0; i < 50000; ++i) {
        const QString k = u'k' + QString::number(i);
        source += QStringLiteral("**") + k + QStringLiteral("** text\n\n");
        terms.append(k);
    }
    QString html;
    const double s = secondsOf([&] { html = LatexText::toHtml(source, terms); });
    CHECK(s < 5.0);
    CHECK(html.count(QLatin1String("<b><span class=\"kw\">k")) == 50000);
    CHECK(html.contains(QLatin1String("<b><span class=\"kw\">k49999</span></b> text")));
}

TEST_CASE("LatexText converts 5 MB of unclosed bold and math openers in linear time") {
    for (const QString &unit : {QStringLiteral("**a "), QStringLiteral("\\(a "),
                                QStringLiteral("*a "), QStringLiteral("_a ")}) {
        const QString source = unit.repeated(5 * 1024 * 1024 / unit.size());
        CAPTURE(unit);
        QString plain, html;
        const double s = secondsOf([&] {
            plain = LatexText::toPlainText(source);
            html = LatexText::toHtml(source);
        });
        CHECK(s < 5.0);
        CHECK(plain == source);
        CHECK(html == escaped(source));
    }
}
