#pragma once

#include "server/clientconnection.h"

#include <QHash>
#include <QJsonObject>
#include <QObject>

#include <functional>

struct ServerStats;

// Routes a client's messages through one explicit table: type → handler and the lowest role
// allowed to call it. Everything that is not a well-formed, allowed, known message is answered
// with an error message and counted; a flood that goes on is closed with 1008.
class MessageRouter : public QObject
{
    Q_OBJECT

public:
    using Handler = std::function<void(ClientConnection *, const QJsonObject &)>;
    static constexpr int FloodCloseAfter = 50; // messages refused in a row before the close

    explicit MessageRouter(ServerStats *stats, QObject *parent = nullptr);

    void addRoute(const QString &type, ClientConnection::Role minimumRole, Handler handler);
    void dispatch(ClientConnection *client, const QByteArray &message);
    // Sends an error message and counts it in self.errors.
    void sendError(ClientConnection *client, const QString &code, const QString &message,
                   const QJsonValue &id = {});
    // The flood check every message passes first (rate_limited, then a close with 1008); also
    // for the messages a relay pipes to a fleet host.
    bool admit(ClientConnection *client);

private:
    struct Route
    {
        ClientConnection::Role minimumRole;
        Handler handler;
    };
    ServerStats *m_stats;
    QHash<QString, Route> m_routes;
};
