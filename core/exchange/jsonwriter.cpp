#include "exchange/jsonwriter.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace lectern {

namespace {

QJsonValue timeValue(const QDateTime &t) {
    return t.isValid() ? QJsonValue(t.toUTC().toString(Qt::ISODateWithMs)) : QJsonValue();
}

QJsonValue dateValue(const QDate &d) {
    return d.isValid() ? QJsonValue(d.toString(Qt::ISODate)) : QJsonValue();
}

QJsonArray dateArray(const QList<QDate> &dates) {
    QJsonArray out;
    for (const QDate &d : dates)
        out << d.toString(Qt::ISODate);
    return out;
}

QJsonValue stringOrNull(const QString &s) {
    return s.isEmpty() ? QJsonValue() : QJsonValue(s);
}

void addPaperFields(QJsonObject *o, const Paper &p) {
    o->insert(QStringLiteral("arxiv_id"), stringOrNull(p.arxivId));
    o->insert(QStringLiteral("version"), p.version);
    o->insert(QStringLiteral("title"), p.title);
    o->insert(QStringLiteral("authors"), QJsonArray::fromStringList(p.authors));
    o->insert(QStringLiteral("date"), dateValue(p.date));
    o->insert(QStringLiteral("url"), stringOrNull(p.url));
    o->insert(QStringLiteral("abstract"), p.abstract);
    o->insert(QStringLiteral("keywords"), QJsonArray::fromStringList(p.keywords));
    o->insert(QStringLiteral("keyword_hints"), QJsonArray::fromStringList(p.keywordHints));
    o->insert(QStringLiteral("summary"), stringOrNull(p.summary));
}

void addUserFields(QJsonObject *o, const LibraryPaper &lp, bool notes) {
    o->insert(QStringLiteral("read"), lp.read);
    o->insert(QStringLiteral("read_at"), timeValue(lp.readAt));
    o->insert(QStringLiteral("starred"), lp.starred);
    o->insert(QStringLiteral("starred_at"), timeValue(lp.starredAt));
    o->insert(QStringLiteral("tags"), QJsonArray::fromStringList(lp.tags));
    if (notes) {
        o->insert(QStringLiteral("note"), stringOrNull(lp.note));
        o->insert(QStringLiteral("note_at"), timeValue(lp.noteAt));
    }
    o->insert(QStringLiteral("digests"), dateArray(lp.digests));
    o->insert(QStringLiteral("first_seen"), timeValue(lp.firstSeen));
    o->insert(QStringLiteral("last_seen"), timeValue(lp.lastSeen));
}

} // namespace

QJsonObject JsonWriter::object(const LibraryPaper &lp) const {
    QJsonObject o;
    addPaperFields(&o, lp.paper);
    o.insert(QStringLiteral("title_text"), plainTitle(lp));
    addUserFields(&o, lp, options().includeNotes);
    return o;
}

QByteArray JsonWriter::begin() {
    return QByteArrayLiteral(
        "{\n\"format\": \"lectern-export\",\n\"version\": 1,\n\"papers\": [\n");
}

QByteArray JsonWriter::paper(const LibraryPaper &lp) {
    QByteArray out = m_first ? QByteArray() : QByteArrayLiteral(",\n");
    m_first = false;
    out += QJsonDocument(object(lp)).toJson(QJsonDocument::Compact);
    return out;
}

QByteArray JsonWriter::end() {
    return m_first ? QByteArrayLiteral("]\n}\n") : QByteArrayLiteral("\n]\n}\n");
}

} // namespace lectern
