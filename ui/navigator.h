#pragma once

#include "store/library.h"

#include <QCoreApplication>
#include <QDate>

namespace lectern {

class PaperListModel;

// Where `n` goes and what the end of a view says, asked of the library (never of the
// sidebar's cached counts, never by paging through the list): the next unread paper of the
// list's view, and the next digest with unread papers (the end-of-view figures: SummaryLoader).
class Navigator {
    Q_DECLARE_TR_FUNCTIONS(Navigator)
public:
    Navigator(const Library *library, PaperListModel *model);

    // The row of the first unread paper after `row` in the list (row -1: from the top), or -1.
    int nextUnreadRow(int row) const;
    // The digest to go to after the one of `current` (Library::nextDigestWithUnread).
    QDate nextDigestWithUnread(QDate current) const;
    int unreadCount(const QString &query) const;

private:
    int count(const QString &query) const;

    const Library *m_library;
    PaperListModel *m_model; // locate() may grow a capped list
};

} // namespace lectern
