#pragma once

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
    virtual HttpResponse respond(const HttpRequest &request) = 0;
    // Takes the socket over for a WebSocket, or returns the refusal to send instead.
    virtual std::optional<HttpResponse> upgrade(const HttpRequest &request, QTcpSocket *socket,
                                                const QByteArray &alreadyReceived) = 0;
};

// One TCP connection while it speaks HTTP/1.1: reads request heads within the limits of
// HttpRequestParser, answers them in order (keep-alive and pipelining), and closes a connection
// that does not send a whole request head within the head timeout of connecting or of the previous
// answer, so a slow or silent client cannot hold a slot.
class HttpConnection : public QObject
{
    Q_OBJECT

public:
    static constexpr int DefaultHeadTimeoutMs = 10'000;
    static constexpr int CloseGraceMs = 5'000;

    HttpConnection(QTcpSocket *socket, HttpDelegate *delegate, ServerStats *stats,
                   int headTimeoutMs = DefaultHeadTimeoutMs, QObject *parent = nullptr);
    ~HttpConnection() override;

signals:
    // The connection is over: closed, or handed to the WebSocket side.
    void finished(HttpConnection *connection);

private:
    void readIncoming();
    bool handleRequest(const HttpRequest &request);
    void handleUpgrade(const HttpRequest &request);
    void sendAndClose(const HttpResponse &response);
    void closeSocket();
    void timeOut();
    void finish();

    QPointer<QTcpSocket> m_socket;
    HttpDelegate *m_delegate;
    ServerStats *m_stats;
    QByteArray m_buffer;
    QTimer m_headTimer;
    int m_headTimeoutMs;
    bool m_closing = false;
};
