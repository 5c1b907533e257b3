#include "followlistdialog.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

#include <algorithm>

namespace lectern {

FollowListDialog::FollowListDialog(const QList<FollowEntry> &entries, QWidget *parent)
    : QDialog(parent)
    , m_entries(entries)
    , m_list(new QListWidget(this))
    , m_line(new QLineEdit(this))
    , m_error(new QLabel(this))
    , m_remove(new QPushButton(tr("&Remove"), this)) {
    setWindowTitle(tr("Followed authors and topics"));
    auto *intro = new QLabel(tr("Papers matching these are marked in the list and shown under "
                                "Following. Names match across initials and accents."),
                             this);
    intro->setWordWrap(true);
    m_list->setAccessibleName(tr("Followed authors and topics"));
    m_list->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_line->setPlaceholderText(tr("author:NAME, kw:TERM or \"a phrase\""));
    m_line->setAccessibleName(tr("Follow"));
    m_error->setWordWrap(true);
    m_error->setTextFormat(Qt::PlainText);
    auto *add = new QPushButton(tr("&Follow"), this);
    connect(add, &QPushButton::clicked, this, &FollowListDialog::addFromLine);
    connect(m_line, &QLineEdit::returnPressed, this, &FollowListDialog::addFromLine);
    connect(m_remove, &QPushButton::clicked, this, &FollowListDialog::removeSelected);
    connect(m_list, &QListWidget::itemSelectionChanged, this,
            [this] { m_remove->setEnabled(!m_list->selectedItems().isEmpty()); });
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setAutoDefault(false);
    add->setAutoDefault(false);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *addRow = new QHBoxLayout;
    addRow->addWidget(m_line, 1);
    addRow->addWidget(add);
    auto *side = new QVBoxLayout;
    side->addWidget(m_remove);
    side->addStretch();
    auto *middle = new QHBoxLayout;
    middle->addWidget(m_list, 1);
    middle->addLayout(side);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(middle, 1);
    layout->addLayout(addRow);
    layout->addWidget(m_error);
    layout->addWidget(buttons);
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
    for (const QListWidgetItem *item : m_list->selectedItems())
        rows << m_list->row(item);
    std::sort(rows.rbegin(), rows.rend());
    for (int row : rows)
        m_entries.removeAt(row);
    refresh();
}

void FollowListDialog::refresh() {
    m_list->clear();
    for (const FollowEntry &e : std::as_const(m_entries)) {
        const QString count = e.id == 0       ? tr("new")
                              : e.papers == 1 ? tr("1 paper")
                                              : tr("%n papers", nullptr, e.papers);
        m_list->addItem(e.follow.spec() + QStringLiteral("  (") + count + QLatin1Char(')'));
    }
    m_remove->setEnabled(false);
}

} // namespace lectern
