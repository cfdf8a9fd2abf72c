#pragma once

#include "server/outboundqueue.h"
#include "server/ratelimiter.h"
#include "server/websocketframe.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QHostAddress>
#include <QObject>
#include <QPointer>

class QTcpSocket;
struct ServerStats;

// One WebSocket client after its handshake: framing in and out, its role, its counters and its
// outgoing queue. Samples are latest-wins: while more than a high-water mark of bytes waits for
// the client, a new sample replaces the one waiting instead of queueing behind it, so a slow
// client costs a bounded amount of memory and never delays anyone else. Other messages (alerts,
// settings, replies, pongs) are never dropped, but the client's own requests are not read while
// it is that far behind: a client that sends pings and never reads the pongs stops itself, its
// bytes wait in its own kernel buffers, and the slow-client rule closes it (4000). Past
// MaxQueuedBytes it is closed at once.
class ClientConnection : public QObject
{
    Q_OBJECT

public:
    enum class State { Connecting, Connected, Disconnecting, Disconnected };
    Q_ENUM(State)
    enum class Role { Viewer, Admin };
    Q_ENUM(Role)

    static constexpr qint64 MaxMessageBytes = 64 * 1024;
    static constexpr qint64 HighWaterBytes = 64 * 1024;
    // What Qt may hold of the client's unread input: one whole largest message and its header.
    static constexpr qint64 ReadBufferBytes = MaxMessageBytes + 16;
    // Queued for a client, shared frames included, beyond which it is closed as not reading.
    static constexpr qint64 MaxQueuedBytes = 8 * 1024 * 1024;

    ClientConnection(QTcpSocket *socket, quint64 id, Role role, ServerStats *stats,
                     QObject *parent = nullptr);
    ~ClientConnection() override;

    quint64 id() const { return m_id; }
    QHostAddress address() const { return m_address; }
    qint64 connectedAtMs() const { return m_connectedAtMs; } // ms since the epoch
    State state() const { return m_state; }
    Role role() const { return m_role; }
    void setRole(Role role) { m_role = role; }
    quint64 messagesSent() const { return m_messagesSent; }
    qint64 queuedBytes() const;
    bool hasPendingSample() const { return !m_pendingSample.isEmpty(); }
    // Milliseconds this client has had a sample waiting; 0 when it is keeping up.
    qint64 behindMs() const;
    // Milliseconds since anything arrived from the client.
    qint64 idleMs() const { return m_lastActivity.elapsed(); }

    // Starts reading; bytes that arrived together with the handshake are processed first.
    void start(const QByteArray &alreadyReceived);
    void sendFrame(const QByteArray &frame);
    void sendText(const QByteArray &json);
    void sendSample(const QByteArray &frame);
    void sendPing();
    void close(WebSocketFrame::CloseCode code, const QString &reason);

    // The inbound rate limit: true if one more message may be handled now. Messages refused in a
    // row are counted so that a flood that goes on can be told from a burst.
    bool admitMessage(qint64 nowMs);
    int refusedInARow() const { return m_refusedInARow; }

signals:
    void textReceived(ClientConnection *client, const QByteArray &message);
    void protocolViolated(ClientConnection *client, const QString &reason);
    void disconnected(ClientConnection *client);

private:
    void readIncoming();
    bool handleFrame(const WebSocketFrame::Parsed &frame);
    bool handleData(const WebSocketFrame::Parsed &frame);
    void handleClose(const QByteArray &payload);
    void fail(WebSocketFrame::CloseCode code, const QString &reason);
    void onBytesWritten();
    void flushPendingSample();
    bool outputBacklogged() const;
    void writeNow(const QByteArray &frame);
    void setState(State state);
    void onSocketDisconnected();

    QPointer<QTcpSocket> m_socket;
    ServerStats *m_stats;
    quint64 m_id;
    Role m_role;
    QHostAddress m_address;
    qint64 m_connectedAtMs;
    State m_state = State::Connecting;
    QByteArray m_in;
    QByteArray m_message; // a fragmented message being assembled
    bool m_inMessage = false;
    OutboundQueue m_out;
    bool m_readPaused = false;
    QByteArray m_pendingSample;
    QElapsedTimer m_behind;
    QElapsedTimer m_lastActivity;
    quint64 m_messagesSent = 0;
    RateLimiter m_inbound{20, 40}; // 20 messages a second, bursts of 40
    int m_refusedInARow = 0;
};
