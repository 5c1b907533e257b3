#pragma once

// Backups of a library, its integrity check, restore and salvage. Every function works on
// the files through connections of its own (SQLite's online backup API), so it may run on any
// thread; the GUI runs it on its DatabaseWorker, never on the window's thread.

#include "store/backuppolicy.h"
#include "store/library.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

namespace lectern {

// One backup file, as `lectern-cli backups` lists it.
struct BackupInfo {
    QString path;
    qint64 size = 0;
    QDateTime time;  // from the name (UTC)
    int papers = -1; // -1: not read (or unreadable)
    int notes = -1;
};

// What PRAGMA quick_check / integrity_check said.
struct IntegrityResult {
    bool ok = false;
    QStringList problems; // SQLite's lines (or the open error) when not ok
    QString summary() const;
};

// What a salvage copied.
struct SalvageResult {
    QStringList copied; // "papers: 1200 of 1200 rows" per table
    int lostTables = 0; // tables that could not be read at all
};

class BackupManager {
public:
    // libraryPath: the library file; backups go to <its folder>/backups.
    explicit BackupManager(const QString &libraryPath);

    QString folder() const;
    // "<base>-2026-11-29T073000.sqlite" for library <base>.sqlite, time in UTC.
    QString fileNameFor(const QDateTime &time) const;

    // Writes a consistent copy of the library (to `to`, or a new file in folder()) under a
    // temporary name, checks it (integrity_check) and renames it: a killed backup never leaves
    // a file that looks whole. Leftover temporaries of earlier backups are removed first.
    // Returns the file written; nullopt on failure or when cancelled() came true.
    std::optional<QString> backup(const QString &to = {},
                                  const std::function<bool()> &cancelled = {});
    // Deletes the automatic backups the policy lets go. False on a failed delete.
    bool rotate(const BackupPolicy &policy);
    // The automatic backups, newest first; withCounts opens each to count papers and notes.
    QList<BackupInfo> list(bool withCounts = false) const;
    // No backup yet, or the newest is older than a day.
    bool isDue(const QDateTime &now = QDateTime::currentDateTimeUtc()) const;
    // The newest backup that passes quick_check; empty when there is none.
    QString newestGoodBackup() const;

    // Replaces the library with `backup` after checking it. The current library (with its
    // -wal) is kept as <library>.before-restore. Refused while a window holds the lock.
    bool restore(const QString &backup);
    // Copies every readable row of the (damaged) library into a new library at `to`.
    std::optional<SalvageResult> salvage(const QString &to);
    // Salvages into a new file, then puts it in the library's place; the damaged library (and
    // its -wal) is kept as <library>.damaged-<time>, named in *keptAs.
    std::optional<SalvageResult> salvageInPlace(QString *keptAs = nullptr);

    // quick_check (full: integrity_check) of any database file, opened read-only.
    static IntegrityResult check(const QString &path, bool full = false);
    // check() of a library in use (not a backup): damage found also makes its next open run
    // the quick check, whatever an earlier check recorded (store/checkstamp_p.h).
    static IntegrityResult checkLibrary(const QString &path, bool full = false);
    // The full check at most weekly: true when the last one (kept in the backups folder)
    // is older than seven days or never ran; markFullCheck() records one.
    bool isFullCheckDue(const QDateTime &now = QDateTime::currentDateTimeUtc()) const;
    void markFullCheck(const QDateTime &when = QDateTime::currentDateTimeUtc()) const;

    // The lock a window holds on its library (QLockFile at <library>.lock).
    static QString lockPath(const QString &libraryPath);
    static bool isLocked(const QString &libraryPath);

    QString lastError() const { return m_error; }
    ErrorKind lastErrorKind() const { return m_errorKind; }

private:
    bool fail(const QString &message, ErrorKind kind = ErrorKind::Io);
    bool copyInto(const QString &target, const std::function<bool()> &cancelled);
    void removeTemporaries(const QString &folder) const;

    QString m_path;
    QString m_error;
    ErrorKind m_errorKind = ErrorKind::None;
};

} // namespace lectern
