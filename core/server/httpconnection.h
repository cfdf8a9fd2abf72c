#pragma once

#include "server/httpreply.h"
#include "server/httprequest.h"
#include "server/httpresponse.h"

#include <QByteArray>
#include <QObject>
#include <QPointer>
#include <QTimer>

class QTcpSocket;
struct ServerStats;

// What the server does with a parsed request; the connection only speaks HTTP.
class HttpDelegate
{
public:
    virtual ~HttpDelegate() = default;
    // A deferred reply is sent when it is ready; the connection reads no further request
    // meanwhile, so answers keep the order of the requests and each connection has at most one
    // question waiting.
    virtual HttpReply respond(const HttpRequest &request) = 0;
    // Takes the socket over for a WebSocket, or returns the refusal to send instead.
    virtual std::optional<HttpResponse> upgrade(const HttpRequest &request, QTcpSocket *socket,
                                                const QByteArray &alreadyReceived) = 0;
};

// One TCP connection while it speaks HTTP/1.1: reads request heads within the limits of
// HttpRequestParser, answers them in order (keep-alive and pipelining), and closes a connection
// that does not send a whole request head within the head timeout of connecting or of the
// previous answer (trickled bytes do not extend it), so a slow or silent client cannot hold a
// slot. Its memory is bounded both ways: Qt holds at most one request head of its input, and
// while more than MaxPendingAnswerBytes of answers wait for a client that does not read, its
// next requests stay unread (in its own kernel buffers); one that reads nothing of an answer for
// WriteStallMs is cut off. A deferred answer (HttpReply) holds the reading of the next request
// until it is sent; the head timeout does not run meanwhile, as the wait is ours, and a
// connection that closes first simply drops the answer.
class HttpConnection : public QObject
{
    Q_OBJECT

public:
    static constexpr int DefaultHeadTimeoutMs = 5'000;
    static constexpr int CloseGraceMs = 5'000;
    static constexpr qint64 MaxPendingAnswerBytes = 64 * 1024;
    static constexpr int WriteStallMs = 10'000;

    HttpConnection(QTcpSocket *socket, HttpDelegate *delegate, ServerStats *stats,
                   int headTimeoutMs = DefaultHeadTimeoutMs, QObject *parent = nullptr);
    ~HttpConnection() override;

    // True until the first whole request head has arrived: such connections are the first to
    // go when every slot is taken. A head that has arrived counts even while it still waits
    // unread in the socket: in a burst of new connections the server accepts many before it
    // reads any, and a health probe accepted then must not be taken for an idle one.
    bool awaitingFirstRequest() const;
    // Drops the connection at once, to give its slot to a newer one.
    void evict();

signals:
    // The connection is over: closed, or handed to the WebSocket side.
    void finished(HttpConnection *connection);

private:
    void readIncoming();
    void onBytesWritten();
    bool handleRequest(const HttpRequest &request);
    bool send(const HttpRequest &request, const HttpResponse &response);
    void waitFor(const QFuture<HttpResponse> &answer, const HttpRequest &request);
    void handleUpgrade(const HttpRequest &request);
    void sendAndClose(const HttpResponse &response);
    void closeSocket();
    void halfCloseWhenFlushed();
    void timeOut();
    void finish();

    QPointer<QTcpSocket> m_socket;
    HttpDelegate *m_delegate;
    ServerStats *m_stats;
    QByteArray m_buffer;
    QTimer m_headTimer;
    QTimer m_stallTimer;
    int m_headTimeoutMs;
    quint64 m_requests = 0;
    bool m_closing = false;
    bool m_halfClosed = false;
    bool m_waiting = false; // for a deferred answer
};
