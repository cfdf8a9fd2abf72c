#include "fleettopic.h"

#include "fleet/fleetservice.h"
#include "server/clientconnection.h"
#include "server/serverstats.h"
#include "server/websocketframe.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>

namespace {

QByteArray message(bool full, const QJsonArray &hosts)
{
    const QJsonObject object{{QStringLiteral("type"), FleetTopic::Name},
                             {QStringLiteral("full"), full},
                             {QStringLiteral("ts"), double(QDateTime::currentMSecsSinceEpoch())},
                             {QStringLiteral("hosts"), hosts}};
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

} // namespace

FleetTopic::FleetTopic(ServerStats *stats, QObject *parent)
    : QObject(parent)
    , m_stats(stats)
{}

void FleetTopic::setFleet(FleetService *fleet)
{
    m_fleet = fleet;
    followUpdates();
}

void FleetTopic::subscribe(ClientConnection *client)
{
    if (!m_clients.contains(client)) {
        connect(client, &ClientConnection::disconnected, this, &FleetTopic::unsubscribe);
        connect(client, &QObject::destroyed, this, [this, client] {
            m_clients.remove(client);
            followUpdates();
        });
    }
    m_clients.insert(client, {});
    followUpdates();
    sendFull(client);
}

void FleetTopic::unsubscribe(ClientConnection *client)
{
    if (m_clients.remove(client))
        disconnect(client, nullptr, this, nullptr);
    followUpdates();
}

// Connected to the fleet's updates only while someone subscribes: with no viewer the hub builds
// no update at all (FleetService::makeUpdate).
void FleetTopic::followUpdates()
{
    if (!m_fleet)
        return;
    if (m_clients.isEmpty())
        disconnect(m_updates);
    else if (!m_updates)
        m_updates = connect(m_fleet, &FleetService::updated, this, &FleetTopic::send);
}

// The whole update's bytes drain as the client reads them: what is queued beyond them is what it
// is behind.
bool FleetTopic::isBehind(ClientConnection *client)
{
    Subscriber &subscriber = m_clients[client];
    subscriber.fullBytes = std::min(subscriber.fullBytes, client->queuedBytes());
    return client->queuedBytes() - subscriber.fullBytes > ClientConnection::HighWaterBytes;
}

void FleetTopic::sendFull(ClientConnection *client)
{
    Subscriber &subscriber = m_clients[client];
    subscriber.fullBytes = 0;
    if (isBehind(client)) {
        subscriber.owed = true;
        return;
    }
    const qint64 before = client->queuedBytes();
    client->sendText(message(true, m_fleet ? m_fleet->rows(true) : QJsonArray()));
    subscriber = {false, client->queuedBytes() - before};
}

void FleetTopic::send()
{
    if (m_clients.isEmpty())
        return;
    const QByteArray frame =
        WebSocketFrame::encode(WebSocketFrame::Text, message(false, m_fleet->lastUpdate()));
    // A send can close a client, and its leaving unsubscribes it: walk a copy.
    const QList<ClientConnection *> clients = m_clients.keys();
    for (ClientConnection *client : clients) {
        const auto subscriber = m_clients.constFind(client);
        if (subscriber == m_clients.cend())
            continue;
        if (subscriber->owed) {
            sendFull(client);
        } else if (isBehind(client)) {
            ++m_stats->dropped;
            m_clients[client].owed = true;
        } else {
            client->sendFrame(frame);
        }
    }
}
