#include "httpconnection.h"

#include "server/httprequestparser.h"
#include "server/serverstats.h"

#include <QFutureWatcher>
#include <QSslSocket>
#include <QTcpSocket>

#include <sys/socket.h>

namespace {

HttpResponse resultOf(const QFuture<HttpResponse> &answer)
{
    return answer.isCanceled() ? HttpResponse::error(500, QStringLiteral("no answer was made"))
                               : answer.result();
}

} // namespace

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
    if (m_closing && m_socket) {
        m_socket->skip(m_socket->bytesAvailable()); // lingering: drop what still comes
        return;
    }
    while (!m_closing && m_socket && !m_waiting) {
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
    if (m_closing)
        return halfCloseWhenFlushed();
    if (!m_socket)
        return;
    if (m_socket->bytesToWrite() > MaxPendingAnswerBytes) {
        m_stallTimer.start(WriteStallMs);
        return;
    }
    m_stallTimer.stop();
    if (!m_headTimer.isActive() && !m_waiting)
        m_headTimer.start(m_headTimeoutMs);
    readIncoming();
}

bool HttpConnection::awaitingFirstRequest() const
{
    if (m_requests > 0 || m_closing)
        return false;
    if (!m_socket)
        return true;
    QByteArray waiting = m_buffer + m_socket->peek(HttpRequestParser::MaxHeadBytes);
    // Bytes the kernel holds for us are plain text only without TLS.
    const auto *tls = qobject_cast<const QSslSocket *>(m_socket.data());
    if (!tls || tls->mode() == QSslSocket::UnencryptedMode) {
        QByteArray unread(HttpRequestParser::MaxHeadBytes, Qt::Uninitialized);
        const ssize_t n = ::recv(int(m_socket->socketDescriptor()), unread.data(),
                                 size_t(unread.size()), MSG_PEEK | MSG_DONTWAIT);
        if (n > 0)
            waiting += unread.first(n);
    }
    return !waiting.contains("\r\n\r\n");
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
    const HttpReply reply = m_delegate->respond(request);
    if (const auto *later = std::get_if<QFuture<HttpResponse>>(&reply)) {
        if (!later->isFinished()) {
            waitFor(*later, request);
            return false;
        }
        return send(request, resultOf(*later));
    }
    return send(request, std::get<HttpResponse>(reply));
}

// Writes one answer; false when the connection closes after it.
bool HttpConnection::send(const HttpRequest &request, const HttpResponse &response)
{
    if (response.status >= 400)
        ++m_stats->errors;
    // A body we did not read would be taken for the next request: close instead. A request
    // for another name (421) was sent down the wrong connection: close it too.
    const bool keepAlive = request.keepAlive() && !request.hasBody && response.status != 421;
    m_socket->write(response.serialize(keepAlive, request.method == "HEAD"));
    if (!keepAlive) {
        closeSocket();
        return false;
    }
    m_headTimer.start(m_headTimeoutMs);
    return true;
}

void HttpConnection::waitFor(const QFuture<HttpResponse> &answer, const HttpRequest &request)
{
    m_waiting = true;
    m_headTimer.stop();
    // A child of the connection: gone with it, so an answer for a closed connection is dropped.
    auto *watcher = new QFutureWatcher<HttpResponse>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, request] {
        watcher->deleteLater();
        m_waiting = false;
        if (m_closing || !m_socket || m_socket->state() != QAbstractSocket::ConnectedState)
            return;
        if (send(request, resultOf(watcher->future())))
            readIncoming();
    });
    watcher->setFuture(answer);
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
    // Refused: the socket stays ours to answer and close, with every signal the lingering close
    // needs; without bytesWritten the half-close would wait for the grace timer, holding the
    // slot (and the refused client) for seconds.
    m_socket = socket;
    socket->setParent(this);
    connect(socket, &QTcpSocket::readyRead, this, &HttpConnection::readIncoming);
    connect(socket, &QTcpSocket::bytesWritten, this, &HttpConnection::onBytesWritten);
    connect(socket, &QTcpSocket::disconnected, this, &HttpConnection::finish);
    sendAndClose(*refusal);
}

void HttpConnection::sendAndClose(const HttpResponse &response)
{
    m_socket->write(response.serialize(false));
    closeSocket();
}

// Closing a socket with unread input makes the kernel answer with a reset, which can destroy
// our last answer before the client has read it (a body we never read, the rest of a refused
// head). So a plain connection is half-closed once the answer is out, and what still comes is
// read and dropped until the client closes (a "lingering close"). TLS says goodbye with its own
// close_notify.
void HttpConnection::closeSocket()
{
    m_closing = true;
    m_headTimer.stop();
    m_stallTimer.stop();
    if (qobject_cast<QSslSocket *>(m_socket))
        m_socket->disconnectFromHost();
    else
        halfCloseWhenFlushed();
    // A peer that never reads our answer, or never closes, would keep the socket forever.
    QTimer::singleShot(CloseGraceMs, this, [this] {
        if (m_socket)
            m_socket->abort();
    });
}

void HttpConnection::halfCloseWhenFlushed()
{
    if (!m_socket || m_halfClosed || m_socket->bytesToWrite() > 0 ||
        qobject_cast<QSslSocket *>(m_socket))
        return;
    m_halfClosed = true;
    ::shutdown(int(m_socket->socketDescriptor()), SHUT_WR);
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
