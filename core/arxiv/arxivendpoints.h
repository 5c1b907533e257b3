#pragma once

#include <QString>
#include <QStringList>
#include <QUrl>

namespace lectern {

// Where Lectern asks arXiv, and which addresses it accepts: https only (plain http only to
// 127.0.0.1, for tests), redirects only to arxiv.org hosts or the configured base's host.
class ArxivEndpoints {
public:
    static QUrl defaultApiUrl() {
        return QUrl(QStringLiteral("https://export.arxiv.org/api/query"));
    }
    static QUrl defaultPdfUrl() { return QUrl(QStringLiteral("https://arxiv.org/pdf/")); }

    // LECTERN_ARXIV_API_URL / LECTERN_ARXIV_PDF_URL win over the given settings, which win over
    // the defaults. An unacceptable URL is refused: valid() is false and error() says why.
    static ArxivEndpoints resolve(const QString &apiSetting = {}, const QString &pdfSetting = {});
    // resolve() with the settings file's network/arxivApiUrl and network/arxivPdfUrl (the
    // application's QSettings, shared by the window and lectern-cli).
    static ArxivEndpoints fromSettings();

    bool valid() const { return m_error.isEmpty(); }
    QString error() const { return m_error; }
    QUrl apiUrl() const { return m_api; }
    QUrl pdfBaseUrl() const { return m_pdf; }

    // https, or http to 127.0.0.1 only.
    static bool isAcceptable(const QUrl &url);
    // A redirect target the client may follow.
    bool mayRedirectTo(const QUrl &target) const;

    // The query for these ids (at most 100), newest version of each.
    QUrl metadataUrl(const QStringList &ids) const;
    // The PDF of one version ("2505.01259", 2 -> <pdf base>2505.01259v2).
    QUrl pdfUrl(const QString &arxivId, int version) const;

private:
    QUrl m_api;
    QUrl m_pdf;
    QString m_error;
};

} // namespace lectern
