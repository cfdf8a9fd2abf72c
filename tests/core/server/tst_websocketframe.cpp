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

QTEST_GUILESS_MAIN(TestWebSocketFrame)
#include "tst_websocketframe.moc"
