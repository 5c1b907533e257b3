#pragma once

#include "listeditdialog.h"
#include "store/library.h"

#include <QList>

class QLabel;
class QLineEdit;

namespace lectern {

// Settings > Followed authors and topics: the follow list with how many papers each item
// matches; Remove takes items off, the line adds one (author:NAME, kw:TERM or "a phrase").
// The changes are applied by the caller when the dialog is accepted (follows()).
class FollowListDialog : public ListEditDialog {
    Q_OBJECT
public:
    explicit FollowListDialog(const QList<FollowEntry> &entries, QWidget *parent = nullptr);

    QList<Follow> follows() const; // the list as the user left it
    // Adds what the line says; false (the reason shown under it) when it cannot be parsed.
    bool addFromLine();
    void removeSelected() override;
    QLineEdit *line() const { return m_line; }

private:
    void refresh();

    QList<FollowEntry> m_entries; // papers 0 and id 0 for items added here
    QLineEdit *m_line;
    QLabel *m_error;
};

} // namespace lectern
