#include "server/httprequestparser.h"
#include "server/websockethandshake.h"

#include <QTest>

namespace {
HttpRequest request(const QByteArray &head)
{
    return HttpRequestParser::parse(head).request;
}
} // namespace

class TestWebSocketHandshake : public QObject
{
    Q_OBJECT

private slots:
    void rfcAcceptKey();
    void validUpgradePasses();
    void refusals_data();
    void refusals();
};

// RFC 6455 section 1.3's worked example.
void TestWebSocketHandshake::rfcAcceptKey()
{
    QCOMPARE(WebSocketHandshake::acceptKey("dGhlIHNhbXBsZSBub25jZQ=="),
             QByteArray("s3pPLMBiTxaQ9kYGzzhZRbK+xOo="));
}

void TestWebSocketHandshake::validUpgradePasses()
{
    const HttpRequest r = request("GET /ws HTTP/1.1\r\nHost: a\r\nUpgrade: websocket\r\n"
                                  "Connection: keep-alive, Upgrade\r\nSec-WebSocket-Version: 13\r\n"
                                  "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n");
    QVERIFY(r.isWebSocketUpgrade());
    QVERIFY(!WebSocketHandshake::validate(r));
    QVERIFY(WebSocketHandshake::switchingProtocols(r).contains(
        "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n"));
}

void TestWebSocketHandshake::refusals_data()
{
    QTest::addColumn<QByteArray>("head");
    QTest::addColumn<int>("status");
    const QByteArray base = "Host: a\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n";
    QTest::newRow("version 8") << "GET /ws HTTP/1.1\r\n" + base +
                                      "Sec-WebSocket-Version: 8\r\nSec-WebSocket-Key: "
                                      "dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n"
                               << 426;
    QTest::newRow("no key") << "GET /ws HTTP/1.1\r\n" + base + "Sec-WebSocket-Version: 13\r\n\r\n"
                            << 400;
    QTest::newRow("short key") << "GET /ws HTTP/1.1\r\n" + base +
                                      "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: YWJj\r\n\r\n"
                               << 400;
    // RFC 6455 4.2.1: the key is 16 bytes in base64, 24 characters with their padding.
    const auto withKey = [&](const QByteArray &key) {
        return "GET /ws HTTP/1.1\r\n" + base +
               "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: " + key + "\r\n\r\n";
    };
    QTest::newRow("unpadded key") << withKey("dGhlIHNhbXBsZSBub25jZQ") << 400;
    QTest::newRow("20-byte key") << withKey("MDEyMzQ1Njc4OWFiY2RlZmdoaWo=") << 400;
    QTest::newRow("15-byte key") << withKey("MDEyMzQ1Njc4OWFiY2Rl") << 400;
    QTest::newRow("base64url key") << withKey("-_9lIHNhbXBsZSBub25jZQ==") << 400;
    QTest::newRow("key with a space") << withKey("dGhlIHNh bXBsZSBub25jZQ==") << 400;
    QTest::newRow("POST") << "POST /ws HTTP/1.1\r\n" + base +
                                 "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: "
                                 "dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n"
                          << 400;
}

void TestWebSocketHandshake::refusals()
{
    QFETCH(QByteArray, head);
    QFETCH(int, status);
    const auto refusal = WebSocketHandshake::validate(request(head));
    QVERIFY(refusal);
    QCOMPARE(refusal->status, status);
}

QTEST_GUILESS_MAIN(TestWebSocketHandshake)
#include "tst_websockethandshake.moc"
