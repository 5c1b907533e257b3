#include "paperlistview.h"

#include "paperlistmodel.h"

#include <QHeaderView>
#include <QMouseEvent>

using namespace Qt::StringLiterals;

namespace lectern {

namespace {

// A header whose clicks sort only the sortable columns. A click on any other section is let
// through as a plain click (resizing and pressing still work) without flipping the indicator.
class PaperListHeader : public QHeaderView {
public:
    explicit PaperListHeader(QWidget *parent)
        : QHeaderView(Qt::Horizontal, parent) {
        setSectionsClickable(true); // QTableView does this for its own header only
    }

protected:
    void mouseReleaseEvent(QMouseEvent *event) override {
        const int section = logicalIndexAt(event->position().toPoint());
        const bool clickable = sectionsClickable();
        const bool block = clickable && section >= 0 && !PaperListModel::isSortableColumn(section);
        if (block)
            setSectionsClickable(false);
        QHeaderView::mouseReleaseEvent(event);
        if (block) {
            setSectionsClickable(true);
            viewport()->update();
        }
    }
};

} // namespace

PaperListView::PaperListView(PaperListModel *model, QWidget *parent)
    : QTableView(parent) {
    setHorizontalHeader(new PaperListHeader(this));
    setModel(model);
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setSelectionMode(QAbstractItemView::SingleSelection);
    setShowGrid(false);
    setWordWrap(false);
    setAlternatingRowColors(true);
    setTextElideMode(Qt::ElideRight);
    verticalHeader()->hide();
    verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
    QHeaderView *header = horizontalHeader();
    header->setHighlightSections(false);
    header->setSortIndicatorClearable(true);
    header->setSortIndicator(-1, Qt::DescendingOrder);
    setSortingEnabled(true);
    setColumnWidth(PaperListModel::StarColumn, 28);
    setColumnWidth(PaperListModel::AuthorsColumn, 130);
    setColumnWidth(PaperListModel::DateColumn,
                   fontMetrics().horizontalAdvance(u"0000-00-00"_s) + 24);
    setColumnWidth(PaperListModel::KeywordsColumn, 120);
    applyColumnLayout();
    viewport()->setAcceptDrops(false);
}

void PaperListView::applyColumnLayout() {
    QHeaderView *header = horizontalHeader();
    header->setStretchLastSection(false);
    header->setMinimumSectionSize(24);
    for (int c = 0; c < PaperListModel::ColumnCount; ++c)
        header->setSectionResizeMode(
            c, c == PaperListModel::TitleColumn ? QHeaderView::Stretch : QHeaderView::Interactive);
    header->setSectionResizeMode(PaperListModel::StarColumn, QHeaderView::Fixed);
}

QByteArray PaperListView::headerState() const {
    return horizontalHeader()->saveState();
}

void PaperListView::restoreHeaderState(const QByteArray &state) {
    QHeaderView *header = horizontalHeader();
    const int starWidth = columnWidth(PaperListModel::StarColumn);
    if (state.isEmpty() || !header->restoreState(state))
        return;
    applyColumnLayout();
    setColumnWidth(PaperListModel::StarColumn, starWidth);
    const int sorted = header->sortIndicatorSection();
    if (sorted >= 0 && !PaperListModel::isSortableColumn(sorted))
        header->setSortIndicator(-1, Qt::DescendingOrder);
}

} // namespace lectern
