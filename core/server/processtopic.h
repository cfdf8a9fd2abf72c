#pragma once

#include "collectors/processes/processlist.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>

class ClientConnection;
struct ServerStats;

// The `processes` topic: every process, sent only to the clients that subscribed to it. On
// subscribe a client gets the whole list ({"type":"processes","ts":…,"full":true,…}), then each
// tick only what changed (added rows, removed PIDs, changed fields); a tick in which nothing
// changed sends nothing. The list is scanned only while at least one client subscribes, on the
// monitor's own tick (no wakeup of its own), and forgotten when the last one leaves, so nobody
// watching costs nothing (ksystemstats' rule). Deltas are latest-wins like samples: one that finds
// its client behind is not queued, and that client gets a whole list again at the first tick it has
// room.
class ProcessTopic : public QObject
{
    Q_OBJECT

public:
    static inline const QString Name = QStringLiteral("processes");

    explicit ProcessTopic(ServerStats *stats, QObject *parent = nullptr);
    ~ProcessTopic() override;

    // Where procfs is mounted (SystemPaths::procRoot); "/proc" unless told.
    void setProcRoot(const QString &procRoot);
    // Adds the client and sends it the whole list now; again if it had subscribed already.
    void subscribe(ClientConnection *client);
    void unsubscribe(ClientConnection *client);
    int subscribers() const { return int(m_clients.size()); }
    // Whether the list is being scanned: exactly while there are subscribers.
    bool isScanning() const { return !m_clients.isEmpty(); }
    // Scans once and sends each subscriber its message: at each tick (MetricsService's
    // snapshotReady), and nothing without subscribers.
    void tick();

private:
    void sendFull(ClientConnection *client);
    static bool isBehind(const ClientConnection *client);

    ServerStats *m_stats;
    ProcessList m_list;
    QElapsedTimer m_clock;
    qint64 m_ts = 0;                           // ms since the epoch of the last scan
    QHash<ClientConnection *, bool> m_clients; // subscriber → owes it a whole list
};
