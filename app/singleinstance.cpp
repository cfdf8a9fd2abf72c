#include "singleinstance.h"

#include "settings/settings.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QLocalSocket>
#include <QStandardPaths>

namespace {

const QByteArray RaiseRequest = "raise\n";
const QByteArray RaiseAnswer = "raised\n";
// A running instance answers from its event loop: a busy start-up may take a while.
constexpr int AnswerTimeoutMs = 10000;

} // namespace

SingleInstance::SingleInstance(const QString &configFile, QObject *parent)
    : QObject(parent)
{
    const QString config =
        QFileInfo(configFile.isEmpty() ? Settings::defaultFilePath() : configFile)
            .absoluteFilePath();
    const QByteArray hash =
        QCryptographicHash::hash(config.toUtf8(), QCryptographicHash::Sha1).toHex().left(16);
    // The runtime directory is the user's own (XDG_RUNTIME_DIR, mode 0700), which keeps other
    // users' instances apart.
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::RuntimeLocation);
    m_path = QDir(dir).filePath(QStringLiteral("vantage-") + QString::fromLatin1(hash));
    m_server.setSocketOptions(QLocalServer::UserAccessOption);
    connect(&m_server, &QLocalServer::newConnection, this, &SingleInstance::answer);
}

SingleInstance::Peer SingleInstance::raiseRunning()
{
    QLocalSocket socket;
    socket.connectToServer(m_path);
    if (!socket.waitForConnected(AnswerTimeoutMs)) {
        // Nobody listens; a socket file left by a crashed run would make listen() fail.
        QLocalServer::removeServer(m_path);
        return Peer::None;
    }
    socket.write(RaiseRequest);
    while (!socket.canReadLine() && socket.waitForReadyRead(AnswerTimeoutMs)) {
    }
    return socket.readLine() == RaiseAnswer ? Peer::Raised : Peer::Silent;
}

bool SingleInstance::listen()
{
    return m_server.listen(m_path);
}

void SingleInstance::answer()
{
    while (QLocalSocket *socket = m_server.nextPendingConnection()) {
        connect(socket, &QLocalSocket::disconnected, socket, &QObject::deleteLater);
        connect(socket, &QLocalSocket::readyRead, this, [this, socket] {
            if (!socket->canReadLine())
                return;
            if (socket->readLine() == RaiseRequest) {
                emit raiseRequested();
                socket->write(RaiseAnswer);
            }
            socket->disconnectFromServer();
        });
    }
}
