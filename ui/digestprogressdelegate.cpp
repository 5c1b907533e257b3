#include "digestprogressdelegate.h"

#include <QPainter>

namespace lectern {

DigestProgressDelegate::DigestProgressDelegate(QObject *parent)
    : QStyledItemDelegate(parent) {}

double DigestProgressDelegate::fraction(const QModelIndex &index) {
    const QModelIndex first = index.siblingAtColumn(0);
    const QVariant total = first.data(TotalRole);
    if (!total.isValid() || total.toInt() <= 0)
        return -1;
    return qBound(0.0, first.data(ReadRole).toDouble() / total.toDouble(), 1.0);
}

bool DigestProgressDelegate::isDone(const QModelIndex &index) {
    return fraction(index) >= 1.0;
}

QSize DigestProgressDelegate::sizeHint(const QStyleOptionViewItem &option,
                                       const QModelIndex &index) const {
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    size.setHeight(size.height() + BarHeight + 1); // room for the bar (rows are uniform)
    return size;
}

void DigestProgressDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                                   const QModelIndex &index) const {
    QStyledItemDelegate::paint(painter, option, index);
    if (index.column() != 0)
        return;
    const double done = fraction(index);
    if (done < 0)
        return;
    const QPalette &pal = option.palette;
    const QRect r = option.rect.adjusted(2, 0, -4, 0);
    const QRect track(r.left(), r.bottom() - BarHeight, r.width(), BarHeight - 1);
    painter->save();
    painter->setPen(Qt::NoPen);
    QColor trackColour = pal.color(QPalette::Text);
    trackColour.setAlphaF(0.15f);
    painter->setBrush(trackColour);
    painter->drawRect(track);
    const bool selected = option.state & QStyle::State_Selected;
    painter->setBrush(pal.color(selected ? QPalette::HighlightedText : QPalette::Highlight));
    painter->drawRect(QRect(track.left(), track.top(), int(track.width() * done), track.height()));
    if (done >= 1.0) {
        // The check mark, drawn (no font needs the glyph) at the right of the date.
        const int h = qMax(6, option.fontMetrics.height() / 2);
        const QPoint c(r.right() - h, option.rect.center().y() - 1);
        QPen pen(selected ? pal.color(QPalette::HighlightedText) : QColor(0x2e, 0x9e, 0x4f));
        pen.setWidthF(2.0);
        pen.setCapStyle(Qt::RoundCap);
        pen.setJoinStyle(Qt::RoundJoin);
        painter->setRenderHint(QPainter::Antialiasing);
        painter->setPen(pen);
        painter->setBrush(Qt::NoBrush);
        const QPointF points[3] = {QPointF(c.x() - h / 2.0, c.y()),
                                   QPointF(c.x() - h / 8.0, c.y() + h / 2.5),
                                   QPointF(c.x() + h / 1.6, c.y() - h / 2.0)};
        painter->drawPolyline(points, 3);
    }
    painter->restore();
}

} // namespace lectern
