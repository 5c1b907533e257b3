#include "follow/personname.h"

#include "follow/foldedtext.h"

namespace lectern {

namespace {

bool givenAgree(const QString &a, const QString &b) {
    if (a == b)
        return true;
    if (a.size() == 1 || b.size() == 1)
        return a.at(0) == b.at(0);
    return false;
}

} // namespace

PersonName::PersonName(const QString &name) {
    QStringList words = FoldedText::words(name);
    if (words.isEmpty())
        return;
    m_family = words.takeLast();
    m_given = words;
}

bool PersonName::matches(const PersonName &other) const {
    if (isEmpty() || other.isEmpty() || m_family != other.m_family)
        return false;
    const qsizetype n = std::min(m_given.size(), other.m_given.size());
    for (qsizetype i = 0; i < n; ++i) {
        if (!givenAgree(m_given.at(i), other.m_given.at(i)))
            return false;
    }
    return true;
}

} // namespace lectern
