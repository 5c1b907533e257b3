#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QObject>
#include <QTcpServer>
#include <QUrl>

#include <functional>

class QTcpSocket;

namespace lectern::test {

// A tiny HTTP/1.1 server on 127.0.0.1 for the network tests: each path gets a handler that
// writes whatever the test wants (a feed, a 429, a never-ending body, a dropped connection).
class LocalHttpServer : public QObject {
    Q_OBJECT
public:
    struct Request {
        QByteArray method;
        QByteArray path;                       // without the query
        QUrl url;                              // path and query, relative
        QHash<QByteArray, QByteArray> headers; // names lower-case
    };
    using Handler = std::function<void(QTcpSocket *socket, const Request &request)>;

    LocalHttpServer();
    QUrl url(const QString &path) const;

    void route(const QByteArray &path, Handler handler) {
        m_routes.insert(path, std::move(handler));
    }
    const QList<Request> &requests() const { return m_requests; }
    // Called with each request as it arrives (to record a fake clock's time, for instance).
    std::function<void(const Request &)> onRequest;

    // Writes a whole response and closes the connection.
    static void respond(QTcpSocket *socket, int status, const QByteArray &body,
                        const QByteArray &contentType = "text/plain",
                        const QList<QByteArray> &extraHeaders = {});

private:
    void onConnection();
    void onData(QTcpSocket *socket);

    QHash<QByteArray, Handler> m_routes;
    QList<Request> m_requests;
    QHash<QTcpSocket *, QByteArray> m_buffers;
    QTcpServer m_server; // last: its sockets go first, while m_buffers still exists
};

} // namespace lectern::test
