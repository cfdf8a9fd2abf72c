#include "websocketframe.h"

#include <QStringDecoder>
#include <QtEndian>

namespace {

// RFC 6455 7.4.1 and IANA's registry: the codes an endpoint may put in a close frame. 1004 is
// reserved, 1005, 1006 and 1015 are only for reporting locally, 1016-2999 are unassigned or
// for extensions not in use here, 3000-4999 belong to libraries and applications.
bool isSendableCloseCode(quint16 code)
{
    return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) ||
           (code >= 3000 && code <= 4999);
}

} // namespace

WebSocketFrame::Parsed WebSocketFrame::fail(CloseCode code, const QString &message)
{
    Parsed parsed;
    parsed.status = Status::Error;
    parsed.errorCode = code;
    parsed.errorMessage = message;
    return parsed;
}

WebSocketFrame::Parsed WebSocketFrame::parse(QByteArrayView data, qint64 maxPayload)
{
    if (data.size() < 2)
        return {};
    const auto byte0 = quint8(data[0]);
    const auto byte1 = quint8(data[1]);
    const auto opcode = Opcode(byte0 & 0x0F);
    if (byte0 & 0x70)
        return fail(ProtocolError, QStringLiteral("reserved bits set without an extension"));
    const bool known = opcode <= Binary || (opcode >= Close && opcode <= Pong);
    if (!known)
        return fail(ProtocolError, QStringLiteral("unknown opcode %1").arg(int(opcode)));
    if (!(byte1 & 0x80))
        return fail(ProtocolError, QStringLiteral("client frames must be masked"));
    qint64 length = byte1 & 0x7F;
    qsizetype header = 2;
    if (length == 126) {
        if (data.size() < 4)
            return {};
        length = qFromBigEndian<quint16>(data.data() + 2);
        header = 4;
    } else if (length == 127) {
        if (data.size() < 10)
            return {};
        const quint64 wide = qFromBigEndian<quint64>(data.data() + 2);
        if (wide >> 63)
            return fail(ProtocolError, QStringLiteral("frame length out of range"));
        length = qint64(wide);
        header = 10;
    }
    const bool fin = byte0 & 0x80;
    if (isControl(opcode) && (length > 125 || !fin))
        return fail(ProtocolError, QStringLiteral("control frames must be short and whole"));
    if (length > maxPayload)
        return fail(TooLarge, QStringLiteral("message larger than %1 bytes").arg(maxPayload));
    // Subtracting keeps a length near 2^63 (allowed when maxPayload is that large) from
    // overflowing header + 4 + length.
    if (data.size() - header - 4 < length)
        return {};
    const char *mask = data.data() + header;
    Parsed parsed;
    parsed.status = Status::Frame;
    parsed.fin = fin;
    parsed.opcode = opcode;
    parsed.payload = data.sliced(header + 4, length).toByteArray();
    for (qsizetype i = 0; i < parsed.payload.size(); ++i)
        parsed.payload[i] = char(parsed.payload[i] ^ mask[i % 4]);
    parsed.consumed = header + 4 + length;
    return parsed;
}

QString WebSocketFrame::closePayloadError(QByteArrayView payload, CloseCode *code)
{
    *code = ProtocolError;
    if (payload.isEmpty())
        return {};
    if (payload.size() == 1)
        return QStringLiteral("a close frame cannot carry a 1-byte payload");
    const quint16 received = qFromBigEndian<quint16>(payload.data());
    if (!isSendableCloseCode(received))
        return QStringLiteral("close code %1 may not be sent").arg(received);
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    [[maybe_unused]] const QString reason = decoder.decode(payload.sliced(2));
    if (decoder.hasError()) {
        *code = InvalidPayload;
        return QStringLiteral("close reason is not valid UTF-8");
    }
    return {};
}

QByteArray WebSocketFrame::encode(Opcode opcode, QByteArrayView payload, bool fin)
{
    QByteArray frame;
    frame.reserve(payload.size() + 10);
    frame.append(char((fin ? 0x80 : 0) | opcode));
    if (payload.size() < 126) {
        frame.append(char(payload.size()));
    } else if (payload.size() <= 0xFFFF) {
        frame.append(char(126));
        char length[2];
        qToBigEndian<quint16>(quint16(payload.size()), length);
        frame.append(length, 2);
    } else {
        frame.append(char(127));
        char length[8];
        qToBigEndian<quint64>(quint64(payload.size()), length);
        frame.append(length, 8);
    }
    frame.append(payload);
    return frame;
}

QByteArray WebSocketFrame::encodeClose(CloseCode code, const QString &reason)
{
    char codeBytes[2];
    qToBigEndian<quint16>(code, codeBytes);
    // A close frame's payload is at most 125 bytes: the code and up to 123 bytes of reason.
    QByteArray payload = QByteArray(codeBytes, 2) + reason.toUtf8().left(123);
    return encode(Close, payload);
}
