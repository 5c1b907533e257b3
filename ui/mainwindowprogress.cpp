// MainWindow's reading progress and resume (issue 12 §1): the view's read/total in the status
// bar and the title, the last paper of each view remembered across restarts, `c` (continue),
// and the summary at the end of a digest in any view.
#include "mainwindow.h"

#include "filterbar.h"
#include "memorytrimmer.h"
#include "navigator.h"
#include "paperlistmodel.h"
#include "paperlistview.h"
#include "readingclock.h"
#include "search/queryterms.h"
#include "settings.h"
#include "sidebar.h"
#include "triagesummary.h"
#include "viewprogress.h"

#include <QLabel>
#include <QStatusBar>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace lectern {

void MainWindow::createProgressParts() {
    m_clock = std::make_unique<ReadingClock>();
    m_summary = new TriageSummary(this);
    connect(m_summary, &TriageSummary::nextRequested, this, [this] { goToNextDigestWithUnread(); });
    connect(m_summary, &TriageSummary::closeRequested, m_summary, &QWidget::hide);
    m_progressLabel = new QLabel(this);
    m_progressLabel->setObjectName(u"viewProgress"_s);
    statusBar()->addPermanentWidget(m_progressLabel);
    m_viewProgress = new ViewProgress(m_worker, this); // after the worker: it stops first
    connect(m_viewProgress, &ViewProgress::ready, this, &MainWindow::onViewProgress);
    connect(m_viewProgress, &ViewProgress::ready, m_trimmer, &MemoryTrimmer::schedule);
    m_summaryLoader = new SummaryLoader(m_worker, this);
    connect(m_summaryLoader, &SummaryLoader::ready, this, &MainWindow::onSummaryReady);
}

QString MainWindow::resumeKey() const {
    const QString filter = m_filter->text().trimmed();
    return filter.isEmpty() ? m_viewKey : m_viewKey + u" "_s + filter;
}

qint64 MainWindow::rememberedPaper(const QString &viewKey) const {
    return m_settings->lastPaperInView(m_library->path(), viewKey);
}

void MainWindow::onPaperShown(const LibraryPaper &paper) {
    m_summary->hide();
    m_summaryLoader->cancel();
    m_clock->paperShown(paper.digests);
    if (!m_viewKey.isEmpty())
        m_settings->setLastPaperInView(m_library->path(), resumeKey(), paper.id);
}

// `c`: the oldest digest that still has unread papers, at its first unread paper (in the
// list's order); the search is cleared so that paper is in the list.
void MainWindow::continueReading() {
    const QDate date = m_library->oldestDigestWithUnread();
    if (!date.isValid()) {
        statusBar()->showMessage(m_library->lastError().isEmpty()
                                     ? tr("Nothing left to read: every digest is read.")
                                     : tr("Cannot continue: %1").arg(m_library->lastError()),
                                 5000);
        return;
    }
    openDigestAtFirstUnread(date);
}

void MainWindow::openDigestAtFirstUnread(QDate date) {
    m_summary->hide();
    if (!m_filter->text().isEmpty())
        m_filter->clear();
    const QString name = date.toString(Qt::ISODate);
    m_sidebar->select(u"digest:"_s + name);
    const int row = m_navigator->nextUnreadRow(-1);
    if (row >= 0)
        m_list->setCurrentIndex(m_model->index(row, PaperListModel::StarColumn));
    const int unread = m_navigator->unreadCount(QueryTerms::digest(date));
    statusBar()->showMessage(tr("Digest %1: %n unread paper(s)", nullptr, unread).arg(name), 5000);
}

// The digest a summary is about: the view's in a digest view, else the newest digest of the
// paper shown (the end of any view is the end of that paper's digest).
QDate MainWindow::summaryDigest() const {
    if (m_viewKey.startsWith(u"digest:"_s))
        return QDate::fromString(m_viewKey.mid(7), Qt::ISODate);
    if (m_currentId == 0)
        return {};
    const std::optional<LibraryPaper> paper = m_library->paper(m_currentId);
    if (!paper || paper->digests.isEmpty())
        return {};
    return paper->digests.last();
}

// Counted on the worker; shown by onSummaryReady.
void MainWindow::showDigestSummary() {
    const QDate date = summaryDigest();
    if (date.isValid())
        m_summaryLoader->request(date);
}

// The end of the list (j or n past the last paper): the status bar sums up the list, the
// summary its digest, both from one request (one count when the list is the digest).
void MainWindow::endOfViewMessage() {
    m_summaryLoader->request(summaryDigest(), true, m_model->query(), m_viewKey);
}

void MainWindow::onSummaryReady(const SummaryLoader::Result &r) {
    if (r.withView) {
        const QString summary = SummaryLoader::text(r.view);
        if (r.viewKey.startsWith(u"digest:"_s))
            statusBar()->showMessage(tr("End of digest %1: %2. Press n for the next digest with "
                                        "unread papers.")
                                         .arg(r.viewKey.mid(7), summary));
        else
            statusBar()->showMessage(tr("End of the list: %1.").arg(summary));
    }
    if (!r.digest.isValid())
        return;
    DigestSummary s;
    s.digest = r.digest;
    s.total = r.digestFigures.total;
    s.read = r.digestFigures.read;
    s.starred = r.digestFigures.starred;
    s.noted = r.digestFigures.noted;
    s.msSpent = m_clock->msIn(r.digest);
    s.next = r.next;
    m_summary->showSummary(s);
    // The summary takes room above the list: keep the current paper in sight once laid out.
    QTimer::singleShot(0, this, [this] { m_list->scrollTo(m_list->currentIndex()); });
}

bool MainWindow::goToNextDigestWithUnread() {
    const QDate current = summaryDigest();
    const QDate next = m_navigator->nextDigestWithUnread(current);
    m_summary->hide();
    if (!next.isValid())
        return false;
    openDigestAtFirstUnread(next);
    return true;
}

void MainWindow::requestViewProgress() {
    m_viewProgress->request(currentQuery());
}

void MainWindow::onViewProgress(const QString &query, int read, int total) {
    if (query != currentQuery())
        return; // the view changed meanwhile: its own request follows
    const QString progress = ViewProgress::text(read, total);
    m_progressLabel->setText(progress);
    const QString name =
        m_filter->text().trimmed().isEmpty() ? m_sidebar->titleForKey(m_viewKey) : tr("Search");
    m_progressText = progress.isEmpty() ? QString() : name + u": "_s + progress;
    updateTitle();
}

} // namespace lectern
