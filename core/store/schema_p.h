#pragma once

#include "store/library.h"

#include <QSqlDatabase>
#include <QString>

namespace lectern {

// The library's SQL schema and its ordered migrations. The version lives in
// PRAGMA user_version; each migration runs in its own transaction, and before migrating an
// existing library a consistent copy of it is written next to it ("<file>.v<N>.bak").
class Schema {
public:
    static int currentVersion();

    // Brings db (open, path = file) to currentVersion(). A new (empty) file is created from
    // version 0 through every migration, so every migration runs on every install.
    // Fails on a library newer than this program, leaving it untouched. *kind says what
    // kind of failure (Busy from SQLite's result code, Incompatible, ...).
    static bool migrate(QSqlDatabase &db, const QString &path, QString *error,
                        ErrorKind *kind = nullptr);

    // False (with the reason) for a file this program must not touch: a library from a newer
    // Lectern, or an SQLite file that is not a Lectern library. Writes nothing; Library::open
    // asks before it sets any persistent option (WAL).
    static bool isOpenable(QSqlDatabase &db, const QString &path, QString *error,
                           ErrorKind *kind = nullptr);

    // The DDL of one version step (from - 1 to from), for tests that build old fixtures.
    static QStringList migrationStatements(int toVersion);

    // Statements that list again, from the rows, every paper with CJK text in cjk_papers
    // (the migration to schema 12, and salvage).
    static QStringList cjkRefillStatements();

    // The title order's index (version 10). A large import drops it and builds it once after
    // its rows (libraryimport.cpp); the query walks it only while it exists.
    static constexpr const char *kTitleIndex = "papers_title";
    static constexpr const char *kCreateTitleIndex =
        "CREATE INDEX IF NOT EXISTS papers_title ON papers(title COLLATE NOCASE)";
};

} // namespace lectern
