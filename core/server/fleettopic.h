#pragma once

#include <QHash>
#include <QObject>
#include <QString>

class ClientConnection;
class FleetService;
struct ServerStats;

// The `fleet` topic (docs/protocol.md): every fleet host's row, for the hub's /fleet page. On
// subscribe a client gets every row with the last hour of its tile's charts
// ({"type":"fleet","full":true,…,"hosts":[…"series"]}), then at each tick every row with the
// points its charts gained ("points"); the tick's message is serialized once for every
// subscriber. Latest-wins like samples: an update that finds its client behind is not queued, and
// that client gets a whole one again at the first tick it has room. A whole update of a big fleet
// is larger than the room itself, so "behind" counts what was queued beyond it: otherwise the
// update after it would always find the client behind, and the fleet would go whole every other
// tick.
class FleetTopic : public QObject
{
    Q_OBJECT

public:
    static inline const QString Name = QStringLiteral("fleet");

    explicit FleetTopic(ServerStats *stats, QObject *parent = nullptr);

    // Set once, before the first subscriber; none on a Vantage without a fleet service.
    void setFleet(FleetService *fleet);
    void subscribe(ClientConnection *client);
    void unsubscribe(ClientConnection *client);
    int subscribers() const { return int(m_clients.size()); }

private:
    struct Subscriber
    {
        bool owed = false;    // owes it a whole update
        qint64 fullBytes = 0; // of the last whole update still queued, at most
    };

    void send();
    void followUpdates();
    void sendFull(ClientConnection *client);
    bool isBehind(ClientConnection *client);

    ServerStats *m_stats;
    FleetService *m_fleet = nullptr;
    QMetaObject::Connection m_updates;
    QHash<ClientConnection *, Subscriber> m_clients;
};
