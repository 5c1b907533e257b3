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

private:
    void applyColumnLayout();
};

} // namespace lectern
