#include "libraryopener.h"

#include "store/backupmanager.h"
#include "store/library.h"

#include <QApplication>
#include <QDir>
#include <QFileInfo>
#include <QLockFile>
#include <QMessageBox>
#include <QPushButton>
#include <QStandardPaths>

namespace lectern {

namespace {

// The place a first run creates the library without asking.
bool isStandardPath(const QString &path) {
    const QString standard = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) +
                             QStringLiteral("/library.sqlite");
    return QFileInfo(path).absoluteFilePath() == QFileInfo(standard).absoluteFilePath();
}

void tellFailure(const QString &path, const QString &error, QWidget *parent) {
    QMessageBox::critical(
        parent, QApplication::translate("LibraryOpener", "Lectern"),
        QApplication::translate("LibraryOpener", "Cannot open the library %1:\n%2")
            .arg(path, error));
}

// Runs work with the wait cursor (restore and salvage read the whole file).
template <typename F> auto busy(F work) {
    QApplication::setOverrideCursor(Qt::WaitCursor);
    auto result = work();
    QApplication::restoreOverrideCursor();
    return result;
}

} // namespace

bool LibraryOpener::open(Library *library, const QString &path, QWidget *parent) {
    if (!QFileInfo::exists(path) && !isStandardPath(path) && !confirmCreate(path, parent))
        return false;
    for (;;) {
        QString error;
        if (!QFileInfo::exists(path))
            QDir().mkpath(QFileInfo(path).absolutePath());
        if (library->open(path, &error)) {
            if (!library->openWarning().isEmpty())
                qWarning("lectern: %s", qPrintable(library->openWarning()));
            return true;
        }
        qWarning("lectern: %s", qPrintable(error));
        if (library->lastErrorKind() != ErrorKind::Corrupt) {
            tellFailure(path, error, parent);
            return false;
        }
        if (!recover(path, error, parent))
            return false;
    }
}

bool LibraryOpener::confirmCreate(const QString &path, QWidget *parent) {
    const bool folderExists = QFileInfo(QFileInfo(path).absolutePath()).isDir();
    QMessageBox box(
        QMessageBox::Question, QApplication::translate("LibraryOpener", "Lectern"),
        QApplication::translate("LibraryOpener", "There is no library at %1.").arg(path),
        QMessageBox::NoButton, parent);
    box.setInformativeText(
        folderExists
            ? QApplication::translate("LibraryOpener", "Create a new, empty library there?")
            : QApplication::translate("LibraryOpener",
                                      "Its folder does not exist either: if it is on a "
                                      "drive that is not mounted, quit and mount it "
                                      "first. Create a new, empty library there?"));
    QPushButton *create =
        box.addButton(QApplication::translate("LibraryOpener", "Create"), QMessageBox::AcceptRole);
    box.addButton(QApplication::translate("LibraryOpener", "Quit"), QMessageBox::RejectRole);
    box.exec();
    return box.clickedButton() == create;
}

bool LibraryOpener::recover(const QString &path, const QString &why, QWidget *parent) {
    BackupManager backups(path);
    const QString newest = busy([&] { return backups.newestGoodBackup(); });
    QMessageBox box(
        QMessageBox::Critical, QApplication::translate("LibraryOpener", "Lectern"),
        QApplication::translate("LibraryOpener", "The library %1 is damaged.").arg(path),
        QMessageBox::NoButton, parent);
    box.setObjectName(QStringLiteral("damagedLibraryDialog"));
    box.setInformativeText(
        why + QStringLiteral("\n\n") +
        QApplication::translate("LibraryOpener",
                                "It was not opened for writing. You can restore the newest good "
                                "backup (the damaged file is kept beside it as .before-restore), "
                                "or copy every readable paper, note, tag and state into a new "
                                "library (the damaged file is kept as .damaged-…)."));
    QPushButton *restore = nullptr;
    if (!newest.isEmpty())
        restore = box.addButton(QApplication::translate("LibraryOpener", "Restore %1")
                                    .arg(QFileInfo(newest).fileName()),
                                QMessageBox::AcceptRole);
    QPushButton *salvage =
        box.addButton(QApplication::translate("LibraryOpener", "Salvage into a new library"),
                      QMessageBox::ActionRole);
    box.addButton(QApplication::translate("LibraryOpener", "Quit"), QMessageBox::RejectRole);
    box.exec();
    if (restore && box.clickedButton() == restore) {
        if (busy([&] { return backups.restore(newest); }))
            return true;
    } else if (box.clickedButton() == salvage) {
        QString kept;
        const std::optional<SalvageResult> r = busy([&] { return backups.salvageInPlace(&kept); });
        if (r) {
            QMessageBox::information(
                parent, QApplication::translate("LibraryOpener", "Lectern"),
                QApplication::translate("LibraryOpener",
                                        "Salvaged into a new library; the damaged one is %1.\n\n")
                        .arg(kept) +
                    r->copied.join(QLatin1Char('\n')));
            return true;
        }
    } else {
        return false;
    }
    tellFailure(path, backups.lastError(), parent);
    return false;
}

std::unique_ptr<QLockFile> LibraryOpener::lock(const QString &path) {
    auto lock = std::make_unique<QLockFile>(BackupManager::lockPath(path));
    lock->setStaleLockTime(0);
    if (!lock->tryLock(0))
        return nullptr;
    return lock;
}

} // namespace lectern
