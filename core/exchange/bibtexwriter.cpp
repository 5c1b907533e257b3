#include "exchange/bibtexwriter.h"

#include "exchange/authorname.h"
#include "exchange/textfields.h"

#include <QUrl>

namespace lectern {

namespace {

const QStringList &stopWords() {
    static const QStringList words = {
        QStringLiteral("a"),    QStringLiteral("an"),      QStringLiteral("the"),
        QStringLiteral("on"),   QStringLiteral("of"),      QStringLiteral("in"),
        QStringLiteral("for"),  QStringLiteral("to"),      QStringLiteral("and"),
        QStringLiteral("with"), QStringLiteral("from"),    QStringLiteral("by"),
        QStringLiteral("at"),   QStringLiteral("towards"), QStringLiteral("toward"),
        QStringLiteral("via"),  QStringLiteral("is"),      QStringLiteral("are"),
        QStringLiteral("do"),   QStringLiteral("does"),    QStringLiteral("can"),
        QStringLiteral("what"), QStringLiteral("how"),     QStringLiteral("why"),
        QStringLiteral("when"), QStringLiteral("we"),      QStringLiteral("your")};
    return words;
}

QString firstSignificantWord(const QString &title) {
    for (const QString &word : title.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        const QString folded = asciiFold(word);
        if (!folded.isEmpty() && !stopWords().contains(folded))
            return folded;
    }
    return {};
}

// a, b, ..., z, aa, ab, ...: the n-th clash suffix (n from 0).
QString clashSuffix(int n) {
    QString s;
    do {
        s.prepend(QChar(u'a' + n % 26));
        n = n / 26 - 1;
    } while (n >= 0);
    return s;
}

const char *monthMacro(int month) {
    static const char *names[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                  "jul", "aug", "sep", "oct", "nov", "dec"};
    return month >= 1 && month <= 12 ? names[month - 1] : nullptr;
}

// An escaped word in braces. A group that starts with a command is a BibTeX "special
// character" whose letters styles still change, so such a word starts with an empty group.
QString braced(const QString &escaped) {
    if (escaped.startsWith(QLatin1Char('\\')))
        return QStringLiteral("{{}") + escaped + u'}';
    return u'{' + escaped + u'}';
}

bool hasCapital(const QString &word) {
    for (QChar c : word) {
        if (c.isUpper())
            return true;
    }
    return false;
}

// An author in the "Last, First" form, case kept; a name kept whole goes in braces.
QString authorField(const QString &name) {
    const AuthorName a = AuthorName::split(name);
    if (a.whole || (a.first.isEmpty() && a.suffix.isEmpty()))
        return u'{' + BibtexWriter::escape(a.familyName()) + u'}';
    return BibtexWriter::escape(a.lastFirst());
}

// The URL as a BibTeX field: characters that would break the entry are percent-encoded.
QString urlField(const QString &url) {
    QString out;
    for (QChar c : url) {
        if (c == u'{' || c == u'}' || c == u'\\' || c == u'%' || c.isSpace() || c == u'#' ||
            c.unicode() >= 0x80)
            out += QString::fromLatin1(QUrl::toPercentEncoding(QString(c)));
        else
            out += c;
    }
    return out;
}

void addField(QString *entry, const char *name, const QString &value) {
    if (value.isEmpty())
        return;
    *entry += QStringLiteral("  ") + QLatin1String(name) + QStringLiteral(" = {") + value +
              QStringLiteral("},\n");
}

} // namespace

QString BibtexWriter::escape(const QString &text) {
    QString out;
    out.reserve(text.size() + 8);
    for (QChar c : text) {
        switch (c.unicode()) {
        case u'\\':
            out += QStringLiteral("\\textbackslash{}");
            break;
        case u'{':
            out += QStringLiteral("\\textbraceleft{}");
            break;
        case u'}':
            out += QStringLiteral("\\textbraceright{}");
            break;
        case u'^':
            out += QStringLiteral("\\textasciicircum{}");
            break;
        case u'~':
            out += QStringLiteral("\\textasciitilde{}");
            break;
        case u'%':
        case u'&':
        case u'$':
        case u'#':
        case u'_':
            out += u'\\';
            out += c;
            break;
        default:
            out += c;
        }
    }
    return out;
}

QString BibtexWriter::protectCase(const QString &text) {
    QStringList words = text.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    for (QString &w : words)
        w = hasCapital(w) ? braced(escape(w)) : escape(w);
    return words.join(QLatin1Char(' '));
}

QString BibtexWriter::authors(const QStringList &names) {
    QStringList out;
    for (const QString &n : names) {
        if (!n.trimmed().isEmpty())
            out << authorField(n);
    }
    return out.join(QStringLiteral(" and "));
}

QString BibtexWriter::baseKey(const LibraryPaper &lp, const QString &title) {
    const Paper &p = lp.paper;
    QString name;
    if (!p.authors.isEmpty()) {
        const AuthorName a = AuthorName::split(p.authors.first());
        // A group's name: its first significant word ("The ATLAS Collaboration": atlas).
        name = a.whole ? firstSignificantWord(a.last) : asciiFold(a.last);
    }
    if (name.isEmpty())
        name = QStringLiteral("anon");
    const QString year = p.date.isValid() ? QString::number(p.date.year()) : QString();
    return name + year + firstSignificantWord(title);
}

// The entry starts "@misc{KEY,": the base key becomes unique here, in file order.
void BibtexWriter::settle(QByteArray *entry) {
    constexpr qsizetype start = sizeof("@misc{") - 1;
    const qsizetype comma = entry->indexOf(',', start);
    if (!entry->startsWith("@misc{") || comma < 0)
        return;
    const QByteArray base = entry->mid(start, comma - start);
    QByteArray key = base;
    for (int n = 0; m_keys.contains(key); ++n)
        key = base + clashSuffix(n).toLatin1();
    m_keys.insert(key);
    if (key.size() != base.size())
        entry->insert(comma, QByteArrayView(key).sliced(base.size()));
}

QByteArray BibtexWriter::format(const LibraryPaper &lp) const {
    const Paper &p = lp.paper;
    const QString title = plainTitle(lp);
    QString e = QStringLiteral("@misc{") + baseKey(lp, title) + QStringLiteral(",\n");
    addField(&e, "title", protectCase(title));
    addField(&e, "author", authors(p.authors));
    if (p.date.isValid()) {
        addField(&e, "year", QString::number(p.date.year()));
        e += QStringLiteral("  month = ") + QLatin1String(monthMacro(p.date.month())) +
             QStringLiteral(",\n");
    }
    addField(&e, "eprint", escape(p.arxivId));
    if (!p.arxivId.isEmpty())
        addField(&e, "archivePrefix", QStringLiteral("arXiv"));
    addField(&e, "url", urlField(p.url));
    addField(&e, "keywords", escape(p.keywords.join(QStringLiteral(", "))));
    if (options().includeNotes)
        addField(&e, "note", escape(textfields::simplified(lp.note)));
    e.chop(2); // the last field's ",\n"
    e += QStringLiteral("\n}\n\n");
    return e.toUtf8();
}

} // namespace lectern
