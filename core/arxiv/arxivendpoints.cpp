#include "arxiv/arxivendpoints.h"

#include "model/arxiv.h"

#include <QSettings>
#include <QUrlQuery>

namespace lectern {

namespace {

QUrl pick(const char *envName, const QString &setting, const QUrl &fallback) {
    const QString env = qEnvironmentVariable(envName).trimmed();
    if (!env.isEmpty())
        return QUrl(env);
    if (!setting.trimmed().isEmpty())
        return QUrl(setting.trimmed());
    return fallback;
}

bool isArxivHost(const QString &host) {
    const QString h = host.toLower();
    return h == u"arxiv.org" || h.endsWith(u".arxiv.org");
}

} // namespace

ArxivEndpoints ArxivEndpoints::resolve(const QString &apiSetting, const QString &pdfSetting) {
    ArxivEndpoints e;
    e.m_api = pick("LECTERN_ARXIV_API_URL", apiSetting, defaultApiUrl());
    e.m_pdf = pick("LECTERN_ARXIV_PDF_URL", pdfSetting, defaultPdfUrl());
    for (const QUrl &url : {e.m_api, e.m_pdf}) {
        if (!isAcceptable(url)) {
            e.m_error = QStringLiteral("refusing the arXiv address %1: only https:// (or "
                                       "http://127.0.0.1 for tests) is accepted")
                            .arg(url.toString());
            break;
        }
    }
    if (!e.m_pdf.path().endsWith(u'/'))
        e.m_pdf.setPath(e.m_pdf.path() + u'/');
    return e;
}

ArxivEndpoints ArxivEndpoints::fromSettings() {
    const QSettings settings;
    return resolve(settings.value(QStringLiteral("network/arxivApiUrl")).toString(),
                   settings.value(QStringLiteral("network/arxivPdfUrl")).toString());
}

bool ArxivEndpoints::isAcceptable(const QUrl &url) {
    if (!url.isValid() || url.host().isEmpty())
        return false;
    if (url.scheme() == u"https")
        return true;
    return url.scheme() == u"http" && url.host() == u"127.0.0.1";
}

bool ArxivEndpoints::mayRedirectTo(const QUrl &target) const {
    if (!isAcceptable(target))
        return false;
    return isArxivHost(target.host()) || target.host() == m_api.host() ||
           target.host() == m_pdf.host();
}

QUrl ArxivEndpoints::metadataUrl(const QStringList &ids) const {
    QUrl url = m_api;
    QUrlQuery query(url);
    query.addQueryItem(QStringLiteral("id_list"), ids.join(u','));
    query.addQueryItem(QStringLiteral("max_results"), QString::number(ids.size()));
    url.setQuery(query);
    return url;
}

QUrl ArxivEndpoints::pdfUrl(const QString &arxivId, int version) const {
    return m_pdf.resolved(QUrl(arxiv::versionedId(arxivId, version)));
}

} // namespace lectern
