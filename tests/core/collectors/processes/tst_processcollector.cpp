#include "collectors/processes/processcollector.h"
#include "procfixture.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QTest>

#include <unistd.h>

using Process = ProcFixture::Process;

// The collector's numbers against a fake procfs. cpu is percent of one core:
// Δ(utime + stime) / (Δt · CLK_TCK) · 100. The rows are built from the machine's clock tick
// (sysconf(_SC_CLK_TCK), 100 on Linux) so the expected percentages hold whatever it is.
class TstProcessCollector : public QObject
{
    Q_OBJECT

private slots:
    void cpuPercentOfOneCore_data();
    void cpuPercentOfOneCore();
    void newAndReusedPidsHaveNoCpu();
    void summaryCountsProcessesRunningAndThreads();
    void topByCpuThenByRss_data();
    void topByCpuThenByRss();
    void evictStaleForwardsToTable();
    void liveProcSeesThisProcess();

private:
    static const ProcessUsage *find(const Snapshot &snapshot, int pid);
};

namespace {

constexpr qint64 NsPerSecond = 1'000'000'000;
const quint64 ClockTick = quint64(::sysconf(_SC_CLK_TCK));
const quint64 PageSize = quint64(::sysconf(_SC_PAGESIZE));

} // namespace

const ProcessUsage *TstProcessCollector::find(const Snapshot &snapshot, int pid)
{
    for (const ProcessUsage &usage : snapshot.procs.top) {
        if (usage.pid == pid)
            return &usage;
    }
    return nullptr;
}

void TstProcessCollector::cpuPercentOfOneCore_data()
{
    QTest::addColumn<quint64>("utimeDelta");
    QTest::addColumn<quint64>("stimeDelta");
    QTest::addColumn<qint64>("intervalNs");
    QTest::addColumn<double>("cpu");

    // CLK_TCK ticks are one CPU-second.
    QTest::newRow("idle") << quint64(0) << quint64(0) << 2 * NsPerSecond << 0.0;
    // 1 CPU-second in 2 s: 1 / 2 · 100 = 50.
    QTest::newRow("half a core") << ClockTick << quint64(0) << 2 * NsPerSecond << 50.0;
    // 1.5 + 0.5 CPU-seconds in 2 s: 2 / 2 · 100 = 100.
    QTest::newRow("one core, user and system")
        << ClockTick * 3 / 2 << ClockTick / 2 << 2 * NsPerSecond << 100.0;
    // 4 CPU-seconds in 2 s: busy on two cores = 200, as top shows it.
    QTest::newRow("two cores") << ClockTick * 4 << quint64(0) << 2 * NsPerSecond << 200.0;
    // 0.25 CPU-seconds in a 0.5 s tick: 0.25 / 0.5 · 100 = 50.
    QTest::newRow("short tick") << ClockTick / 4 << quint64(0) << NsPerSecond / 2 << 50.0;
}

void TstProcessCollector::cpuPercentOfOneCore()
{
    QFETCH(quint64, utimeDelta);
    QFETCH(quint64, stimeDelta);
    QFETCH(qint64, intervalNs);
    ProcFixture proc;
    proc.write({42, "worker", 'R', 1000, 500, 1, 77, 10});
    ProcessCollector collector(SystemPaths{proc.root(), {}});
    Snapshot first;
    collector.collect(first, NsPerSecond);
    proc.write({42, "worker", 'R', 1000 + utimeDelta, 500 + stimeDelta, 1, 77, 10});
    Snapshot second;
    collector.collect(second, NsPerSecond + intervalNs);

    QCOMPARE(second.procs.top.size(), 1);
    QCOMPARE(second.procs.top[0].name, QStringLiteral("worker"));
    QCOMPARE(second.procs.top[0].rss, 10 * PageSize);
    QTEST(second.procs.top[0].cpu, "cpu");
}

void TstProcessCollector::newAndReusedPidsHaveNoCpu()
{
    ProcFixture proc;
    proc.write({5, "old", 'S', 100, 0, 1, 10, 1});
    ProcessCollector collector(SystemPaths{proc.root(), {}});
    Snapshot first;
    collector.collect(first, NsPerSecond);
    QCOMPARE(first.procs.top[0].cpu, 0.0); // no previous sample yet
    // PID 5 is reused by a process that already has many ticks; PID 6 is new with many ticks.
    proc.write({5, "reused", 'R', 100 + 10 * ClockTick, 0, 1, 20, 1});
    proc.write({6, "new", 'R', 10 * ClockTick, 0, 1, 30, 1});
    Snapshot second;
    collector.collect(second, 2 * NsPerSecond);

    QCOMPARE(find(second, 5)->name, QStringLiteral("reused"));
    QCOMPARE(find(second, 5)->cpu, 0.0);
    QCOMPARE(find(second, 6)->cpu, 0.0);
    proc.write({6, "new", 'R', 11 * ClockTick, 0, 1, 30, 1});
    Snapshot third;
    collector.collect(third, 3 * NsPerSecond);
    QCOMPARE(find(third, 6)->cpu, 100.0); // 1 CPU-second in 1 s
}

void TstProcessCollector::summaryCountsProcessesRunningAndThreads()
{
    ProcFixture proc;
    proc.write({1, "init", 'S', 0, 0, 1, 1, 1});
    proc.write({2, "kthreadd", 'I', 0, 0, 1, 1, 0});
    proc.write({30, "busy", 'R', 0, 0, 4, 1, 1});
    proc.write({31, "zombie", 'Z', 0, 0, 1, 1, 0});
    proc.write({32, "busy too", 'R', 0, 0, 2, 1, 1});
    ProcessCollector collector(SystemPaths{proc.root(), {}});
    Snapshot snapshot;
    collector.collect(snapshot, NsPerSecond);

    QCOMPARE(snapshot.procs.count, 5);
    QCOMPARE(snapshot.procs.running, 2); // 30 and 32
    QCOMPARE(snapshot.procs.threads, 9); // 1 + 1 + 4 + 1 + 2
}

void TstProcessCollector::topByCpuThenByRss_data()
{
    QTest::addColumn<int>("topN");
    QTest::addColumn<QList<int>>("pids");

    // Second tick, 2 s after the first (cpu, rss pages): 10 (100 %, 100), 11 (100 %, 300),
    // 12 (50 %, 900), 13 (0, 900), 14 (0, 900), 15 (0, 50).
    // By cpu, ties by more rss then lower pid: 11, 10, 12, 13, 14, 15.
    // By rss, ties by more cpu then lower pid: 12, 13, 14, 11, 10, 15.
    QTest::newRow("top 2") << 2 << QList<int>{11, 10, 12, 13}; // rss part from 12, 13, 14, 15
    QTest::newRow("top 3") << 3 << QList<int>{11, 10, 12, 13, 14, 15};
    QTest::newRow("top 1") << 1 << QList<int>{11, 12};
    QTest::newRow("more than there are") << 10 << QList<int>{11, 10, 12, 13, 14, 15};
    QTest::newRow("none") << 0 << QList<int>{};
}

void TstProcessCollector::topByCpuThenByRss()
{
    QFETCH(int, topN);
    const QList<std::pair<int, quint64>> cpuSecondsAndRss = {{10, 100}, {11, 300}, {12, 900},
                                                             {13, 900}, {14, 900}, {15, 50}};
    const QList<quint64> cpuSeconds = {2, 2, 1, 0, 0, 0}; // over 2 s: 100, 100, 50, 0, 0, 0 %
    ProcFixture proc;
    for (const auto &[pid, rss] : cpuSecondsAndRss)
        proc.write({pid, "p" + QByteArray::number(pid), 'S', 0, 0, 1, 1, rss});
    ProcessCollector collector(SystemPaths{proc.root(), {}}, topN);
    Snapshot first;
    collector.collect(first, NsPerSecond);
    for (qsizetype i = 0; i < cpuSecondsAndRss.size(); ++i) {
        const auto [pid, rss] = cpuSecondsAndRss[i];
        proc.write(
            {pid, "p" + QByteArray::number(pid), 'S', cpuSeconds[i] * ClockTick, 0, 1, 1, rss});
    }
    Snapshot second;
    collector.collect(second, 3 * NsPerSecond);

    QList<int> pids;
    for (const ProcessUsage &usage : second.procs.top)
        pids.append(usage.pid);
    QTEST(pids, "pids");
    QCOMPARE(second.procs.count, 6);
    if (const ProcessUsage *p11 = find(second, 11)) {
        QCOMPARE(p11->name, QStringLiteral("p11"));
        QCOMPARE(p11->cpu, 100.0);
        QCOMPARE(p11->rss, 300 * PageSize);
    }
}

void TstProcessCollector::evictStaleForwardsToTable()
{
    ProcFixture proc;
    proc.write({1, "init", 'S', 0, 0, 1, 1, 1});
    proc.write({2, "gone", 'S', 0, 0, 1, 1, 1});
    ProcessCollector collector(SystemPaths{proc.root(), {}});
    Snapshot snapshot;
    collector.collect(snapshot, NsPerSecond);
    proc.remove(2);
    collector.collect(snapshot, 2 * NsPerSecond);
    QCOMPARE(collector.table().size(), qsizetype(2));
    // PID 2 was last seen at 1 s: 62 - 1 = 61 s > 60 s; PID 1 at 2 s: 60 s, kept.
    collector.evictStale(62 * NsPerSecond, 60 * NsPerSecond);
    QCOMPARE(collector.table().size(), qsizetype(1));
}

void TstProcessCollector::liveProcSeesThisProcess()
{
    const auto countPidDirs = [] {
        int count = 0;
        const QStringList names = QDir(QStringLiteral("/proc")).entryList(QDir::Dirs);
        for (const QString &name : names) {
            bool numeric = false;
            name.toInt(&numeric);
            count += numeric ? 1 : 0;
        }
        return count;
    };
    ProcessCollector collector(SystemPaths{}, 1 << 20); // a top list long enough for every PID
    Snapshot snapshot;
    const int before = countPidDirs();
    collector.collect(snapshot, NsPerSecond);
    const int after = countPidDirs();

    // Other processes may start or exit meanwhile: allow a few either side.
    QVERIFY2(snapshot.procs.count >= std::min(before, after) - 5 &&
                 snapshot.procs.count <= std::max(before, after) + 5,
             qPrintable(QStringLiteral("count %1, /proc had %2 then %3")
                            .arg(snapshot.procs.count)
                            .arg(before)
                            .arg(after)));
    const ProcessUsage *self = find(snapshot, int(QCoreApplication::applicationPid()));
    QVERIFY(self);
    // The kernel keeps the first 15 bytes of the executable's name as comm.
    QCOMPARE(self->name, QFileInfo(QCoreApplication::applicationFilePath()).fileName().left(15));
    QVERIFY(self->rss > 0);
    QVERIFY(snapshot.procs.threads >= snapshot.procs.count);
    QVERIFY(snapshot.procs.running >= 1); // this thread is running while it reads
}

QTEST_GUILESS_MAIN(TstProcessCollector)
#include "tst_processcollector.moc"
