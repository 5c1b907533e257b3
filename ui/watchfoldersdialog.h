#pragma once

#include "listeditdialog.h"

#include <QStringList>

#include <functional>

namespace lectern {

// Settings > Watched folders: the list (a folder that is missing now says "unavailable"),
// Add…, Remove, OK/Cancel. The caller reads folders() after exec() and saves them.
class WatchFoldersDialog : public ListEditDialog {
    Q_OBJECT
public:
    // isAvailable(folder): whether the folder can be read now.
    WatchFoldersDialog(const QStringList &folders, std::function<bool(const QString &)> isAvailable,
                       QWidget *parent = nullptr);

    QStringList folders() const { return m_folders; }
    // Adds a folder (made absolute and canonical); false, with the reason shown, when it is not
    // an existing folder. Add… calls it with the folder picked.
    bool addFolder(const QString &dir);
    void removeSelected() override;
    QString lastError() const { return m_error; }

private:
    void chooseFolder();
    void refresh();

    QStringList m_folders;
    std::function<bool(const QString &)> m_isAvailable;
    QString m_error;
};

} // namespace lectern
