#include "collectors/cpu/cpuusagecalculator.h"

#include <QTest>

namespace {
const double NaN = qQNaN();

// Two CPUs. Deltas to Later: user 300, nice 100, system 200, idle 1200, iowait 100, irq 25,
// softirq 25, steal 50, all = 2000. total = 100 * (2000 - 1200 - 100) / 2000 = 35,
// user = 100 * (300 + 100) / 2000 = 20, system = 100 * (200 + 25 + 25) / 2000 = 12.5,
// iowait = 100 * 100 / 2000 = 5, steal = 100 * 50 / 2000 = 2.5.
// cpu0: 200 + 100 + 100 + 500 + 50 + 25 + 25 + 0 = 1000, busy 1000 - 500 - 50 = 450: 45.
// cpu1: 100 + 0 + 100 + 700 + 50 + 0 + 0 + 50 = 1000, busy 1000 - 700 - 50 = 250: 25.
const QByteArray Earlier = "cpu  1000 100 500 8000 200 50 50 100\n"
                           "cpu0 500 50 250 4000 100 25 25 50\n"
                           "cpu1 500 50 250 4000 100 25 25 50\n";
const QByteArray Later = "cpu  1300 200 700 9200 300 75 75 150\n"
                         "cpu0 700 150 350 4500 150 50 50 50\n"
                         "cpu1 600 50 350 4700 150 25 25 100\n";

// Three CPUs, then cpu1 goes offline (its frozen counters still count in the aggregate).
// Aggregate deltas: user 200, system 100, idle 300, all 600: total 100 * 300 / 600 = 50,
// user 100 * 200 / 600, system 100 * 100 / 600. cpu0 and cpu2 each: user 100, system 50,
// idle 150, all 300, busy 150: 50.
const QByteArray ThreeCpus = "cpu  300 0 300 2400 0 0 0 0\n"
                             "cpu0 100 0 100 800 0 0 0 0\n"
                             "cpu1 100 0 100 800 0 0 0 0\n"
                             "cpu2 100 0 100 800 0 0 0 0\n";
const QByteArray Cpu1Offline = "cpu  500 0 400 2700 0 0 0 0\n"
                               "cpu0 200 0 150 950 0 0 0 0\n"
                               "cpu2 200 0 150 950 0 0 0 0\n";
// cpu1 back with counters of its own. Aggregate deltas: user 150, system 95, idle 175,
// all 420: total 100 * 245 / 420, user 100 * 150 / 420, system 100 * 95 / 420.
// cpu0: user 50, system 25, idle 25: busy 75 of 100: 75. cpu2: user 50, system 50, idle 100:
// busy 100 of 200: 50. cpu1 has no previous reading: 0.
const QByteArray Cpu1Back = "cpu  650 0 495 2875 0 0 0 0\n"
                            "cpu0 250 0 175 975 0 0 0 0\n"
                            "cpu1 150 0 120 850 0 0 0 0\n"
                            "cpu2 250 0 200 1050 0 0 0 0\n";
} // namespace

class TestCpuUsageCalculator : public QObject
{
    Q_OBJECT

private slots:
    void usage_data();
    void usage();
    void coreSeconds_data();
    void coreSeconds();
};

void TestCpuUsageCalculator::usage_data()
{
    QTest::addColumn<QByteArray>("previous");
    QTest::addColumn<QByteArray>("current");
    QTest::addColumn<double>("total");
    QTest::addColumn<double>("user");
    QTest::addColumn<double>("system");
    QTest::addColumn<double>("iowait");
    QTest::addColumn<double>("steal");
    QTest::addColumn<QList<double>>("cores");

    QTest::newRow("normal delta") << Earlier << Later << 35.0 << 20.0 << 12.5 << 5.0 << 2.5
                                  << QList<double>{45, 25};
    // Nothing to compare with: the collector's first tick, against a CpuStat never filled.
    QTest::newRow("first tick") << QByteArray() << Later << 0.0 << 0.0 << 0.0 << 0.0 << 0.0
                                << QList<double>{0, 0};
    QTest::newRow("same sample twice")
        << Later << Later << 0.0 << 0.0 << 0.0 << 0.0 << 0.0 << QList<double>{0, 0};
    QTest::newRow("CPU goes offline")
        << ThreeCpus << Cpu1Offline << 50.0 << 100.0 * 200 / 600 << 100.0 * 100 / 600 << 0.0 << 0.0
        << QList<double>{50, NaN, 50};
    QTest::newRow("CPU comes back")
        << Cpu1Offline << Cpu1Back << 100.0 * 245 / 420 << 100.0 * 150 / 420 << 100.0 * 95 / 420
        << 0.0 << 0.0 << QList<double>{75, 0, 50};
    // The highest CPU goes offline: the list ends at the highest one online.
    QTest::newRow("last CPU goes offline")
        << Earlier
        << QByteArray("cpu  1300 200 700 9200 300 75 75 150\n"
                      "cpu0 700 150 350 4500 150 50 50 50\n")
        << 35.0 << 20.0 << 12.5 << 5.0 << 2.5 << QList<double>{45};
    QTest::newRow("one CPU's counters reset")
        << Earlier
        << QByteArray("cpu  1300 200 700 9200 300 75 75 150\n"
                      "cpu0 700 150 350 4500 150 50 50 50\n"
                      "cpu1 10 0 5 40 1 0 0 0\n")
        << 35.0 << 20.0 << 12.5 << 5.0 << 2.5 << QList<double>{45, 0};
    QTest::newRow("all counters reset")
        << Later << Earlier << 0.0 << 0.0 << 0.0 << 0.0 << 0.0 << QList<double>{0, 0};
    // iowait 100 -> 90 counts as 0: user 100, system 50, idle 150, all 300, busy 150.
    QTest::newRow("iowait goes backwards")
        << QByteArray("cpu  100 0 100 700 100 0 0 0\n")
        << QByteArray("cpu  200 0 150 850 90 0 0 0\n") << 50.0 << 100.0 * 100 / 300
        << 100.0 * 50 / 300 << 0.0 << 0.0 << QList<double>{};
    // user grows by 500 of which guest is 500; all = user 500 + idle 500 = 1000, not 1500.
    QTest::newRow("guest not double counted")
        << QByteArray("cpu  100 0 100 800 0 0 0 0 50 0\n")
        << QByteArray("cpu  600 0 100 1300 0 0 0 0 550 0\n") << 50.0 << 50.0 << 0.0 << 0.0 << 0.0
        << QList<double>{};
    // user and system each grow by about 2^64, idle by 10: 64-bit sums would wrap around.
    QTest::newRow("counters near 2^64")
        << QByteArray("cpu  10 0 10 10 0 0 0 0\n")
        << QByteArray("cpu  18446744073709551615 0 18446744073709551615 20 0 0 0 0\n") << 100.0
        << 50.0 << 50.0 << 0.0 << 0.0 << QList<double>{};
    QTest::newRow("all idle") << QByteArray("cpu  100 0 100 800\n")
                              << QByteArray("cpu  100 0 100 900\n") << 0.0 << 0.0 << 0.0 << 0.0
                              << 0.0 << QList<double>{};
    // user 100, system 100, all 200.
    QTest::newRow("fully busy") << QByteArray("cpu  100 0 100 800\n")
                                << QByteArray("cpu  200 0 200 800\n") << 100.0 << 50.0 << 50.0
                                << 0.0 << 0.0 << QList<double>{};
}

void TestCpuUsageCalculator::usage()
{
    QFETCH(QByteArray, previous);
    QFETCH(QByteArray, current);
    QFETCH(QList<double>, cores);
    const CpuStat before = CpuStatParser::parse(previous).value_or(CpuStat{});
    const std::optional<CpuStat> after = CpuStatParser::parse(current);
    QVERIFY(after);

    const CpuUsage usage = CpuUsageCalculator::usage(before, *after);
    QTEST(usage.total, "total");
    QTEST(usage.user, "user");
    QTEST(usage.system, "system");
    QTEST(usage.iowait, "iowait");
    QTEST(usage.steal, "steal");
    QCOMPARE(usage.cores.size(), cores.size());
    for (qsizetype cpu = 0; cpu < cores.size(); ++cpu)
        QCOMPARE(usage.cores.at(cpu), cores.at(cpu));
}

void TestCpuUsageCalculator::coreSeconds_data()
{
    QTest::addColumn<QByteArray>("stat");
    QTest::addColumn<qint64>("ticksPerSecond");
    QTest::addColumn<QList<CpuSeconds>>("seconds");

    // Jiffies / 100: cpu0 100 jiffies of user = 1 s, and so on; cpu1 is offline, all zero.
    QTest::newRow("USER_HZ 100, CPU 1 offline")
        << QByteArray("cpu  101 202 303 404 505 606 707 808\n"
                      "cpu0 100 200 300 400 500 600 700 800\n"
                      "cpu2 1 2 3 4 5 6 7 8\n")
        << qint64(100)
        << QList<CpuSeconds>{CpuSeconds{1, 2, 3, 4, 5, 6, 7, 8}, CpuSeconds{},
                             CpuSeconds{0.01, 0.02, 0.03, 0.04, 0.05, 0.06, 0.07, 0.08}};
    // Jiffies / 250; guest columns are not seconds of their own.
    QTest::newRow("USER_HZ 250, guest columns")
        << QByteArray("cpu  250 500 750 1000 0 0 0 125 999 999\n"
                      "cpu0 250 500 750 1000 0 0 0 125 999 999\n")
        << qint64(250) << QList<CpuSeconds>{CpuSeconds{1, 2, 3, 4, 0, 0, 0, 0.5}};
    QTest::newRow("no per-CPU lines")
        << QByteArray("cpu  1 2 3 4\n") << qint64(100) << QList<CpuSeconds>{};
}

void TestCpuUsageCalculator::coreSeconds()
{
    QFETCH(QByteArray, stat);
    QFETCH(qint64, ticksPerSecond);
    QFETCH(QList<CpuSeconds>, seconds);
    const std::optional<CpuStat> parsed = CpuStatParser::parse(stat);
    QVERIFY(parsed);

    const QList<CpuSeconds> actual = CpuUsageCalculator::coreSeconds(*parsed, ticksPerSecond);
    QCOMPARE(actual.size(), seconds.size());
    for (qsizetype cpu = 0; cpu < seconds.size(); ++cpu) {
        QCOMPARE(actual.at(cpu).user, seconds.at(cpu).user);
        QCOMPARE(actual.at(cpu).nice, seconds.at(cpu).nice);
        QCOMPARE(actual.at(cpu).system, seconds.at(cpu).system);
        QCOMPARE(actual.at(cpu).idle, seconds.at(cpu).idle);
        QCOMPARE(actual.at(cpu).iowait, seconds.at(cpu).iowait);
        QCOMPARE(actual.at(cpu).irq, seconds.at(cpu).irq);
        QCOMPARE(actual.at(cpu).softirq, seconds.at(cpu).softirq);
        QCOMPARE(actual.at(cpu).steal, seconds.at(cpu).steal);
    }
}

QTEST_GUILESS_MAIN(TestCpuUsageCalculator)
#include "tst_cpuusagecalculator.moc"
