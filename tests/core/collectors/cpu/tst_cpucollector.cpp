#include "collectors/cpu/cpucollector.h"
#include "fakeprocroot.h"

#include <QRegularExpression>
#include <QTest>

#include <memory>
#include <unistd.h>

class TestCpuCollector : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void deltasAcrossTicks();
    void missingFileWarnsOnceThenRecovers();
    void malformedFileReadsNaN();
    void clockPerCoreFromCpufreq();
    void noCpufreqGivesNoClock();

private:
    bool writeStat(const QByteArray &text) { return m_root->write(QStringLiteral("stat"), text); }

    std::unique_ptr<FakeProcRoot> m_root;
    SystemPaths m_paths;
};

void TestCpuCollector::init()
{
    m_root = std::make_unique<FakeProcRoot>();
    m_paths = m_root->paths();
}

void TestCpuCollector::deltasAcrossTicks()
{
    QVERIFY(writeStat("cpu  300 0 300 2400 100 0 0 0\n"
                      "cpu0 100 0 100 800 50 0 0 0\n"
                      "cpu1 100 0 100 800 0 0 0 0\n"
                      "cpu2 100 0 100 800 50 0 0 0\n"
                      "btime 1718000000\n"));
    CpuCollector collector(m_paths);
    Snapshot snapshot;
    collector.collect(snapshot, 0);
    QCOMPARE(snapshot.cpu.total, 0.0);
    QCOMPARE(snapshot.cpu.cores, (QList<double>{0, 0, 0}));
    QCOMPARE(collector.bootTimeMs(), 1718000000000);

    // cpu1 goes offline. Aggregate deltas: user 200, system 100, idle 200, iowait 100, all 600:
    // total 100 * (600 - 200 - 100) / 600 = 50, user 100 * 200 / 600, system 100 * 100 / 600,
    // iowait 100 * 100 / 600. cpu0 and cpu2: user 100, system 50, idle 100, iowait 50, all 300:
    // 100 * 150 / 300 = 50.
    QVERIFY(writeStat("cpu  500 0 400 2600 200 0 0 0\n"
                      "cpu0 200 0 150 900 100 0 0 0\n"
                      "cpu2 200 0 150 900 100 0 0 0\n"
                      "btime 1718000000\n"));
    collector.collect(snapshot, 1'000'000'000);
    QCOMPARE(snapshot.cpu.total, 50.0);
    QCOMPARE(snapshot.cpu.user, 100.0 * 200 / 600);
    QCOMPARE(snapshot.cpu.system, 100.0 * 100 / 600);
    QCOMPARE(snapshot.cpu.iowait, 100.0 * 100 / 600);
    QCOMPARE(snapshot.cpu.steal, 0.0);
    QCOMPARE(snapshot.cpu.cores.size(), 3);
    QCOMPARE(snapshot.cpu.cores.at(0), 50.0);
    QVERIFY(qIsNaN(snapshot.cpu.cores.at(1)));
    QCOMPARE(snapshot.cpu.cores.at(2), 50.0);

    // Seconds since boot are jiffies / USER_HZ; the offline cpu1 reads all zero.
    const double hz = double(sysconf(_SC_CLK_TCK));
    QCOMPARE(snapshot.cpu.coreSeconds.size(), 3);
    QCOMPARE(snapshot.cpu.coreSeconds.at(0).user, 200 / hz);
    QCOMPARE(snapshot.cpu.coreSeconds.at(0).system, 150 / hz);
    QCOMPARE(snapshot.cpu.coreSeconds.at(0).idle, 900 / hz);
    QCOMPARE(snapshot.cpu.coreSeconds.at(0).iowait, 100 / hz);
    QCOMPARE(snapshot.cpu.coreSeconds.at(1).user, 0.0);
    QCOMPARE(snapshot.cpu.coreSeconds.at(1).idle, 0.0);
    QCOMPARE(snapshot.cpu.coreSeconds.at(2).idle, 900 / hz);
}

void TestCpuCollector::missingFileWarnsOnceThenRecovers()
{
    CpuCollector collector(m_paths);
    Snapshot snapshot;
    const QRegularExpression warning(QStringLiteral("cannot read or parse"));
    QTest::ignoreMessage(QtWarningMsg, warning);
    QTest::failOnWarning(warning);
    collector.collect(snapshot, 0);
    QVERIFY(qIsNaN(snapshot.cpu.total));
    QVERIFY(snapshot.cpu.cores.isEmpty());
    collector.collect(snapshot, 1);
    QVERIFY(qIsNaN(snapshot.cpu.total));
    QCOMPARE(collector.bootTimeMs(), 0);

    // The file appears: a first reading has nothing to compare with, the next one does.
    QVERIFY(writeStat("cpu  100 0 100 800\ncpu0 100 0 100 800\nbtime 5\n"));
    collector.collect(snapshot, 2);
    QCOMPARE(snapshot.cpu.total, 0.0);
    QCOMPARE(snapshot.cpu.cores, QList<double>{0});
    QCOMPARE(collector.bootTimeMs(), 5000);
    // user 100, idle 100: 50.
    QVERIFY(writeStat("cpu  200 0 100 900\ncpu0 200 0 100 900\nbtime 5\n"));
    collector.collect(snapshot, 3);
    QCOMPARE(snapshot.cpu.total, 50.0);
    QCOMPARE(snapshot.cpu.cores, QList<double>{50});
}

void TestCpuCollector::malformedFileReadsNaN()
{
    QVERIFY(writeStat("cpu  100 0 100 800\n"));
    CpuCollector collector(m_paths);
    Snapshot snapshot;
    collector.collect(snapshot, 0);
    QCOMPARE(snapshot.cpu.total, 0.0);

    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("cannot read or parse")));
    QVERIFY(writeStat("this is not /proc/stat\n"));
    collector.collect(snapshot, 1);
    QVERIFY(qIsNaN(snapshot.cpu.total));
    QVERIFY(qIsNaN(snapshot.cpu.user));
    QVERIFY(qIsNaN(snapshot.cpu.system));
    QVERIFY(qIsNaN(snapshot.cpu.iowait));
    QVERIFY(qIsNaN(snapshot.cpu.steal));
    QVERIFY(snapshot.cpu.coreSeconds.isEmpty());

    // The last good reading is kept: user 100, idle 100 since it, 50.
    QVERIFY(writeStat("cpu  200 0 100 900\n"));
    collector.collect(snapshot, 2);
    QCOMPARE(snapshot.cpu.total, 50.0);
}

void TestCpuCollector::clockPerCoreFromCpufreq()
{
    QVERIFY(writeStat("cpu  300 0 300 2400 100 0 0 0\n"
                      "cpu0 100 0 100 800 50 0 0 0\n"
                      "cpu1 100 0 100 800 0 0 0 0\n"
                      "cpu2 100 0 100 800 50 0 0 0\n"));
    // cpu1 has no cpufreq (a core the driver does not manage); the cpufreq folder beside the
    // CPUs holds policies, not a CPU.
    const QString cpus = QStringLiteral("sys/devices/system/cpu/");
    QVERIFY(m_root->write(cpus + QStringLiteral("cpu0/cpufreq/scaling_cur_freq"), "2400000\n"));
    QVERIFY(m_root->write(cpus + QStringLiteral("cpu1/online"), "1\n"));
    QVERIFY(m_root->write(cpus + QStringLiteral("cpu2/cpufreq/scaling_cur_freq"), "800123\n"));
    QVERIFY(m_root->write(cpus + QStringLiteral("cpufreq/policy0/scaling_cur_freq"), "1\n"));
    m_paths.sysRoot = m_root->path() + QStringLiteral("/sys");
    CpuCollector collector(m_paths);
    Snapshot snapshot;
    collector.collect(snapshot, 0);

    // kHz / 1000: 2400000 → 2400 MHz, 800123 → 800.123 MHz; NaN for cpu1.
    QCOMPARE(snapshot.cpu.coreMhz.size(), 3);
    QCOMPARE(snapshot.cpu.coreMhz[0], 2400.0);
    QVERIFY(qIsNaN(snapshot.cpu.coreMhz[1]));
    QCOMPARE(snapshot.cpu.coreMhz[2], 800.123);

    // Reread every tick: 3100000 kHz → 3100 MHz; an unreadable value reads NaN.
    QVERIFY(m_root->write(cpus + QStringLiteral("cpu2/cpufreq/scaling_cur_freq"), "3100000\n"));
    QVERIFY(m_root->write(cpus + QStringLiteral("cpu0/cpufreq/scaling_cur_freq"), "<unknown>\n"));
    collector.collect(snapshot, 1'000'000'000);
    QVERIFY(qIsNaN(snapshot.cpu.coreMhz[0]));
    QCOMPARE(snapshot.cpu.coreMhz[2], 3100.0);
}

void TestCpuCollector::noCpufreqGivesNoClock()
{
    QVERIFY(writeStat("cpu  300 0 300 2400 100 0 0 0\n"
                      "cpu0 100 0 100 800 50 0 0 0\n"));
    QVERIFY(m_root->write(QStringLiteral("sys/devices/system/cpu/cpu0/online"), "1\n"));
    m_paths.sysRoot = m_root->path() + QStringLiteral("/sys");
    CpuCollector collector(m_paths);
    Snapshot snapshot;
    snapshot.cpu.coreMhz = {1000};
    collector.collect(snapshot, 0);
    QVERIFY(snapshot.cpu.coreMhz.isEmpty());
}

QTEST_GUILESS_MAIN(TestCpuCollector)
#include "tst_cpucollector.moc"
