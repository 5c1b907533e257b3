#pragma once

// Internal to core/store: a note beside the library (<library>-checked) that its file passed
// PRAGMA quick_check and was then closed by Lectern with nothing left in a WAL or a rollback
// journal. An open that finds the file as the note describes it (same size and modification
// time, no WAL or journal: a crash or another program's connection leaves one) skips the
// check, which reads every table (2.2 s at a million papers); so does nothing once the last
// real check is a week old. Damage that keeps a file's size and time (a failing disk) is left
// to that weekly check and to the backups' integrity check.

#include <QDateTime>
#include <QString>

#include <optional>

namespace lectern {

class CheckStamp {
public:
    static constexpr qint64 kValidDays = 7;

    // When the file as it is now was last checked, if its stamp vouches for it; else nullopt.
    static std::optional<QDateTime> vouchedCheck(const QString &libraryPath);
    // An open the stamp vouched for (checked at checkedAt), for the process's connections to
    // the file: the last one to close writes the stamp again (see closed()).
    static void verified(const QString &libraryPath, const QDateTime &checkedAt);
    // A check of the file passed now: as verified(), and a failed check's mark is gone.
    static void passed(const QString &libraryPath);
    // A connection to the file closed: writes the stamp if the file was verified in this
    // process and no connection is left (no WAL).
    static void closed(const QString &libraryPath);
    // A check found damage (at an open; BackupManager::checkLibrary: the weekly check,
    // lectern-cli check): the stamp says
    // so, and no process writes another until a check passes.
    static void failed(const QString &libraryPath);
    // The file is not a library any more (renamed away by a salvage): no stamp of it.
    static void forget(const QString &libraryPath);
};

} // namespace lectern
