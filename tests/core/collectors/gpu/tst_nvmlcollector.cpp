// NVIDIA GPUs through NVML, against the fake library in fakenvml/ (never the system's): what
// the collector shows, when NVML is called and when not.

#include "collectors/gpu/gpucollector.h"

#include <QDir>
#include <QFile>
#include <QMutex>
#include <QTemporaryDir>
#include <QTest>

#include <unistd.h>

namespace {

constexpr qint64 second = 1'000'000'000;
const QString gpuA = QStringLiteral("0000:01:00.0");
const QString gpuB = QStringLiteral("0000:02:00.0");

// Both GPUs' values. A: 15250 mW is 15.25 W, 200000 mW 200 W; its fan is unsupported.
// B: 250000 mW is 250 W, 350000 mW 350 W.
const QByteArray twoGpus =
    "gpu 0000:01:00.0 util=37 memused=1073741824 memtotal=8589934592 temp=45 power=15250"
    " limit=200000 clock=1500 fan=unsupported\n"
    "gpu 0000:02:00.0 util=80 memused=4294967296 memtotal=25769803776 temp=61 power=250000"
    " limit=350000 clock=2100 fan=55\n";

// Messages that say NVIDIA is off, from whichever thread logs them.
QMutex offMessagesMutex;
QStringList offMessages;
QtMessageHandler previousHandler = nullptr;

void countOffMessages(QtMsgType type, const QMessageLogContext &context, const QString &text)
{
    if (text.contains(QStringLiteral("NVIDIA GPU values are off"))) {
        const QMutexLocker lock(&offMessagesMutex);
        offMessages.append(text);
    }
    if (previousHandler)
        previousHandler(type, context, text);
}

QStringList takeOffMessages()
{
    const QMutexLocker lock(&offMessagesMutex);
    return std::exchange(offMessages, {});
}

// A sysfs tree with NVIDIA GPUs laid out as the kernel does, a scenario for the fake NVML and
// the collector over both.
class Machine
{
public:
    Machine() { QVERIFY(m_dir.isValid()); }

    void addGpu(const QString &address, const QString &card)
    {
        const QString dev = QStringLiteral("devices/pci0000:00/") + address;
        write(dev + QStringLiteral("/vendor"), "0x10de");
        write(dev + QStringLiteral("/device"), "0x2684");
        QVERIFY(QDir().mkpath(path(QStringLiteral("bus/pci/drivers/nvidia"))));
        link(dev + QStringLiteral("/driver"), QStringLiteral("../../../bus/pci/drivers/nvidia"));
        link(dev + QStringLiteral("/drm/") + card + QStringLiteral("/device"),
             QStringLiteral("../../../") + address);
        link(QStringLiteral("class/drm/") + card,
             QStringLiteral("../../") + dev + QStringLiteral("/drm/") + card);
        write(dev + QStringLiteral("/power/control"), "on");
        setStatus(address, "active");
    }
    void setStatus(const QString &address, const QByteArray &status)
    {
        write(QStringLiteral("devices/pci0000:00/") + address +
                  QStringLiteral("/power/runtime_status"),
              status);
    }
    QString path(const QString &relative) const { return m_dir.path() + u'/' + relative; }
    void write(const QString &relative, const QByteArray &content)
    {
        QDir().mkpath(QFileInfo(path(relative)).path());
        QFile file(path(relative));
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(content + '\n');
    }

    // The collector over this tree with the fake NVML running scenario (the call log added).
    void start(const QByteArray &scenario, const QString &library = QStringLiteral(FAKE_NVML))
    {
        write(QStringLiteral("scenario"),
              "log " + QFile::encodeName(path(QStringLiteral("calls"))) + '\n' + scenario);
        qputenv("FAKE_NVML_SCENARIO", QFile::encodeName(path(QStringLiteral("scenario"))));
        // No pci.ids: the GPUs are named "NVIDIA GPU 10de:2684".
        collector = std::make_unique<GpuCollector>(std::make_unique<GpuSysfs>(m_dir.path()),
                                                   path(QStringLiteral("pci.ids")), library);
    }

    // One tick: what it shows. Each tick sends the worker one request.
    QList<GpuUsage> tick(qint64 nowNs)
    {
        Snapshot snapshot;
        collector->collect(snapshot, nowNs);
        ++sent;
        return snapshot.gpus;
    }
    // One tick, then waits until the worker has answered every request sent so far.
    QList<GpuUsage> tickAndWait(qint64 nowNs)
    {
        QList<GpuUsage> gpus = tick(nowNs);
        if (!QTest::qWaitFor([&] { return collector->nvmlWorker()->answers() == sent; }, 10000))
            qWarning("the NVML worker did not answer");
        return gpus;
    }

    // The fake library's call log, "function address" per call, in order.
    QStringList calls() const
    {
        QFile file(path(QStringLiteral("calls")));
        if (!file.open(QIODevice::ReadOnly))
            return {};
        QStringList result;
        for (const QByteArray &line : file.readAll().split('\n')) {
            if (!line.isEmpty())
                result.append(QString::fromUtf8(line.mid(line.indexOf(' ') + 1)));
        }
        return result;
    }
    qsizetype callsNaming(const QString &address) const { return calls().filter(address).size(); }

    std::unique_ptr<GpuCollector> collector;
    quint64 sent = 0;

private:
    void link(const QString &relative, const QString &target)
    {
        QDir().mkpath(QFileInfo(path(relative)).path());
        QCOMPARE(::symlink(QFile::encodeName(target).constData(),
                           QFile::encodeName(path(relative)).constData()),
                 0);
    }

    QTemporaryDir m_dir;
};

void verifyNull(const GpuUsage &gpu)
{
    QVERIFY(!gpu.load);
    QVERIFY(!gpu.vramUsed);
    QVERIFY(!gpu.vramTotal);
    QVERIFY(!gpu.temp);
    QVERIFY(!gpu.power);
    QVERIFY(!gpu.powerLimit);
    QVERIFY(!gpu.clock);
    QVERIFY(!gpu.fan);
}

} // namespace

class TestNvmlCollector : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { previousHandler = qInstallMessageHandler(countOffMessages); }
    void init() { takeOffMessages(); }

    void valuesFromNvml();
    void tickNeverWaitsOnASlowCall();
    void noCallWhileSuspended();
    void autosuspendSpacesNvmlSessions();
    void lostGpuIsGone();
    void initFailingLeavesValuesNull();
    void noLibraryLeavesValuesNull();
    void environmentNamesTheLibrary();
    void processUse();
    void processUseReachesTheProcessList();
};

void TestNvmlCollector::valuesFromNvml()
{
    Machine machine;
    machine.addGpu(gpuA, QStringLiteral("card0"));
    machine.addGpu(gpuB, QStringLiteral("card1"));
    // B's first clock reading takes 300 ms: the worker's, never the tick's, concern.
    machine.start(twoGpus + "slow 0000:02:00.0 nvmlDeviceGetClockInfo 1 300\n");
    QList<GpuUsage> gpus = machine.tickAndWait(1 * second);
    QCOMPARE(gpus.size(), 2);
    verifyNull(gpus[0]); // the first tick's request has no answer yet
    verifyNull(gpus[1]);
    gpus = machine.tickAndWait(2 * second);
    QCOMPARE(gpus.size(), 2);
    const GpuUsage &a = gpus[0];
    QCOMPARE(a.id, gpuA);
    QCOMPARE(a.vendor, QStringLiteral("nvidia"));
    QCOMPARE(a.driver, QStringLiteral("nvidia"));
    QCOMPARE(a.state, QStringLiteral("active"));
    QCOMPARE(a.load, 37.0);
    QCOMPARE(a.vramUsed, quint64(1073741824));
    QCOMPARE(a.vramTotal, quint64(8589934592));
    QCOMPARE(a.temp, 45.0);
    QCOMPARE(a.power, 15.25);
    QCOMPARE(a.powerLimit, 200.0);
    QCOMPARE(a.clock, 1500.0);
    QVERIFY(!a.fan); // unsupported: null, not 0
    QVERIFY(!a.gttUsed);
    const GpuUsage &b = gpus[1];
    QCOMPARE(b.id, gpuB);
    QCOMPARE(b.load, 80.0);
    QCOMPARE(b.vramUsed, quint64(4294967296));
    QCOMPARE(b.vramTotal, quint64(25769803776));
    QCOMPARE(b.temp, 61.0);
    QCOMPARE(b.power, 250.0);
    QCOMPARE(b.powerLimit, 350.0);
    QCOMPARE(b.clock, 2100.0);
    QCOMPARE(b.fan, 55.0);
    for (int tick = 3; tick <= 5; ++tick)
        QCOMPARE(machine.tickAndWait(tick * second)[1].fan, 55.0);
    // Five requests: A's unsupported fan was asked once, B's five times; NVML started once.
    const QStringList calls = machine.calls();
    QCOMPARE(calls.count(QStringLiteral("nvmlDeviceGetFanSpeed ") + gpuA), 1);
    QCOMPARE(calls.count(QStringLiteral("nvmlDeviceGetFanSpeed ") + gpuB), 5);
    QCOMPARE(calls.count(QStringLiteral("nvmlInit_v2 -")), 1);
    QCOMPARE(calls.count(QStringLiteral("nvmlShutdown -")), 0);
}

void TestNvmlCollector::tickNeverWaitsOnASlowCall()
{
    Machine machine;
    machine.addGpu(gpuA, QStringLiteral("card0"));
    const QString release = machine.path(QStringLiteral("release"));
    // A's second temperature call lasts until the test creates the release file.
    machine.start(twoGpus.first(twoGpus.indexOf('\n') + 1) +
                  "slow 0000:01:00.0 nvmlDeviceGetTemperature 2 60000 " +
                  QFile::encodeName(release) + '\n');
    machine.tickAndWait(1 * second);
    QCOMPARE(machine.tick(2 * second).first().temp, 45.0); // request 2 starts the slow call
    const QString temperature = QStringLiteral("nvmlDeviceGetTemperature ") + gpuA;
    QTRY_COMPARE_WITH_TIMEOUT(machine.calls().count(temperature), 2, 10000);

    // The worker is inside the slow call; the tick returns regardless, with request 1's answer
    // (sent at 1 s: at 3 s that is two intervals old, still shown).
    QList<GpuUsage> gpus = machine.tick(3 * second);
    QVERIFY(!machine.calls().contains(temperature + QStringLiteral(" end")));
    QCOMPARE(machine.collector->nvmlWorker()->answers(), quint64(1));
    QCOMPARE(gpus.first().temp, 45.0);
    // At 4 s the only answer is three intervals old: null, not the old value.
    gpus = machine.tick(4 * second);
    QVERIFY(!machine.calls().contains(temperature + QStringLiteral(" end")));
    QCOMPARE(gpus.first().state, QStringLiteral("active"));
    verifyNull(gpus.first());

    QVERIFY(QFile(release).open(QIODevice::WriteOnly));
    // Request 2 ends; of the requests of 3 s and 4 s, sent while it ran, only the newer is read.
    QTRY_COMPARE_WITH_TIMEOUT(machine.collector->nvmlWorker()->answers(), quint64(3), 10000);
    QVERIFY(machine.calls().contains(temperature + QStringLiteral(" end")));
    QCOMPARE(machine.calls().count(temperature), 3);
    QCOMPARE(machine.tick(5 * second).first().temp, 45.0);
}

void TestNvmlCollector::noCallWhileSuspended()
{
    Machine machine;
    machine.addGpu(gpuA, QStringLiteral("card0"));
    machine.addGpu(gpuB, QStringLiteral("card1"));
    machine.setStatus(gpuA, "suspended");
    machine.setStatus(gpuB, "suspended");
    machine.start(twoGpus);
    for (int tick = 1; tick <= 5; ++tick) {
        const QList<GpuUsage> gpus = machine.tickAndWait(tick * second);
        QCOMPARE(gpus.size(), 2);
        QCOMPARE(gpus[0].state, QStringLiteral("suspended"));
        verifyNull(gpus[0]);
        verifyNull(gpus[1]);
    }
    QCOMPARE(machine.calls(), QStringList()); // not even nvmlInit

    // Awake, the same GPUs are read: the list above could have had calls.
    machine.setStatus(gpuA, "active");
    machine.setStatus(gpuB, "active");
    machine.tickAndWait(6 * second);
    QCOMPARE(machine.calls().first(), QStringLiteral("nvmlInit_v2 -"));
    QCOMPARE(machine.tickAndWait(7 * second)[0].temp, 45.0);

    // A asleep: B alone is read.
    machine.setStatus(gpuA, "suspended");
    const qsizetype callsOfA = machine.callsNaming(gpuA);
    const qsizetype callsOfB = machine.callsNaming(gpuB);
    QList<GpuUsage> gpus = machine.tickAndWait(8 * second);
    QCOMPARE(gpus[0].state, QStringLiteral("suspended"));
    verifyNull(gpus[0]);
    QCOMPARE(gpus[1].temp, 61.0);
    QCOMPARE(machine.callsNaming(gpuA), callsOfA);
    QCOMPARE(machine.callsNaming(gpuB), callsOfB + 7); // the seven value calls

    // Both asleep: NVML is shut down, its handles no longer pin a GPU, and nothing is called.
    machine.setStatus(gpuB, "suspended");
    machine.tickAndWait(9 * second);
    QCOMPARE(machine.calls().last(), QStringLiteral("nvmlShutdown -"));
    const qsizetype total = machine.calls().size();
    for (int tick = 10; tick <= 14; ++tick)
        machine.tickAndWait(tick * second);
    QCOMPARE(machine.calls().size(), total);
}

void TestNvmlCollector::autosuspendSpacesNvmlSessions()
{
    Machine machine;
    machine.addGpu(gpuA, QStringLiteral("card0"));
    // Runtime PM on, 5 s autosuspend: a read at most every 2 × 5 s, NVML shut down between.
    machine.write(QStringLiteral("devices/pci0000:00/0000:01:00.0/power/control"), "auto");
    machine.write(QStringLiteral("devices/pci0000:00/0000:01:00.0/power/autosuspend_delay_ms"),
                  "5000");
    machine.start(twoGpus);
    QList<int> shownAt;
    for (int tick = 1; tick <= 22; ++tick) {
        const QList<GpuUsage> gpus = machine.tickAndWait(tick * second);
        QCOMPARE(gpus.first().state, QStringLiteral("active"));
        if (gpus.first().temp)
            shownAt.append(tick);
    }
    // Requests at 1, 11 and 21 s, each answer shown at the next tick; the request of the tick
    // after names no GPU, and NVML is shut down.
    QCOMPARE(shownAt, QList<int>({2, 12, 22}));
    const QStringList calls = machine.calls();
    QCOMPARE(calls.count(QStringLiteral("nvmlInit_v2 -")), 3);
    QCOMPARE(calls.count(QStringLiteral("nvmlShutdown -")), 3);
    QCOMPARE(calls.last(), QStringLiteral("nvmlShutdown -"));
}

void TestNvmlCollector::lostGpuIsGone()
{
    Machine machine;
    machine.addGpu(gpuA, QStringLiteral("card0"));
    machine.addGpu(gpuB, QStringLiteral("card1"));
    // B's calls: request 1 is the handle, its PCI check and 7 values (calls 1 to 9); request 2
    // is utilization (10), memory (11), then temperature (12), which finds it lost.
    machine.start(twoGpus + "lost 0000:02:00.0 12\n");
    machine.tickAndWait(1 * second);
    machine.tickAndWait(2 * second);
    const QList<GpuUsage> gone = machine.tickAndWait(3 * second);
    QCOMPARE(gone.size(), 2);
    QCOMPARE(gone[0].temp, 45.0);
    QCOMPARE(gone[1].id, gpuB);
    QCOMPARE(gone[1].state, QStringLiteral("gone"));
    verifyNull(gone[1]);
    // Not listed again, not at the rediscoveries at 6 and 11 s either, and never called again.
    for (int tick = 4; tick <= 12; ++tick) {
        const QList<GpuUsage> gpus = machine.tickAndWait(tick * second);
        QCOMPARE(gpus.size(), 1);
        QCOMPARE(gpus[0].id, gpuA);
    }
    QCOMPARE(machine.callsNaming(gpuB), 12);
}

void TestNvmlCollector::initFailingLeavesValuesNull()
{
    Machine machine;
    machine.addGpu(gpuA, QStringLiteral("card0"));
    machine.start(twoGpus + "init 9\n"); // NVML_ERROR_DRIVER_NOT_LOADED
    for (int tick = 1; tick <= 5; ++tick) {
        const QList<GpuUsage> gpus = machine.tickAndWait(tick * second);
        QCOMPARE(gpus.size(), 1);
        QCOMPARE(gpus[0].state, QStringLiteral("active"));
        verifyNull(gpus[0]);
    }
    QCOMPARE(machine.calls(), QStringList{QStringLiteral("nvmlInit_v2 -")}); // never retried
    const QStringList messages = takeOffMessages();
    QCOMPARE(messages.size(), 1);
    QVERIFY2(messages[0].contains(QStringLiteral("9 (Driver Not Loaded)")),
             qPrintable(messages[0]));
}

void TestNvmlCollector::noLibraryLeavesValuesNull()
{
    Machine machine;
    machine.addGpu(gpuA, QStringLiteral("card0"));
    machine.start(twoGpus, machine.path(QStringLiteral("no/libnvidia-ml.so.1")));
    for (int tick = 1; tick <= 5; ++tick) {
        const QList<GpuUsage> gpus = machine.tickAndWait(tick * second);
        QCOMPARE(gpus.size(), 1);
        QCOMPARE(gpus[0].name, QStringLiteral("NVIDIA GPU 10de:2684"));
        verifyNull(gpus[0]);
    }
    QCOMPARE(machine.calls(), QStringList());
    const QStringList messages = takeOffMessages();
    QCOMPARE(messages.size(), 1);
    QVERIFY2(messages[0].contains(QStringLiteral("could not be loaded")), qPrintable(messages[0]));
}

void TestNvmlCollector::environmentNamesTheLibrary()
{
    Machine machine;
    machine.addGpu(gpuA, QStringLiteral("card0"));
    qputenv("VANTAGE_NVML_LIBRARY", FAKE_NVML);
    machine.start(twoGpus, QString());
    machine.tickAndWait(1 * second);
    const double temp = machine.tickAndWait(2 * second)[0].temp.value_or(-1);
    qunsetenv("VANTAGE_NVML_LIBRARY");
    QCOMPARE(temp, 45.0);
}

void TestNvmlCollector::processUse()
{
    Machine machine;
    machine.addGpu(gpuA, QStringLiteral("card0"));
    machine.addGpu(gpuB, QStringLiteral("card1"));
    machine.start(twoGpus + "process 0000:01:00.0 4242 536870912 30\n"
                            "process 0000:02:00.0 4242 268435456 20\n"
                            "process 0000:02:00.0 777 1048576\n");
    machine.tickAndWait(1 * second);
    NvmlWorker *worker = machine.collector->nvmlWorker();
    QVERIFY(worker->processes().isEmpty()); // not asked for
    QCOMPARE(machine.calls().filter(QStringLiteral("Process")).size(), 0);
    worker->setProcessesWanted(true);
    for (int tick = 2; tick <= 3; ++tick) {
        machine.tickAndWait(tick * second);
        const QHash<qint64, NvmlProcessUse> use = worker->processes();
        QCOMPARE(use.size(), 2);
        // 4242 on both GPUs: 536870912 + 268435456 = 805306368 bytes, 30 + 20 = 50 % of SMs.
        QCOMPARE(use[4242].gpuMem, quint64(805306368));
        QCOMPARE(use[4242].gpu, 50.0);
        // 777 has no sample since the last reading: idle, 0, not null.
        QCOMPARE(use[777].gpuMem, quint64(1048576));
        QCOMPARE(use[777].gpu, 0.0);
    }
}

void TestNvmlCollector::processUseReachesTheProcessList()
{
    Machine machine;
    machine.addGpu(gpuA, QStringLiteral("card0"));
    machine.addGpu(gpuB, QStringLiteral("card1"));
    machine.start(twoGpus + "process 0000:01:00.0 4242 536870912 30\n");
    auto board = std::make_shared<GpuProcessUse>();
    machine.collector->setProcessUse(board);
    machine.tickAndWait(1 * second);
    machine.tickAndWait(2 * second);
    // Nobody watches the list: NVML is not asked, and nothing is published.
    QCOMPARE(machine.calls().filter(QStringLiteral("Process")).size(), 0);
    QVERIFY(board->uses().isEmpty());
    board->setWanted(true);
    // The tick that sees the wish asks for it; the next tick publishes the answer.
    for (int tick = 3; tick <= 5 && board->uses().isEmpty(); ++tick)
        machine.tickAndWait(tick * second);
    QCOMPARE(board->uses().value(4242).gpuMem, quint64(536870912));
    QCOMPARE(board->uses().value(4242).gpu, 30.0);
    board->setWanted(false);
    machine.tickAndWait(6 * second);
    QVERIFY(board->uses().isEmpty());
}

QTEST_GUILESS_MAIN(TestNvmlCollector)
#include "tst_nvmlcollector.moc"
