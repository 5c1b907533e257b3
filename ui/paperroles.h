#pragma once

#include <Qt>

namespace lectern {

// Data roles of PaperListModel, shared by the views and delegates that read it.
enum PaperRole : int {
    PaperIdRole = Qt::UserRole + 1, // qint64 library row id
    ArxivIdRole,                    // QString
    TitleSourceRole,                // QString, the title as written (LaTeX)
    ReadRole,                       // bool
    StarredRole,                    // bool
    HasNoteRole,                    // bool
    KeywordsRole,                   // QStringList
    AuthorsRole,                    // QStringList
    DateRole,                       // QDate, the paper's own date
    NewerVersionRole,               // bool, arXiv has a later version than the digest's
    FollowedRole,                   // bool, matches an item of the follow list
};

} // namespace lectern
