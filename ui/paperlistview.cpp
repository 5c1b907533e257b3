#include "paperlistview.h"

#include "paperlistmodel.h"

#include <QHeaderView>
#include <QMouseEvent>

#include <utility>

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
    : QTableView(parent)
    , m_model(model) {
    setHorizontalHeader(new PaperListHeader(this));
    setModel(model);
    connect(model, &PaperListModel::totalChanged, this, &PaperListView::onTotalChanged);
    connect(model, &QAbstractItemModel::modelReset, this, [this] { m_endRow = -1; });
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

QModelIndex PaperListView::moveCursor(CursorAction action, Qt::KeyboardModifiers modifiers) {
    const bool capped = !m_model->isTotalExact();
    if (capped && (action == MoveDown || action == MovePageDown) &&
        currentIndex().row() >= m_model->rowCount() - 1)
        m_model->extendTotal();
    const QModelIndex to = QTableView::moveCursor(action, modifiers);
    const bool toEnd = action == MoveEnd && (modifiers & Qt::ControlModifier);
    m_endRow = toEnd && !m_model->isTotalExact() ? to.row() : -1;
    return to;
}

// The exact total of a list Ctrl+End went to the end of while capped: the end moves on, unless
// the reader has moved since.
void PaperListView::onTotalChanged(int total, bool exact) {
    if (!exact || m_endRow < 0)
        return;
    const int endRow = std::exchange(m_endRow, -1);
    const QModelIndex current = currentIndex();
    if (total <= 0 || current.row() != endRow)
        return;
    const QModelIndex last = m_model->index(total - 1, current.column());
    setCurrentIndex(last);
    scrollTo(last);
}

} // namespace lectern
