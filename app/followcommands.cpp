// lectern-cli follow add|remove|list: the follow list of the library (authors, keywords,
// phrases); papers matching it are is:followed.
#include "clicommands.h"

#include "console.h"
#include "follow/follow.h"
#include "store/library.h"

namespace lectern::cli {

namespace {

const QString kCommand = QStringLiteral("follow");

std::optional<Follow> parsed(const QString &action, const QString &spec) {
    QString error;
    const std::optional<Follow> f = Follow::parse(spec, &error);
    if (!f)
        Console::err() << "lectern-cli follow " << action << ": " << error << '\n';
    return f;
}

int add(Library *lib, const QString &spec) {
    const std::optional<Follow> f = parsed(QStringLiteral("add"), spec);
    if (!f)
        return 1;
    const std::optional<QList<FollowEntry>> before = lib->follows();
    const std::optional<FollowEntry> entry = before ? lib->addFollow(*f) : std::nullopt;
    if (!entry) {
        Console::err() << "lectern-cli follow add: " << lib->lastError() << '\n';
        return 1;
    }
    bool known = false;
    for (const FollowEntry &e : *before)
        known = known || e.id == entry->id;
    Console::out() << (known ? "already following " : "following ") << entry->follow.spec() << ": "
                   << entry->papers << (entry->papers == 1 ? " paper\n" : " papers\n");
    return 0;
}

int remove(Library *lib, const QString &spec) {
    const std::optional<Follow> f = parsed(QStringLiteral("remove"), spec);
    if (!f)
        return 1;
    const std::optional<bool> removed = lib->removeFollow(*f);
    if (!removed) {
        Console::err() << "lectern-cli follow remove: " << lib->lastError() << '\n';
        return 1;
    }
    if (!*removed) {
        Console::err() << "lectern-cli follow remove: " << f->spec() << ": not followed\n";
        return 1;
    }
    Console::out() << "no longer following " << f->spec() << '\n';
    return 0;
}

int list(Library *lib) {
    const std::optional<QList<FollowEntry>> entries = lib->follows();
    if (!entries) {
        Console::err() << "lectern-cli follow list: " << lib->lastError() << '\n';
        return 1;
    }
    for (const FollowEntry &e : *entries)
        Console::out() << e.follow.spec() << '\t' << e.papers << '\n';
    return 0;
}

} // namespace

int runFollow(const CommandArgs &args) {
    const QString action = args.positional.value(0);
    const qsizetype words = args.positional.size();
    const bool known = action == QLatin1String("list") || action == QLatin1String("add") ||
                       action == QLatin1String("remove");
    if (!known)
        return usageError(kCommand, action.isEmpty()
                                        ? QStringLiteral("add, remove or list?")
                                        : QStringLiteral("unknown action '") + action +
                                              QStringLiteral("' (add, remove or list)"));
    if (action == QLatin1String("list") ? words != 1 : words != 2)
        return usageError(kCommand,
                          action == QLatin1String("list")
                              ? QStringLiteral("list takes nothing else")
                              : action + QStringLiteral(" needs exactly one author:NAME, "
                                                        "kw:TERM or \"phrase\" (quote spaces)"));
    Library lib;
    if (!openLibrary(args, &lib))
        return 1;
    if (action == QLatin1String("list"))
        return list(&lib);
    if (action == QLatin1String("add"))
        return add(&lib, args.positional.at(1));
    return remove(&lib, args.positional.at(1));
}

} // namespace lectern::cli
