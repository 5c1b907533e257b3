// lectern-cli backup, backups, restore and check.
#include "clicommands.h"

#include "console.h"
#include "store/backupmanager.h"
#include "store/library.h"

#include <QFileInfo>
#include <QLocale>

namespace lectern::cli {

namespace {

QString sizeText(qint64 bytes) {
    return QLocale::c().formattedDataSize(bytes, 1, QLocale::DataSizeSIFormat);
}

QString countText(int n) {
    return n < 0 ? QStringLiteral("?") : QString::number(n);
}

// The library must exist for these commands: they never create one.
bool requireLibrary(const CommandArgs &args, const QString &path) {
    if (QFileInfo(path).isFile())
        return true;
    Console::err() << "lectern-cli " << args.command << ": no library at " << path << '\n';
    return false;
}

} // namespace

int runBackup(const CommandArgs &args) {
    if (!args.positional.isEmpty())
        return usageError(args.command,
                          QStringLiteral("unexpected argument ") + args.positional.first());
    const QString path = libraryPath(args);
    if (!requireLibrary(args, path))
        return 1;
    BackupManager backups(path);
    const std::optional<QString> written = backups.backup(args.value(QStringLiteral("to")));
    if (!written) {
        Console::err() << "lectern-cli backup: " << backups.lastError() << '\n';
        return 1;
    }
    if (!args.isSet(QStringLiteral("to")) && !backups.rotate(BackupPolicy::configured()))
        Console::err() << "lectern-cli backup: warning: " << backups.lastError() << '\n';
    Console::out() << *written << '\n';
    return 0;
}

int runBackups(const CommandArgs &args) {
    if (!args.positional.isEmpty())
        return usageError(args.command,
                          QStringLiteral("unexpected argument ") + args.positional.first());
    const BackupManager backups(libraryPath(args));
    const QList<BackupInfo> all = backups.list(true);
    if (all.isEmpty()) {
        Console::err() << "no backups in " << backups.folder() << '\n';
        return 0;
    }
    Console::out() << "file\tsize\tdate (UTC)\tpapers\tnotes\n";
    for (const BackupInfo &b : all)
        Console::out() << b.path << '\t' << sizeText(b.size) << '\t' << b.time.toString(Qt::ISODate)
                       << '\t' << countText(b.papers) << '\t' << countText(b.notes) << '\n';
    return 0;
}

int runRestore(const CommandArgs &args) {
    if (args.positional.size() != 1)
        return usageError(args.command, QStringLiteral("give exactly one BACKUP"));
    const QString path = libraryPath(args);
    BackupManager backups(path);
    if (!backups.restore(args.positional.first())) {
        Console::err() << "lectern-cli restore: " << backups.lastError() << '\n';
        return 1;
    }
    Console::out() << "restored " << path << " from " << args.positional.first()
                   << "; the previous library is " << path << ".before-restore\n";
    return 0;
}

int runCheck(const CommandArgs &args) {
    if (!args.positional.isEmpty())
        return usageError(args.command,
                          QStringLiteral("unexpected argument ") + args.positional.first());
    const QString path = libraryPath(args);
    if (!requireLibrary(args, path))
        return 1;
    const bool full = args.isSet(QStringLiteral("full"));
    const IntegrityResult r = BackupManager::checkLibrary(path, full);
    if (r.ok) {
        Console::out() << path << ": ok (" << (full ? "integrity_check" : "quick_check") << ")\n";
        if (full)
            BackupManager(path).markFullCheck();
        return 0;
    }
    Console::out() << path << ": DAMAGED\n";
    for (const QString &line : r.problems)
        Console::out() << "  " << line << '\n';
    Console::err() << "lectern-cli check: " << path
                   << " is damaged; restore a backup (lectern-cli backups, lectern-cli restore) "
                      "or start Lectern to salvage it\n";
    return 1;
}

} // namespace lectern::cli
