#include "latextext.h"

namespace lectern {

QString LatexText::toPlainText(const QString &source) { return source; }

QString LatexText::toHtml(const QString &source, const QStringList &) { return source.toHtmlEscaped(); }

} // namespace lectern
