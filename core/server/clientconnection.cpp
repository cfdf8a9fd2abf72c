#include "clientconnection.h"

#include "server/serverstats.h"
#include "server/socketwriter.h"

#include <QDateTime>
#include <QStringDecoder>
#include <QTcpSocket>
#include <QTimer>

namespace {
constexpr int CloseGraceMs = 2000; // after our close frame, how long a peer may take to go
constexpr int SendBufferBytes = 64 * 1024;

bool isValidUtf8(const QByteArray &bytes)
{
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    [[maybe_unused]] const QString text = decoder.decode(bytes);
    return !decoder.hasError();
}
} // namespace

ClientConnection::ClientConnection(QTcpSocket *socket, quint64 id, Role role, ServerStats *stats,
                                   QObject *parent)
    : QObject(parent)
    , m_socket(socket)
    , m_stats(stats)
    , m_id(id)
    , m_role(role)
    , m_address(socket->peerAddress())
    , m_connectedAtMs(QDateTime::currentMSecsSinceEpoch())
    , m_out(socket)
{
    socket->setParent(this);
    // A small kernel send buffer keeps the memory a stalled client can pin bounded, and makes
    // "behind" visible to us quickly instead of after megabytes.
    socket->setSocketOption(QAbstractSocket::SendBufferSizeSocketOption, SendBufferBytes);
    socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    // Qt reads everything the kernel has unless told otherwise: bound it, so a client that
    // floods us waits in its own kernel buffers.
    socket->setReadBufferSize(ReadBufferBytes);
    connect(socket, &QTcpSocket::readyRead, this, &ClientConnection::readIncoming);
    connect(socket, &QTcpSocket::bytesWritten, this, &ClientConnection::onBytesWritten);
    connect(socket, &QTcpSocket::disconnected, this, &ClientConnection::onSocketDisconnected);
    m_lastActivity.start();
}

ClientConnection::~ClientConnection() = default;

qint64 ClientConnection::queuedBytes() const
{
    return m_out.pendingBytes() + m_pendingSample.size();
}

qint64 ClientConnection::behindMs() const
{
    return m_behind.isValid() ? m_behind.elapsed() : 0;
}

void ClientConnection::start(const QByteArray &alreadyReceived)
{
    setState(State::Connected);
    m_in = alreadyReceived;
    readIncoming();
}

void ClientConnection::readIncoming()
{
    if (!m_socket || m_state != State::Connected)
        return;
    m_readPaused = outputBacklogged();
    if (m_readPaused)
        return;
    m_in += m_socket->readAll();
    m_lastActivity.restart();
    while (m_state == State::Connected) {
        if (outputBacklogged()) {
            m_readPaused = true;
            return;
        }
        const WebSocketFrame::Parsed frame = WebSocketFrame::parse(m_in, MaxMessageBytes);
        if (frame.status == WebSocketFrame::Status::NeedMore)
            return;
        if (frame.status == WebSocketFrame::Status::Error)
            return fail(frame.errorCode, frame.errorMessage);
        m_in.remove(0, frame.consumed);
        if (!handleFrame(frame))
            return;
    }
}

bool ClientConnection::handleFrame(const WebSocketFrame::Parsed &frame)
{
    switch (frame.opcode) {
    case WebSocketFrame::Ping:
        writeNow(WebSocketFrame::encode(WebSocketFrame::Pong, frame.payload));
        return true;
    case WebSocketFrame::Pong:
        return true;
    case WebSocketFrame::Close:
        handleClose(frame.payload);
        return false;
    default:
        return handleData(frame);
    }
}

bool ClientConnection::handleData(const WebSocketFrame::Parsed &frame)
{
    const bool continuation = frame.opcode == WebSocketFrame::Continuation;
    if (continuation != m_inMessage) {
        fail(WebSocketFrame::ProtocolError, QStringLiteral("unexpected continuation frame"));
        return false;
    }
    if (frame.opcode == WebSocketFrame::Binary) {
        fail(WebSocketFrame::UnsupportedData, QStringLiteral("binary messages are not accepted"));
        return false;
    }
    if (m_message.size() + frame.payload.size() > MaxMessageBytes) {
        fail(WebSocketFrame::TooLarge, QStringLiteral("message larger than 65536 bytes"));
        return false;
    }
    m_message += frame.payload;
    m_inMessage = !frame.fin;
    if (m_inMessage)
        return true;
    const QByteArray message = std::exchange(m_message, {});
    if (!isValidUtf8(message)) {
        fail(WebSocketFrame::InvalidPayload, QStringLiteral("text message is not valid UTF-8"));
        return false;
    }
    emit textReceived(this, message);
    return m_state == State::Connected;
}

void ClientConnection::handleClose(const QByteArray &payload)
{
    WebSocketFrame::CloseCode code;
    const QString error = WebSocketFrame::closePayloadError(payload, &code);
    if (!error.isEmpty())
        return fail(code, error);
    if (m_state == State::Connected) {
        // Echo the peer's close as RFC 6455 asks, ahead of anything still queued, then let the
        // socket go.
        m_out.discard();
        m_pendingSample.clear();
        SocketWriter::write(m_socket,
                            WebSocketFrame::encode(WebSocketFrame::Close, payload.left(2)));
        setState(State::Disconnecting);
    }
    if (m_socket)
        m_socket->disconnectFromHost();
}

void ClientConnection::fail(WebSocketFrame::CloseCode code, const QString &reason)
{
    ++m_stats->errors;
    emit protocolViolated(this, reason);
    close(code, reason);
}

void ClientConnection::close(WebSocketFrame::CloseCode code, const QString &reason)
{
    if (m_state != State::Connected || !m_socket)
        return;
    // What is still queued is dropped (a frame already begun is finished): the close frame
    // goes next, straight to the socket.
    m_out.discard();
    m_pendingSample.clear();
    SocketWriter::write(m_socket, WebSocketFrame::encodeClose(code, reason));
    setState(State::Disconnecting);
    m_socket->disconnectFromHost();
    // A peer that does not read will never take our close frame: do not wait for it forever.
    QTimer::singleShot(CloseGraceMs, this, [this] {
        if (m_socket && m_state != State::Disconnected)
            m_socket->abort();
    });
}

void ClientConnection::sendFrame(const QByteArray &frame)
{
    if (m_state == State::Connected)
        writeNow(frame);
}

void ClientConnection::sendText(const QByteArray &json)
{
    sendFrame(WebSocketFrame::encode(WebSocketFrame::Text, json));
}

void ClientConnection::sendPing()
{
    sendFrame(WebSocketFrame::encode(WebSocketFrame::Ping, {}));
}

bool ClientConnection::admitMessage(qint64 nowMs)
{
    if (m_inbound.take(nowMs)) {
        m_refusedInARow = 0;
        return true;
    }
    ++m_refusedInARow;
    return false;
}

void ClientConnection::sendSample(const QByteArray &frame)
{
    if (m_state != State::Connected || !m_socket)
        return;
    if (!outputBacklogged() && m_pendingSample.isEmpty()) {
        writeNow(frame);
        return;
    }
    if (m_pendingSample.isEmpty())
        m_behind.start();
    else
        ++m_stats->dropped; // the waiting sample is stale now: the client gets the latest
    m_pendingSample = frame;
}

void ClientConnection::onBytesWritten()
{
    m_out.pump();
    flushPendingSample();
    if (m_readPaused && !outputBacklogged())
        readIncoming();
}

void ClientConnection::flushPendingSample()
{
    if (m_pendingSample.isEmpty() || !m_socket || outputBacklogged())
        return;
    writeNow(std::exchange(m_pendingSample, {}));
    m_behind.invalidate();
}

bool ClientConnection::outputBacklogged() const
{
    return m_out.pendingBytes() > HighWaterBytes;
}

void ClientConnection::writeNow(const QByteArray &frame)
{
    if (!m_socket || m_state != State::Connected)
        return;
    m_out.push(frame);
    ++m_messagesSent;
    ++m_stats->messagesSent;
    m_stats->bytesSent += quint64(frame.size());
    if (m_out.pendingBytes() > MaxQueuedBytes) {
        ++m_stats->slowClosed;
        close(WebSocketFrame::SlowConsumer,
              QStringLiteral("more than %1 bytes unread").arg(MaxQueuedBytes));
    }
}

void ClientConnection::setState(State state)
{
    m_state = state;
}

void ClientConnection::onSocketDisconnected()
{
    if (m_state == State::Disconnected)
        return;
    setState(State::Disconnected);
    emit disconnected(this);
}
