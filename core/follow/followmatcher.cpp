#include "follow/followmatcher.h"

#include "follow/foldedtext.h"

#include <optional>

namespace lectern {

namespace {

// The paper's words, folded once per paper however many topics are followed.
struct PaperWords {
    explicit PaperWords(const FollowSubject &p)
        : title(FoldedText::words(p.title))
        , abstract(FoldedText::words(p.abstract))
        , summary(FoldedText::words(p.summary)) {
        for (const QString &k : p.keywords)
            keywords << FoldedText::words(k);
    }
    bool contain(const QStringList &needle) const {
        if (FoldedText::containsWords(title, needle) ||
            FoldedText::containsWords(abstract, needle) ||
            FoldedText::containsWords(summary, needle))
            return true;
        for (const QStringList &k : keywords) {
            if (FoldedText::containsWords(k, needle))
                return true;
        }
        return false;
    }
    QStringList title, abstract, summary;
    QList<QStringList> keywords;
};

bool anyAuthor(const PersonName &person, const QList<PersonName> &authors) {
    for (const PersonName &a : authors) {
        if (person.matches(a))
            return true;
    }
    return false;
}

} // namespace

FollowMatcher::FollowMatcher(const QList<Follow> &follows) {
    m_items.reserve(follows.size());
    for (const Follow &f : follows) {
        Item item{f, {}, {}};
        if (f.isAuthor())
            item.person = PersonName(f.value());
        else
            item.words = FoldedText::words(f.value());
        m_items << item;
    }
}

QList<int> FollowMatcher::matches(const FollowSubject &paper) const {
    QList<int> out;
    if (m_items.isEmpty())
        return out;
    QList<PersonName> authors;
    std::optional<PaperWords> words; // folded only when a topic is followed
    for (qsizetype i = 0; i < m_items.size(); ++i) {
        const Item &item = m_items.at(i);
        bool hit = false;
        if (item.follow.isAuthor()) {
            if (authors.isEmpty())
                for (const QString &a : paper.authors)
                    authors << PersonName(a);
            hit = anyAuthor(item.person, authors);
        } else {
            if (!words)
                words.emplace(paper);
            hit = words->contain(item.words);
        }
        if (hit)
            out << int(i);
    }
    return out;
}

bool FollowMatcher::matches(int index, const FollowSubject &paper) const {
    if (index < 0 || index >= m_items.size())
        return false;
    const Item &item = m_items.at(index);
    if (!item.follow.isAuthor())
        return PaperWords(paper).contain(item.words);
    for (const QString &a : paper.authors) {
        if (item.person.matches(PersonName(a)))
            return true;
    }
    return false;
}

QStringList FollowMatcher::matchedAuthors(const QStringList &authors) const {
    QStringList out;
    for (const QString &a : authors) {
        const PersonName name(a);
        for (const Item &item : m_items) {
            if (item.follow.isAuthor() && item.person.matches(name)) {
                out << a;
                break;
            }
        }
    }
    return out;
}

bool FollowMatcher::names(const Follow &follow, const QString &name) {
    if (follow.isAuthor())
        return PersonName(follow.value()).matches(PersonName(name));
    return FoldedText::containsWords(FoldedText::words(follow.value()), FoldedText::words(name));
}

} // namespace lectern
