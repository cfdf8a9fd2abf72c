#pragma once

#include <QByteArrayView>

// Reads RFC 6455 frames as a client sees them: unmasked, from the server. Pure: the payload is a
// view into the bytes given, nothing is copied, so a frame costs the generator a header read.
class ServerFrameParser
{
public:
    enum Opcode : quint8 { Continuation = 0x0, Text = 0x1, Binary = 0x2, Close = 0x8, Ping = 0x9 };
    enum class Status { NeedMore, Frame, Error };

    struct Frame
    {
        Status status = Status::NeedMore;
        bool fin = true;        // last frame of its message
        quint8 opcode = Text;   // one of Opcode, or another value the caller ignores
        QByteArrayView payload; // view into the parsed bytes
        qsizetype consumed = 0; // bytes of header and payload, when status is Frame
    };

    // The first frame in data; NeedMore while it has not all arrived, Error when a server frame
    // is masked or announces an impossible length.
    static Frame parse(QByteArrayView data);
};
