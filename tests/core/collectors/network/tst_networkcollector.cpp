#include "collectors/network/networkcollector.h"
#include "fakeprocroot.h"

#include <QRegularExpression>
#include <QTest>

#include <memory>

namespace {

constexpr qint64 Second = 1'000'000'000;

struct Counters
{
    const char *iface;
    quint64 rx;
    quint64 tx;
};

// /proc/net/dev as the kernel lays it out: two header lines, then rx bytes as the first and tx
// bytes as the ninth counter after the colon.
QByteArray netDev(std::initializer_list<Counters> interfaces)
{
    QByteArray text =
        "Inter-|   Receive                                                |  Transmit\n"
        " face |bytes    packets errs drop fifo frame compressed multicast|bytes    "
        "packets errs drop fifo colls carrier compressed\n";
    for (const Counters &c : interfaces) {
        text += QStringLiteral("%1: %2 10 0 0 0 0 0 0 %3 20 0 0 0 0 0 0\n")
                    .arg(QLatin1StringView(c.iface), 6)
                    .arg(c.rx, 8)
                    .arg(c.tx, 8)
                    .toLatin1();
    }
    return text;
}

QStringList names(const Snapshot &snapshot)
{
    QStringList ifaces;
    for (const NetUsage &net : snapshot.net)
        ifaces.append(net.iface);
    return ifaces;
}

} // namespace

class TestNetworkCollector : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void firstTickListsCountersWithoutRates();
    void ratesOverOneTick_data();
    void ratesOverOneTick();
    void counterGoingBackwardsGivesZero_data();
    void counterGoingBackwardsGivesZero();
    void interfaceVanishingAndComingBack();
    void missingFile();

private:
    void writeNetDev(const QByteArray &text);

    std::unique_ptr<FakeProcRoot> m_root;
    SystemPaths m_paths;
};

void TestNetworkCollector::init()
{
    m_root = std::make_unique<FakeProcRoot>();
    m_paths = m_root->paths();
    writeNetDev(netDev({{"lo", 5000, 5000}, {"wlan0", 1000, 2000}, {"eth0", 300, 400}}));
}

void TestNetworkCollector::writeNetDev(const QByteArray &text)
{
    QVERIFY(m_root->write(QStringLiteral("net/dev"), text));
}

void TestNetworkCollector::firstTickListsCountersWithoutRates()
{
    NetworkCollector collector(m_paths);
    Snapshot snapshot;
    collector.collect(snapshot, 7 * Second);
    // Sorted by name; lo left out although the file lists it first.
    QCOMPARE(names(snapshot), (QStringList{QStringLiteral("eth0"), QStringLiteral("wlan0")}));
    QCOMPARE(snapshot.net[0].rxTotal, quint64(300));
    QCOMPARE(snapshot.net[0].txTotal, quint64(400));
    QCOMPARE(snapshot.net[1].rxTotal, quint64(1000));
    QCOMPARE(snapshot.net[1].txTotal, quint64(2000));
    for (const NetUsage &net : std::as_const(snapshot.net)) {
        QCOMPARE(net.rxBps, 0.0);
        QCOMPARE(net.txBps, 0.0);
    }
}

void TestNetworkCollector::ratesOverOneTick_data()
{
    QTest::addColumn<qint64>("interval");
    QTest::addColumn<double>("ethRx");
    QTest::addColumn<double>("ethTx");
    QTest::addColumn<double>("wlanRx");

    // eth0: rx 300 -> 125300 = 125 000 bytes, tx 400 -> 1400 = 1000 bytes.
    // wlan0: rx 1000 -> 1000 = 0 bytes.
    QTest::newRow("1 s") << Second << 125'000.0 << 1'000.0 << 0.0;
    // The same bytes in half a second: twice the rate.
    QTest::newRow("500 ms") << Second / 2 << 250'000.0 << 2'000.0 << 0.0;
}

void TestNetworkCollector::ratesOverOneTick()
{
    QFETCH(qint64, interval);
    QFETCH(double, ethRx);
    QFETCH(double, ethTx);
    QFETCH(double, wlanRx);
    NetworkCollector collector(m_paths);
    Snapshot snapshot;
    collector.collect(snapshot, 7 * Second);
    writeNetDev(netDev({{"lo", 9000, 9000}, {"wlan0", 1000, 2000}, {"eth0", 125300, 1400}}));
    collector.collect(snapshot, 7 * Second + interval);

    QCOMPARE(names(snapshot), (QStringList{QStringLiteral("eth0"), QStringLiteral("wlan0")}));
    QCOMPARE(snapshot.net[0].rxBps, ethRx);
    QCOMPARE(snapshot.net[0].txBps, ethTx);
    QCOMPARE(snapshot.net[0].rxTotal, quint64(125300));
    QCOMPARE(snapshot.net[0].txTotal, quint64(1400));
    QCOMPARE(snapshot.net[1].rxBps, wlanRx);
}

void TestNetworkCollector::counterGoingBackwardsGivesZero_data()
{
    QTest::addColumn<quint64>("before");
    QTest::addColumn<quint64>("after");
    QTest::addColumn<quint64>("next");
    QTest::addColumn<double>("nextRate");

    // eth0 deleted and created again between two ticks: its counters restart near 0.
    // The tick after counts from the new base: 5000 - 200 = 4800 bytes in 1 s.
    QTest::newRow("re-created") << quint64(900'000) << quint64(200) << quint64(5000) << 4800.0;
    // A driver with 32-bit counters wraps past 2^32 - 1 = 4 294 967 295 back to near 0.
    // The true amount (2^32 - 4 294 967 000 + 100 = 396) is not knowable in general: 0, then
    // 1100 - 100 = 1000 bytes in 1 s.
    QTest::newRow("32-bit wrap") << quint64(4'294'967'000) << quint64(100) << quint64(1100)
                                 << 1000.0;
}

void TestNetworkCollector::counterGoingBackwardsGivesZero()
{
    QFETCH(quint64, before);
    QFETCH(quint64, after);
    QFETCH(quint64, next);
    QFETCH(double, nextRate);
    writeNetDev(netDev({{"eth0", before, before}}));
    NetworkCollector collector(m_paths);
    Snapshot snapshot;
    collector.collect(snapshot, 1 * Second);
    writeNetDev(netDev({{"eth0", after, after}}));
    collector.collect(snapshot, 2 * Second);
    QCOMPARE(snapshot.net[0].rxBps, 0.0);
    QCOMPARE(snapshot.net[0].txBps, 0.0);
    QCOMPARE(snapshot.net[0].rxTotal, after);
    writeNetDev(netDev({{"eth0", next, next}}));
    collector.collect(snapshot, 3 * Second);
    QCOMPARE(snapshot.net[0].rxBps, nextRate);
    QCOMPARE(snapshot.net[0].txBps, nextRate);
}

void TestNetworkCollector::interfaceVanishingAndComingBack()
{
    NetworkCollector collector(m_paths);
    Snapshot snapshot;
    collector.collect(snapshot, 1 * Second);
    // wlan0 goes away (a USB adapter pulled out) and a VPN tunnel appears.
    writeNetDev(netDev({{"lo", 5000, 5000}, {"eth0", 300, 400}, {"tun0", 50, 60}}));
    collector.collect(snapshot, 2 * Second);
    QCOMPARE(names(snapshot), (QStringList{QStringLiteral("eth0"), QStringLiteral("tun0")}));
    QCOMPARE(snapshot.net[1].rxBps, 0.0); // tun0 is new: nothing to compare with
    QCOMPARE(snapshot.net[1].rxTotal, quint64(50));
    // wlan0 is back with counters above its last known ones (1000, 2000): still 0, because its
    // state was dropped when it vanished.
    writeNetDev(netDev({{"eth0", 300, 400}, {"tun0", 50, 60}, {"wlan0", 8000, 9000}}));
    collector.collect(snapshot, 3 * Second);
    QCOMPARE(names(snapshot), (QStringList{QStringLiteral("eth0"), QStringLiteral("tun0"),
                                           QStringLiteral("wlan0")}));
    QCOMPARE(snapshot.net[2].rxBps, 0.0);
    QCOMPARE(snapshot.net[2].txBps, 0.0);
    // 8000 -> 8500 and 9000 -> 9250 in 1 s.
    writeNetDev(netDev({{"eth0", 300, 400}, {"tun0", 50, 60}, {"wlan0", 8500, 9250}}));
    collector.collect(snapshot, 4 * Second);
    QCOMPARE(snapshot.net[2].rxBps, 500.0);
    QCOMPARE(snapshot.net[2].txBps, 250.0);
}

void TestNetworkCollector::missingFile()
{
    QVERIFY(m_root->remove(QStringLiteral("net/dev")));
    NetworkCollector collector(m_paths);
    Snapshot snapshot;
    snapshot.net.append(NetUsage{QStringLiteral("stale"), 1, 1, 1, 1});
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("net/dev")));
    collector.collect(snapshot, 1 * Second);
    QVERIFY(snapshot.net.isEmpty());
    QTest::failOnWarning(QRegularExpression(QStringLiteral("net/dev")));
    collector.collect(snapshot, 2 * Second); // logged once, not on every tick
    QVERIFY(snapshot.net.isEmpty());
    // The file comes back: one tick to learn the counters, then rates.
    writeNetDev(netDev({{"eth0", 300, 400}}));
    collector.collect(snapshot, 3 * Second);
    QCOMPARE(snapshot.net[0].rxBps, 0.0);
    writeNetDev(netDev({{"eth0", 1300, 400}}));
    collector.collect(snapshot, 4 * Second);
    QCOMPARE(snapshot.net[0].rxBps, 1000.0);
}

QTEST_GUILESS_MAIN(TestNetworkCollector)
#include "tst_networkcollector.moc"
