#include "readingpane.h"

#include "follow/followmatcher.h"
#include "model/arxiv.h"
#include "text/latextext.h"

#include <QEvent>
#include <QScrollBar>

using namespace Qt::StringLiterals;

namespace lectern {

ReadingPane::ReadingPane(QWidget *parent)
    : SafeTextBrowser(parent) {
    setFrameShape(QFrame::NoFrame);
    document()->setDocumentMargin(16);
    connect(this, &QTextBrowser::anchorClicked, this, [this](const QUrl &url) {
        const QString scheme = url.scheme().toLower();
        if (scheme == u"http"_s || scheme == u"https"_s)
            Q_EMIT linkActivated(url);
    });
}

static bool isDark(const QPalette &palette) {
    return palette.color(QPalette::Base).lightness() < 128;
}

// arXiv's own fields, when fetched: categories as chips, a newer version, comments, journal
// reference, DOI, and the local PDF. All text escaped.
static QString arxivHtml(const Paper &p, const PaneExtras &extras) {
    QString html;
    const ArxivRecord &r = extras.metadata.record;
    if (extras.metadata.present()) {
        QStringList chips;
        for (const QString &c : r.categories)
            chips << (c == r.primaryCategory ? u"<span class=\"cat primary\">&nbsp;"_s
                                             : u"<span class=\"cat\">&nbsp;"_s) +
                         c.toHtmlEscaped() + u"&nbsp;</span>"_s;
        if (!chips.isEmpty())
            html += u"<p>"_s + chips.join(u" "_s) + u"</p>"_s;
        QStringList lines;
        if (r.version > p.version && p.version > 0)
            lines << u"<b>"_s +
                         ReadingPane::tr("arXiv has v%1 (%2); the digest listed v%3")
                             .arg(QString::number(r.version),
                                  r.updated.date().toString(Qt::ISODate),
                                  QString::number(p.version))
                             .toHtmlEscaped() +
                         u"</b>"_s;
        if (!r.comments.isEmpty())
            lines << ReadingPane::tr("Comments: %1").arg(r.comments).toHtmlEscaped();
        if (!r.journalRef.isEmpty())
            lines << ReadingPane::tr("Journal: %1").arg(r.journalRef).toHtmlEscaped();
        if (!r.doi.isEmpty()) {
            const QUrl doi(u"https://doi.org/"_s + r.doi);
            lines << u"DOI: <a href=\"%1\">%2</a>"_s.arg(
                doi.toString(QUrl::FullyEncoded).toHtmlEscaped(), r.doi.toHtmlEscaped());
        }
        lines << ReadingPane::tr("Metadata from arXiv, %1")
                     .arg(extras.metadata.fetchedAt.toLocalTime().toString(Qt::ISODate))
                     .toHtmlEscaped();
        html += u"<p class=\"meta\">"_s + lines.join(u"<br>"_s) + u"</p>"_s;
    }
    if (!extras.pdfPath.isEmpty())
        html += u"<p class=\"meta\">"_s +
                ReadingPane::tr("PDF saved: %1 (o opens it)").arg(extras.pdfPath).toHtmlEscaped() +
                u"</p>"_s;
    return html;
}

// The topics followed, lowercased, highlighted like keywords wherever they occur.
static QStringList followedTerms(const QList<Follow> &follows) {
    QStringList terms;
    for (const Follow &f : follows)
        if (!f.isAuthor())
            terms << f.value().toLower();
    return terms;
}

// The authors, escaped; those matching a followed author highlighted like keywords.
static QString authorsHtml(const QStringList &authors, const QList<Follow> &follows) {
    const QStringList followed = FollowMatcher(follows).matchedAuthors(authors);
    QStringList parts;
    for (const QString &a : authors)
        parts << (followed.contains(a) ? u"<span class=\"kw\">"_s + a.toHtmlEscaped() + u"</span>"_s
                                       : a.toHtmlEscaped());
    return parts.join(u", "_s);
}

// Why the paper is marked: the items of the follow list it matches.
static QString followingHtml(const QList<Follow> &follows) {
    QStringList specs;
    for (const Follow &f : follows)
        specs << f.spec();
    return u"<p class=\"meta follow\">"_s +
           ReadingPane::tr("Following: %1").arg(specs.join(u", "_s)).toHtmlEscaped() + u"</p>"_s;
}

QString ReadingPane::paperHtml(const LibraryPaper &shown, const QStringList &searchTerms,
                               const QPalette &palette, const PaneExtras &extras) {
    // With fetched metadata, arXiv's exact title, full author list and abstract are shown; the
    // digest's own fields stay in the library as imported.
    LibraryPaper lp = shown;
    if (extras.metadata.present()) {
        const ArxivRecord &r = extras.metadata.record;
        if (!r.title.isEmpty())
            lp.paper.title = r.title;
        if (!r.authors.isEmpty())
            lp.paper.authors = r.authors;
        if (!r.abstract.isEmpty())
            lp.paper.abstract = r.abstract;
    }
    const Paper &p = lp.paper;
    const bool dark = isDark(palette);
    const QString muted = palette.color(QPalette::PlaceholderText).name();
    const QString link = palette.color(QPalette::Link).name();
    const QString kwBg = dark ? u"#6b5200"_s : u"#fff1a8"_s;
    const QString kwFg = palette.color(QPalette::Text).name();

    QStringList terms;
    for (const QString &k : p.keywords)
        terms.append(k.toLower());
    for (const QString &t : searchTerms)
        if (!terms.contains(t))
            terms.append(t);
    for (const QString &t : followedTerms(extras.follows))
        if (!terms.contains(t))
            terms.append(t);

    QString html;
    html += u"<html><head><style>"_s;
    html += u"span.kw { background-color: %1; color: %2; font-weight: 600; }"_s.arg(kwBg, kwFg);
    html += u"a { color: %1; }"_s.arg(link);
    html += u".meta { color: %1; }"_s.arg(muted);
    html += u"span.cat { background-color: %1; }"_s.arg(dark ? u"#2d4a6b"_s : u"#dbe8f7"_s);
    html += u"span.primary { font-weight: 600; }"_s;
    html += u"</style></head><body>"_s;
    html += u"<h2>"_s + LatexText::toHtml(p.title, terms) + u"</h2>"_s;
    if (!p.authors.isEmpty())
        html += u"<p>"_s + authorsHtml(p.authors, extras.follows) + u"</p>"_s;
    if (!extras.follows.isEmpty())
        html += followingHtml(extras.follows);

    QStringList meta;
    if (p.date.isValid())
        meta << tr("Submitted %1").arg(p.date.toString(Qt::ISODate));
    if (!lp.digests.isEmpty()) {
        QStringList dates;
        for (const QDate &d : lp.digests)
            dates << d.toString(Qt::ISODate);
        meta << tr("In digests: %1").arg(dates.join(u", "_s));
    }
    if (!p.arxivId.isEmpty())
        meta << u"arXiv:"_s + p.arxivId +
                    (p.version > 0 ? u"v"_s + QString::number(p.version) : QString());
    QStringList state;
    if (lp.starred)
        state << tr("★ starred");
    state << (lp.read ? tr("read") : tr("unread"));
    if (!lp.tags.isEmpty())
        state << tr("tags: %1").arg(lp.tags.join(u", "_s));
    meta << state.join(u" · "_s);
    for (QString &m : meta)
        m = m.toHtmlEscaped();
    html += u"<p class=\"meta\">"_s + meta.join(u"<br>"_s) + u"</p>"_s;

    QStringList links;
    const QUrl abs = arxiv::absUrl(p);
    const QUrl pdf = arxiv::pdfUrl(p);
    if (abs.isValid())
        links << u"<a href=\"%1\">%2</a>"_s.arg(abs.toString(QUrl::FullyEncoded).toHtmlEscaped(),
                                                tr("Abstract page"));
    if (pdf.isValid())
        links << u"<a href=\"%1\">%2</a>"_s.arg(pdf.toString(QUrl::FullyEncoded).toHtmlEscaped(),
                                                tr("PDF"));
    if (!links.isEmpty())
        html += u"<p>"_s + links.join(u" &nbsp;·&nbsp; "_s) + u"</p>"_s;

    html += arxivHtml(p, extras);
    if (!p.keywords.isEmpty()) {
        QStringList kws;
        for (const QString &k : p.keywords)
            kws << u"<span class=\"kw\">&nbsp;"_s + k.toHtmlEscaped() + u"&nbsp;</span>"_s;
        html += u"<p>"_s + kws.join(u" "_s) + u"</p>"_s;
    }
    if (!p.summary.isEmpty())
        html += u"<blockquote><i>"_s + LatexText::toHtml(p.summary, terms) + u"</i></blockquote>"_s;
    const QStringList paragraphs = p.abstract.split(u"\n\n"_s, Qt::SkipEmptyParts);
    for (const QString &para : paragraphs)
        html += u"<p>"_s + LatexText::toHtml(para, terms) + u"</p>"_s;
    if (!extras.why.isEmpty())
        html += u"<hr><p class=\"meta\">"_s +
                ReadingPane::tr("For you, because of: %1").arg(extras.why).toHtmlEscaped() +
                u"</p>"_s;
    html += u"</body></html>"_s;
    return html;
}

void ReadingPane::showPaper(const LibraryPaper &paper, const QStringList &searchTerms,
                            const PaneExtras &extras) {
    // The same paper again is a state change (read, star, tags): keep the reader's place.
    const int scroll = paper.id == m_paperId ? verticalScrollBar()->value() : 0;
    m_paperId = paper.id;
    m_paper = paper;
    m_searchTerms = searchTerms;
    m_extras = extras;
    render();
    verticalScrollBar()->setValue(scroll);
}

void ReadingPane::showMessage(const QString &text) {
    m_paperId = 0;
    m_paper.reset();
    setHtml(u"<p style=\"color:%1\">"_s.arg(palette().color(QPalette::PlaceholderText).name()) +
            text.toHtmlEscaped() + u"</p>"_s);
}

void ReadingPane::render() {
    if (!m_paper)
        return;
    const int scroll = verticalScrollBar()->value();
    setHtml(paperHtml(*m_paper, m_searchTerms, palette(), m_extras));
    verticalScrollBar()->setValue(scroll);
}

bool ReadingPane::pageDown() {
    QScrollBar *bar = verticalScrollBar();
    if (bar->value() >= bar->maximum())
        return false;
    bar->triggerAction(QAbstractSlider::SliderPageStepAdd);
    return true;
}

bool ReadingPane::pageUp() {
    QScrollBar *bar = verticalScrollBar();
    if (bar->value() <= bar->minimum())
        return false;
    bar->triggerAction(QAbstractSlider::SliderPageStepSub);
    return true;
}

void ReadingPane::changeEvent(QEvent *event) {
    SafeTextBrowser::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        render();
}

} // namespace lectern
