#pragma once

#include "server/clientconnection.h"

#include <QElapsedTimer>
#include <QHash>
#include <QList>
#include <QObject>
#include <QTimer>

class QTcpSocket;
struct ServerStats;

// The connection manager: every WebSocket client from its handshake to its last byte. It sends
// one tick's sample to all of them (the same bytes), keeps idle clients honest with pings, and
// closes clients that stay behind the stream or go silent.
class ClientManager : public QObject
{
    Q_OBJECT

public:
    struct Limits
    {
        qint64 behindMs = 10'000;    // behind the stream this long: closed
        qint64 pingAfterMs = 30'000; // silent this long: pinged
        qint64 idleMs = 75'000;      // silent this long, even after pings: closed
    };

    explicit ClientManager(ServerStats *stats, QObject *parent = nullptr);

    void setLimits(const Limits &limits) { m_limits = limits; }
    ~ClientManager() override;

    // Takes over a socket whose handshake has been answered with 101.
    ClientConnection *adopt(QTcpSocket *socket, ClientConnection::Role role,
                            const QByteArray &alreadyReceived);
    QList<ClientConnection *> clients() const { return m_clients.values(); }
    ClientConnection *client(quint64 id) const { return m_clients.value(id); }
    int count() const { return int(m_clients.size()); }

    void broadcastSample(const QByteArray &frame);
    void broadcastText(const QByteArray &json);
    // Closes every client, for shutdown or a restart on new settings.
    void closeAll(WebSocketFrame::CloseCode code, const QString &reason);
    // Runs the idle and slow-client checks now. While there are clients they run about every
    // second: with the broadcast of a tick when ticks come that often (so the checks add no
    // wakeup of their own), from the timer when they do not; and once more after the last client
    // has gone.
    void checkClients();
    // Whether the check timer is running: with no client the server wakes for nothing but the
    // tick.
    bool checking() const { return m_checkTimer.isActive(); }

signals:
    void clientAdded(ClientConnection *client);
    void clientRemoved(quint64 id);
    void textReceived(ClientConnection *client, const QByteArray &message);

private:
    void remove(ClientConnection *client);
    void returnMemoryAfterExodus();

    ServerStats *m_stats;
    Limits m_limits;
    QHash<quint64, ClientConnection *> m_clients;
    quint64 m_nextId = 1;
    int m_countAtTrim = 0;
    QElapsedTimer m_sinceCheck;
    QTimer m_checkTimer;
};
