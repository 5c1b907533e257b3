#pragma once

#include <QDeadlineTimer>
#include <QObject>
#include <QString>
#include <QStringList>

class QLocalServer;
class QLocalSocket;

namespace lectern {

// One Lectern window per library. The first process on a library listens on a local socket
// named after the user and the library's canonical path; a later one hands its files to it and
// exits. The protocol: the secondary sends [quint32 length][QDataStream: magic, version,
// QStringList absolute paths], the primary answers [quint32 ack], the secondary confirms with
// [quint32 commit] and only then does the primary emit activationRequested(), so a secondary
// that gave up waiting (and told its user so) leaves no import behind.
// Deciding who is primary happens under a lock file beside the socket, so two processes
// started at once end with one primary; a socket left by a killed process (connection
// refused) is removed and replaced.
class SingleInstance : public QObject {
    Q_OBJECT
public:
    enum class Result {
        Primary,      // this process listens now: open the library and show the window
        HandedOff,    // a running instance took the paths: exit
        Unresponsive, // an instance runs but did not answer in time: the library is left alone
        Failed,       // no socket could be set up (errorString()): run without one
    };

    explicit SingleInstance(const QString &canonicalDbPath, QObject *parent = nullptr);
    ~SingleInstance() override;

    // The name given to QLocalServer::listen for a library: a socket path in
    // $XDG_RUNTIME_DIR when it is set, else a name (in the temporary folder) that carries the
    // user id. Same library (same canonical path), same name.
    static QString serverName(const QString &canonicalDbPath);
    // The canonical path of a library file that may not exist yet (its folder must).
    static QString canonicalDbPath(const QString &dbPath);

    // Hands `paths` to a running instance, or becomes the primary and listens; waits at most
    // timeoutMs for the lock, the connection and the acknowledgement.
    Result start(const QStringList &paths, int timeoutMs = 2000);
    QString errorString() const { return m_error; }
    bool isListening() const;

Q_SIGNALS:
    // A second `lectern` was started on this library (paths: absolute, possibly empty).
    void activationRequested(const QStringList &paths);

private:
    Result handOff(QLocalSocket *socket, const QStringList &paths, QDeadlineTimer deadline,
                   int timeoutMs);
    Result listen();
    void onNewConnection();
    void readRequest(QLocalSocket *socket);
    bool readPaths(QLocalSocket *socket);

    QString m_name;
    QString m_error;
    QLocalServer *m_server = nullptr;
};

} // namespace lectern
