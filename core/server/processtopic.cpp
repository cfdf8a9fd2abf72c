#include "processtopic.h"

#include "server/clientconnection.h"
#include "server/serverstats.h"
#include "server/websocketframe.h"
#include "services/processwatcher.h"

#include <QJsonDocument>

ProcessTopic::ProcessTopic(ServerStats *stats, QObject *parent)
    : QObject(parent)
    , m_stats(stats)
{}

ProcessTopic::~ProcessTopic() = default;

void ProcessTopic::setWatcher(ProcessWatcher *watcher)
{
    m_watcher = watcher;
    connect(m_watcher, &ProcessWatcher::scanned, this, &ProcessTopic::send);
}

void ProcessTopic::subscribe(ClientConnection *client)
{
    if (!m_clients.contains(client)) {
        // disconnected comes first; destroyed covers a client dropped without it.
        connect(client, &ClientConnection::disconnected, this, &ProcessTopic::unsubscribe);
        connect(client, &QObject::destroyed, this, [this, client] {
            m_clients.remove(client);
            if (m_clients.isEmpty())
                m_watcher->unwatch(this);
        });
    }
    m_clients.insert(client, false);
    m_watcher->watch(this);
    sendFull(client);
}

void ProcessTopic::unsubscribe(ClientConnection *client)
{
    if (!m_clients.remove(client))
        return;
    disconnect(client, nullptr, this, nullptr);
    if (m_clients.isEmpty())
        m_watcher->unwatch(this);
}

bool ProcessTopic::isBehind(const ClientConnection *client)
{
    return client->queuedBytes() > ClientConnection::HighWaterBytes;
}

void ProcessTopic::sendFull(ClientConnection *client)
{
    if (isBehind(client)) {
        m_clients[client] = true;
        return;
    }
    QJsonObject message{{QStringLiteral("type"), Name},
                        {QStringLiteral("ts"), double(m_watcher->ts())},
                        {QStringLiteral("full"), true},
                        {QStringLiteral("processes"), m_watcher->rows()}};
    client->sendText(QJsonDocument(message).toJson(QJsonDocument::Compact));
    m_clients[client] = false;
}

void ProcessTopic::send(const ProcessDelta &delta, qint64 ts)
{
    if (m_clients.isEmpty())
        return;
    QByteArray frame;
    if (!delta.isEmpty()) {
        const QJsonObject message{{QStringLiteral("type"), Name},
                                  {QStringLiteral("ts"), double(ts)},
                                  {QStringLiteral("added"), delta.added},
                                  {QStringLiteral("removed"), delta.removed},
                                  {QStringLiteral("changed"), delta.changed}};
        frame = WebSocketFrame::encode(WebSocketFrame::Text,
                                       QJsonDocument(message).toJson(QJsonDocument::Compact));
    }
    // A send can close a client, and its leaving unsubscribes it: walk a copy.
    const QList<ClientConnection *> clients = m_clients.keys();
    for (ClientConnection *client : clients) {
        const auto owed = m_clients.constFind(client);
        if (owed == m_clients.cend())
            continue;
        if (*owed) {
            sendFull(client);
        } else if (frame.isEmpty()) {
            continue;
        } else if (isBehind(client)) {
            // A delta missed is a list gone wrong: the whole list replaces it when there is room.
            ++m_stats->dropped;
            m_clients[client] = true;
        } else {
            client->sendFrame(frame);
        }
    }
}
