#include "exchange/csvwriter.h"

#include "text/latextext.h"

namespace lectern {

namespace {

QString isoTime(const QDateTime &t) {
    return t.isValid() ? t.toUTC().toString(Qt::ISODateWithMs) : QString();
}

QString yesNo(bool b) {
    return b ? QStringLiteral("true") : QStringLiteral("false");
}

QString joined(const QStringList &list) {
    return list.join(QStringLiteral("; "));
}

QStringList dates(const QList<QDate> &dates) {
    QStringList out;
    for (const QDate &d : dates)
        out << d.toString(Qt::ISODate);
    return out;
}

QString row(const QStringList &fields) {
    QString line;
    for (qsizetype i = 0; i < fields.size(); ++i) {
        if (i > 0)
            line += u',';
        line += CsvWriter::field(fields.at(i));
    }
    return line + QStringLiteral("\r\n");
}

} // namespace

QStringList CsvWriter::columns() {
    return {QStringLiteral("arxiv_id"),   QStringLiteral("version"),    QStringLiteral("title"),
            QStringLiteral("authors"),    QStringLiteral("date"),       QStringLiteral("url"),
            QStringLiteral("keywords"),   QStringLiteral("summary"),    QStringLiteral("abstract"),
            QStringLiteral("digests"),    QStringLiteral("first_seen"), QStringLiteral("last_seen"),
            QStringLiteral("read"),       QStringLiteral("read_at"),    QStringLiteral("starred"),
            QStringLiteral("starred_at"), QStringLiteral("tags"),       QStringLiteral("note"),
            QStringLiteral("note_at")};
}

QString CsvWriter::field(const QString &value) {
    // Four vectorised searches (QString::contains) beat one loop that tests every character.
    const bool quote = value.contains(u',') || value.contains(u'"') || value.contains(u'\n') ||
                       value.contains(u'\r');
    if (!quote)
        return value;
    QString out;
    out.reserve(value.size() + 8);
    out += u'"';
    if (value.contains(u'"'))
        out += QString(value).replace(QLatin1Char('"'), QStringLiteral("\"\""));
    else
        out += value;
    out += u'"';
    return out;
}

QByteArray CsvWriter::begin() {
    return row(columns()).toUtf8();
}

QByteArray CsvWriter::format(const LibraryPaper &lp) const {
    const Paper &p = lp.paper;
    const bool notes = options().includeNotes;
    return row({p.arxivId, p.version > 0 ? QString::number(p.version) : QString(), plainTitle(lp),
                joined(p.authors), p.date.toString(Qt::ISODate), p.url, joined(p.keywords),
                LatexText::toPlainText(p.summary), plainAbstract(lp), joined(dates(lp.digests)),
                isoTime(lp.firstSeen), isoTime(lp.lastSeen), yesNo(lp.read), isoTime(lp.readAt),
                yesNo(lp.starred), isoTime(lp.starredAt), joined(lp.tags),
                notes ? lp.note : QString(), notes ? isoTime(lp.noteAt) : QString()})
        .toUtf8();
}

} // namespace lectern
