#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

// RFC 6455 framing, server side. Pure functions on bytes: the parser reads one frame from what
// has arrived so far, the encoder builds one unmasked server frame. Sample frames are encoded
// once per tick and the same bytes are written to every client.
class WebSocketFrame
{
public:
    enum Opcode : quint8 {
        Continuation = 0x0,
        Text = 0x1,
        Binary = 0x2,
        Close = 0x8,
        Ping = 0x9,
        Pong = 0xA,
    };
    // Close codes of RFC 6455 section 7.4 and our own (4000-4999 are for applications).
    enum CloseCode : quint16 {
        Normal = 1000,
        GoingAway = 1001,
        ProtocolError = 1002,
        UnsupportedData = 1003,
        InvalidPayload = 1007,
        PolicyViolation = 1008,
        TooLarge = 1009,
        InternalError = 1011,
        SlowConsumer = 4000, // stayed behind the stream for too long
        IdleTimeout = 4001,  // sent nothing, not even a pong, for too long
    };

    enum class Status { NeedMore, Frame, Error };
    struct Parsed
    {
        Status status = Status::NeedMore;
        bool fin = true;
        Opcode opcode = Text;
        QByteArray payload; // unmasked
        qsizetype consumed = 0;
        CloseCode errorCode = ProtocolError;
        QString errorMessage;
    };

    // Reads one client frame. Client frames must be masked; a frame announcing a payload over
    // maxPayload is refused from its header alone, before the payload arrives.
    static Parsed parse(QByteArrayView data, qint64 maxPayload);
    static QByteArray encode(Opcode opcode, QByteArrayView payload, bool fin = true);
    static QByteArray encodeClose(CloseCode code, const QString &reason);
    static bool isControl(Opcode opcode) { return opcode >= Close; }
    // Why a client's close frame payload breaks RFC 6455 sections 5.5.1 and 7.4 (a 1-byte
    // payload, a code that must not be sent on the wire, a reason that is not UTF-8), with the
    // code to close with in *code; empty when it is valid.
    static QString closePayloadError(QByteArrayView payload, CloseCode *code);

private:
    static Parsed fail(CloseCode code, const QString &message);
};
