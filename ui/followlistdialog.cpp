#include "followlistdialog.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>

#include <algorithm>

namespace lectern {

FollowListDialog::FollowListDialog(const QList<FollowEntry> &entries, QWidget *parent)
    : ListEditDialog(tr("Followed authors and topics"),
                     tr("Papers matching these are marked in the list and shown under "
                        "Following. Names match across initials and accents."),
                     parent)
    , m_entries(entries)
    , m_line(new QLineEdit(this))
    , m_error(new QLabel(this)) {
    m_line->setPlaceholderText(tr("author:NAME, kw:TERM or \"a phrase\""));
    m_line->setAccessibleName(tr("Follow"));
    m_error->setWordWrap(true);
    m_error->setTextFormat(Qt::PlainText);
    auto *add = new QPushButton(tr("&Follow"), this);
    add->setAutoDefault(false);
    connect(add, &QPushButton::clicked, this, &FollowListDialog::addFromLine);
    // Return presses Follow (it adds what the line says), not OK: the dialog stays open.
    add->setDefault(true);
    setTabOrder(list(), m_line); // list, line, Follow, then Remove, OK, Cancel
    setTabOrder(m_line, add);
    auto *addRow = new QHBoxLayout;
    addRow->addWidget(m_line, 1);
    addRow->addWidget(add);
    rowsBelow()->addLayout(addRow);
    rowsBelow()->addWidget(m_error);
    resize(560, 360);
    refresh();
}

QList<Follow> FollowListDialog::follows() const {
    QList<Follow> out;
    for (const FollowEntry &e : m_entries)
        out << e.follow;
    return out;
}

bool FollowListDialog::addFromLine() {
    QString error;
    const std::optional<Follow> f = Follow::parse(m_line->text(), &error);
    if (!f) {
        m_error->setText(error);
        return false;
    }
    m_error->clear();
    m_line->clear();
    if (!follows().contains(*f))
        m_entries << FollowEntry{0, *f, 0};
    refresh();
    return true;
}

void FollowListDialog::removeSelected() {
    QList<int> rows;
    for (const QListWidgetItem *item : list()->selectedItems())
        rows << list()->row(item);
    std::sort(rows.rbegin(), rows.rend());
    for (int row : rows)
        m_entries.removeAt(row);
    refresh();
}

void FollowListDialog::refresh() {
    list()->clear();
    for (const FollowEntry &e : std::as_const(m_entries)) {
        const QString count = e.id == 0       ? tr("new")
                              : e.papers == 1 ? tr("1 paper")
                                              : tr("%n papers", nullptr, e.papers);
        list()->addItem(e.follow.spec() + QStringLiteral("  (") + count + QLatin1Char(')'));
    }
    listRefilled();
}

} // namespace lectern
