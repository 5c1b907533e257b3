#pragma once

// A name as written in a digest ("Jan van der Berg", "Plato", "J. R. R. Tolkien",
// "Martin Luther King Jr.") split into the parts bibliographies want.

#include <QString>

namespace lectern {

struct AuthorName {
    QString first;      // given names and initials: "Jan", "J. R. R."
    QString particle;   // lowercase prefix of the family name: "van der", "de la"
    QString last;       // family name: "Berg"; a single name ("Plato") is only last
    QString suffix;     // "Jr.", "III"
    bool whole = false; // a name that must stay as written (a collaboration, a CJK name)

    static AuthorName split(const QString &name);
    // "van der Berg, Jan" ("van der Berg, Jr., Jan" with a suffix; "Plato" alone).
    QString lastFirst() const;
    QString familyName() const; // "van der Berg"
};

// Lowercase ASCII letters and digits only: accents dropped ("Müller" -> "muller"), a few
// letters spelt out ("ß" -> "ss", "ø" -> "o"), everything else left out.
QString asciiFold(const QString &text);

} // namespace lectern
