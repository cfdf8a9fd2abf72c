#include "websockethandshake.h"

#include <QCryptographicHash>

QByteArray WebSocketHandshake::acceptKey(const QByteArray &clientKey)
{
    static const QByteArray guid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    return QCryptographicHash::hash(QByteArray(clientKey + guid), QCryptographicHash::Sha1)
        .toBase64();
}

std::optional<HttpResponse> WebSocketHandshake::validate(const HttpRequest &request)
{
    if (request.method != "GET" || request.minorVersion != 1)
        return HttpResponse::error(400,
                                   QStringLiteral("a WebSocket upgrade is a GET over HTTP/1.1"));
    if (request.header("sec-websocket-version") != "13") {
        HttpResponse response =
            HttpResponse::error(426, QStringLiteral("only WebSocket version 13 is supported"));
        response.headers.emplaceBack("Sec-WebSocket-Version", "13");
        return response;
    }
    const auto key = QByteArray::fromBase64Encoding(request.header("sec-websocket-key"),
                                                    QByteArray::AbortOnBase64DecodingErrors);
    if (!key || key.decoded.size() != 16)
        return HttpResponse::error(400, QStringLiteral("missing or malformed Sec-WebSocket-Key"));
    return std::nullopt;
}

QByteArray WebSocketHandshake::switchingProtocols(const HttpRequest &request)
{
    return "HTTP/1.1 101 Switching Protocols\r\n"
           "Upgrade: websocket\r\n"
           "Connection: Upgrade\r\n"
           "Sec-WebSocket-Accept: " +
           acceptKey(request.header("sec-websocket-key")) + "\r\n\r\n";
}
