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
    // RFC 6455 4.2.1: the base64 of 16 bytes, which is exactly 24 characters with its padding.
    // Decoding alone would also take unpadded, base64url or longer-than-16-bytes keys.
    const QByteArray encoded = request.header("sec-websocket-key");
    const auto key =
        QByteArray::fromBase64Encoding(encoded, QByteArray::AbortOnBase64DecodingErrors);
    if (!key || key.decoded.size() != 16 || key.decoded.toBase64() != encoded)
        return HttpResponse::error(400, QStringLiteral("Sec-WebSocket-Key must be 16 bytes in "
                                                       "base64 (24 characters)"));
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
