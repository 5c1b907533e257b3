#include "summaryloader.h"

#include "search/queryterms.h"

#include <QMetaObject>

namespace lectern {

SummaryLoader::SummaryLoader(DatabaseWorker *worker, QObject *parent)
    : QObject(parent)
    , m_worker(worker) {}

ViewFigures SummaryLoader::count(const Library &library, const QString &query) {
    auto n = [&](QueryTerms::State state) {
        return library.total(QueryTerms::all({query, QueryTerms::state(state)})).value_or(0);
    };
    ViewFigures f;
    f.total = library.total(query).value_or(0);
    f.read = f.total - n(QueryTerms::State::Unread);
    f.starred = n(QueryTerms::State::Starred);
    f.noted = n(QueryTerms::State::Noted);
    return f;
}

QString SummaryLoader::text(const ViewFigures &f) {
    return tr("%1 of %2 read, %3 starred, %4 with notes")
        .arg(QString::number(f.read), QString::number(f.total), QString::number(f.starred),
             QString::number(f.noted));
}

void SummaryLoader::request(QDate digest, bool withView, const QString &viewQuery,
                            const QString &viewKey) {
    if (!m_worker)
        return;
    const quint64 serial = ++m_serial;
    m_worker->post([this, serial, digest, withView, viewQuery,
                    viewKey](Library &library, const std::function<bool()> &) {
        Result r;
        r.digest = digest;
        r.withView = withView;
        r.viewKey = viewKey;
        const QString digestQuery = digest.isValid() ? QueryTerms::digest(digest) : QString();
        if (digest.isValid()) {
            r.digestFigures = count(library, digestQuery);
            r.next = library.nextDigestWithUnread(digest);
        }
        if (withView)
            r.view = digest.isValid() && viewQuery == digestQuery ? r.digestFigures
                                                                  : count(library, viewQuery);
        // Queued to this object's thread; the worker stops before this object is destroyed.
        QMetaObject::invokeMethod(
            this, [this, serial, r] { deliver(serial, r); }, Qt::QueuedConnection);
    });
}

void SummaryLoader::deliver(quint64 serial, const Result &result) {
    if (serial == m_serial)
        Q_EMIT ready(result);
}

} // namespace lectern
