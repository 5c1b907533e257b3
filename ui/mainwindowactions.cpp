// MainWindow's actions and keyboard navigation: what each key does, and how the current
// paper moves through the list and from one digest to the next.
#include "mainwindow.h"

#include "actionset.h"
#include "arxivcontroller.h"
#include "exportcontroller.h"
#include "filterbar.h"
#include "followcontroller.h"
#include "helpoverlay.h"
#include "importcontroller.h"
#include "model/arxiv.h"
#include "navigator.h"
#include "noteeditor.h"
#include "paperlistmodel.h"
#include "paperlistview.h"
#include "paperroles.h"
#include "readingpane.h"
#include "search/queryterms.h"
#include "settings.h"
#include "sidebar.h"
#include "statecontroller.h"
#include "triagesummary.h"
#include "watchcontroller.h"

#include <QAction>
#include <QDesktopServices>
#include <QFileInfo>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QStatusBar>
#include <QTableView>

using namespace Qt::StringLiterals;

namespace lectern {

void MainWindow::createActions() {
    using K = QKeySequence;
    ActionSet &a = *m_actions;
    a.beginMenu(tr("&File"));
    a.add(u"open"_s, tr("&Open digests…"),
          ActionSet::standardKeys(K::Open, K(Qt::CTRL | Qt::Key_O)),
          [this] { m_imports->openFiles(); });
    a.add(u"openFolder"_s, tr("Open &folder…"), {K(Qt::CTRL | Qt::SHIFT | Qt::Key_O)},
          [this] { m_imports->openFolder(); });
    a.add(u"openSample"_s, tr("Open &sample digest"), {}, [this] { m_imports->openSample(); });
    a.add(u"watchFolders"_s, tr("&Watched folders…"), {}, [this] { m_watch->showDialog(); });
    a.add(u"followList"_s, tr("Followed authors and &topics…"), {},
          [this] { m_follow->showListDialog(); });
    a.addSeparator();
    a.add(u"export"_s, tr("&Export…"), {K(Qt::CTRL | Qt::Key_E)}, [this] { exportPapers(); });
    a.addSeparator();
    a.add(u"quit"_s, tr("&Quit"), ActionSet::standardKeys(K::Quit, K(Qt::CTRL | Qt::Key_Q)),
          [this] { close(); });

    a.beginMenu(tr("&Edit"));
    // The undo stack's actions name the change in their text ("Undo Mark read"); the overlay
    // shows a fixed label instead.
    a.adopt(u"undo"_s, m_state->createUndoAction(this),
            ActionSet::standardKeys(K::Undo, K(Qt::CTRL | Qt::Key_Z)), tr("Undo"));
    a.adopt(u"redo"_s, m_state->createRedoAction(this),
            ActionSet::standardKeys(K::Redo, K(Qt::CTRL | Qt::SHIFT | Qt::Key_Z)), tr("Redo"));
    a.addSeparator();
    a.add(u"search"_s, tr("&Search"), {K(Qt::Key_Slash)}, [this] {
        m_filter->lineEdit()->setFocus();
        m_filter->lineEdit()->selectAll();
    });
    a.add(u"escape"_s, tr("Clear search / back to list"), {K(Qt::Key_Escape)},
          [this] { escape(); });
    a.add(u"editNote"_s, tr("&Edit note"), {K(Qt::Key_E)}, [this] {
        m_notes->setPreview(false);
        m_notes->editor()->setFocus();
        m_notes->editor()->moveCursor(QTextCursor::End);
    });
    a.add(u"editTags"_s, tr("Edit &tags"), {K(Qt::Key_T)}, [this] {
        m_notes->tagsEdit()->setFocus();
        m_notes->tagsEdit()->end(false);
    });

    a.beginMenu(tr("&Paper"));
    a.add(u"next"_s, tr("&Next paper"), {K(Qt::Key_J)}, [this] { moveBy(1); });
    a.add(u"previous"_s, tr("&Previous paper"), {K(Qt::Key_K)}, [this] { moveBy(-1); });
    a.add(u"pageDown"_s, tr("Page down, then next paper"), {K(Qt::Key_Space)},
          [this] { pageForward(); });
    a.add(u"pageUp"_s, tr("Page up, then previous paper"), {K(Qt::SHIFT | Qt::Key_Space)},
          [this] { pageBack(); });
    a.add(u"nextUnread"_s, tr("Next &unread"), {K(Qt::Key_N)}, [this] { nextUnread(); });
    a.add(u"continue"_s, tr("&Continue (oldest digest with unread papers)"), {K(Qt::Key_C)},
          [this] { continueReading(); });
    a.addSeparator();
    a.add(u"star"_s, tr("&Star / unstar"), {K(Qt::Key_S)},
          [this] { m_state->toggleStar(m_currentId); });
    a.add(u"toggleRead"_s, tr("Toggle &read"), {K(Qt::Key_R)}, [this] {
        m_readTimer.stop();
        m_state->toggleRead(m_currentId);
    });
    a.add(u"moreLikeThis"_s, tr("&More like this"), {K(Qt::Key_M)}, [this] { moreLikeThis(); });
    a.add(u"markAllRead"_s, tr("Mark &all in view read"), {K(Qt::SHIFT | Qt::Key_A)},
          [this] { m_state->markAllRead(currentQuery()); });
    a.add(u"follow"_s, tr("&Follow its authors or keywords…"), {K(Qt::Key_F)},
          [this] { m_follow->followPaper(m_currentId); });
    a.addSeparator();
    a.add(u"openAbs"_s, tr("Open abstract &page"),
          {K(Qt::Key_V), K(Qt::Key_Return), K(Qt::Key_Enter)}, [this] {
              if (!m_summary->isVisible()) {
                  openAbs();
                  return;
              }
              // Enter on the end-of-digest summary: the next digest.
              if (!goToNextDigestWithUnread())
                  statusBar()->showMessage(tr("No other digest has unread papers."), 5000);
          });
    a.add(u"openPdf"_s, tr("Open P&DF"), {K(Qt::SHIFT | Qt::Key_V)}, [this] { openPdf(); });
    a.add(u"openLocal"_s, tr("&Open the saved PDF (else the abstract page)"), {K(Qt::Key_O)},
          [this] { openLocalPdfOrAbs(); });
    a.addSeparator();
    a.add(u"fetchMetadata"_s, tr("Fetch arXiv &info"), {K(Qt::Key_I)}, [this] {
        if (m_currentId)
            m_arxiv->fetchMetadata({m_currentId});
    });
    a.add(u"fetchViewMetadata"_s, tr("Fetch arXiv info for the &whole view"),
          {K(Qt::SHIFT | Qt::Key_I)}, [this] { m_arxiv->fetchView(currentQuery()); });
    a.add(u"downloadPdf"_s, tr("&Download the PDF"), {K(Qt::SHIFT | Qt::Key_D)}, [this] {
        if (m_currentId)
            m_arxiv->downloadPdf(m_currentId);
    });

    a.beginMenu(tr("&View"));
    QAction *unreadOnly = a.add(u"unreadOnly"_s, tr("&Unread only"), {K(Qt::Key_U)}, [this] {
        m_settings->setUnreadOnly(m_actions->action(u"unreadOnly"_s)->isChecked());
        applyQuery();
    });
    unreadOnly->setCheckable(true);
    a.addSeparator();
    const QList<std::tuple<QString, QString, Qt::Key>> gos = {
        {u"view:all"_s, tr("Go to All"), Qt::Key_A},
        {u"view:unread"_s, tr("Go to Unread"), Qt::Key_U},
        {u"view:starred"_s, tr("Go to Starred"), Qt::Key_S},
        {u"view:noted"_s, tr("Go to With notes"), Qt::Key_N}};
    for (const auto &[key, text, letter] : gos) {
        const QString viewKey = key;
        a.add(u"go:"_s + key, text, {K(Qt::Key_G, letter)},
              [this, viewKey] { m_sidebar->select(viewKey); });
    }
    a.addSeparator();
    a.add(u"help"_s, tr("&Keyboard help"), {K(Qt::Key_Question)}, [this] {
        m_help->setActions(m_actions->listed());
        m_help->toggle();
    });
}

void MainWindow::passCurrent() {
    if (!m_settings->markReadOnMove() || m_currentId == 0)
        return;
    const auto row = m_model->rowAt(m_model->locate(m_currentId));
    if (row && !row->read)
        m_state->apply(StateCommand::Kind::Read, {m_currentId}, true);
}

void MainWindow::moveBy(int delta) {
    const int row = m_list->currentIndex().row();
    int target = row + delta;
    // The last row of a capped list is not the end of the view (its exact count may wait
    // behind an import): the list counts on.
    if (delta > 0 && target >= m_model->rowCount())
        m_model->extendTotal();
    if (target < 0 || target >= m_model->rowCount()) {
        if (delta > 0) {
            passCurrent();
            endOfViewMessage();
        }
        return;
    }
    if (delta > 0)
        passCurrent();
    m_list->setCurrentIndex(m_model->index(target, PaperListModel::StarColumn));
}

// The next unread paper below the current one, found by the library (Navigator); at the end
// of a digest, the next digest with unread papers.
void MainWindow::nextUnread() {
    const int row = m_navigator->nextUnreadRow(m_list->currentIndex().row());
    passCurrent();
    if (row >= 0) {
        m_list->setCurrentIndex(m_model->index(row, PaperListModel::StarColumn));
        return;
    }
    // Nothing unread below: the end of the digest. A second n (the summary showing) goes on to
    // the next digest with unread papers.
    if (m_summary->isVisible() && goToNextDigestWithUnread())
        return;
    if (m_viewKey.startsWith(u"digest:"_s)) {
        endOfViewMessage(); // with the summary
        return;
    }
    statusBar()->showMessage(tr("No unread papers below this one."), 5000);
    showDigestSummary();
}

void MainWindow::pageForward() {
    if (!m_pane->pageDown())
        moveBy(1);
}

void MainWindow::pageBack() {
    if (!m_pane->pageUp())
        moveBy(-1);
}

void MainWindow::openAbs() {
    if (const auto paper = m_library->paper(m_currentId)) {
        const QUrl url = arxiv::absUrl(paper->paper);
        if (url.isValid())
            m_openUrl(url);
    }
}

void MainWindow::openPdf() {
    if (const auto paper = m_library->paper(m_currentId)) {
        const QUrl url = arxiv::pdfUrl(paper->paper);
        if (url.isValid())
            m_openUrl(url);
    }
}

// `o`: the PDF saved beside the library, with the system's viewer; else the abstract page.
void MainWindow::openLocalPdfOrAbs() {
    const std::optional<QString> pdf = m_library->pdfPath(m_currentId);
    if (pdf && !pdf->isEmpty() && QFileInfo::exists(*pdf)) {
        m_openUrl(QUrl::fromLocalFile(*pdf));
        return;
    }
    openAbs();
}

void MainWindow::escape() {
    if (m_help->isVisible()) {
        m_help->hide();
        return;
    }
    if (m_summary->isVisible()) {
        m_summary->hide();
        return;
    }
    if (m_arxiv->cancel())
        return;
    if (!m_filter->text().isEmpty())
        m_filter->clear();
    m_list->setFocus();
}

} // namespace lectern
