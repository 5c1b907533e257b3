// Reading progress over digests (issue 12 §1): where "continue" starts.
#include "store/library_p.h"

#include <QSqlError>
#include <QSqlQuery>

namespace lectern {

QDate Library::oldestDigestWithUnread() const {
    if (!isOpen())
        return {};
    QSqlQuery q(d->db);
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT d.date FROM digests d WHERE d.date IS NOT NULL AND EXISTS "
                               "(SELECT 1 FROM paper_digests pd JOIN papers p ON p.id = "
                               "pd.paper_id WHERE pd.digest_id = d.id AND p.read = 0) ORDER BY "
                               "d.date ASC LIMIT 1"))) {
        d->fail(q.lastError(), QStringLiteral("progress"));
        return {};
    }
    if (!q.next())
        return {};
    return QDate::fromString(q.value(0).toString(), Qt::ISODate);
}

} // namespace lectern
