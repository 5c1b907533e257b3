#pragma once

#include <QStyledItemDelegate>

namespace lectern {

// Paints a digest's reading progress in the sidebar: under the date a thin bar (read/total)
// and, once every paper is read, a check mark at the right of the date. Items without the
// progress roles (smart views, keywords, tags) are painted as usual.
class DigestProgressDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    static constexpr int ReadRole = Qt::UserRole + 20;  // int, on column 0
    static constexpr int TotalRole = Qt::UserRole + 21; // int, on column 0
    static constexpr int BarHeight = 3;

    explicit DigestProgressDelegate(QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

    // Whether the item at index is a digest every paper of which is read.
    static bool isDone(const QModelIndex &index);
    // read/total in [0, 1]; -1 when the item carries no progress.
    static double fraction(const QModelIndex &index);
};

} // namespace lectern
