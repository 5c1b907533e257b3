#pragma once

#include <QString>
#include <QUrl>

namespace lectern {

struct Paper;

// arXiv identifiers and the URLs derived from them: the one place that knows their shapes.
namespace arxiv {

// "arXiv:2505.01259v2", "https://arxiv.org/abs/2505.01259v2", "2505.01259.pdf" -> "2505.01259"
// (old-style "hep-th/9901001" too); other text is returned trimmed.
QString normaliseId(const QString &text);
// "2505.01201v2" (no suffix for version 0: unknown).
QString versionedId(const QString &arxivId, int version);
// The abs URL as the digests write it: "http://arxiv.org/abs/<id>v<version>" (no "v" part for
// version 0); empty without an id. Used to store a paper's URL only when it differs.
QString canonicalUrl(const QString &arxivId, int version);
// The abstract page to open in a browser: https, without version (the latest); a paper without
// an id gets its own http(s) URL, else an empty QUrl.
QUrl absUrl(const Paper &paper);
// The PDF of the version the digest listed; empty without an id.
QUrl pdfUrl(const Paper &paper);

} // namespace arxiv
} // namespace lectern
