// The window's part of "For you" and "More like this": RankController (the ranking on the
// database worker) wired to the state changes, the sidebar's two views and the status bar.
#include "mainwindow.h"

#include "importcontroller.h"
#include "paperlistmodel.h"
#include "paperlistview.h"
#include "rankcontroller.h"
#include "sidebar.h"
#include "statecontroller.h"
#include "text/latextext.h"

#include <QStatusBar>

using namespace Qt::StringLiterals;

namespace lectern {

void MainWindow::connectRanking() {
    m_rank = new RankController(m_worker, this);
    // Stars, notes and reads teach For you; it trains once they settle.
    connect(m_state, &StateController::changed, m_rank, [this] { m_rank->scheduleUpdate(); });
    connect(m_state, &StateController::noteWritten, m_rank, [this] { m_rank->scheduleUpdate(); });
    connect(m_imports, &ImportController::importDone, m_rank, [this] { m_rank->scheduleUpdate(); });
    connect(m_rank, &RankController::message, this,
            [this](const QString &text, int ms) { statusBar()->showMessage(text, ms); });
    connect(m_rank, &RankController::updated, this,
            [this](bool, bool orderChanged, const QString &message) {
                if (m_viewKey != u"view:foryou"_s)
                    return;
                statusBar()->showMessage(message, 8000);
                // Only the first order learnt (or the return to dates) is shown at once; a
                // retrained order waits for the view to be chosen again: a list reordering
                // under the reader's j would lose their place.
                if (orderChanged)
                    applyQuery();
            });
    connect(m_rank, &RankController::similarReady, this, [this](qint64 source, int count) {
        const auto paper = m_library->paper(source);
        const QString title = paper ? LatexText::toPlainText(paper->paper.title) : QString();
        statusBar()->showMessage(count == 0 ? tr("No papers like “%1”.").arg(title)
                                            : tr("%n papers like “%1”", nullptr, count).arg(title),
                                 8000);
        if (m_viewKey == u"view:similar"_s)
            applyQuery();
        else
            m_sidebar->select(u"view:similar"_s);
        if (m_model->rowCount() > 0)
            m_list->setCurrentIndex(m_model->index(0, PaperListModel::StarColumn));
    });
    connect(m_sidebar, &Sidebar::viewSelected, m_rank, [this](const QString &key) {
        if (key == u"view:foryou"_s && !m_rank->lastMessage().isEmpty())
            statusBar()->showMessage(m_rank->lastMessage(), 8000);
        // Ranked when For you is shown, not at start-up: the library as it is then.
        m_rank->setWanted(key == u"view:foryou"_s);
    });
}

// `m`: the papers nearest the shown one, as the "More like this" view.
void MainWindow::moreLikeThis() {
    if (m_currentId != 0)
        m_rank->showSimilar(m_currentId);
}

} // namespace lectern
