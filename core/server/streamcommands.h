#pragma once

#include "server/fleettopic.h"
#include "server/historyqueries.h"
#include "server/processtopic.h"

#include <QFuture>
#include <QJsonObject>
#include <QStringList>

#include <functional>
#include <memory>

class AlertService;
class FleetService;
class ClientConnection;
class MessageRouter;
class Settings;
class TokenGate;
struct ServerStats;

// What a WebSocket client may ask of the server, one handler per message type, registered in
// the MessageRouter's table with the lowest role allowed to call it: ping (viewer), auth
// (viewer), setSettings (admin), acknowledge (admin), historyRequest (viewer), processesRequest
// (viewer), processRequest (viewer; one process in detail), subscribe and unsubscribe (viewer;
// the topics are `processes`, ProcessTopic, and `fleet`, FleetTopic). On a hub, acknowledge with
// a "host" acknowledges that fleet host's alert there.
class StreamCommands
{
public:
    // historyRequest and processesRequest answers a client has not received yet: beyond these it is
    // refused as rate_limited, so that one client cannot take every place of
    // HistoryQueries::MaxPending.
    static constexpr int MaxPendingPerClient = 4;

    // Keys a web admin may not change: they decide who can reach this machine at all, so they
    // change only from the desktop window or the settings file.
    static const QStringList LocalOnlyKeys;

    StreamCommands(Settings *settings, TokenGate *tokens, ServerStats *stats);

    void registerIn(MessageRouter *router);
    void setAlerts(AlertService *alerts) { m_alerts = alerts; }
    void setFleet(FleetService *fleet);
    void setHistory(const HistoryQueries *queries) { m_queries = queries; }
    // The `processes` topic clients subscribe to.
    ProcessTopic *processes() const { return m_processes.get(); }

private:
    void authenticate(ClientConnection *client, const QJsonObject &message);
    void changeSettings(ClientConnection *client, const QJsonObject &message);
    void acknowledgeAlert(ClientConnection *client, const QJsonObject &message);
    void acknowledgeFleetAlert(ClientConnection *client, const QJsonObject &message);
    void requestHistory(ClientConnection *client, const QJsonObject &message);
    void requestProcesses(ClientConnection *client, const QJsonObject &message);
    void requestProcess(ClientConnection *client, const QJsonObject &message);
    void changeSubscription(ClientConnection *client, const QJsonObject &message, bool subscribe);
    // Sends the answer now if it is ready, or when the source has read it.
    void answerLater(ClientConnection *client, const QFuture<HistoryQueries::Answer> &answer,
                     const std::function<void(const HistoryQueries::Answer &)> &deliver);
    bool refuseIfBusy(ClientConnection *client, const QJsonValue &id);

    Settings *m_settings;
    TokenGate *m_tokens;
    ServerStats *m_stats;
    MessageRouter *m_router = nullptr;
    AlertService *m_alerts = nullptr;
    FleetService *m_fleet = nullptr;
    const HistoryQueries *m_queries = nullptr;
    std::unique_ptr<ProcessTopic> m_processes;
    std::unique_ptr<FleetTopic> m_fleetTopic;
};
