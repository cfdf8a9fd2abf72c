#pragma once

#include <QJsonObject>
#include <QObject>

class ClientConnection;
class ClientManager;
class MessageRouter;
class NotifyService;
class Settings;
struct NotifyDelivery;

// The notification channels over the stream, for the web admin's panel (docs/protocol.md):
// notifyChannels, notifyTest, notifyRemove and notifyLog, all admin only (a channel's settings
// say where alerts go, which is the owner's business, and even its name may say too much), and a
// notifyDelivery pushed to every admin when a delivery ends. A channel's secrets (url, secret,
// token, headers) only ever travel as set or not set. Command channels run a program, so they
// are neither tested nor removed from the network (`forbidden`). Channels are created and edited
// with setSettings (keys notify/<name>/...), which keeps the same ban.
class NotifyCommands : public QObject
{
    Q_OBJECT

public:
    NotifyCommands(Settings *settings, ClientManager *clients, QObject *parent = nullptr);

    void registerIn(MessageRouter *router);
    // Without one (a server with no notifications), every message answers `unavailable`.
    void setNotify(NotifyService *notify);
    NotifyService *notify() const { return m_notify; }

    // A channel as the panels show it: its fields with the secrets as true/false, whether its
    // settings work together ("problem"), its waiting events and its last delivery (or null).
    QJsonObject channelJson(const QString &name) const;

private:
    void listChannels(ClientConnection *client, const QJsonObject &message);
    void testChannel(ClientConnection *client, const QJsonObject &message);
    void removeChannel(ClientConnection *client, const QJsonObject &message);
    void sendLog(ClientConnection *client, const QJsonObject &message);
    void pushDelivery(const NotifyDelivery &delivery);
    // The channel the message names, or "" after answering the client with an error: not_found
    // for a channel that is not set, forbidden for a command channel.
    QString webChannel(ClientConnection *client, const QJsonObject &message);
    bool available(ClientConnection *client, const QJsonObject &message);

    Settings *m_settings;
    ClientManager *m_clients;
    MessageRouter *m_router = nullptr;
    NotifyService *m_notify = nullptr;
};
