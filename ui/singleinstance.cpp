#include "singleinstance.h"

#include <QCryptographicHash>
#include <QDataStream>
#include <QDir>
#include <QFileInfo>
#include <QLocalServer>
#include <QLocalSocket>
#include <QLockFile>
#include <QTimer>

#include <unistd.h>

using namespace Qt::StringLiterals;

namespace lectern {

namespace {

constexpr quint32 kMagic = 0x4c45'4354;  // "LECT"
constexpr quint32 kAck = 0x4c41'434b;    // "LACK"
constexpr quint32 kCommit = 0x4c43'4d54; // "LCMT": the sender still waits, go ahead
constexpr const char *kPathsProperty = "lecternPaths";
constexpr const char *kDoneProperty = "lecternDone";
constexpr quint32 kVersion = 1;         // later versions may append fields to the frame
constexpr quint32 kMaxFrame = 4u << 20; // paths, not data: a bigger frame is refused
constexpr int kIncompleteMs = 10000;    // a client that never finishes its frame is dropped
constexpr int kCommitWriteMs = 1000;    // 4 bytes into a socket that just answered
constexpr auto kStreamVersion = QDataStream::Qt_6_5;

int msLeft(const QDeadlineTimer &deadline) {
    return int(qMax<qint64>(0, deadline.remainingTime()));
}

// The lock serialising "connect or listen", beside the socket.
QString lockPath(const QString &name) {
    if (QDir::isAbsolutePath(name))
        return name + u".lock"_s;
    return QDir(QDir::tempPath()).filePath(name + u".lock"_s);
}

void drop(QLocalSocket *socket) {
    socket->abort();
    socket->deleteLater();
}

QByteArray frame(const QByteArray &body) {
    QByteArray out;
    QDataStream stream(&out, QIODevice::WriteOnly);
    stream << quint32(body.size());
    return out + body;
}

} // namespace

SingleInstance::SingleInstance(const QString &canonicalDbPath, QObject *parent)
    : QObject(parent)
    , m_name(serverName(canonicalDbPath)) {}

SingleInstance::~SingleInstance() = default;

QString SingleInstance::serverName(const QString &canonicalDbPath) {
    const QByteArray hash =
        QCryptographicHash::hash(canonicalDbPath.toUtf8(), QCryptographicHash::Sha256).toHex();
    const QString name =
        u"lectern-"_s + QString::number(::getuid()) + u'-' + QString::fromLatin1(hash.left(16));
    const QString runtime = qEnvironmentVariable("XDG_RUNTIME_DIR");
    if (!runtime.isEmpty() && QDir::isAbsolutePath(runtime) && QFileInfo(runtime).isDir())
        return QDir(runtime).filePath(name);
    return name;
}

QString SingleInstance::canonicalDbPath(const QString &dbPath) {
    const QFileInfo info(dbPath);
    if (info.exists())
        return info.canonicalFilePath();
    const QString dir = QFileInfo(info.absolutePath()).canonicalFilePath();
    return dir.isEmpty() ? info.absoluteFilePath() : QDir(dir).filePath(info.fileName());
}

bool SingleInstance::isListening() const {
    return m_server && m_server->isListening();
}

SingleInstance::Result SingleInstance::start(const QStringList &paths, int timeoutMs) {
    const QDeadlineTimer deadline(timeoutMs);
    QLockFile lock(lockPath(m_name)); // a lock left by a dead process is taken over
    if (!lock.tryLock(msLeft(deadline))) {
        if (lock.error() == QLockFile::LockFailedError) {
            m_error = tr("another Lectern is starting on this library and did not finish "
                         "within %1 s")
                          .arg(timeoutMs / 1000.0);
            return Result::Unresponsive;
        }
        m_error = tr("cannot create the lock file %1").arg(lockPath(m_name));
        return Result::Failed;
    }
    QLocalSocket socket;
    socket.connectToServer(m_name);
    if (socket.waitForConnected(msLeft(deadline))) {
        lock.unlock();
        return handOff(&socket, paths, deadline, timeoutMs);
    }
    switch (socket.error()) {
    case QLocalSocket::ServerNotFoundError:
    case QLocalSocket::ConnectionRefusedError: // a socket left by a process that died
        QLocalServer::removeServer(m_name);
        return listen();
    case QLocalSocket::SocketTimeoutError:
        m_error = tr("Lectern is running on this library but does not accept connections");
        return Result::Unresponsive;
    default:
        m_error = socket.errorString();
        return Result::Failed;
    }
}

SingleInstance::Result SingleInstance::handOff(QLocalSocket *socket, const QStringList &paths,
                                               QDeadlineTimer deadline, int timeoutMs) {
    QByteArray body;
    QDataStream out(&body, QIODevice::WriteOnly);
    out.setVersion(kStreamVersion);
    out << kMagic << kVersion << paths;
    socket->write(frame(body));
    while (socket->bytesToWrite() > 0 && socket->waitForBytesWritten(msLeft(deadline))) {
    }
    while (socket->bytesAvailable() < qint64(sizeof(quint32))) {
        if (deadline.hasExpired() || !socket->waitForReadyRead(msLeft(deadline))) {
            m_error = tr("Lectern is running on this library but did not answer within %1 s")
                          .arg(timeoutMs / 1000.0);
            return Result::Unresponsive;
        }
    }
    quint32 ack = 0;
    QDataStream(socket->read(sizeof(quint32))) >> ack;
    if (ack != kAck) {
        m_error = tr("the program listening for this library is not Lectern");
        return Result::Unresponsive;
    }
    QByteArray commit;
    QDataStream(&commit, QIODevice::WriteOnly) << kCommit;
    socket->write(commit);
    socket->flush();
    if (socket->bytesToWrite() > 0)
        socket->waitForBytesWritten(kCommitWriteMs);
    socket->disconnectFromServer();
    return Result::HandedOff;
}

SingleInstance::Result SingleInstance::listen() {
    auto *server = new QLocalServer(this);
    server->setSocketOptions(QLocalServer::UserAccessOption);
    if (!server->listen(m_name)) {
        m_error = tr("cannot listen on %1: %2").arg(m_name, server->errorString());
        delete server;
        return Result::Failed;
    }
    m_server = server;
    connect(m_server, &QLocalServer::newConnection, this, &SingleInstance::onNewConnection);
    return Result::Primary;
}

void SingleInstance::onNewConnection() {
    while (QLocalSocket *socket = m_server->nextPendingConnection()) {
        connect(socket, &QLocalSocket::disconnected, socket, &QObject::deleteLater);
        connect(socket, &QLocalSocket::readyRead, this, [this, socket] { readRequest(socket); });
        QTimer::singleShot(kIncompleteMs, socket, [socket] { drop(socket); });
        readRequest(socket);
    }
}

// A request, once read and acknowledged, waits for the sender's commit: a sender that gave up
// before the acknowledgement came closes without one, and nothing happens.
void SingleInstance::readRequest(QLocalSocket *socket) {
    if (!socket->property(kPathsProperty).isValid()) {
        if (!readPaths(socket))
            return;
        QByteArray ack;
        QDataStream(&ack, QIODevice::WriteOnly) << kAck;
        socket->write(ack);
        socket->flush();
    }
    if (socket->property(kDoneProperty).toBool() ||
        socket->bytesAvailable() < qint64(sizeof(quint32)))
        return;
    socket->setProperty(kDoneProperty, true);
    quint32 commit = 0;
    QDataStream(socket->read(sizeof(quint32))) >> commit;
    if (commit != kCommit) {
        drop(socket);
        return;
    }
    Q_EMIT activationRequested(socket->property(kPathsProperty).toStringList());
}

// The request frame: false while incomplete, and for a frame that is not Lectern's (dropped).
bool SingleInstance::readPaths(QLocalSocket *socket) {
    if (socket->bytesAvailable() < qint64(sizeof(quint32)))
        return false;
    quint32 length = 0;
    QDataStream(socket->peek(sizeof(quint32))) >> length;
    if (length > kMaxFrame) {
        drop(socket);
        return false;
    }
    if (socket->bytesAvailable() < qint64(sizeof(quint32)) + length)
        return false;
    socket->skip(sizeof(quint32));
    QDataStream in(socket->read(length));
    in.setVersion(kStreamVersion);
    quint32 magic = 0, version = 0;
    QStringList paths;
    in >> magic >> version >> paths;
    if (magic != kMagic || version < 1 || in.status() != QDataStream::Ok) {
        drop(socket);
        return false;
    }
    socket->setProperty(kPathsProperty, paths);
    return true;
}

} // namespace lectern
