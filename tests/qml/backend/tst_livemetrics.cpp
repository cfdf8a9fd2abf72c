#include "livemetrics.h"

#include <QSignalSpy>
#include <QTest>

// The overview's summary of a tick: traffic summed without loopback, the busiest interface, the
// root filesystem, the hottest sensor (NaN readings ignored, NaN when there is none).
class TestLiveMetrics : public QObject
{
    Q_OBJECT

private slots:
    void hostFactsAreKept();
    void networkSkipsLoopback();
    void rootIsTheMainMount();
    void hottestIgnoresNan();
    void emptyTickKnowsNothing();
    void mainChangesOnlyWhenItChanges();
};

void TestLiveMetrics::hostFactsAreKept()
{
    HostInfo host;
    host.hostname = QStringLiteral("fixture-host");
    host.cpuCount = 2;
    const LiveMetrics live(host);
    QCOMPARE(live.hostname(), QStringLiteral("fixture-host"));
    QCOMPARE(live.cpuCount(), 2);
    QCOMPARE(live.seq(), 0.0);
}

void TestLiveMetrics::networkSkipsLoopback()
{
    LiveMetrics live({});
    QSignalSpy updated(&live, &LiveMetrics::updated);
    Snapshot s;
    s.net = {{QStringLiteral("lo"), 1e6, 1e6, 900000000, 900000000},
             {QStringLiteral("eth0"), 300, 100, 5000, 2000},
             {QStringLiteral("wlan0"), 200, 50, 9000, 1000}};
    live.update(s);
    QCOMPARE(updated.count(), 1);
    QCOMPARE(live.netRxBps(), 500.0); // 300 + 200
    QCOMPARE(live.netTxBps(), 150.0); // 100 + 50
    // eth0 moved 7000 bytes since boot, wlan0 10000: wlan0 is the busiest.
    QCOMPARE(live.mainInterface(), QStringLiteral("wlan0"));
}

void TestLiveMetrics::rootIsTheMainMount()
{
    LiveMetrics live({});
    Snapshot s;
    DiskUsage boot{QStringLiteral("/boot"), {}, {}, 100, 10, 10.0, 1, 2, 0, 0};
    DiskUsage root{QStringLiteral("/"), {}, {}, 100, 40, 40.0, 3, 4, 0, 0};
    s.disks = {boot, root};
    live.update(s);
    QCOMPARE(live.mainMount(), QStringLiteral("/"));
    QCOMPARE(live.mainMountPercent(), 40.0);
    QCOMPARE(live.mainMountUsed(), 40.0);
    QCOMPARE(live.mainMountTotal(), 100.0);
    QCOMPARE(live.diskReadBps(), 4.0);  // 1 + 3
    QCOMPARE(live.diskWriteBps(), 6.0); // 2 + 4
}

void TestLiveMetrics::hottestIgnoresNan()
{
    LiveMetrics live({});
    Snapshot s;
    s.temps = {{QStringLiteral("a"), 45.5},
               {QStringLiteral("b"), qQNaN()},
               {QStringLiteral("c"), 48.0},
               {QStringLiteral("d"), 30.0}};
    live.update(s);
    QCOMPARE(live.hottestCelsius(), 48.0);
}

void TestLiveMetrics::emptyTickKnowsNothing()
{
    LiveMetrics live({});
    live.update({});
    QVERIFY(live.mainInterface().isEmpty());
    QVERIFY(live.mainMount().isEmpty());
    QVERIFY(qIsNaN(live.mainMountPercent()));
    QVERIFY(qIsNaN(live.hottestCelsius()));
    QCOMPARE(live.load(), (QList<double>{0, 0, 0}));
}

// The charts' series names are built from the main interface and mount: a tick that keeps them
// must not notify, or every chart rebuilds its names each second.
void TestLiveMetrics::mainChangesOnlyWhenItChanges()
{
    LiveMetrics live({});
    QSignalSpy mainChanged(&live, &LiveMetrics::mainChanged);
    Snapshot s;
    s.net = {{QStringLiteral("eth0"), 300, 100, 5000, 2000},
             {QStringLiteral("wlan0"), 200, 50, 9000, 1000}};
    live.update(s); // "" to wlan0 (10000 bytes against eth0's 7000)
    QCOMPARE(mainChanged.count(), 1);
    s.net[0].rxBps = 900; // new rates, same totals: wlan0 stays the busiest
    live.update(s);
    QCOMPARE(mainChanged.count(), 1);
    s.net[0].rxTotal = 9500; // eth0 now 11500 bytes against wlan0's 10000
    live.update(s);
    QCOMPARE(mainChanged.count(), 2);
    QCOMPARE(live.mainInterface(), QStringLiteral("eth0"));
}

QTEST_GUILESS_MAIN(TestLiveMetrics)
#include "tst_livemetrics.moc"
