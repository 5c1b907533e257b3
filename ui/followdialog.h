#pragma once

#include "follow/follow.h"

#include <QDialog>
#include <QList>

class QListWidget;

namespace lectern {

// `f` on a paper: its authors and keywords, each with a check box (checked: followed now).
// Keyboard: arrows move, Space toggles, Enter accepts, Esc cancels.
class FollowDialog : public QDialog {
    Q_OBJECT
public:
    FollowDialog(const QList<Follow> &offered, const QList<bool> &followed,
                 QWidget *parent = nullptr);

    QList<bool> checked() const; // parallel to offered
    QListWidget *list() const { return m_list; }

private:
    QListWidget *m_list;
};

} // namespace lectern
