#include "listeditdialog.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace lectern {

ListEditDialog::ListEditDialog(const QString &title, const QString &intro, QWidget *parent)
    : QDialog(parent)
    , m_list(new QListWidget(this))
    , m_remove(new QPushButton(tr("&Remove"), this))
    , m_side(new QVBoxLayout)
    , m_below(new QVBoxLayout) {
    setWindowTitle(title);
    auto *introLabel = new QLabel(intro, this);
    introLabel->setWordWrap(true);
    m_list->setAccessibleName(title);
    m_list->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_remove->setAutoDefault(false);
    connect(m_remove, &QPushButton::clicked, this, [this] { removeSelected(); });
    connect(m_list, &QListWidget::itemSelectionChanged, this,
            [this] { m_remove->setEnabled(!m_list->selectedItems().isEmpty()); });
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    m_side->addWidget(m_remove);
    m_side->addStretch();
    auto *middle = new QHBoxLayout;
    middle->addWidget(m_list, 1);
    middle->addLayout(m_side);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(introLabel);
    layout->addLayout(middle, 1);
    layout->addLayout(m_below);
    layout->addWidget(buttons);
    m_remove->setEnabled(false);
}

void ListEditDialog::addSideButton(QPushButton *button) {
    button->setAutoDefault(false);
    m_side->insertWidget(m_side->indexOf(m_remove), button);
}

void ListEditDialog::listRefilled() {
    m_remove->setEnabled(false);
}

} // namespace lectern
