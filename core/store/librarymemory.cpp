// Library: what one connection keeps resident (its page cache and memory map), for the window.
#include "store/library_p.h"

#include <QSqlError>
#include <QSqlQuery>

namespace lectern {

bool Library::limitMemory(qint64 mmapBytes, int cacheKiB) {
    if (!isOpen())
        return d->fail(QStringLiteral("no library is open"));
    QSqlQuery q(d->db);
    if (!q.exec(QStringLiteral("PRAGMA mmap_size")) || !q.next())
        return d->fail(q.lastError(), QStringLiteral("memory"));
    const qint64 mapped = qMin(q.value(0).toLongLong(), mmapBytes);
    q.finish();
    if (!q.exec(QStringLiteral("PRAGMA mmap_size = ") + QString::number(mapped)))
        return d->fail(q.lastError(), QStringLiteral("memory"));
    if (!d->setCacheSize(cacheKiB))
        return false;
    d->cacheKiB = cacheKiB;
    return true;
}

} // namespace lectern
