#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

// Atom feeds shaped like arXiv's API answers, for the network tests.
namespace lectern::test {

struct FeedEntry {
    QString id; // "2505.01259"
    int version = 1;
    QString title = QStringLiteral("A paper");
    QStringList authors = {QStringLiteral("Ada Lovelace")};
    QString primary = QStringLiteral("cs.LG");
    QStringList others; // cross-lists
    QString comment;
    QString journalRef;
    QString doi;
};

inline QByteArray atomEntry(const FeedEntry &e) {
    QByteArray x =
        "<entry>\n<id>http://arxiv.org/abs/" + e.id.toUtf8() + "v" + QByteArray::number(e.version) +
        "</id>\n" + "<updated>2025-05-08T17:59:58Z</updated>\n" +
        "<published>2025-05-06T12:00:00Z</published>\n<title>" + e.title.toHtmlEscaped().toUtf8() +
        "</title>\n<summary>  An abstract\n  " + "over two lines. </summary>\n";
    for (const QString &a : e.authors)
        x += "<author><name>" + a.toHtmlEscaped().toUtf8() + "</name></author>\n";
    if (!e.comment.isEmpty())
        x += "<arxiv:comment>" + e.comment.toHtmlEscaped().toUtf8() + "</arxiv:comment>\n";
    if (!e.journalRef.isEmpty())
        x += "<arxiv:journal_ref>" + e.journalRef.toUtf8() + "</arxiv:journal_ref>\n";
    if (!e.doi.isEmpty())
        x += "<arxiv:doi>" + e.doi.toUtf8() + "</arxiv:doi>\n";
    x += "<link href=\"http://arxiv.org/abs/" + e.id.toUtf8() + "\" rel=\"alternate\"/>\n";
    x += "<arxiv:primary_category term=\"" + e.primary.toUtf8() + "\"/>\n";
    x += "<category term=\"" + e.primary.toUtf8() + "\"/>\n";
    for (const QString &c : e.others)
        x += "<category term=\"" + c.toUtf8() + "\"/>\n";
    return x + "</entry>\n";
}

inline QByteArray atomFeed(const QByteArray &entries) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
           "<feed xmlns=\"http://www.w3.org/2005/Atom\" "
           "xmlns:opensearch=\"http://a9.com/-/spec/opensearch/1.1/\" "
           "xmlns:arxiv=\"http://arxiv.org/schemas/atom\">\n"
           "<title>arXiv Query</title>\n<opensearch:totalResults>1</opensearch:totalResults>\n" +
           entries + "</feed>\n";
}

inline QByteArray errorEntry(const QString &message) {
    return "<entry><id>http://arxiv.org/api/errors#incorrect_id_format</id><title>Error</title>"
           "<summary>" +
           message.toUtf8() + "</summary></entry>\n";
}

} // namespace lectern::test
