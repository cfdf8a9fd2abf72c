#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QUrlQuery>

// One parsed HTTP/1.1 request head. Header names are stored in lower case.
struct HttpRequest
{
    QByteArray method;
    QByteArray target; // as sent: path and query (or an absolute URI), percent-encoded
    QByteArray path;   // the target's path, still percent-encoded
    // Whom the request is for: the authority of an absolute-form target, else the Host header
    // (RFC 9112 3.2.2: a server ignores Host when the target carries its own authority).
    QByteArray authority;
    QUrlQuery query;
    int minorVersion = 1; // HTTP/1.<minorVersion>
    QList<QPair<QByteArray, QByteArray>> headers;
    // A body was announced. No endpoint takes one, so it is never read: the connection closes
    // after the answer instead of guessing where the next request starts.
    bool hasBody = false;

    QByteArray header(QByteArrayView name) const;
    bool hasHeader(QByteArrayView name) const;
    // True when the client asked to keep the connection open after the response.
    bool keepAlive() const;
    // True for a WebSocket upgrade request (Upgrade: websocket, Connection: upgrade).
    bool isWebSocketUpgrade() const;
};
