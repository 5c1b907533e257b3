#include "helpoverlay.h"

#include <QAction>
#include <QEvent>
#include <QKeyEvent>
#include <QLabel>
#include <QPainter>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace lectern {

HelpOverlay::HelpOverlay(QWidget *parent)
    : QWidget(parent)
    , m_label(new QLabel(this)) {
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_label, 0, Qt::AlignCenter);
    m_label->setTextFormat(Qt::RichText);
    m_label->setAutoFillBackground(true);
    m_label->setBackgroundRole(QPalette::ToolTipBase);
    m_label->setForegroundRole(QPalette::ToolTipText);
    m_label->setContentsMargins(24, 16, 24, 16);
    setFocusPolicy(Qt::StrongFocus);
    parent->installEventFilter(this);
    hide();
}

void HelpOverlay::setActions(const QList<QAction *> &actions) {
    QString html =
        u"<h3>"_s + tr("Keyboard") + u"</h3><table cellspacing=\"0\" cellpadding=\"3\">"_s;
    const int half = int(actions.size() + 1) / 2;
    for (int i = 0; i < half; ++i) {
        html += u"<tr>"_s;
        for (int col = 0; col < 2; ++col) {
            const int at = i + col * half;
            if (at >= actions.size())
                break;
            const QAction *a = actions[at];
            QStringList keys;
            for (const QKeySequence &k : a->shortcuts())
                keys << k.toString(QKeySequence::NativeText).toHtmlEscaped();
            QString text = a->text();
            text.remove(u'&');
            text.remove(u"…"_s);
            html +=
                u"<td align=\"right\"><b><tt>%1</tt></b></td><td>%2</td><td width=\"24\"></td>"_s
                    .arg(keys.join(u" / "_s), text.toHtmlEscaped());
        }
        html += u"</tr>"_s;
    }
    html += u"</table><p>"_s + tr("Press any key to close.") + u"</p>"_s;
    m_label->setText(html);
}

void HelpOverlay::toggle() {
    if (isVisible()) {
        hide();
        return;
    }
    fitToParent();
    show();
    raise();
    setFocus();
}

void HelpOverlay::fitToParent() {
    if (parentWidget())
        setGeometry(parentWidget()->rect());
}

void HelpOverlay::paintEvent(QPaintEvent *) {
    QPainter p(this);
    p.fillRect(rect(), QColor(0, 0, 0, 110));
}

void HelpOverlay::mousePressEvent(QMouseEvent *) {
    hide();
}

void HelpOverlay::keyPressEvent(QKeyEvent *) {
    hide();
}

bool HelpOverlay::eventFilter(QObject *watched, QEvent *event) {
    if (watched == parentWidget() && event->type() == QEvent::Resize && isVisible())
        fitToParent();
    return QWidget::eventFilter(watched, event);
}

} // namespace lectern
