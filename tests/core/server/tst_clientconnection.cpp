#include "httpprobe.h"
#include "vantageprocess.h"
#include "wsclient.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QtEndian>

#include <optional>

namespace {

// A WebSocket client on a raw TCP socket: it sends frames a real library would refuse to send
// (text that is not UTF-8) and reads the server's frames as they are on the wire, close codes
// included. Reading is up to the test, so it can also stop reading, as a stalled client does.
class RawWebSocket
{
public:
    struct Frame
    {
        quint8 opcode = 0;
        QByteArray payload;
    };

    // Connects and sends the upgrade request; the answer is read by pump().
    bool connectTo(quint16 port)
    {
        socket.connectToHost(QStringLiteral("127.0.0.1"), port);
        if (!QTest::qWaitFor([this] { return socket.state() == QAbstractSocket::ConnectedState; },
                             5000))
            return false;
        socket.write(HttpProbe::upgrade(port));
        return true;
    }

    // Takes what has arrived and splits it into the handshake answer and frames.
    void pump()
    {
        m_in += socket.readAll();
        if (!upgraded) {
            const qsizetype end = m_in.indexOf("\r\n\r\n");
            if (end < 0)
                return;
            upgraded = m_in.startsWith("HTTP/1.1 101 ");
            m_in.remove(0, end + 4);
        }
        while (const std::optional<Frame> frame = takeFrame())
            frames.append(*frame);
    }

    // One masked frame, as RFC 6455 requires of a client.
    void send(quint8 opcode, const QByteArray &payload)
    {
        Q_ASSERT(payload.size() < 126);
        const char mask[4] = {0x12, 0x34, 0x56, 0x78};
        QByteArray frame;
        frame += char(0x80 | opcode);
        frame += char(0x80 | payload.size());
        frame += QByteArray(mask, 4);
        for (qsizetype i = 0; i < payload.size(); ++i)
            frame += char(payload[i] ^ mask[i % 4]);
        socket.write(frame);
    }

    // The code of the server's close frame, once one has arrived.
    std::optional<quint16> closeCode() const
    {
        for (const Frame &frame : frames) {
            if (frame.opcode == 0x8 && frame.payload.size() >= 2)
                return qFromBigEndian<quint16>(frame.payload.constData());
        }
        return std::nullopt;
    }

    // The seq of every sample received, in order.
    QList<qint64> sampleSeqs() const
    {
        QList<qint64> seqs;
        for (const Frame &frame : frames) {
            const QJsonObject message = QJsonDocument::fromJson(frame.payload).object();
            if (frame.opcode == 0x1 && message["type"].toString() == "sample")
                seqs.append(message["seq"].toInteger());
        }
        return seqs;
    }

    QTcpSocket socket;
    bool upgraded = false;
    QList<Frame> frames;

private:
    // Server frames are unmasked: 2 bytes, then a 16- or 64-bit length when the 7-bit one says
    // 126 or 127.
    std::optional<Frame> takeFrame()
    {
        if (m_in.size() < 2)
            return std::nullopt;
        const quint8 length7 = quint8(m_in[1]) & 0x7f;
        qsizetype header = 2;
        quint64 length = length7;
        if (length7 == 126) {
            header = 4;
            if (m_in.size() < header)
                return std::nullopt;
            length = qFromBigEndian<quint16>(m_in.constData() + 2);
        } else if (length7 == 127) {
            header = 10;
            if (m_in.size() < header)
                return std::nullopt;
            length = qFromBigEndian<quint64>(m_in.constData() + 2);
        }
        if (quint64(m_in.size()) < header + length)
            return std::nullopt;
        Frame frame{quint8(quint8(m_in[0]) & 0x0f), m_in.mid(header, qsizetype(length))};
        m_in.remove(0, header + qsizetype(length));
        return frame;
    }

    QByteArray m_in;
};

// fixtures/machine with 300 network interfaces in place of eth0, in a temporary copy: each sample
// carries some 20 KiB, so a client that stops reading falls behind within seconds rather than
// after the half minute the real machine's 2 KiB samples take to fill the socket buffers. A
// history of a minute keeps the 600 extra series small.
bool writeBusyMachine(const QString &fixture, const QString &root, const QString &configFile)
{
    QDirIterator it(fixture, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString source = it.next();
        const QString target = root + source.mid(fixture.size());
        if (!QDir().mkpath(QFileInfo(target).path()) || !QFile::copy(source, target))
            return false;
    }
    QByteArray dev =
        "Inter-|   Receive                                                |  Transmit\n"
        " face |bytes    packets errs drop fifo frame compressed multicast|bytes    "
        "packets errs drop fifo colls carrier compressed\n";
    for (int i = 0; i < 300; ++i)
        dev += "  veth" + QByteArray::number(i) +
               ":  500000     400    0    0    0     0          0         0   250000     300    "
               "0    0    0     0       0          0\n";
    QFile netDev(root + "/proc/net/dev");
    QFile config(configFile);
    return netDev.open(QIODevice::WriteOnly | QIODevice::Truncate) &&
           netDev.write(dev) == dev.size() && config.open(QIODevice::WriteOnly) &&
           config.write("[general]\nhistorySeconds=60\n") > 0;
}

qint64 selfCounter(const WsClient &client, const char *name)
{
    const auto samples = client.ofType("sample");
    return samples.isEmpty() ? -1 : samples.last()["self"].toObject()[name].toInteger();
}

} // namespace

// A WebSocket client of a real vantage process, as docs/protocol.md "Limits and close codes"
// describes it: the close code for each kind of bad input read from the server's close frame,
// and a client that reads slower than the stream getting the latest sample, then closed.
class TestClientConnection : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void binaryMessageClosesWith1003();
    void textThatIsNotUtf8ClosesWith1007();
    void stalledClientGetsTheLatestSampleNotABacklog();
    void clientBehindForTenSecondsClosedWith4000();

private:
    static bool startBusy(VantageProcess &vantage, const QTemporaryDir &machine);

    VantageProcess m_vantage;
};

void TestClientConnection::initTestCase()
{
    QVERIFY2(m_vantage.start({"--interval", "0.2"}), qPrintable(m_vantage.errorString()));
}

// Starts vantage on writeBusyMachine() in the given folder, ticking every 0.1 s.
bool TestClientConnection::startBusy(VantageProcess &vantage, const QTemporaryDir &machine)
{
    const QString root = machine.path();
    if (!writeBusyMachine(QFINDTESTDATA("fixtures/machine"), root, vantage.configFile()))
        return false;
    if (!vantage.start(
            {"--interval", "0.1", "--proc-root", root + "/proc", "--sys-root", root + "/sys"})) {
        qWarning().noquote() << vantage.errorString();
        return false;
    }
    return true;
}

void TestClientConnection::binaryMessageClosesWith1003()
{
    WsClient client, bystander;
    QVERIFY(client.open(m_vantage.port()));
    QVERIFY(bystander.open(m_vantage.port()));
    QVERIFY(!client.waitFor("hello").isEmpty());
    client.socket.sendBinaryMessage(QByteArray("\x01\x02\x03", 3));
    QVERIFY(client.waitClosed());
    QCOMPARE(client.socket.closeCode(), QWebSocketProtocol::CloseCodeDatatypeNotSupported); // 1003
    // Only the offender goes.
    const qsizetype before = bystander.ofType("sample").size();
    QTRY_VERIFY(bystander.ofType("sample").size() > before + 1);
    QVERIFY(!bystander.closed);
}

void TestClientConnection::textThatIsNotUtf8ClosesWith1007()
{
    RawWebSocket client;
    QVERIFY(client.connectTo(m_vantage.port()));
    QVERIFY(QTest::qWaitFor(
        [&] {
            client.pump();
            return client.upgraded && !client.frames.isEmpty();
        },
        5000));
    // 0xC3 starts a two-byte sequence that 0x28 ('(') cannot continue.
    client.send(0x1, QByteArray("\xc3\x28", 2));
    QVERIFY(QTest::qWaitFor(
        [&] {
            client.pump();
            return client.closeCode().has_value();
        },
        5000));
    QCOMPARE(*client.closeCode(), quint16(1007));
}

// docs/protocol.md: while a client's socket holds more than 64 KiB unsent, a newer sample
// replaces the one waiting (counted in self.dropped). A client that stops reading fills that;
// when it reads again it gets what was already on its way, then the newest sample: its seqs
// skip ahead instead of replaying every tick it missed.
void TestClientConnection::stalledClientGetsTheLatestSampleNotABacklog()
{
    QTemporaryDir machine;
    VantageProcess vantage;
    QVERIFY(startBusy(vantage, machine));
    WsClient steady;
    QVERIFY(steady.open(vantage.port()));
    RawWebSocket stalled;
    // A small receive window, and Qt reads nothing into its own buffer: the server's writes
    // pile up on its side.
    stalled.socket.setSocketOption(QAbstractSocket::ReceiveBufferSizeSocketOption, 4096);
    stalled.socket.setReadBufferSize(1);
    QVERIFY(stalled.connectTo(vantage.port()));
    // The steady client's samples carry the server's counters: wait until a waiting sample was
    // replaced by a newer one.
    QTRY_VERIFY_WITH_TIMEOUT(selfCounter(steady, "dropped") >= 1, 60000);
    QCOMPARE(selfCounter(steady, "slowClosed"), qint64(0));
    const qint64 seqWhenResumed = steady.ofType("sample").last()["seq"].toInteger();

    stalled.socket.setReadBufferSize(0);
    QVERIFY(QTest::qWaitFor(
        [&] {
            stalled.pump();
            const QList<qint64> seqs = stalled.sampleSeqs();
            return !seqs.isEmpty() && seqs.last() >= seqWhenResumed + 5;
        },
        20000));
    QVERIFY(stalled.upgraded);
    const QList<qint64> seqs = stalled.sampleSeqs();
    qsizetype skip = 0;
    for (qsizetype i = 1; i < seqs.size() && skip == 0; ++i) {
        if (seqs[i] != seqs[i - 1] + 1)
            skip = i;
    }
    QVERIFY2(skip > 0, "every tick was replayed");
    QVERIFY2(seqs[skip] > seqs[skip - 1] + 1,
             qPrintable(QString("seq %1 after %2").arg(seqs[skip]).arg(seqs[skip - 1])));
    // The sample after the skip is at least as new as what the steady client had when the
    // stalled one resumed: the newest, not the oldest it missed.
    QVERIFY2(seqs[skip] >= seqWhenResumed,
             qPrintable(QString("resumed at %1 with seq %2").arg(seqWhenResumed).arg(seqs[skip])));
    // From there it keeps pace again, one tick at a time, and stays connected.
    for (qsizetype i = skip + 1; i < seqs.size(); ++i)
        QCOMPARE(seqs[i], seqs[i - 1] + 1);
    QVERIFY(!stalled.closeCode().has_value());
    QCOMPARE(stalled.socket.state(), QAbstractSocket::ConnectedState);
}

// docs/protocol.md: a client behind the stream for 10 s is closed with 4000. The server gives a
// closed client 2 s to take its close frame before it drops the connection, so the stalled
// client starts reading as soon as the server's counters say it closed one.
void TestClientConnection::clientBehindForTenSecondsClosedWith4000()
{
    QTemporaryDir machine;
    VantageProcess vantage;
    QVERIFY(startBusy(vantage, machine));
    WsClient steady;
    QVERIFY(steady.open(vantage.port()));
    RawWebSocket stalled;
    stalled.socket.setSocketOption(QAbstractSocket::ReceiveBufferSizeSocketOption, 4096);
    stalled.socket.setReadBufferSize(1);
    QVERIFY(stalled.connectTo(vantage.port()));
    QTRY_VERIFY_WITH_TIMEOUT(selfCounter(steady, "slowClosed") >= 1, 90000);
    stalled.socket.setReadBufferSize(0);
    QVERIFY(QTest::qWaitFor(
        [&] {
            stalled.pump();
            return stalled.closeCode().has_value() ||
                   stalled.socket.state() == QAbstractSocket::UnconnectedState;
        },
        10000));
    stalled.pump();
    QVERIFY(stalled.upgraded);
    QVERIFY2(stalled.closeCode().has_value(), "the connection ended without a close frame");
    QCOMPARE(*stalled.closeCode(), quint16(4000));
    QCOMPARE(selfCounter(steady, "slowClosed"), qint64(1));
    QVERIFY(selfCounter(steady, "dropped") >= 1);
    // The steady client was never held up.
    QVERIFY(!steady.closed);
    const auto samples = steady.ofType("sample");
    for (qsizetype i = 1; i < samples.size(); ++i)
        QCOMPARE(samples[i]["seq"].toInteger(), samples[i - 1]["seq"].toInteger() + 1);
}

QTEST_GUILESS_MAIN(TestClientConnection)
#include "tst_clientconnection.moc"
