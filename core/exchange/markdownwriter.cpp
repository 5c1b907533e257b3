#include "exchange/markdownwriter.h"

#include <QUrl>

namespace lectern {

namespace {

// A URL as a link destination in <...>: characters that would end or break it encoded.
QString linkTarget(const QString &url) {
    QString out;
    for (QChar c : url) {
        if (c == u'<' || c == u'>' || c == u' ' || c == u'\n' || c == u'\\')
            out += QString::fromLatin1(QUrl::toPercentEncoding(QString(c)));
        else
            out += c;
    }
    return u'<' + out + u'>';
}

QString escapedList(const QStringList &items) {
    QStringList out;
    for (const QString &s : items)
        out << MarkdownWriter::escape(s);
    return out.join(QStringLiteral(", "));
}

// The note as a quote inside the list item (indented to the item's text).
QString quotedNote(const QString &note) {
    QString out = QStringLiteral("\n");
    for (const QString &line : note.trimmed().split(QLatin1Char('\n'))) {
        out += QStringLiteral("  >");
        if (!line.trimmed().isEmpty())
            out += u' ' + line;
        out += u'\n';
    }
    return out;
}

QString detailLine(const LibraryPaper &lp) {
    const Paper &p = lp.paper;
    QStringList parts;
    if (!p.authors.isEmpty())
        parts << escapedList(p.authors);
    if (p.date.isValid())
        parts << p.date.toString(Qt::ISODate);
    if (!p.arxivId.isEmpty())
        parts << QStringLiteral("arXiv:") + MarkdownWriter::escape(p.arxivId);
    return parts.join(QStringLiteral(" · "));
}

} // namespace

QString MarkdownWriter::escape(const QString &text) {
    QString out;
    out.reserve(text.size() + 8);
    for (QChar c : text) {
        switch (c.unicode()) {
        case u'\\':
        case u'`':
        case u'*':
        case u'_':
        case u'[':
        case u']':
        case u'<':
        case u'>':
        case u'#':
        case u'|':
        case u'$':
        case u'~':
        case u'&':
        case u'!':
            out += u'\\';
            out += c;
            break;
        case u'\n':
        case u'\r':
        case u'\t':
            out += u' ';
            break;
        default:
            out += c;
        }
    }
    return out;
}

QByteArray MarkdownWriter::begin() {
    return QByteArrayLiteral("# Reading list\n\n");
}

QByteArray MarkdownWriter::format(const LibraryPaper &lp) const {
    const Paper &p = lp.paper;
    const QString title = escape(plainTitle(lp));
    QString item = QStringLiteral("- ");
    if (lp.starred)
        item += QStringLiteral("★ ");
    if (p.url.isEmpty())
        item += QStringLiteral("**") + title + QStringLiteral("**");
    else
        item += QStringLiteral("**[") + title + QStringLiteral("](") + linkTarget(p.url) +
                QStringLiteral(")**");
    const QString details = detailLine(lp);
    if (!details.isEmpty())
        item += QStringLiteral("  \n  ") + details;
    if (!p.keywords.isEmpty())
        item += QStringLiteral("  \n  Keywords: ") + escapedList(p.keywords);
    if (!lp.tags.isEmpty())
        item += QStringLiteral("  \n  Tags: ") + escapedList(lp.tags);
    item += u'\n';
    if (options().includeNotes && !lp.note.trimmed().isEmpty())
        item += quotedNote(lp.note);
    return (item + u'\n').toUtf8();
}

} // namespace lectern
