#pragma once

#include "store/library.h"

#include "safetextbrowser.h"

namespace lectern {

// What the pane shows beside the digest's fields when the user fetched it: arXiv's metadata
// (exact title, every author, abstract, categories, …) and the local PDF.
struct PaneExtras {
    StoredMetadata metadata;
    QString pdfPath;
    QString why;           // For you: "+ decoding, + Tri Dao" (the pane's footer), empty: none
    QList<Follow> follows; // the items of the follow list the paper matches: highlighted
};

// Shows one paper: title, authors, dates, the digests it appeared in, links, the one-line
// summary and the abstract, with math rendered and keywords / search terms highlighted.
// Links never navigate inside the pane: http(s) links are reported through linkActivated (the
// window opens them in the system browser); nothing is ever loaded from the network.
class ReadingPane : public SafeTextBrowser {
    Q_OBJECT
public:
    explicit ReadingPane(QWidget *parent = nullptr);

    // searchTerms: lowercased words from the current filter, highlighted like keywords.
    void showPaper(const LibraryPaper &paper, const QStringList &searchTerms = {},
                   const PaneExtras &extras = {});
    void showMessage(const QString &text);
    qint64 paperId() const { return m_paperId; }

    // Scrolls one page; false when already at the end (the caller then moves to the next paper).
    bool pageDown();
    bool pageUp();

    // The HTML for a paper, public for tests. Colours come from the palette given.
    static QString paperHtml(const LibraryPaper &paper, const QStringList &searchTerms,
                             const QPalette &palette, const PaneExtras &extras = {});

Q_SIGNALS:
    void linkActivated(const QUrl &url);

protected:
    void changeEvent(QEvent *event) override;

private:
    void render();

    qint64 m_paperId = 0;
    std::optional<LibraryPaper> m_paper;
    QStringList m_searchTerms;
    PaneExtras m_extras;
};

} // namespace lectern
