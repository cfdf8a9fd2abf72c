#include "collectors/self/selfcollector.h"

#include <QElapsedTimer>
#include <QFile>
#include <QTest>

#include <cmath>

// The monitor's own health against the real /proc/self, checked with numbers the test gets
// another way (VmRSS from /proc/self/status) or makes itself (a busy loop).
class TstSelfCollector : public QObject
{
    Q_OBJECT

private slots:
    void busyLoopShowsCpuAndRss();
    void firstCollectHasNoCpu();
    void rssFollowsAllocation();

private:
    static quint64 vmRssBytes();
    static void spin(qint64 ms);
};

quint64 TstSelfCollector::vmRssBytes()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return 0;
    const QList<QByteArray> lines = status.readAll().split('\n');
    for (const QByteArray &line : lines) {
        // "VmRSS:	   12345 kB"
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toULongLong() * 1024;
    }
    return 0;
}

void TstSelfCollector::spin(qint64 ms)
{
    QElapsedTimer timer;
    timer.start();
    volatile double sink = 0;
    while (!timer.hasExpired(ms))
        sink = sink + std::sqrt(double(timer.nsecsElapsed()));
}

void TstSelfCollector::busyLoopShowsCpuAndRss()
{
    SelfCollector collector;
    QElapsedTimer clock;
    clock.start();
    Snapshot first;
    collector.collect(first, clock.nsecsElapsed());
    spin(200);
    Snapshot second;
    collector.collect(second, clock.nsecsElapsed());

    // One thread busy for ~200 ms of a ~200 ms interval: near 100 % of one core, and never more
    // than the 2 cores this single thread cannot exceed (100, plus clock-tick rounding).
    QVERIFY2(second.self.cpu > 0, qPrintable(QString::number(second.self.cpu)));
    QVERIFY2(second.self.cpu <= 150, qPrintable(QString::number(second.self.cpu)));
    const quint64 expected = vmRssBytes();
    QVERIFY(second.self.rss > 0);
    QVERIFY2(std::abs(double(second.self.rss) - double(expected)) <= 0.2 * double(expected),
             qPrintable(QStringLiteral("rss %1, VmRSS %2").arg(second.self.rss).arg(expected)));
}

void TstSelfCollector::firstCollectHasNoCpu()
{
    spin(50);
    SelfCollector collector;
    Snapshot snapshot;
    snapshot.self.cpu = -1;
    collector.collect(snapshot, 1'000'000'000);
    // 50 ms of CPU already spent, but with no previous sample there is no rate yet.
    QCOMPARE(snapshot.self.cpu, 0.0);
    QVERIFY(snapshot.self.rss > 0);
}

void TstSelfCollector::rssFollowsAllocation()
{
    SelfCollector collector;
    Snapshot before;
    collector.collect(before, 1);
    // 64 MiB touched page by page becomes resident; the kept-open stat must show it.
    constexpr qsizetype Size = 64 * 1024 * 1024;
    QByteArray block(Size, 'x');
    Snapshot after;
    collector.collect(after, 2);
    QVERIFY2(after.self.rss >= before.self.rss + quint64(Size) * 9 / 10,
             qPrintable(QStringLiteral("%1 -> %2").arg(before.self.rss).arg(after.self.rss)));
    QCOMPARE(block.at(Size - 1), 'x');
}

QTEST_GUILESS_MAIN(TstSelfCollector)
#include "tst_selfcollector.moc"
