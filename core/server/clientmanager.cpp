#include "clientmanager.h"

#include "logging.h"
#include "server/serverstats.h"

#include <QTcpSocket>

#ifdef __GLIBC__
#include <malloc.h>
#endif

namespace {

// How often the clients are checked; a tick this close to it is close enough.
constexpr qint64 CheckMs = 1000;
constexpr qint64 CheckSlackMs = CheckMs / 10;

} // namespace

ClientManager::ClientManager(ServerStats *stats, QObject *parent)
    : QObject(parent)
    , m_stats(stats)
{
    m_sinceCheck.start();
    // Longer than the tick at 1 Hz, so that there each check restarts it before it fires.
    m_checkTimer.setInterval(CheckMs * 3 / 2);
    m_checkTimer.callOnTimeout(this, &ClientManager::checkClients);
}

ClientManager::~ClientManager()
{
    for (ClientConnection *client : std::as_const(m_clients))
        client->disconnect(this);
    qDeleteAll(m_clients);
}

ClientConnection *ClientManager::adopt(QTcpSocket *socket, ClientConnection::Role role,
                                       const QByteArray &alreadyReceived)
{
    auto *client = new ClientConnection(socket, m_nextId++, role, m_stats, this);
    m_clients.insert(client->id(), client);
    connect(client, &ClientConnection::disconnected, this, &ClientManager::remove);
    connect(client, &ClientConnection::textReceived, this, &ClientManager::textReceived);
    connect(client, &ClientConnection::protocolViolated, this,
            [](ClientConnection *c, const QString &reason) {
                qCInfo(lcServer) << "client" << c->id() << c->address().toString()
                                 << "closed:" << reason;
            });
    if (!m_checkTimer.isActive())
        m_checkTimer.start();
    client->start(alreadyReceived);
    emit clientAdded(client);
    return client;
}

void ClientManager::remove(ClientConnection *client)
{
    if (!m_clients.remove(client->id()))
        return;
    emit clientRemoved(client->id());
    client->deleteLater();
}

void ClientManager::broadcastSample(const QByteArray &frame)
{
    for (ClientConnection *client : std::as_const(m_clients))
        client->sendSample(frame);
    if (m_sinceCheck.elapsed() >= CheckMs - CheckSlackMs)
        checkClients();
}

void ClientManager::broadcastText(const QByteArray &json)
{
    const QByteArray frame = WebSocketFrame::encode(WebSocketFrame::Text, json);
    for (ClientConnection *client : std::as_const(m_clients))
        client->sendFrame(frame);
}

void ClientManager::closeAll(WebSocketFrame::CloseCode code, const QString &reason)
{
    for (ClientConnection *client : m_clients.values())
        client->close(code, reason);
}

// glibc keeps what a thousand departed clients freed; without handing it back, RSS only ever
// climbs over cycles of reconnects.
void ClientManager::returnMemoryAfterExodus()
{
    if (count() > m_countAtTrim)
        m_countAtTrim = count();
    if (m_countAtTrim - count() < 64)
        return;
#ifdef __GLIBC__
    malloc_trim(0);
#endif
    m_countAtTrim = count();
}

void ClientManager::checkClients()
{
    m_sinceCheck.restart();
    returnMemoryAfterExodus();
    // The check after the last client left has returned what they freed: nothing is left to
    // watch until the next one comes.
    if (m_clients.isEmpty())
        m_checkTimer.stop();
    else
        m_checkTimer.start();
    for (ClientConnection *client : m_clients.values()) {
        if (client->state() != ClientConnection::State::Connected)
            continue;
        if (client->behindMs() > m_limits.behindMs) {
            ++m_stats->slowClosed;
            qCInfo(lcServer) << "client" << client->id() << "closed: behind the stream for"
                             << client->behindMs() << "ms";
            client->close(WebSocketFrame::SlowConsumer, QStringLiteral("too slow"));
        } else if (client->idleMs() > m_limits.idleMs) {
            client->close(WebSocketFrame::IdleTimeout, QStringLiteral("idle"));
        } else if (client->idleMs() > m_limits.pingAfterMs) {
            client->sendPing();
        }
    }
}
