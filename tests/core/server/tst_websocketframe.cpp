#include "server/websocketframe.h"

#include <QTest>

#include <limits>

namespace {

// A client frame as a browser sends it: masked with the given key.
QByteArray clientFrame(quint8 firstByte, const QByteArray &payload,
                       QByteArray mask = "\x11\x22\x33\x44")
{
    QByteArray frame;
    frame.append(char(firstByte));
    if (payload.size() < 126) {
        frame.append(char(0x80 | payload.size()));
    } else if (payload.size() <= 0xFFFF) {
        frame.append(char(0x80 | 126));
        frame.append(char(payload.size() >> 8)).append(char(payload.size() & 0xFF));
    } else {
        frame.append(char(0x80 | 127));
        for (int shift = 56; shift >= 0; shift -= 8)
            frame.append(char((quint64(payload.size()) >> shift) & 0xFF));
    }
    frame.append(mask);
    for (qsizetype i = 0; i < payload.size(); ++i)
        frame.append(char(payload[i] ^ mask[i % 4]));
    return frame;
}

} // namespace

class TestWebSocketFrame : public QObject
{
    Q_OBJECT

private slots:
    void rfcExampleMaskedHello();
    void parsesLengths_data();
    void parsesLengths();
    void needsMoreUntilWhole();
    void refusesProtocolErrors_data();
    void refusesProtocolErrors();
    void refusesOversizeFromHeaderAlone();
    void encodesServerFrames_data();
    void encodesServerFrames();
    void encodesCloseWithCodeAndShortReason();
    void closePayloads_data();
    void closePayloads();
};

// RFC 6455 section 5.7: a masked "Hello" text frame.
void TestWebSocketFrame::rfcExampleMaskedHello()
{
    const QByteArray bytes = QByteArray::fromHex("818537fa213d7f9f4d5158");
    const auto parsed = WebSocketFrame::parse(bytes, 1024);
    QCOMPARE(parsed.status, WebSocketFrame::Status::Frame);
    QCOMPARE(parsed.opcode, WebSocketFrame::Text);
    QVERIFY(parsed.fin);
    QCOMPARE(parsed.payload, QByteArray("Hello"));
    QCOMPARE(parsed.consumed, bytes.size());
}

void TestWebSocketFrame::parsesLengths_data()
{
    QTest::addColumn<int>("length");
    QTest::newRow("empty") << 0;
    QTest::newRow("7-bit max") << 125;
    QTest::newRow("16-bit min") << 126;
    QTest::newRow("16-bit max") << 65535;
    QTest::newRow("64-bit") << 65536;
}

void TestWebSocketFrame::parsesLengths()
{
    QFETCH(int, length);
    const QByteArray payload(length, 'x');
    const QByteArray frame = clientFrame(0x81, payload);
    const auto parsed = WebSocketFrame::parse(QByteArray(frame + "trailing"), 1 << 20);
    QCOMPARE(parsed.status, WebSocketFrame::Status::Frame);
    QCOMPARE(parsed.payload, payload);
    QCOMPARE(parsed.consumed, frame.size());
}

void TestWebSocketFrame::needsMoreUntilWhole()
{
    const QByteArray frame = clientFrame(0x81, QByteArray(300, 'y'));
    for (qsizetype n = 0; n < frame.size(); ++n)
        QCOMPARE(WebSocketFrame::parse(frame.first(n), 1024).status,
                 WebSocketFrame::Status::NeedMore);
    QCOMPARE(WebSocketFrame::parse(frame, 1024).status, WebSocketFrame::Status::Frame);
    // The largest 64-bit length (2^63 - 1) under no limit: header (10) + mask (4) + length does
    // not fit in 64 bits, and the payload has still to come.
    QCOMPARE(WebSocketFrame::parse(QByteArray::fromHex("81ff7fffffffffffffff11223344"),
                                   std::numeric_limits<qint64>::max())
                 .status,
             WebSocketFrame::Status::NeedMore);
}

void TestWebSocketFrame::refusesProtocolErrors_data()
{
    QTest::addColumn<QByteArray>("frame");
    QTest::addColumn<int>("code");
    QByteArray unmasked = clientFrame(0x81, "hi");
    unmasked[1] = char(unmasked[1] & 0x7F);
    QTest::newRow("unmasked") << unmasked << 1002;
    QTest::newRow("reserved bit") << clientFrame(0xC1, "hi") << 1002;
    QTest::newRow("opcode 3") << clientFrame(0x83, "hi") << 1002;
    QTest::newRow("opcode 11") << clientFrame(0x8B, "hi") << 1002;
    QTest::newRow("fragmented ping") << clientFrame(0x09, "hi") << 1002;
    QTest::newRow("long ping") << clientFrame(0x89, QByteArray(126, 'p')) << 1002;
    QByteArray hugeLength = QByteArray::fromHex("81ff8000000000000000");
    QTest::newRow("64-bit length with top bit") << hugeLength << 1002;
}

void TestWebSocketFrame::refusesProtocolErrors()
{
    QFETCH(QByteArray, frame);
    QFETCH(int, code);
    const auto parsed = WebSocketFrame::parse(frame, 1 << 20);
    QCOMPARE(parsed.status, WebSocketFrame::Status::Error);
    QCOMPARE(int(parsed.errorCode), code);
}

void TestWebSocketFrame::refusesOversizeFromHeaderAlone()
{
    // Only the header of a 1 MiB frame has arrived: it is refused before the payload.
    const QByteArray header = clientFrame(0x81, QByteArray(1 << 20, 'z')).first(14);
    const auto parsed = WebSocketFrame::parse(header, 64 * 1024);
    QCOMPARE(parsed.status, WebSocketFrame::Status::Error);
    QCOMPARE(parsed.errorCode, WebSocketFrame::TooLarge);
}

void TestWebSocketFrame::encodesServerFrames_data()
{
    QTest::addColumn<int>("length");
    QTest::addColumn<QByteArray>("header");
    QTest::newRow("short") << 5 << QByteArray::fromHex("8105");
    QTest::newRow("126") << 126 << QByteArray::fromHex("817e007e");
    QTest::newRow("65536") << 65536 << QByteArray::fromHex("817f0000000000010000");
}

void TestWebSocketFrame::encodesServerFrames()
{
    QFETCH(int, length);
    QFETCH(QByteArray, header);
    const QByteArray payload(length, 'a');
    const QByteArray frame = WebSocketFrame::encode(WebSocketFrame::Text, payload);
    QCOMPARE(frame.first(header.size()), header);
    QCOMPARE(frame.sliced(header.size()), payload); // server frames are never masked
}

void TestWebSocketFrame::encodesCloseWithCodeAndShortReason()
{
    const QByteArray frame =
        WebSocketFrame::encodeClose(WebSocketFrame::TooLarge, QString(200, u'r'));
    QCOMPARE(quint8(frame[0]), quint8(0x88));
    QCOMPARE(int(frame[1]), 125); // 2 bytes of code + 123 of reason: a control frame's maximum
    QCOMPARE(quint8(frame[2]) << 8 | quint8(frame[3]), 1009);
}

void TestWebSocketFrame::closePayloads_data()
{
    QTest::addColumn<QByteArray>("payload");
    QTest::addColumn<int>("code"); // 0: valid
    const auto close = [](quint16 code, const QByteArray &reason = {}) {
        return QByteArray(1, char(code >> 8)) + char(code & 0xFF) + reason;
    };
    QTest::newRow("empty") << QByteArray() << 0;
    QTest::newRow("1000") << close(1000) << 0;
    QTest::newRow("1001 with reason") << close(1001, "bye") << 0;
    QTest::newRow("1003") << close(1003) << 0;
    QTest::newRow("1007") << close(1007) << 0;
    QTest::newRow("1014") << close(1014) << 0;
    QTest::newRow("3000") << close(3000) << 0;
    QTest::newRow("4999") << close(4999) << 0;
    QTest::newRow("one byte") << QByteArray(1, '\x03') << 1002;
    QTest::newRow("0") << close(0) << 1002;
    QTest::newRow("999") << close(999) << 1002;
    QTest::newRow("1004 reserved") << close(1004) << 1002;
    QTest::newRow("1005 local only") << close(1005) << 1002;
    QTest::newRow("1006 local only") << close(1006) << 1002;
    QTest::newRow("1015 local only") << close(1015) << 1002;
    QTest::newRow("1016 unassigned") << close(1016) << 1002;
    QTest::newRow("2999") << close(2999) << 1002;
    QTest::newRow("5000") << close(5000) << 1002;
    QTest::newRow("65535") << close(65535) << 1002;
    QTest::newRow("reason not UTF-8") << close(1000, "\xff\xfe") << 1007;
}

// RFC 6455 5.5.1 and 7.4: what a client's close frame may carry.
void TestWebSocketFrame::closePayloads()
{
    QFETCH(QByteArray, payload);
    QFETCH(int, code);
    WebSocketFrame::CloseCode closeWith;
    const QString error = WebSocketFrame::closePayloadError(payload, &closeWith);
    QCOMPARE(error.isEmpty(), code == 0);
    if (code != 0)
        QCOMPARE(int(closeWith), code);
}

QTEST_GUILESS_MAIN(TestWebSocketFrame)
#include "tst_websocketframe.moc"
