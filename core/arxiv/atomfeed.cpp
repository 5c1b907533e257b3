#include "arxiv/atomfeed.h"

#include "model/arxiv.h"

#include <QRegularExpression>
#include <QXmlStreamReader>

namespace lectern {

namespace {

constexpr QLatin1StringView kAtomNs("http://www.w3.org/2005/Atom");
constexpr QLatin1StringView kArxivNs("http://arxiv.org/schemas/atom");
constexpr QLatin1StringView kErrorIdPrefix("http://arxiv.org/api/errors");

// "http://arxiv.org/abs/2505.01259v2" -> ("2505.01259", 2)
void splitAbsId(const QString &idUrl, ArxivRecord *record) {
    static const QRegularExpression version(QStringLiteral("v(\\d+)$"));
    const QString id = arxiv::normaliseId(idUrl);
    record->arxivId = id;
    const QRegularExpressionMatch m = version.match(idUrl.trimmed());
    record->version = m.hasMatch() ? m.captured(1).toInt() : 0;
}

QDateTime timestamp(const QString &text) {
    QDateTime t = QDateTime::fromString(text.trimmed(), Qt::ISODate);
    return t.isValid() ? t.toUTC() : QDateTime();
}

class EntryReader {
public:
    explicit EntryReader(QXmlStreamReader *xml)
        : m_xml(xml) {}

    // Reads from just after <entry> to its end tag.
    void read() {
        while (m_xml->readNextStartElement()) {
            if (m_xml->namespaceUri() == kAtomNs)
                readAtomField();
            else if (m_xml->namespaceUri() == kArxivNs)
                readArxivField();
            else
                m_xml->skipCurrentElement();
        }
    }

    ArxivRecord record;
    QString idUrl;

private:
    void readAtomField() {
        const QStringView name = m_xml->name();
        if (name == u"id") {
            idUrl = m_xml->readElementText().trimmed();
            splitAbsId(idUrl, &record);
        } else if (name == u"title") {
            record.title = m_xml->readElementText().simplified();
        } else if (name == u"summary") {
            record.abstract = m_xml->readElementText().simplified();
        } else if (name == u"published") {
            record.published = timestamp(m_xml->readElementText());
        } else if (name == u"updated") {
            record.updated = timestamp(m_xml->readElementText());
        } else if (name == u"author") {
            readAuthor();
        } else if (name == u"category") {
            addCategory(m_xml->attributes().value(u"term").toString());
            m_xml->skipCurrentElement();
        } else {
            m_xml->skipCurrentElement();
        }
    }

    void readArxivField() {
        const QStringView name = m_xml->name();
        if (name == u"primary_category") {
            record.primaryCategory = m_xml->attributes().value(u"term").toString().trimmed();
            m_xml->skipCurrentElement();
        } else if (name == u"comment") {
            record.comments = m_xml->readElementText().simplified();
        } else if (name == u"journal_ref") {
            record.journalRef = m_xml->readElementText().simplified();
        } else if (name == u"doi") {
            record.doi = m_xml->readElementText().trimmed();
        } else {
            m_xml->skipCurrentElement();
        }
    }

    void readAuthor() {
        while (m_xml->readNextStartElement()) {
            if (m_xml->namespaceUri() == kAtomNs && m_xml->name() == u"name") {
                const QString name = m_xml->readElementText().simplified();
                if (!name.isEmpty())
                    record.authors << name;
            } else {
                m_xml->skipCurrentElement();
            }
        }
    }

    void addCategory(const QString &term) {
        const QString t = term.trimmed();
        if (!t.isEmpty() && !record.categories.contains(t))
            record.categories << t;
    }

    QXmlStreamReader *m_xml;
};

// The primary category first, each category once.
void orderCategories(ArxivRecord *record) {
    if (record->primaryCategory.isEmpty()) {
        if (!record->categories.isEmpty())
            record->primaryCategory = record->categories.constFirst();
        return;
    }
    record->categories.removeAll(record->primaryCategory);
    record->categories.prepend(record->primaryCategory);
}

void addEntry(EntryReader &entry, AtomFeed *feed) {
    if (entry.idUrl.startsWith(kErrorIdPrefix)) {
        feed->apiErrors << (entry.record.abstract.isEmpty() ? entry.idUrl : entry.record.abstract);
        return;
    }
    // An id arXiv does not know comes back as an entry without a title: nothing to store.
    if (entry.record.arxivId.isEmpty() || entry.record.title.isEmpty())
        return;
    orderCategories(&entry.record);
    feed->records << entry.record;
}

} // namespace

AtomFeed AtomFeed::parse(const QByteArray &xml) {
    AtomFeed feed;
    QXmlStreamReader reader(xml);
    if (!reader.readNextStartElement() || reader.name() != u"feed" ||
        reader.namespaceUri() != kAtomNs) {
        feed.parseError =
            reader.hasError()
                ? QStringLiteral("line %1: %2")
                      .arg(QString::number(reader.lineNumber()), reader.errorString())
                : QStringLiteral("line %1: expected an Atom <feed>, found <%2>")
                      .arg(QString::number(reader.lineNumber()), reader.name().toString());
        return feed;
    }
    while (reader.readNextStartElement()) {
        if (reader.namespaceUri() == kAtomNs && reader.name() == u"entry") {
            EntryReader entry(&reader);
            entry.read();
            addEntry(entry, &feed);
        } else {
            reader.skipCurrentElement();
        }
    }
    if (reader.hasError()) {
        feed.parseError = QStringLiteral("line %1: %2")
                              .arg(QString::number(reader.lineNumber()), reader.errorString());
        feed.records.clear();
        feed.apiErrors.clear();
    }
    return feed;
}

} // namespace lectern
