#include "services/memoryservice.h"
#include "services/metricsservice.h"
#include "settings/settings.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <unistd.h>

// The metrics flow on the live machine: start the service, get a Snapshot, CPU and memory set.
class TestMetricsService : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void publishesSnapshotsWithCpuAndMemory();
    void firstCollectionIsNotPublished();
    void shutdownDuringTickStopsTheStream();
    void restartContinuesSequence();
    void intervalChangeResizesHistory();
    void lateTickIsCounted();

private:
    Snapshot nextSnapshot();

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Settings> m_settings;
    std::unique_ptr<MemoryService> m_memory;
    std::unique_ptr<MetricsService> m_metrics;
};

void TestMetricsService::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_settings = std::make_unique<Settings>(m_dir->filePath(QStringLiteral("vantage.conf")));
    m_settings->load();
    m_settings->setOverride(QStringLiteral("general/interval"), 0.1);
    m_memory = std::make_unique<MemoryService>(m_settings.get(), SystemPaths{});
    m_metrics = std::make_unique<MetricsService>(m_settings.get(), SystemPaths{});
    m_metrics->addCollector(m_memory.get());
    QVERIFY(m_memory->initialize());
}

void TestMetricsService::cleanup()
{
    m_metrics->shutdown();
    m_memory->shutdown();
    m_metrics.reset();
    m_memory.reset();
    m_settings.reset();
}

Snapshot TestMetricsService::nextSnapshot()
{
    QSignalSpy spy(m_metrics.get(), &MetricsService::snapshotReady);
    if (!spy.wait(5000))
        return {};
    return spy.first().first().value<Snapshot>();
}

void TestMetricsService::publishesSnapshotsWithCpuAndMemory()
{
    QVERIFY(m_metrics->initialize());
    const Snapshot s = nextSnapshot();
    QCOMPARE(s.seq, 1u);
    QVERIFY(s.ts > 0);
    QVERIFY(s.cpu.total >= 0 && s.cpu.total <= 100);
    QCOMPARE(s.cpu.cores.size(), qsizetype(sysconf(_SC_NPROCESSORS_CONF)));
    QVERIFY(s.mem.total > 0);
    QVERIFY(s.mem.used > 0 && s.mem.used < s.mem.total);
    QVERIFY(s.procs.count > 0);
    QVERIFY(s.self.tickUs > 0);
    QCOMPARE(m_metrics->latest().seq, s.seq);
    QCOMPARE(m_metrics->history().size(), 1);
}

void TestMetricsService::firstCollectionIsNotPublished()
{
    QSignalSpy spy(m_metrics.get(), &MetricsService::snapshotReady);
    QVERIFY(m_metrics->initialize());
    QCOMPARE(spy.size(), 0); // the priming collection happened inside initialize()
    QVERIFY(spy.wait(5000));
    QCOMPARE(spy.first().first().value<Snapshot>().seq, 1u);
}

void TestMetricsService::shutdownDuringTickStopsTheStream()
{
    int received = 0;
    connect(m_metrics.get(), &MetricsService::snapshotReady, this, [&] {
        ++received;
        m_metrics->shutdown();
    });
    QVERIFY(m_metrics->initialize());
    QTRY_COMPARE_WITH_TIMEOUT(received, 1, 5000);
    QCOMPARE(m_metrics->state(), Service::State::Stopped);
    // Three intervals without a tick: the timer stopped inside the tick that delivered it.
    QTest::qWait(300);
    QCOMPARE(received, 1);
}

void TestMetricsService::restartContinuesSequence()
{
    QVERIFY(m_metrics->initialize());
    QCOMPARE(nextSnapshot().seq, 1u);
    m_metrics->shutdown();
    QVERIFY(m_metrics->initialize());
    const Snapshot s = nextSnapshot();
    QCOMPARE(s.seq, 2u); // clients see one stream across a restart: seq never goes back
    QVERIFY(s.mem.total > 0);
}

void TestMetricsService::intervalChangeResizesHistory()
{
    QVERIFY(m_metrics->initialize());
    // 3600 s of history at 0.1 s is 36000 points; at 0.5 s it is 7200.
    QCOMPARE(m_metrics->history().capacity(), 36000);
    QCOMPARE(m_settings->apply({{QStringLiteral("general/interval"), 0.5}}), QStringList{});
    QCOMPARE(m_metrics->intervalMs(), 500);
    QCOMPARE(m_metrics->history().capacity(), 7200);
}

void TestMetricsService::lateTickIsCounted()
{
    QVERIFY(m_metrics->initialize());
    const quint64 before = nextSnapshot().self.lateTicks;
    // Block the event loop for four intervals: the next tick starts late and is counted. (A
    // loaded machine may add late ticks of its own, hence at least one more.)
    QThread::msleep(400);
    const Snapshot s = nextSnapshot();
    QVERIFY(s.self.lateTicks >= before + 1);
    QCOMPARE(m_metrics->lateTicks(), s.self.lateTicks);
}

QTEST_GUILESS_MAIN(TestMetricsService)
#include "tst_metricsservice.moc"
