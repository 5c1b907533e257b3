#include "navigator.h"

#include "paperlistmodel.h"
#include "search/queryterms.h"

namespace lectern {

Navigator::Navigator(const Library *library, PaperListModel *model)
    : m_library(library)
    , m_model(model) {}

int Navigator::count(const QString &query) const {
    return m_library->query(query, SortOrder::Date, 0, 0).total;
}

int Navigator::nextUnreadRow(int row) const {
    const qint64 from = row >= 0 ? m_model->idAt(row) : 0;
    const QString unread =
        QueryTerms::all({m_model->query(), QueryTerms::state(QueryTerms::State::Unread)});
    // The list reversed lists the library's order from the end: "after" there is "before" here.
    const std::optional<qint64> next =
        m_library->nextInView(unread, m_model->sortOrder(), from, m_model->isReversed());
    if (!next || *next == 0)
        return -1;
    return m_model->locate(*next);
}

QDate Navigator::nextDigestWithUnread(QDate current) const {
    return m_library->nextDigestWithUnread(current);
}

int Navigator::unreadCount(const QString &query) const {
    return count(QueryTerms::all({query, QueryTerms::state(QueryTerms::State::Unread)}));
}

} // namespace lectern
