#include "helpoverlay.h"

#include "actionset.h"

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
    , m_panel(new QWidget(this))
    , m_label(new QLabel(m_panel)) {
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_panel, 0, Qt::AlignCenter);
    auto *panelLayout = new QVBoxLayout(m_panel);
    panelLayout->setContentsMargins(28, 18, 28, 18);
    panelLayout->addWidget(m_label);
    m_label->setTextFormat(Qt::RichText);
    m_label->setForegroundRole(QPalette::ToolTipText);
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
                keys << keyText(k).toHtmlEscaped();
            const QString text = ActionSet::helpText(a);
            html +=
                u"<td align=\"right\"><b><tt>%1</tt></b></td><td>%2</td><td width=\"24\"></td>"_s
                    .arg(keys.join(u" / "_s), text.toHtmlEscaped());
        }
        html += u"</tr>"_s;
    }
    html += u"</table><p>"_s + tr("Press any key to close.") + u"</p>"_s;
    m_label->setText(html);
}

QString HelpOverlay::keyText(const QKeySequence &keys) {
    QStringList parts;
    for (int i = 0; i < keys.count(); ++i) {
        const QKeyCombination combination = keys[i];
        const Qt::Key key = combination.key();
        // QKeySequence names the key A for both "a" and "A"; without Shift the user types "a".
        if (combination.keyboardModifiers() == Qt::NoModifier && key >= Qt::Key_A &&
            key <= Qt::Key_Z)
            parts << QString(QChar(char16_t(u'a' + (key - Qt::Key_A))));
        else
            parts << QKeySequence(combination).toString(QKeySequence::NativeText);
    }
    return parts.join(u' ');
}

QString HelpOverlay::text() const {
    return m_label->text();
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
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(QPen(palette().color(QPalette::Mid), 1));
    p.setBrush(palette().color(QPalette::ToolTipBase));
    p.drawRoundedRect(QRectF(m_panel->geometry()).adjusted(0.5, 0.5, -0.5, -0.5), 10, 10);
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
