// lectern-cli watch add|remove|list: the watched folders, kept in the settings the window
// reads ($XDG_CONFIG_HOME/Lectern/Lectern.conf), so a folder added here is watched by the
// window when it starts.
#include "clicommands.h"

#include "console.h"
#include "watch/watchlist.h"

#include <QFileInfo>
#include <QSettings>

namespace lectern::cli {

namespace {

const QString kCommand = QStringLiteral("watch");

int add(WatchList *list, const QString &dir) {
    QString error;
    const std::optional<QString> path = WatchList::normalise(dir, &error);
    if (!path) {
        Console::err() << "lectern-cli watch add: " << error << '\n';
        return 1;
    }
    const bool known = list->folders().contains(*path);
    list->add(*path);
    list->sync();
    Console::out() << (known ? "already watched: " : "watching ") << *path << '\n';
    return 0;
}

int remove(WatchList *list, const QString &dir) {
    if (!list->remove(dir)) {
        Console::err() << "lectern-cli watch remove: " << WatchList::absoluteClean(dir)
                       << ": not a watched folder\n";
        return 1;
    }
    list->sync();
    Console::out() << "no longer watching " << WatchList::absoluteClean(dir) << '\n';
    return 0;
}

int list(const WatchList &list) {
    for (const QString &folder : list.folders())
        Console::out() << folder << (QFileInfo(folder).isDir() ? "" : " (unavailable)") << '\n';
    return 0;
}

} // namespace

int runWatch(const CommandArgs &args) {
    const QString action = args.positional.value(0);
    const qsizetype words = args.positional.size();
    QSettings settings; // the application's (organisation and name set by main)
    WatchList watchList(&settings);
    if (action == QLatin1String("list") && words == 1)
        return list(watchList);
    if (action == QLatin1String("add") && words == 2)
        return add(&watchList, args.positional.at(1));
    if (action == QLatin1String("remove") && words == 2)
        return remove(&watchList, args.positional.at(1));
    if (action != QLatin1String("list") && action != QLatin1String("add") &&
        action != QLatin1String("remove"))
        return usageError(kCommand, action.isEmpty()
                                        ? QStringLiteral("add, remove or list?")
                                        : QStringLiteral("unknown action '") + action +
                                              QStringLiteral("' (add, remove or list)"));
    return usageError(kCommand, action == QLatin1String("list")
                                    ? QStringLiteral("list takes no folder")
                                    : action + QStringLiteral(" needs exactly one DIR"));
}

} // namespace lectern::cli
