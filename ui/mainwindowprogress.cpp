// MainWindow's reading progress and resume (issue 12 §1): the view's read/total in the status
// bar and the title, the last paper of each view remembered across restarts, `c` (continue),
// and the summary at the end of a digest in any view.
#include "mainwindow.h"

#include "filterbar.h"
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

void MainWindow::showDigestSummary() {
    const QDate date = summaryDigest();
    if (!date.isValid())
        return;
    const QString digest = QueryTerms::digest(date);
    auto count = [this, &digest](QueryTerms::State state) {
        return m_library
            ->query(QueryTerms::all({digest, QueryTerms::state(state)}), SortOrder::Date, 0, 0)
            .total;
    };
    DigestSummary s;
    s.digest = date;
    s.total = m_library->query(digest, SortOrder::Date, 0, 0).total;
    s.read = s.total - count(QueryTerms::State::Unread);
    s.starred = count(QueryTerms::State::Starred);
    s.noted = count(QueryTerms::State::Noted);
    s.msSpent = m_clock->msIn(date);
    s.next = m_navigator->nextDigestWithUnread(date);
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
