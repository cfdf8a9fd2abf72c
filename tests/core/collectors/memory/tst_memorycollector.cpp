#include "collectors/memory/memorycollector.h"
#include "fakeprocroot.h"

#include <QRegularExpression>
#include <QTest>

class TestMemoryCollector : public QObject
{
    Q_OBJECT

private slots:
    void rereadsEveryTick();
    void missingFileWarnsOnceThenRecovers();
    void liveTotalMatchesProcMeminfo();
};

namespace {
constexpr quint64 KiB = 1024;

} // namespace

void TestMemoryCollector::rereadsEveryTick()
{
    FakeProcRoot root;
    QVERIFY(root.write("meminfo", "MemTotal: 1000 kB\nMemAvailable: 750 kB\nBuffers: 10 kB\n"
                                  "Cached: 100 kB\nSReclaimable: 20 kB\n"
                                  "SwapTotal: 400 kB\nSwapFree: 400 kB\n"));
    MemoryCollector collector(root.paths());
    Snapshot snapshot;
    collector.collect(snapshot, 0);
    // used = 1000 - 750 = 250 kB, 25 %; cached = 100 + 20 = 120 kB; no swap used.
    QCOMPARE(snapshot.mem.total, 1000 * KiB);
    QCOMPARE(snapshot.mem.used, 250 * KiB);
    QCOMPARE(snapshot.mem.available, 750 * KiB);
    QCOMPARE(snapshot.mem.cached, 120 * KiB);
    QCOMPARE(snapshot.mem.buffers, 10 * KiB);
    QCOMPARE(snapshot.mem.percent, 25.0);
    QCOMPARE(snapshot.swap.total, 400 * KiB);
    QCOMPARE(snapshot.swap.used, quint64(0));
    QCOMPARE(snapshot.swap.percent, 0.0);

    // used = 1000 - 100 = 900 kB, 90 %; swap used = 400 - 100 = 300 kB, 75 %.
    QVERIFY(root.write("meminfo", "MemTotal: 1000 kB\nMemAvailable: 100 kB\nBuffers: 10 kB\n"
                                  "Cached: 50 kB\nSReclaimable: 20 kB\n"
                                  "SwapTotal: 400 kB\nSwapFree: 100 kB\n"));
    collector.collect(snapshot, 1);
    QCOMPARE(snapshot.mem.used, 900 * KiB);
    QCOMPARE(snapshot.mem.cached, 70 * KiB);
    QCOMPARE(snapshot.mem.percent, 90.0);
    QCOMPARE(snapshot.swap.used, 300 * KiB);
    QCOMPARE(snapshot.swap.percent, 75.0);
}

void TestMemoryCollector::missingFileWarnsOnceThenRecovers()
{
    FakeProcRoot root;
    MemoryCollector collector(root.paths());
    Snapshot snapshot;
    const QRegularExpression warning(QStringLiteral("cannot read or parse"));
    QTest::ignoreMessage(QtWarningMsg, warning);
    QTest::failOnWarning(warning);
    for (int tick = 0; tick < 3; ++tick) {
        collector.collect(snapshot, tick);
        QCOMPARE(snapshot.mem.total, quint64(0));
        QVERIFY(qIsNaN(snapshot.mem.percent));
        QVERIFY(qIsNaN(snapshot.swap.percent));
    }

    // used = 2000 - 500 = 1500 kB, 75 %.
    QVERIFY(root.write("meminfo", "MemTotal: 2000 kB\nMemAvailable: 500 kB\n"));
    collector.collect(snapshot, 3);
    QCOMPARE(snapshot.mem.total, 2000 * KiB);
    QCOMPARE(snapshot.mem.percent, 75.0);
    QCOMPARE(snapshot.swap.percent, 0.0);
}

// On the real /proc, the total must be MemTotal as the test reads it itself.
void TestMemoryCollector::liveTotalMatchesProcMeminfo()
{
    QFile meminfo(QStringLiteral("/proc/meminfo"));
    if (!meminfo.open(QIODevice::ReadOnly))
        QSKIP("no /proc/meminfo on this machine");
    const QRegularExpression memTotal(QStringLiteral("^MemTotal:\\s+(\\d+) kB$"),
                                      QRegularExpression::MultilineOption);
    const QRegularExpressionMatch match = memTotal.match(QString::fromLatin1(meminfo.readAll()));
    QVERIFY(match.hasMatch());
    const quint64 expected = match.captured(1).toULongLong() * KiB;

    MemoryCollector collector{SystemPaths{}};
    Snapshot snapshot;
    collector.collect(snapshot, 0);
    QCOMPARE(snapshot.mem.total, expected);
    QVERIFY(snapshot.mem.used <= snapshot.mem.total);
    QVERIFY(snapshot.mem.percent >= 0 && snapshot.mem.percent <= 100);
}

QTEST_GUILESS_MAIN(TestMemoryCollector)
#include "tst_memorycollector.moc"
