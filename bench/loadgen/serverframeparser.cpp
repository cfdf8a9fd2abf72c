#include "serverframeparser.h"

#include <QtEndian>

ServerFrameParser::Frame ServerFrameParser::parse(QByteArrayView data)
{
    Frame frame;
    if (data.size() < 2)
        return frame;
    const auto byte0 = quint8(data[0]);
    const auto byte1 = quint8(data[1]);
    if (byte1 & 0x80) {
        frame.status = Status::Error; // RFC 6455 5.1: a server never masks
        return frame;
    }
    quint64 length = byte1 & 0x7F;
    qsizetype header = 2;
    if (length == 126) {
        header = 4;
        if (data.size() < header)
            return frame;
        length = qFromBigEndian<quint16>(data.data() + 2);
    } else if (length == 127) {
        header = 10;
        if (data.size() < header)
            return frame;
        length = qFromBigEndian<quint64>(data.data() + 2);
        if (length >> 62) {
            frame.status = Status::Error;
            return frame;
        }
    }
    if (quint64(data.size() - header) < length)
        return frame;
    frame.status = Status::Frame;
    frame.fin = byte0 & 0x80;
    frame.opcode = byte0 & 0x0F;
    frame.payload = data.sliced(header, qsizetype(length));
    frame.consumed = header + qsizetype(length);
    return frame;
}
