#include "server/outboundqueue.h"

#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include <memory>

// The queue over a real loopback connection whose far end reads only when the test says so.
class TestOutboundQueue : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void deliversEverythingInOrder();
    void holdsAtMostOneChunkInQtWhilePeerDoesNotRead();
    void discardFinishesTheFrameBegunAndDropsTheRest();

private:
    QByteArray readAtLeast(qint64 bytes);

    QTcpServer m_server;
    std::unique_ptr<QTcpSocket> m_sender; // the server's side
    QTcpSocket m_receiver;
};

void TestOutboundQueue::init()
{
    QVERIFY(m_server.listen(QHostAddress::LocalHost));
    m_receiver.connectToHost(QHostAddress::LocalHost, m_server.serverPort());
    QVERIFY(m_server.waitForNewConnection(5000));
    m_sender.reset(m_server.nextPendingConnection());
    QTRY_VERIFY(m_receiver.state() == QAbstractSocket::ConnectedState);
    // Small kernel buffers, as ClientConnection sets them, so "not reading" shows quickly.
    m_sender->setSocketOption(QAbstractSocket::SendBufferSizeSocketOption, 64 * 1024);
    m_receiver.setSocketOption(QAbstractSocket::ReceiveBufferSizeSocketOption, 64 * 1024);
}

void TestOutboundQueue::cleanup()
{
    m_receiver.abort();
    m_sender.reset();
    m_server.close();
}

QByteArray TestOutboundQueue::readAtLeast(qint64 bytes)
{
    QByteArray received;
    [[maybe_unused]] const bool done = QTest::qWaitFor(
        [&] {
            received += m_receiver.readAll();
            return received.size() >= bytes;
        },
        10000);
    return received;
}

void TestOutboundQueue::deliversEverythingInOrder()
{
    OutboundQueue queue(m_sender.get());
    connect(m_sender.get(), &QTcpSocket::bytesWritten, this, [&] { queue.pump(); });
    QByteArray expected;
    for (int i = 0; i < 40; ++i) {
        const QByteArray frame(20'000 + i, char('a' + i % 26));
        queue.push(frame);
        expected += frame;
    }
    QCOMPARE(readAtLeast(expected.size()), expected);
    QTRY_COMPARE(queue.pendingBytes(), 0);
}

// 8 MiB for a peer that reads nothing: Qt's write buffer never holds more than one chunk, and
// the rest is the shared frame itself, not a copy.
void TestOutboundQueue::holdsAtMostOneChunkInQtWhilePeerDoesNotRead()
{
    OutboundQueue queue(m_sender.get());
    connect(m_sender.get(), &QTcpSocket::bytesWritten, this, [&] { queue.pump(); });
    const QByteArray shared(1024 * 1024, 's');
    for (int i = 0; i < 8; ++i)
        queue.push(shared);
    // The kernel's buffers are full once Qt has to hold bytes itself.
    QTRY_VERIFY(m_sender->bytesToWrite() > 0);
    for (int i = 0; i < 10; ++i) {
        QCoreApplication::processEvents();
        QVERIFY2(m_sender->bytesToWrite() <= OutboundQueue::SocketChunkBytes,
                 QByteArray::number(m_sender->bytesToWrite()));
    }
    QVERIFY(queue.pendingBytes() > 4 * 1024 * 1024); // most is still waiting, in `shared`
    // Once the peer reads, all of it arrives.
    QCOMPARE(readAtLeast(8 * 1024 * 1024).size(), 8 * 1024 * 1024);
}

// A close frame written after discard() must start on a frame boundary: the frame already
// begun arrives whole, the one not begun not at all.
void TestOutboundQueue::discardFinishesTheFrameBegunAndDropsTheRest()
{
    OutboundQueue queue(m_sender.get());
    connect(m_sender.get(), &QTcpSocket::bytesWritten, this, [&] { queue.pump(); });
    const QByteArray begun(1024 * 1024, 'a'), notBegun(1024 * 1024, 'b');
    queue.push(begun);
    queue.push(notBegun);
    QTRY_VERIFY(m_sender->bytesToWrite() > 0); // the kernel is full: `begun` is partly out
    QVERIFY(queue.pendingBytes() > notBegun.size());
    queue.discard();
    m_sender->write("END");
    const QByteArray received = readAtLeast(begun.size() + 3);
    QCOMPARE(received.size(), begun.size() + 3);
    QVERIFY(received.startsWith(begun));
    QVERIFY(received.endsWith("aEND"));
}

QTEST_GUILESS_MAIN(TestOutboundQueue)
#include "tst_outboundqueue.moc"
