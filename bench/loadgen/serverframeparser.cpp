#include "serverframeparser.h"

#include <QtEndian>

#include <utility>

namespace {

// The payload length and the header size of the frame at the start of data (at least 2 bytes):
// 7 bits, or 126 then 16 bits, or 127 then 64 bits. Header 0: the length has not all arrived.
std::pair<quint64, qsizetype> payloadLength(QByteArrayView data)
{
    const quint64 length = quint8(data[1]) & 0x7F;
    const qsizetype header = length == 126 ? 4 : length == 127 ? 10 : 2;
    if (data.size() < header)
        return {0, 0};
    if (length == 126)
        return {qFromBigEndian<quint16>(data.data() + 2), header};
    if (length == 127)
        return {qFromBigEndian<quint64>(data.data() + 2), header};
    return {length, header};
}

} // namespace

ServerFrameParser::Frame ServerFrameParser::parse(QByteArrayView data)
{
    Frame frame;
    if (data.size() < 2)
        return frame;
    const auto byte0 = quint8(data[0]);
    const auto [length, header] = payloadLength(data);
    // RFC 6455 5.1: a server never masks; 5.2: the top bit of a 64-bit length is 0.
    if ((quint8(data[1]) & 0x80) || (length >> 62)) {
        frame.status = Status::Error;
        return frame;
    }
    if (header == 0 || quint64(data.size() - header) < length)
        return frame;
    frame.status = Status::Frame;
    frame.fin = byte0 & 0x80;
    frame.opcode = byte0 & 0x0F;
    frame.payload = data.sliced(header, qsizetype(length));
    frame.consumed = header + qsizetype(length);
    return frame;
}
