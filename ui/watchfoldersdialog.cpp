#include "watchfoldersdialog.h"

#include "watch/watchlist.h"

#include <QFileDialog>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>

namespace lectern {

WatchFoldersDialog::WatchFoldersDialog(const QStringList &folders,
                                       std::function<bool(const QString &)> isAvailable,
                                       QWidget *parent)
    : ListEditDialog(tr("Watched folders"),
                     tr("Digests (*.md, *.markdown, *.txt) that appear in these folders "
                        "are imported while Lectern runs, and at start."),
                     parent)
    , m_folders(folders)
    , m_isAvailable(std::move(isAvailable)) {
    auto *add = new QPushButton(tr("&Add…"), this);
    connect(add, &QPushButton::clicked, this, &WatchFoldersDialog::chooseFolder);
    addSideButton(add);
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
    for (const QListWidgetItem *item : list()->selectedItems())
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
    list()->clear();
    for (const QString &folder : std::as_const(m_folders)) {
        const bool available = !m_isAvailable || m_isAvailable(folder);
        auto *item =
            new QListWidgetItem(available ? folder : tr("%1 (unavailable)").arg(folder), list());
        item->setData(Qt::UserRole, folder);
        if (!available) {
            item->setForeground(palette().brush(QPalette::Disabled, QPalette::Text));
            item->setToolTip(tr("This folder cannot be found now (an unmounted drive?); it is "
                                "watched again when it comes back."));
        }
    }
    listRefilled();
}

} // namespace lectern
