#pragma once

#include "store/library.h"

#include <QDialog>
#include <QList>

class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;

namespace lectern {

// Settings > Followed authors and topics: the follow list with how many papers each item
// matches; Remove takes items off, the line adds one (author:NAME, kw:TERM or "a phrase").
// The changes are applied by the caller when the dialog is accepted (follows()).
class FollowListDialog : public QDialog {
    Q_OBJECT
public:
    explicit FollowListDialog(const QList<FollowEntry> &entries, QWidget *parent = nullptr);

    QList<Follow> follows() const; // the list as the user left it
    // Adds what the line says; false (the reason shown under it) when it cannot be parsed.
    bool addFromLine();
    void removeSelected();
    QListWidget *list() const { return m_list; }
    QLineEdit *line() const { return m_line; }

private:
    void refresh();

    QList<FollowEntry> m_entries; // papers 0 and id 0 for items added here
    QListWidget *m_list;
    QLineEdit *m_line;
    QLabel *m_error;
    QPushButton *m_remove;
};

} // namespace lectern
