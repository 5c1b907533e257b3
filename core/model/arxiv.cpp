#include "model/arxiv.h"

#include "model/paper.h"

#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace lectern::arxiv {

QString normaliseId(const QString &text) {
    const QString s = text.trimmed();
    static const QRegularExpression re(
        u"^(?:https?://arxiv\\.org/(?:abs|pdf)/|arxiv:)?([a-z\\-]+(?:\\.[A-Z]{2})?/"
        "\\d{7}|\\d{4}\\.\\d{4,5})(?:v\\d+)?(?:\\.pdf)?$"_s,
        QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch m = re.match(s);
    return m.hasMatch() ? m.captured(1) : s;
}

QString versionedId(const QString &arxivId, int version) {
    return version > 0 ? arxivId + u"v"_s + QString::number(version) : arxivId;
}

QString canonicalUrl(const QString &arxivId, int version) {
    if (arxivId.isEmpty())
        return {};
    return u"http://arxiv.org/abs/"_s + versionedId(arxivId, version);
}

QUrl absUrl(const Paper &paper) {
    if (!paper.arxivId.isEmpty())
        return QUrl(u"https://arxiv.org/abs/"_s + paper.arxivId);
    const QUrl url(paper.url);
    const bool web = url.scheme() == u"http"_s || url.scheme() == u"https"_s;
    return url.isValid() && web ? url : QUrl();
}

QUrl pdfUrl(const Paper &paper) {
    if (paper.arxivId.isEmpty())
        return {};
    return QUrl(u"https://arxiv.org/pdf/"_s + versionedId(paper.arxivId, paper.version));
}

} // namespace lectern::arxiv
