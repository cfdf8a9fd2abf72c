// An HTTP request head as it arrives on the port, then what the server does with a complete one
// before any endpoint: the Host and Origin checks, the token in the query and, for an upgrade,
// the WebSocket handshake.
#include "fuzzcheck.h"
#include "server/httprequestparser.h"
#include "server/requestguard.h"
#include "server/websockethandshake.h"

#include <cstdint>

namespace {

const RequestGuard &guard()
{
    static const RequestGuard guard(
        RequestGuard::Policy{QHostAddress(QHostAddress::LocalHost),
                             8484,
                             false,
                             {QStringLiteral("https://monitor.example.org")},
                             {QStringLiteral("monitor.example.org"), QStringLiteral("proxy:443")},
                             QStringLiteral("fuzz-token-0123456789")});
    return guard;
}

QByteArrayView withoutLeadingEmptyLines(QByteArrayView bytes)
{
    while (bytes.startsWith("\r\n"))
        bytes = bytes.sliced(2);
    return bytes;
}

void serve(const HttpRequest &request)
{
    request.keepAlive();
    guard().checkHost(request);
    const QString token = request.query.queryItemValue(QStringLiteral("token"), QUrl::FullyDecoded);
    guard().tokenMatches(token.toUtf8());
    if (!request.isWebSocketUpgrade())
        return;
    guard().checkOrigin(request);
    if (const std::optional<HttpResponse> refusal = WebSocketHandshake::validate(request)) {
        FUZZ_CHECK(refusal->status >= 400);
        refusal->serialize(false);
        return;
    }
    const QByteArray answer = WebSocketHandshake::switchingProtocols(request);
    FUZZ_CHECK(answer.endsWith("\r\n\r\n"));
    // The accept key is the base64 of a SHA-1: 28 characters, whatever the client's key was.
    FUZZ_CHECK(WebSocketHandshake::acceptKey(request.header("sec-websocket-key")).size() == 28);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArrayView bytes(data, qsizetype(size));
    const HttpRequestParser::Result result = HttpRequestParser::parse(bytes);
    switch (result.status) {
    case HttpRequestParser::Status::Incomplete:
        // More bytes may complete it, unless the head is already over the limit. Empty lines
        // before the request line are skipped (RFC 9112 2.2), so they end no head.
        FUZZ_CHECK(bytes.size() <= HttpRequestParser::MaxHeadBytes);
        FUZZ_CHECK(!withoutLeadingEmptyLines(bytes).contains("\r\n\r\n"));
        break;
    case HttpRequestParser::Status::Error:
        FUZZ_CHECK(result.errorStatus >= 400 && result.errorStatus < 600);
        FUZZ_CHECK(!result.errorMessage.isEmpty());
        break;
    case HttpRequestParser::Status::Complete: {
        // The head ends at the first empty line after the request line, which is what the
        // connection drops from its buffer (with any empty lines before it) before the next
        // request.
        const QByteArrayView head = withoutLeadingEmptyLines(bytes);
        FUZZ_CHECK(result.consumed == bytes.size() - head.size() + head.indexOf("\r\n\r\n") + 4);
        FUZZ_CHECK(result.consumed <= HttpRequestParser::MaxHeadBytes);
        FUZZ_CHECK(result.request.headers.size() <= HttpRequestParser::MaxHeaders);
        FUZZ_CHECK(result.request.path.startsWith('/'));
        serve(result.request);
        break;
    }
    }
    return 0;
}
