#include "watchfoldersdialog.h"

#include "watch/watchlist.h"

#include <QDialogButtonBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QVBoxLayout>

namespace lectern {

WatchFoldersDialog::WatchFoldersDialog(const QStringList &folders,
                                       std::function<bool(const QString &)> isAvailable,
                                       QWidget *parent)
    : QDialog(parent)
    , m_folders(folders)
    , m_isAvailable(std::move(isAvailable))
    , m_list(new QListWidget(this))
    , m_remove(new QPushButton(tr("&Remove"), this)) {
    setWindowTitle(tr("Watched folders"));
    auto *intro = new QLabel(tr("Digests (*.md, *.markdown, *.txt) that appear in these folders "
                                "are imported while Lectern runs, and at start."),
                             this);
    intro->setWordWrap(true);
    m_list->setAccessibleName(tr("Watched folders"));
    m_list->setSelectionMode(QAbstractItemView::ExtendedSelection);
    auto *add = new QPushButton(tr("&Add…"), this);
    connect(add, &QPushButton::clicked, this, &WatchFoldersDialog::chooseFolder);
    connect(m_remove, &QPushButton::clicked, this, &WatchFoldersDialog::removeSelected);
    connect(m_list, &QListWidget::itemSelectionChanged, this,
            [this] { m_remove->setEnabled(!m_list->selectedItems().isEmpty()); });
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *side = new QVBoxLayout;
    side->addWidget(add);
    side->addWidget(m_remove);
    side->addStretch();
    auto *middle = new QHBoxLayout;
    middle->addWidget(m_list, 1);
    middle->addLayout(side);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(middle, 1);
    layout->addWidget(buttons);
    resize(560, 320);
    refresh();
}

bool WatchFoldersDialog::addFolder(const QString &dir) {
    const std::optional<QString> path = WatchList::normalise(dir, &m_error);
    if (!path)
        return false;
    if (!m_folders.contains(*path))
        m_folders << *path;
    refresh();
    return true;
}

void WatchFoldersDialog::removeSelected() {
    for (const QListWidgetItem *item : m_list->selectedItems())
        m_folders.removeAll(item->data(Qt::UserRole).toString());
    refresh();
}

void WatchFoldersDialog::chooseFolder() {
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Watch a folder"));
    if (dir.isEmpty())
        return;
    if (!addFolder(dir))
        QMessageBox::warning(this, tr("Watched folders"), m_error);
}

void WatchFoldersDialog::refresh() {
    m_list->clear();
    for (const QString &folder : std::as_const(m_folders)) {
        const bool available = !m_isAvailable || m_isAvailable(folder);
        auto *item =
            new QListWidgetItem(available ? folder : tr("%1 (unavailable)").arg(folder), m_list);
        item->setData(Qt::UserRole, folder);
        if (!available) {
            item->setForeground(palette().brush(QPalette::Disabled, QPalette::Text));
            item->setToolTip(tr("This folder cannot be found now (an unmounted drive?); it is "
                                "watched again when it comes back."));
        }
    }
    m_remove->setEnabled(false);
}

} // namespace lectern
