#pragma once

#include <QString>
#include <QStringList>

namespace lectern {

// An author's name as the follow list compares it: the family name (the last word) and the
// given names before it, folded (no case, no accents) and split at spaces, dots and hyphens,
// so "J.-P. Müller" is given {j, p}, family "muller".
class PersonName {
public:
    PersonName() = default;
    explicit PersonName(const QString &name);

    bool isEmpty() const { return m_family.isEmpty(); }

    // Same family name, and the given names agree as far as both have them: equal, or one is
    // an initial of the other ("Y." ~ "Yann", "J. M." ~ "John Michael", "John" ~ "John
    // Michael"). A name with no given names (just "LeCun") agrees with every given name.
    // "Y. LeCun" does not match "A. LeCun".
    bool matches(const PersonName &other) const;

private:
    QString m_family;
    QStringList m_given;
};

} // namespace lectern
