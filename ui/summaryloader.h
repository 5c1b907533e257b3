#pragma once

#include "store/databaseworker.h"

#include <QDate>
#include <QObject>
#include <QPointer>

namespace lectern {

// What a view holds: papers, read, starred, with notes.
struct ViewFigures {
    int total = 0, read = 0, starred = 0, noted = 0;
};

// The end of a digest: the digest's figures, the next digest with unread papers and, when
// asked, the list's own figures, counted once per request on the application's DatabaseWorker
// (the window counted them on the UI thread, the digest twice when the list showed it). A list
// that is that digest is counted once. Only the latest request is answered.
class SummaryLoader : public QObject {
    Q_OBJECT
public:
    struct Result {
        QDate digest;              // invalid: no digest (only the view's figures)
        ViewFigures digestFigures; // of the digest
        QDate next;                // the next digest with unread papers; invalid when none
        bool withView = false;     // view below was asked for
        QString viewKey;           // as given to request()
        ViewFigures view;          // of the list's query
    };

    explicit SummaryLoader(DatabaseWorker *worker, QObject *parent = nullptr);
    // digest: the digest to sum up (may be invalid); viewQuery: the list's query when its
    // figures are wanted too (withView), viewKey: handed back in the result.
    void request(QDate digest, bool withView = false, const QString &viewQuery = {},
                 const QString &viewKey = {});
    // The answer to the request running, if any, is dropped (the reader moved on).
    void cancel() { ++m_serial; }

    // Four counting queries over a view (run on the worker's library).
    static ViewFigures count(const Library &library, const QString &query);
    // "3 of 10 read, 1 starred, 2 with notes".
    static QString text(const ViewFigures &figures);

Q_SIGNALS:
    void ready(const lectern::SummaryLoader::Result &result);

private:
    void deliver(quint64 serial, const Result &result);

    QPointer<DatabaseWorker> m_worker;
    quint64 m_serial = 0; // the latest request
};

} // namespace lectern
