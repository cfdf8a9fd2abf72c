// WebSocket client frames as they arrive after the handshake: read one frame after the other, as
// the connection does, until more bytes are needed or the stream is refused. The first byte picks
// the payload limit the parser is given.
#include "fuzzcheck.h"
#include "server/clientconnection.h"
#include "server/websocketframe.h"

#include <cstdint>
#include <limits>

namespace {

// 0: every payload refused; 125: the largest control frame; the connection's own limit; no limit
// at all, so that the arithmetic on 64-bit lengths is reached too.
constexpr qint64 Limits[] = {0, 125, ClientConnection::MaxMessageBytes,
                             std::numeric_limits<qint64>::max()};

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    if (size == 0)
        return 0;
    const qint64 maxPayload = Limits[data[0] % std::size(Limits)];
    QByteArrayView stream(data + 1, qsizetype(size - 1));
    for (;;) {
        const WebSocketFrame::Parsed frame = WebSocketFrame::parse(stream, maxPayload);
        if (frame.status == WebSocketFrame::Status::NeedMore)
            break;
        if (frame.status == WebSocketFrame::Status::Error) {
            FUZZ_CHECK(!frame.errorMessage.isEmpty());
            WebSocketFrame::encodeClose(frame.errorCode, frame.errorMessage);
            break;
        }
        // A header of 2 to 14 bytes, then the payload; never more than what has arrived.
        FUZZ_CHECK(frame.consumed >= 6 && frame.consumed <= stream.size());
        FUZZ_CHECK(frame.payload.size() <= maxPayload);
        FUZZ_CHECK(frame.consumed - frame.payload.size() <= 14);
        if (WebSocketFrame::isControl(frame.opcode))
            FUZZ_CHECK(frame.fin && frame.payload.size() <= 125);
        if (frame.opcode == WebSocketFrame::Close) {
            // A close payload is valid, or refused with 1002 (protocol) or 1007 (reason not UTF-8).
            WebSocketFrame::CloseCode code;
            if (!WebSocketFrame::closePayloadError(frame.payload, &code).isEmpty())
                FUZZ_CHECK(code == WebSocketFrame::ProtocolError ||
                           code == WebSocketFrame::InvalidPayload);
        }
        // What the server would send back: a pong echoes the payload.
        const QByteArray echo = WebSocketFrame::encode(WebSocketFrame::Pong, frame.payload);
        FUZZ_CHECK(echo.size() >= frame.payload.size() + 2);
        stream = stream.sliced(frame.consumed);
    }
    return 0;
}
