#pragma once

#include <QTableView>

namespace lectern {

class PaperListModel;

// The paper list: a table over PaperListModel. The Title column takes the width the other
// columns leave (so every column fits without a horizontal scrollbar); the others keep the
// widths the user drags them to. Only the columns the library can sort by react to header
// clicks, so the sort indicator never claims an order the list does not have.
class PaperListView : public QTableView {
    Q_OBJECT
public:
    PaperListView(PaperListModel *model, QWidget *parent = nullptr);

    // QHeaderView::saveState / restoreState, with this view's resize modes re-applied after a
    // restore (a state saved by an older layout must not bring the scrollbar back) and a sort
    // indicator on a column that cannot sort dropped.
    QByteArray headerState() const;
    void restoreHeaderState(const QByteArray &state);

protected:
    // Down at the last row of a capped list counts on (PaperListModel::extendTotal); Ctrl+End
    // there goes on to the view's last paper once its exact count arrives.
    QModelIndex moveCursor(CursorAction action, Qt::KeyboardModifiers modifiers) override;

private:
    void applyColumnLayout();
    void onTotalChanged(int total, bool exact);

    PaperListModel *m_model;
    int m_endRow = -1; // the row Ctrl+End went to in a capped list, else -1
};

} // namespace lectern
