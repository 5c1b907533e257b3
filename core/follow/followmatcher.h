#pragma once

#include "follow/follow.h"
#include "follow/personname.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace lectern {

// The text of a paper the follow list is matched against.
struct FollowSubject {
    QString title;
    QStringList authors;
    QString abstract;
    QString summary;
    QStringList keywords;
};

// Matches papers against a follow list, prepared once (names parsed, words folded) and then
// used for many papers: an author follow matches an author of the paper (PersonName::matches),
// a keyword or phrase matches whole words, in order, in the title, abstract, summary or a
// keyword, without case or accents.
class FollowMatcher {
public:
    explicit FollowMatcher(const QList<Follow> &follows = {});

    bool isEmpty() const { return m_items.isEmpty(); }
    // The indexes (into the list given) of the follows the paper matches.
    QList<int> matches(const FollowSubject &paper) const;
    bool matches(int index, const FollowSubject &paper) const;

    // The authors of the paper matched by an author follow of the list, as written in the paper.
    QStringList matchedAuthors(const QStringList &authors) const;

    // follows:NAME — does NAME name this follow? For an author, NAME is compared as a name
    // ("LeCun", "Y. LeCun" name author:"Yann LeCun"); for a topic, NAME's words equal the
    // topic's or occur in it.
    static bool names(const Follow &follow, const QString &name);

private:
    struct Item {
        Follow follow;
        PersonName person; // authors
        QStringList words; // topics
    };
    QList<Item> m_items;
};

} // namespace lectern
