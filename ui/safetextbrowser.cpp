#include "safetextbrowser.h"

using namespace Qt::StringLiterals;

namespace lectern {

SafeTextBrowser::SafeTextBrowser(QWidget *parent)
    : QTextBrowser(parent) {
    setOpenLinks(false);
    setOpenExternalLinks(false);
}

QVariant SafeTextBrowser::loadResource(int type, const QUrl &name) {
    if (name.scheme() == u"qrc"_s)
        return QTextBrowser::loadResource(type, name);
    ++m_refused;
    // Not a null QVariant: on null, QTextDocument itself would read a local file or decode a
    // data: URL. An empty value is cached as the resource and shows nothing.
    return QVariant(QByteArray());
}

QString SafeTextBrowser::toolTip(const QString &text) {
    if (text.isEmpty())
        return {};
    return u"<qt>"_s + text.toHtmlEscaped() + u"</qt>"_s;
}

} // namespace lectern
