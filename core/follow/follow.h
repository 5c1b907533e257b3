#pragma once

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace lectern {

// One item of the follow list: an author, a keyword or a phrase. Written as
// `author:NAME`, `kw:TERM` or `"a phrase"` (a bare word is a keyword, bare words a phrase).
class Follow {
public:
    enum class Kind { Author, Keyword, Phrase };

    Follow() = default;
    Follow(Kind kind, const QString &value);

    // Parses the written form; nullopt with *error (saying what is wrong) for an empty value or
    // an unknown prefix.
    static std::optional<Follow> parse(const QString &spec, QString *error = nullptr);

    Kind kind() const { return m_kind; }
    QString value() const { return m_value; }
    bool isAuthor() const { return m_kind == Kind::Author; }
    // The written form: author:"Yann LeCun", kw:llm, "speculative decoding".
    QString spec() const;
    // "author", "kw" or "phrase" (how the library stores the kind).
    QString kindName() const;
    static std::optional<Kind> kindFromName(const QString &name);
    // What makes two items the same: the kind and the folded words ("Łukasz Kaiser" and
    // "lukasz kaiser" are one follow).
    QString key() const;

    bool operator==(const Follow &o) const { return m_kind == o.m_kind && key() == o.key(); }

private:
    Kind m_kind = Kind::Keyword;
    QString m_value;
};

} // namespace lectern
