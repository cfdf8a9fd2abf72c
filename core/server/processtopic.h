#pragma once

#include "collectors/processes/processlist.h"

#include <QHash>
#include <QObject>

class ClientConnection;
class ProcessWatcher;
struct ServerStats;

// The `processes` topic: every process, sent only to the clients that subscribed to it. On
// subscribe a client gets the whole list ({"type":"processes","ts":…,"full":true,…}), then each
// tick only what changed (added rows, removed PIDs, changed fields); a tick in which nothing
// changed sends nothing. The topic watches the monitor's ProcessWatcher only while at least one
// client subscribes, so the list is scanned on the monitor's own tick (no wakeup of its own) and
// nobody watching costs nothing (ksystemstats' rule). Deltas are latest-wins like samples: one that
// finds its client behind is not queued, and that client gets a whole list again at the first tick
// it has room.
class ProcessTopic : public QObject
{
    Q_OBJECT

public:
    static inline const QString Name = QStringLiteral("processes");

    explicit ProcessTopic(ServerStats *stats, QObject *parent = nullptr);
    ~ProcessTopic() override;

    // The list to send; set once, before the first subscriber.
    void setWatcher(ProcessWatcher *watcher);
    ProcessWatcher *watcher() const { return m_watcher; }
    // Adds the client and sends it the whole list now; again if it had subscribed already.
    void subscribe(ClientConnection *client);
    void unsubscribe(ClientConnection *client);
    int subscribers() const { return int(m_clients.size()); }

private:
    // Sends each subscriber its part of one scan of the watcher.
    void send(const ProcessDelta &delta, qint64 ts);
    void sendFull(ClientConnection *client);
    static bool isBehind(const ClientConnection *client);

    ServerStats *m_stats;
    ProcessWatcher *m_watcher = nullptr;
    QHash<ClientConnection *, bool> m_clients; // subscriber → owes it a whole list
};
