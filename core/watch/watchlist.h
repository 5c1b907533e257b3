#pragma once

#include "watch/filestamp.h"

#include <QString>
#include <QStringList>

#include <optional>

class QSettings;

namespace lectern {

// The watched folders, kept in the application's settings (group "watch") so that lectern and
// lectern-cli share them, and the files of those folders already handled, so that a restart
// neither re-imports nor re-reports them. The QSettings is not owned.
class WatchList {
public:
    explicit WatchList(QSettings *settings);

    QStringList folders() const; // absolute, canonical when they were added
    void setFolders(const QStringList &folders);
    // Adds the folder as its absolute canonical path; false and *error when it is not an
    // existing folder. Adding a folder already watched is not an error.
    bool add(const QString &dir, QString *error = nullptr);
    // Removes the folder, given as listed or as any path to it; false when it is not watched.
    bool remove(const QString &dir);

    FileStamps handledFiles() const;
    void setHandledFiles(const FileStamps &files);

    void sync();

    // The absolute canonical path of an existing folder; nullopt and *error otherwise
    // ("/x: no such folder", "/x: not a folder").
    static std::optional<QString> normalise(const QString &dir, QString *error = nullptr);
    // dir made absolute and clean (for a folder that may not exist now).
    static QString absoluteClean(const QString &dir);

private:
    QSettings *m_settings;
};

} // namespace lectern
