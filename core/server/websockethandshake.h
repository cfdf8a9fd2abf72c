#pragma once

#include "server/httprequest.h"
#include "server/httpresponse.h"

#include <QByteArray>
#include <optional>

// The opening handshake of RFC 6455, server side.
class WebSocketHandshake
{
public:
    // Sec-WebSocket-Accept for a client's Sec-WebSocket-Key.
    static QByteArray acceptKey(const QByteArray &clientKey);
    // The error to answer with if the upgrade request is not a valid version-13 handshake.
    static std::optional<HttpResponse> validate(const HttpRequest &request);
    // The 101 answer that switches the connection to WebSocket.
    static QByteArray switchingProtocols(const HttpRequest &request);
};
