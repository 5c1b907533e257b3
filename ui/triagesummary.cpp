#include "triagesummary.h"

#include "readingclock.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace lectern {

TriageSummary::TriageSummary(QWidget *parent)
    : QFrame(parent)
    , m_title(new QLabel(this))
    , m_body(new QLabel(this))
    , m_next(new QPushButton(tr("Next digest (n)"), this)) {
    setObjectName(u"triageSummary"_s);
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    setBackgroundRole(QPalette::AlternateBase);
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    m_title->setTextFormat(Qt::PlainText);
    m_body->setTextFormat(Qt::PlainText);
    m_body->setWordWrap(true);
    m_next->setFocusPolicy(Qt::NoFocus); // n and Enter work from the list
    auto *close = new QToolButton(this);
    close->setText(u"×"_s);
    close->setAutoRaise(true);
    close->setToolTip(tr("Close (Esc)"));
    close->setFocusPolicy(Qt::NoFocus);

    auto *text = new QVBoxLayout;
    text->addWidget(m_title);
    text->addWidget(m_body);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 6, 4, 6);
    layout->addLayout(text, 1);
    layout->addWidget(m_next, 0, Qt::AlignVCenter);
    layout->addWidget(close, 0, Qt::AlignTop);
    connect(m_next, &QPushButton::clicked, this, &TriageSummary::nextRequested);
    connect(close, &QToolButton::clicked, this, &TriageSummary::closeRequested);
    hide();
}

void TriageSummary::showSummary(const DigestSummary &s) {
    m_summary = s;
    const QString date = s.digest.toString(Qt::ISODate);
    m_title->setText(tr("End of digest %1").arg(date));
    QString body =
        tr("%1 of %2 read, %3 starred, %4 with notes; %5 in this session.")
            .arg(QString::number(s.read), QString::number(s.total), QString::number(s.starred),
                 QString::number(s.noted), ReadingClock::format(s.msSpent));
    if (s.next.isValid())
        body += u' ' + tr("Next: %1 (n or Enter).").arg(s.next.toString(Qt::ISODate));
    else
        body += u' ' + tr("No other digest has unread papers.");
    m_body->setText(body);
    m_next->setEnabled(s.next.isValid());
    setAccessibleName(m_title->text());
    setAccessibleDescription(body);
    show();
}

QString TriageSummary::text() const {
    return m_title->text() + u": "_s + m_body->text();
}

} // namespace lectern
