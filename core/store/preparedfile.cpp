// PreparedFile: a parsed digest's rows encoded for the import's writer, on the parse thread.
#include "store/preparedfile_p.h"

#include "model/arxiv.h"
#include "store/library_p.h"
#include "text/cjk_p.h"

#include <algorithm>

namespace lectern {

namespace {

// The URL is stored only when it is not the canonical one (most are): saves ~35 bytes a paper.
QString storedUrl(const Paper &p) {
    if (p.url.isEmpty() || p.url == arxiv::canonicalUrl(p.arxivId, p.version))
        return QString();
    return p.url;
}

// UTF-8 keeping a null string null (NULL in the row) and an empty one empty.
QByteArray utf8(const QString &s) {
    if (s.isNull())
        return QByteArray();
    return s.isEmpty() ? QByteArray("") : s.toUtf8();
}

PreparedRow rowOf(const Paper &p) {
    PreparedRow r;
    r.title = utf8(p.title);
    r.authors = utf8(p.authors.join(QStringLiteral(", ")));
    r.date = p.date.isValid() ? p.date.toString(Qt::ISODate).toLatin1() : QByteArray();
    r.url = utf8(storedUrl(p));
    r.abstract = utf8(p.abstract);
    r.keywords = utf8(joinList(p.keywords));
    // Hints are stored only when there is at least one colour.
    if (std::any_of(p.keywordHints.begin(), p.keywordHints.end(),
                    [](const QString &h) { return !h.isEmpty(); }))
        r.hints = utf8(p.keywordHints.join(QChar(0x1f)));
    if (!p.summary.isEmpty())
        r.summary = utf8(p.summary);
    // Text of as many UTF-8 bytes as characters is ASCII: only other text is scanned for CJK.
    const auto cjk = [](const QString &text, const QByteArray &bytes) {
        return bytes.size() != text.size() && containsCjk(text);
    };
    r.cjk = cjk(p.title, r.title) || cjk(p.abstract, r.abstract) || cjk(p.summary, r.summary);
    return r;
}

} // namespace

void PreparedFile::prepareRows() {
    rows.clear();
    rows.reserve(digest.papers.size());
    for (const Paper &p : std::as_const(digest.papers))
        rows << rowOf(p);
}

} // namespace lectern
