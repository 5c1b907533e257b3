#include "localhttpserver.h"

#include <QTcpSocket>

namespace lectern::test {

LocalHttpServer::LocalHttpServer() {
    m_server.listen(QHostAddress::LocalHost, 0);
    connect(&m_server, &QTcpServer::newConnection, this, &LocalHttpServer::onConnection);
}

QUrl LocalHttpServer::url(const QString &path) const {
    return QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(m_server.serverPort()).arg(path));
}

void LocalHttpServer::respond(QTcpSocket *socket, int status, const QByteArray &body,
                              const QByteArray &contentType, const QList<QByteArray> &extra) {
    QByteArray head =
        "HTTP/1.1 " + QByteArray::number(status) + " X\r\nContent-Type: " + contentType +
        "\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\nConnection: close\r\n";
    for (const QByteArray &h : extra)
        head += h + "\r\n";
    socket->write(head + "\r\n" + body);
    socket->disconnectFromHost();
}

void LocalHttpServer::onConnection() {
    while (QTcpSocket *socket = m_server.nextPendingConnection()) {
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onData(socket); });
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        connect(socket, &QObject::destroyed, this, [this, socket] { m_buffers.remove(socket); });
    }
}

void LocalHttpServer::onData(QTcpSocket *socket) {
    QByteArray &buffer = m_buffers[socket];
    buffer += socket->readAll();
    const qsizetype end = buffer.indexOf("\r\n\r\n");
    if (end < 0)
        return;
    const QList<QByteArray> lines = buffer.left(end).split('\n');
    buffer.clear();
    const QList<QByteArray> first = lines.value(0).trimmed().split(' ');
    Request request;
    request.method = first.value(0);
    request.url = QUrl(QString::fromLatin1(first.value(1)));
    request.path = request.url.path().toLatin1();
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const qsizetype colon = lines[i].indexOf(':');
        if (colon > 0)
            request.headers.insert(lines[i].left(colon).trimmed().toLower(),
                                   lines[i].mid(colon + 1).trimmed());
    }
    m_requests << request;
    if (onRequest)
        onRequest(request);
    const auto it = m_routes.constFind(request.path);
    if (it == m_routes.constEnd())
        respond(socket, 404, "not found");
    else
        (*it)(socket, request);
}

} // namespace lectern::test
