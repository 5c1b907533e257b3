#pragma once

#include <QTextBrowser>

namespace lectern {

// A text browser for untrusted documents (digest text, notes): only resources compiled into
// the application (qrc:) load. Anything else — a local path such as <img src="/dev/zero">,
// file:, data:, http — yields an empty resource and is never read (returning nothing is not
// enough: QTextDocument then reads local files itself); refusedLoads() counts the attempts.
class SafeTextBrowser : public QTextBrowser {
    Q_OBJECT
public:
    explicit SafeTextBrowser(QWidget *parent = nullptr);

    QVariant loadResource(int type, const QUrl &name) override;
    int refusedLoads() const { return m_refused; }

    // Text for a tooltip that Qt shows as the text itself, never as rich text: escaped inside
    // an explicit <qt> (plain text Qt might take for HTML is exactly the danger).
    static QString toolTip(const QString &text);

private:
    int m_refused = 0;
};

} // namespace lectern
