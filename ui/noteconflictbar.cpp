#include "noteconflictbar.h"

#include "safetextbrowser.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace lectern {

NoteConflictBar::NoteConflictBar(QWidget *parent)
    : QFrame(parent)
    , m_label(new QLabel(this)) {
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    QPalette p = palette();
    p.setColor(QPalette::Window, p.color(QPalette::ToolTipBase));
    p.setColor(QPalette::WindowText, p.color(QPalette::ToolTipText));
    setPalette(p);
    m_label->setTextFormat(Qt::PlainText);
    m_label->setWordWrap(true);
    // The message over the whole width, the choices under it: the pane is narrow.
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 4, 6, 4);
    layout->addWidget(m_label);
    auto *row = new QHBoxLayout;
    row->addStretch(1);
    layout->addLayout(row);
    const QString labels[] = {tr("&Keep mine"), tr("Use &theirs"), tr("&Merge")};
    const QString tips[] = {
        tr("Save your text; theirs stays in the note's history"),
        tr("Show their text; yours is dropped"),
        tr("Keep both texts, yours first, separated by a line"),
    };
    for (int c = KeepMine; c <= Merge; ++c) {
        m_buttons[c] = new QPushButton(labels[c], this);
        m_buttons[c]->setToolTip(tips[c]);
        row->addWidget(m_buttons[c]);
        connect(m_buttons[c], &QPushButton::clicked, this, [this, c] { Q_EMIT chosen(Choice(c)); });
    }
    hide();
}

void NoteConflictBar::setTheirs(const QString &theirs) {
    const QString first = theirs.trimmed().section(u'\n', 0, 0);
    const QString shown = first.size() > 60 ? first.left(60) + u"…"_s : first;
    m_label->setText(theirs.trimmed().isEmpty()
                         ? tr("This note was deleted elsewhere while you were typing. Your text "
                              "is not saved yet.")
                         : tr("This note was changed elsewhere while you were typing (now: "
                              "“%1”). Your text is not saved yet.")
                               .arg(shown));
    m_label->setToolTip(SafeTextBrowser::toolTip(theirs));
}

QPushButton *NoteConflictBar::button(Choice choice) const {
    return m_buttons[choice];
}

QString NoteConflictBar::text() const {
    return m_label->text();
}

QString NoteConflictBar::merged(const QString &mine, const QString &theirs) {
    const QString a = mine.trimmed(), b = theirs.trimmed();
    if (b.isEmpty() || a.contains(b))
        return mine;
    if (a.isEmpty() || b.contains(a))
        return theirs;
    return a + u"\n\n---\n\n"_s + b;
}

} // namespace lectern
