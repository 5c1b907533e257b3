// lectern-cli list --sort foryou: train and score "For you" before listing; the why lines.
#include "clicommands.h"

#include "console.h"
#include "rank/rankengine.h"
#include "store/library.h"

namespace lectern::cli {

bool updateForYou(Library &lib) {
    RankEngine engine;
    const std::optional<RankOutcome> outcome = engine.update(lib);
    if (!outcome) {
        Console::err() << "lectern-cli list: " << lib.lastError() << '\n';
        return false;
    }
    if (!outcome->trained()) // cold start (or no negatives): the order falls back to date
        Console::err() << "lectern-cli list: " << outcome->message() << '\n';
    return true;
}

std::optional<QHash<qint64, QString>> whyLines(const Library &lib, const QList<qint64> &ids) {
    QHash<qint64, QString> out;
    for (qint64 id : ids) {
        const std::optional<QString> why = lib.rankWhy(id);
        if (!why) {
            Console::err() << "lectern-cli list: " << lib.lastError() << '\n';
            return std::nullopt;
        }
        out.insert(id, *why);
    }
    return out;
}

} // namespace lectern::cli
