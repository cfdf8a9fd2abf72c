#include "procfixture.h"
#include "services/memoryservice.h"
#include "settings/settings.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

namespace {
constexpr qint64 Second = 1'000'000'000;
}

class TestMemoryService : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void collectsMemoryAndProcesses();
    void cleanUpDropsProcessesGoneForAnInterval();
    void theTickCleansUpOnceAnInterval();
    void collectsNothingWhenStopped();

private:
    std::unique_ptr<ProcFixture> m_proc;
    std::unique_ptr<QTemporaryDir> m_config;
    std::unique_ptr<Settings> m_settings;
};

void TestMemoryService::init()
{
    m_proc = std::make_unique<ProcFixture>();
    QFile meminfo(m_proc->root() + "/meminfo");
    QVERIFY(meminfo.open(QIODevice::WriteOnly));
    meminfo.write("MemTotal: 1000 kB\nMemFree: 100 kB\nMemAvailable: 250 kB\n"
                  "SwapTotal: 0 kB\nSwapFree: 0 kB\n");
    m_proc->write({1, "init", 'S', 10, 5, 1, 1, 100});
    m_proc->write({2, "worker", 'R', 20, 5, 3, 50, 300});
    m_config = std::make_unique<QTemporaryDir>();
    m_settings = std::make_unique<Settings>(m_config->filePath("v.conf"));
    m_settings->setOverride("general/cleanupInterval", 1);
}

void TestMemoryService::collectsMemoryAndProcesses()
{
    MemoryService service(m_settings.get(), SystemPaths{m_proc->root(), "/nonexistent"});
    QVERIFY(service.initialize());
    Snapshot s;
    service.collect(s, 0);
    QCOMPARE(s.mem.total, 1000ull * 1024);
    QCOMPARE(s.mem.used, 750ull * 1024); // MemTotal - MemAvailable
    QCOMPARE(s.procs.count, 2);
    QCOMPARE(s.procs.threads, 4);
    QCOMPARE(service.cachedProcesses(), 2);
}

void TestMemoryService::cleanUpDropsProcessesGoneForAnInterval()
{
    MemoryService service(m_settings.get(), SystemPaths{m_proc->root(), "/nonexistent"});
    QVERIFY(service.initialize());
    Snapshot s;
    service.collect(s, 0);
    m_proc->remove(2);
    service.collect(s, Second / 2);
    service.cleanUp(); // pid 2 last seen 0.5 s ago, within the 1 s interval: kept
    QCOMPARE(service.cachedProcesses(), 2);
    service.collect(s, 2 * Second);
    service.cleanUp(); // gone for 2 s now
    QCOMPARE(service.cachedProcesses(), 1);
    QCOMPARE(s.procs.count, 1);
}

// No timer of its own: the first tick past each clean-up interval drops what is stale.
void TestMemoryService::theTickCleansUpOnceAnInterval()
{
    MemoryService service(m_settings.get(), SystemPaths{m_proc->root(), "/nonexistent"});
    QVERIFY(service.initialize());
    Snapshot s;
    service.collect(s, 0);
    m_proc->remove(2);
    service.collect(s, Second / 2); // not due yet, and pid 2 only 0.5 s gone
    QCOMPARE(service.cachedProcesses(), 2);
    service.collect(s, Second + Second / 4); // due: pid 2 gone 1.25 s, over the 1 s interval
    QCOMPARE(service.cachedProcesses(), 1);
}

void TestMemoryService::collectsNothingWhenStopped()
{
    MemoryService service(m_settings.get(), SystemPaths{m_proc->root(), "/nonexistent"});
    QVERIFY(service.initialize());
    service.shutdown();
    Snapshot s;
    service.collect(s, 0);
    service.cleanUp();
    QCOMPARE(s.mem.total, 0u);
    QCOMPARE(service.cachedProcesses(), 0);
}

QTEST_GUILESS_MAIN(TestMemoryService)
#include "tst_memoryservice.moc"
