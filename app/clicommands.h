#pragma once

#include "cliargs.h"
#include "model/librarytypes.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace lectern {
class Library;
}

namespace lectern::cli {

// The commands of lectern-cli (CliArgs::commands() describes them). Each returns the process
// exit code: 0 success, 1 failure, 2 usage error.
int runParse(const CommandArgs &args);
int runImport(const CommandArgs &args);
int runList(const CommandArgs &args);
int runShow(const CommandArgs &args);
int runMark(const CommandArgs &args);
int runNote(const CommandArgs &args);
int runTag(const CommandArgs &args);
int runExportAnnotations(const CommandArgs &args);
int runImportAnnotations(const CommandArgs &args);
int runFetch(const CommandArgs &args);
int runPdf(const CommandArgs &args);
int runWatch(const CommandArgs &args);
int runExport(const CommandArgs &args);
int runBackup(const CommandArgs &args);
int runBackups(const CommandArgs &args);
int runRestore(const CommandArgs &args);
int runCheck(const CommandArgs &args);
int runFollow(const CommandArgs &args);

// Shared by the commands.
// Prints "lectern-cli COMMAND: message" and the command's usage on stderr; returns 2.
int usageError(const QString &command, const QString &message);
// --db PATH, else the default library.
QString libraryPath(const CommandArgs &args);
// Opens --db PATH, else the default library; prints the error and returns false on failure.
// The library must exist unless --create is given.
bool openLibrary(const CommandArgs &args, Library *lib);
// --sort: date (also when empty), digest, title, relevance or foryou; nullopt for anything else.
std::optional<SortOrder> sortOrder(const QString &name);
// For you (rankcommands.cpp): trains and scores the library (a cold start is said on stderr);
// false (error on stderr) on failure. The why line of each paper (empty: none).
bool updateForYou(Library &lib);
std::optional<QHash<qint64, QString>> whyLines(const Library &lib, const QList<qint64> &ids);
// Resolves arXiv ids (2505.01259, 2505.01259v2, arXiv:…, the abs URL) to row ids, reporting
// every unknown one; false when any is unknown (all-or-nothing, so a typo changes nothing).
bool resolve(const QString &command, const Library &lib, const QStringList &keys,
             QList<qint64> *ids);

} // namespace lectern::cli
