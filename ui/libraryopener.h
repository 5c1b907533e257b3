#pragma once

#include <QLockFile>
#include <QString>

#include <memory>

class QWidget;

namespace lectern {

class Library;

// How the window opens its library, before it shows: a missing library is created only at the
// default place (the first run) or after the user agrees; a damaged one is never opened for
// writing nor recreated: a dialog says what SQLite found and offers to restore the newest good
// backup, to salvage what is readable into a new library, or to quit.
class LibraryOpener {
public:
    // False when the user chose to quit (or the library cannot be opened; the user was told).
    static bool open(Library *library, const QString &path, QWidget *parent = nullptr);
    // The lock held while the window runs (`lectern-cli restore` refuses while it is held).
    // Null when another process holds it.
    static std::unique_ptr<QLockFile> lock(const QString &path);

private:
    static bool confirmCreate(const QString &path, QWidget *parent);
    // True: try opening again (restored or salvaged); false: quit.
    static bool recover(const QString &path, const QString &why, QWidget *parent);
};

} // namespace lectern
