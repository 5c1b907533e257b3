#pragma once

#include "model/librarytypes.h"

#include <QObject>
#include <QString>

namespace lectern {

class DatabaseWorker;

// The window's automatic backups and weekly full integrity check, run as jobs on the
// DatabaseWorker (never on the window's thread): a backup at start when the newest is older
// than a day, and after every import that added papers; old ones rotated by
// BackupPolicy::configured(). Results come back as message() (for the status bar) and
// damaged() (the full check found damage).
class BackupScheduler : public QObject {
    Q_OBJECT
public:
    // worker must outlive this object (create this after it, as a child of the same parent).
    explicit BackupScheduler(DatabaseWorker *worker, QObject *parent = nullptr);

    void backupIfDue(); // posts the start-of-session job
    void backupNow();   // posts a backup (and rotation)
    void checkIfDue();  // posts the weekly integrity_check when it is due

Q_SIGNALS:
    void message(const QString &text);
    void damaged(const QString &path, const QString &problems);

private:
    void postBackup(bool onlyIfDue);
    void report(const QString &text);

    DatabaseWorker *m_worker;
};

} // namespace lectern
