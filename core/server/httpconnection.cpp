#include "httpconnection.h"

#include "server/httprequestparser.h"
#include "server/serverstats.h"

#include <QTcpSocket>

HttpConnection::HttpConnection(QTcpSocket *socket, HttpDelegate *delegate, ServerStats *stats,
                               int headTimeoutMs, QObject *parent)
    : QObject(parent)
    , m_socket(socket)
    , m_delegate(delegate)
    , m_stats(stats)
    , m_headTimeoutMs(headTimeoutMs)
{
    socket->setParent(this);
    socket->setReadBufferSize(HttpRequestParser::MaxHeadBytes + 1);
    connect(socket, &QTcpSocket::readyRead, this, &HttpConnection::readIncoming);
    connect(socket, &QTcpSocket::bytesWritten, this, &HttpConnection::onBytesWritten);
    connect(socket, &QTcpSocket::disconnected, this, &HttpConnection::finish);
    m_headTimer.setSingleShot(true);
    m_headTimer.callOnTimeout(this, &HttpConnection::timeOut);
    m_headTimer.start(m_headTimeoutMs);
    m_stallTimer.setSingleShot(true);
    m_stallTimer.callOnTimeout(this, [this] {
        if (m_socket)
            m_socket->abort();
    });
    if (socket->bytesAvailable() > 0)
        QMetaObject::invokeMethod(this, &HttpConnection::readIncoming, Qt::QueuedConnection);
}

HttpConnection::~HttpConnection() = default;

void HttpConnection::readIncoming()
{
    while (!m_closing && m_socket) {
        if (m_socket->bytesToWrite() > MaxPendingAnswerBytes) {
            // Resumed from onBytesWritten once the client reads.
            m_headTimer.stop();
            m_stallTimer.start(WriteStallMs);
            return;
        }
        // Read what is there, up to one head: a 16 KiB allocation per connection would
        // otherwise stay with every WebSocket client for its whole life.
        m_buffer += m_socket->read(qMin<qint64>(
            m_socket->bytesAvailable(), HttpRequestParser::MaxHeadBytes + 1 - m_buffer.size()));
        const HttpRequestParser::Result parsed = HttpRequestParser::parse(m_buffer);
        if (parsed.status == HttpRequestParser::Status::Incomplete)
            return;
        if (parsed.status == HttpRequestParser::Status::Error) {
            ++m_stats->errors;
            return sendAndClose(HttpResponse::error(parsed.errorStatus, parsed.errorMessage));
        }
        m_buffer.remove(0, parsed.consumed);
        if (!handleRequest(parsed.request))
            return;
    }
}

void HttpConnection::onBytesWritten()
{
    if (m_closing || !m_socket)
        return;
    if (m_socket->bytesToWrite() > MaxPendingAnswerBytes) {
        m_stallTimer.start(WriteStallMs);
        return;
    }
    m_stallTimer.stop();
    if (!m_headTimer.isActive())
        m_headTimer.start(m_headTimeoutMs);
    readIncoming();
}

void HttpConnection::evict()
{
    m_closing = true;
    m_headTimer.stop();
    if (m_socket)
        m_socket->abort();
}

bool HttpConnection::handleRequest(const HttpRequest &request)
{
    ++m_requests;
    if (request.isWebSocketUpgrade()) {
        handleUpgrade(request);
        return false;
    }
    const HttpResponse response = m_delegate->respond(request);
    if (response.status >= 400)
        ++m_stats->errors;
    // A body we did not read would be taken for the next request: close instead.
    const bool keepAlive = request.keepAlive() && !request.hasBody;
    m_socket->write(response.serialize(keepAlive, request.method == "HEAD"));
    if (!keepAlive) {
        closeSocket();
        return false;
    }
    m_headTimer.start(m_headTimeoutMs);
    return true;
}

void HttpConnection::handleUpgrade(const HttpRequest &request)
{
    m_headTimer.stop();
    QTcpSocket *socket = m_socket;
    socket->disconnect(this);
    socket->setParent(nullptr);
    m_socket.clear();
    const auto refusal = m_delegate->upgrade(request, socket, m_buffer);
    if (!refusal) {
        m_closing = true;
        emit finished(this);
        return;
    }
    // Refused: the socket stays ours to answer and close.
    m_socket = socket;
    socket->setParent(this);
    connect(socket, &QTcpSocket::disconnected, this, &HttpConnection::finish);
    sendAndClose(*refusal);
}

void HttpConnection::sendAndClose(const HttpResponse &response)
{
    m_socket->write(response.serialize(false));
    closeSocket();
}

void HttpConnection::closeSocket()
{
    m_closing = true;
    m_headTimer.stop();
    m_stallTimer.stop();
    m_socket->disconnectFromHost();
    // A peer that never reads our answer would keep the socket open forever.
    QTimer::singleShot(CloseGraceMs, this, [this] {
        if (m_socket)
            m_socket->abort();
    });
}

void HttpConnection::timeOut()
{
    if (!m_socket)
        return;
    if (m_buffer.isEmpty()) // an idle keep-alive connection: just let it go
        return closeSocket();
    ++m_stats->errors;
    sendAndClose(HttpResponse::error(
        408, QStringLiteral("request head not received within %1 ms").arg(m_headTimeoutMs)));
}

void HttpConnection::finish()
{
    emit finished(this);
}
