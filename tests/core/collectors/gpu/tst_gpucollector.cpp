#include "collectors/gpu/gpucollector.h"

#include <QDir>
#include <QFile>
#include <QHash>
#include <QTemporaryDir>
#include <QTest>

#include <unistd.h>

namespace {

constexpr qint64 second = 1'000'000'000;

// A sysfs tree laid out as the kernel does it, relative symlinks included.
class Tree
{
public:
    Tree() { QVERIFY(m_dir.isValid()); }
    QString root() const { return m_dir.path(); }

    void write(const QString &relative, const QByteArray &content)
    {
        const QString path = root() + u'/' + relative;
        QDir().mkpath(QFileInfo(path).path());
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(content + '\n');
    }
    void mkdir(const QString &relative) { QVERIFY(QDir().mkpath(root() + u'/' + relative)); }
    void link(const QString &relative, const QString &target)
    {
        const QString path = root() + u'/' + relative;
        QDir().mkpath(QFileInfo(path).path());
        QCOMPARE(
            ::symlink(QFile::encodeName(target).constData(), QFile::encodeName(path).constData()),
            0);
    }
    void remove(const QString &relative) { QVERIFY(QFile::remove(root() + u'/' + relative)); }

    // A PCI GPU bound to driver, exposed as <card>, with its connector and render nodes beside
    // it; runtime PM off (control "on") and awake. Returns the device folder.
    QString addGpu(const QString &address, const QString &card, const QString &driver,
                   const QByteArray &vendor, const QByteArray &device)
    {
        const QString dev = QStringLiteral("devices/pci0000:00/") + address;
        write(dev + QStringLiteral("/vendor"), vendor);
        write(dev + QStringLiteral("/device"), device);
        mkdir(QStringLiteral("bus/pci/drivers/") + driver);
        link(dev + QStringLiteral("/driver"), QStringLiteral("../../../bus/pci/drivers/") + driver);
        link(dev + QStringLiteral("/drm/") + card + QStringLiteral("/device"),
             QStringLiteral("../../../") + address);
        mkdir(dev + QStringLiteral("/drm/") + card + u'/' + card + QStringLiteral("-DP-1"));
        const QString render =
            QStringLiteral("renderD") + QString::number(128 + card.mid(4).toInt());
        mkdir(dev + QStringLiteral("/drm/") + render);
        const QString drm =
            QStringLiteral("../../devices/pci0000:00/") + address + QStringLiteral("/drm/");
        link(QStringLiteral("class/drm/") + card, drm + card);
        link(QStringLiteral("class/drm/") + card + QStringLiteral("-DP-1"),
             drm + card + u'/' + card + QStringLiteral("-DP-1"));
        link(QStringLiteral("class/drm/") + render, drm + render);
        write(dev + QStringLiteral("/power/runtime_status"), "active");
        write(dev + QStringLiteral("/power/control"), "on");
        write(dev + QStringLiteral("/power/autosuspend_delay_ms"), "5000");
        return dev;
    }

private:
    QTemporaryDir m_dir;
};

// Counts every file opened, by its path relative to the sysfs root.
class CountingSysfs : public GpuSysfs
{
public:
    using GpuSysfs::GpuSysfs;
    std::optional<QByteArray> read(const QString &relative) override
    {
        ++opens[relative];
        return GpuSysfs::read(relative);
    }
    // Opens of files that can wake a GPU: the driver's sensor files and anything of a hwmon chip.
    int wakeCapableOpens() const
    {
        int count = 0;
        for (auto it = opens.begin(); it != opens.end(); ++it) {
            if (it.key().contains(QStringLiteral("/hwmon/")) ||
                it.key().endsWith(QStringLiteral("gpu_busy_percent")) ||
                it.key().endsWith(QStringLiteral("act_freq")) ||
                it.key().endsWith(QStringLiteral("gt_act_freq_mhz")))
                count += it.value();
        }
        return count;
    }
    QHash<QString, int> opens;
};

struct Harness
{
    explicit Harness(const Tree &tree, const QString &pciIds = {})
    {
        auto sysfs = std::make_unique<CountingSysfs>(tree.root());
        counter = sysfs.get();
        // A library that is not there: NVIDIA cards read nothing, whatever driver this
        // machine has.
        collector = std::make_unique<GpuCollector>(
            std::move(sysfs), pciIds, tree.root() + QStringLiteral("/no/libnvidia-ml.so.1"));
    }
    QList<GpuUsage> collect(qint64 nowNs)
    {
        Snapshot snapshot;
        collector->collect(snapshot, nowNs);
        return snapshot.gpus;
    }
    CountingSysfs *counter = nullptr;
    std::unique_ptr<GpuCollector> collector;
};

// An amdgpu dGPU's files with distinct values; the hwmon chip without a power file.
QString addNavi21(Tree &tree)
{
    const QString dev = tree.addGpu(QStringLiteral("0000:03:00.0"), QStringLiteral("card1"),
                                    QStringLiteral("amdgpu"), "0x1002", "0x73bf");
    tree.write(dev + QStringLiteral("/gpu_busy_percent"), "37");
    tree.write(dev + QStringLiteral("/mem_info_vram_used"), "1073741824");   // 1 GiB
    tree.write(dev + QStringLiteral("/mem_info_vram_total"), "17163091968"); // 15.98 GiB
    tree.write(dev + QStringLiteral("/mem_info_gtt_used"), "2097152");
    tree.write(dev + QStringLiteral("/mem_info_gtt_total"), "8589934592");
    const QString hwmon = dev + QStringLiteral("/hwmon/hwmon3/");
    tree.write(hwmon + QStringLiteral("temp1_input"), "45000");      // 45 °C
    tree.write(hwmon + QStringLiteral("temp1_crit"), "100000");      // 100 °C
    tree.write(hwmon + QStringLiteral("power1_cap"), "203000000");   // 203 W
    tree.write(hwmon + QStringLiteral("freq1_input"), "2500000000"); // 2500 MHz
    tree.write(hwmon + QStringLiteral("pwm1"), "51");                // 51/255 = 20 %
    tree.write(hwmon + QStringLiteral("pwm1_max"), "255");
    tree.link(dev + QStringLiteral("/hwmon/hwmon3/device"),
              QStringLiteral("../../../0000:03:00.0"));
    return dev;
}

} // namespace

class TestGpuCollector : public QObject
{
    Q_OBJECT

private slots:
    void amdOnKernel61ReadsPowerAverage();
    void amdOnKernel66ReadsPowerInput();
    void apuReportsGtt();
    void intelWithoutHwmon();
    void intelLoadFromDrmClients();
    void intelWithHwmonPowerFromEnergy();
    void xeClock();
    void nvidiaListedWithoutValues();
    void suspendedGpuOpensNoWakeCapableFile();
    void autosuspendDelaySpacesWakeCapableReads();
    void malformedValueIsNull();
    void cardAddedAndRemovedBetweenCollects();
    void noDrmFolderNoGpu();
    void otherCardsAreLeftOut();
    void runtimePmUnsupportedIsAwake();
};

void TestGpuCollector::amdOnKernel61ReadsPowerAverage()
{
    Tree tree;
    const QString dev = addNavi21(tree);
    tree.write(dev + QStringLiteral("/hwmon/hwmon3/power1_average"), "15000000"); // 15 W
    tree.write(QStringLiteral("pci.ids"),
               "# comment\n1002  Advanced Micro Devices, Inc. [AMD/ATI]\n"
               "\t73a5  Navi 21 [Radeon RX 6950 XT]\n"
               "\t73bf  Navi 21 [Radeon RX 6800/6800 XT / 6900 XT]\n"
               "\t\t1002 0e3a  Radeon RX 6900 XT\n"
               "1022  Advanced Micro Devices, Inc. [AMD]\n\t73bf  not this one");
    Harness h(tree, tree.root() + QStringLiteral("/pci.ids"));
    const QList<GpuUsage> gpus = h.collect(0);
    QCOMPARE(gpus.size(), 1); // card1-DP-1 and renderD129 are not GPUs
    const GpuUsage &gpu = gpus.first();
    QCOMPARE(gpu.id, QStringLiteral("0000:03:00.0"));
    QCOMPARE(gpu.name, QStringLiteral("Navi 21 [Radeon RX 6800/6800 XT / 6900 XT]"));
    QCOMPARE(gpu.vendor, QStringLiteral("amd"));
    QCOMPARE(gpu.driver, QStringLiteral("amdgpu"));
    QCOMPARE(gpu.state, QStringLiteral("active"));
    QCOMPARE(gpu.load, 37.0);
    QCOMPARE(gpu.vramUsed, quint64(1073741824));
    QCOMPARE(gpu.vramTotal, quint64(17163091968));
    QCOMPARE(gpu.gttUsed, quint64(2097152));
    QCOMPARE(gpu.gttTotal, quint64(8589934592));
    QCOMPARE(gpu.temp, 45.0);          // 45000 m°C
    QCOMPARE(gpu.tempCritical, 100.0); // 100000 m°C
    QCOMPARE(gpu.power, 15.0);         // 15000000 µW
    QCOMPARE(gpu.powerLimit, 203.0);   // 203000000 µW
    QCOMPARE(gpu.clock, 2500.0);       // 2500000000 Hz
    QCOMPARE(gpu.fan, 20.0);           // 51 / 255 × 100
}

void TestGpuCollector::amdOnKernel66ReadsPowerInput()
{
    Tree tree;
    const QString dev = addNavi21(tree);
    tree.write(dev + QStringLiteral("/hwmon/hwmon3/power1_input"), "8000000"); // 8 W
    Harness h(tree);                                                           // no pci.ids
    const QList<GpuUsage> gpus = h.collect(0);
    QCOMPARE(gpus.size(), 1);
    QCOMPARE(gpus.first().name, QStringLiteral("AMD GPU 1002:73bf"));
    QCOMPARE(gpus.first().power, 8.0);
    QCOMPARE(h.counter->opens.value(
                 QStringLiteral("class/drm/card1/device/hwmon/hwmon3/power1_average")),
             0);
}

void TestGpuCollector::apuReportsGtt()
{
    Tree tree;
    const QString dev = tree.addGpu(QStringLiteral("0000:05:00.0"), QStringLiteral("card0"),
                                    QStringLiteral("amdgpu"), "0x1002", "0x1638");
    tree.write(dev + QStringLiteral("/gpu_busy_percent"), "4");
    tree.write(dev + QStringLiteral("/mem_info_vram_used"), "268435456");       // 256 MiB
    tree.write(dev + QStringLiteral("/mem_info_vram_total"), "536870912");      // 512 MiB carve-out
    tree.write(dev + QStringLiteral("/mem_info_gtt_used"), "3221225472");       // 3 GiB
    tree.write(dev + QStringLiteral("/mem_info_gtt_total"), "17179869184");     // 16 GiB
    tree.write(dev + QStringLiteral("/hwmon/hwmon5/temp1_input"), "52000");     // 52 °C
    tree.write(dev + QStringLiteral("/hwmon/hwmon5/power1_input"), "12500000"); // 12.5 W
    Harness h(tree);
    const QList<GpuUsage> gpus = h.collect(0);
    QCOMPARE(gpus.size(), 1);
    const GpuUsage &gpu = gpus.first();
    QCOMPARE(gpu.id, QStringLiteral("0000:05:00.0"));
    QCOMPARE(gpu.load, 4.0);
    QCOMPARE(gpu.vramUsed, quint64(268435456));
    QCOMPARE(gpu.vramTotal, quint64(536870912));
    QCOMPARE(gpu.gttUsed, quint64(3221225472));
    QCOMPARE(gpu.gttTotal, quint64(17179869184));
    QCOMPARE(gpu.temp, 52.0);
    QCOMPARE(gpu.power, 12.5);
    // The APU's chip has no limit, no critical level, no clock and no fan: null, not 0.
    QVERIFY(!gpu.powerLimit);
    QVERIFY(!gpu.tempCritical);
    QVERIFY(!gpu.clock);
    QVERIFY(!gpu.fan);
}

void TestGpuCollector::intelWithoutHwmon()
{
    Tree tree;
    tree.addGpu(QStringLiteral("0000:00:02.0"), QStringLiteral("card0"), QStringLiteral("i915"),
                "0x8086", "0x46a6");
    tree.write(QStringLiteral("devices/pci0000:00/0000:00:02.0/drm/card0/gt_act_freq_mhz"), "1300");
    Harness h(tree);
    const QList<GpuUsage> gpus = h.collect(0);
    QCOMPARE(gpus.size(), 1);
    const GpuUsage &gpu = gpus.first();
    QCOMPARE(gpu.vendor, QStringLiteral("intel"));
    QCOMPARE(gpu.driver, QStringLiteral("i915"));
    QCOMPARE(gpu.name, QStringLiteral("Intel GPU 8086:46a6"));
    QCOMPARE(gpu.clock, 1300.0);
    // Load needs fdinfo, memory and power an i915 iGPU does not export: all null.
    QVERIFY(!gpu.load);
    QVERIFY(!gpu.power);
    QVERIFY(!gpu.vramUsed);
    QVERIFY(!gpu.temp);
}

// An i915 client's fdinfo as the kernel writes it, render engine busy for busyNs so far.
QByteArray i915Client(qint64 busyNs)
{
    return "pos:\t0\nflags:\t02100002\nmnt_id:\t26\ndrm-driver:\ti915\ndrm-client-id:\t7\n"
           "drm-pdev:\t0000:00:02.0\ndrm-engine-render:\t" +
           QByteArray::number(busyNs) + " ns\ndrm-engine-video:\t0 ns";
}

void TestGpuCollector::intelLoadFromDrmClients()
{
    Tree tree;
    const QString dev = tree.addGpu(QStringLiteral("0000:00:02.0"), QStringLiteral("card0"),
                                    QStringLiteral("i915"), "0x8086", "0x46a6");
    // PID 300 opened the render node; its child 301 holds the same client through fd 4.
    tree.link(QStringLiteral("proc/300/fd/5"), QStringLiteral("/dev/dri/renderD128"));
    tree.link(QStringLiteral("proc/301/fd/4"), QStringLiteral("/dev/dri/renderD128"));
    tree.write(QStringLiteral("proc/300/fdinfo/5"), i915Client(1'000'000'000));
    tree.write(QStringLiteral("proc/301/fdinfo/4"), i915Client(1'000'000'000));
    GpuCollector collector(std::make_unique<GpuSysfs>(tree.root()), {},
                           tree.root() + QStringLiteral("/no/libnvidia-ml.so.1"),
                           tree.root() + QStringLiteral("/proc"));
    const auto collect = [&](qint64 nowNs) {
        Snapshot snapshot;
        collector.collect(snapshot, nowNs);
        return snapshot.gpus.value(0);
    };
    QVERIFY(!collect(10 * second).load); // one sample is no rate
    tree.write(QStringLiteral("proc/300/fdinfo/5"), i915Client(1'250'000'000));
    tree.write(QStringLiteral("proc/301/fdinfo/4"), i915Client(1'250'000'000));
    // 250 ms of render time in 1 s: 25 %, the client counted once though two PIDs hold it.
    QCOMPARE(collect(11 * second).load, 25.0);
    // Asleep: no load, and the next awake tick starts over rather than spanning the sleep.
    tree.write(dev + QStringLiteral("/power/runtime_status"), "suspended");
    QVERIFY(!collect(12 * second).load);
    tree.write(dev + QStringLiteral("/power/runtime_status"), "active");
    tree.write(QStringLiteral("proc/300/fdinfo/5"), i915Client(2'250'000'000));
    tree.write(QStringLiteral("proc/301/fdinfo/4"), i915Client(2'250'000'000));
    QVERIFY(!collect(13 * second).load);
    // The client closed: no client of the GPU is seen, and its load is unknown, not 0.
    tree.remove(QStringLiteral("proc/300/fd/5"));
    tree.remove(QStringLiteral("proc/301/fd/4"));
    collect(14 * second + DrmClientTracker::fullRescanNs);
    QVERIFY(!collect(15 * second + DrmClientTracker::fullRescanNs).load);
}

void TestGpuCollector::intelWithHwmonPowerFromEnergy()
{
    Tree tree;
    const QString dev = tree.addGpu(QStringLiteral("0000:03:00.0"), QStringLiteral("card1"),
                                    QStringLiteral("i915"), "0x8086", "0x56a0");
    tree.write(QStringLiteral("devices/pci0000:00/0000:03:00.0/drm/card1/gt_act_freq_mhz"), "2400");
    tree.write(dev + QStringLiteral("/hwmon/hwmon4/energy1_input"), "1000000"); // µJ
    tree.write(dev + QStringLiteral("/hwmon/hwmon4/power1_max"), "225000000");  // 225 W
    Harness h(tree);
    QList<GpuUsage> gpus = h.collect(1 * second);
    QCOMPARE(gpus.size(), 1);
    QVERIFY(!gpus.first().power); // one energy reading is no rate yet
    QCOMPARE(gpus.first().powerLimit, 225.0);
    QCOMPARE(gpus.first().clock, 2400.0);
    tree.write(dev + QStringLiteral("/hwmon/hwmon4/energy1_input"), "21000000");
    gpus = h.collect(2 * second);
    QCOMPARE(gpus.first().power, 20.0); // (21000000 - 1000000) µJ over 1 s
}

void TestGpuCollector::xeClock()
{
    Tree tree;
    const QString dev = tree.addGpu(QStringLiteral("0000:03:00.0"), QStringLiteral("card0"),
                                    QStringLiteral("xe"), "0x8086", "0xe20b");
    tree.write(dev + QStringLiteral("/tile0/gt0/freq0/act_freq"), "2050");
    Harness h(tree);
    const QList<GpuUsage> gpus = h.collect(0);
    QCOMPARE(gpus.size(), 1);
    QCOMPARE(gpus.first().driver, QStringLiteral("xe"));
    QCOMPARE(gpus.first().clock, 2050.0);
    QVERIFY(!gpus.first().power);
}

void TestGpuCollector::nvidiaListedWithoutValues()
{
    Tree tree;
    tree.addGpu(QStringLiteral("0000:01:00.0"), QStringLiteral("card0"), QStringLiteral("nvidia"),
                "0x10de", "0x2684");
    Harness h(tree);
    const QList<GpuUsage> gpus = h.collect(0);
    QCOMPARE(gpus.size(), 1);
    const GpuUsage &gpu = gpus.first();
    QCOMPARE(gpu.vendor, QStringLiteral("nvidia"));
    QCOMPARE(gpu.name, QStringLiteral("NVIDIA GPU 10de:2684"));
    QCOMPARE(gpu.state, QStringLiteral("active"));
    QVERIFY(!gpu.load && !gpu.temp && !gpu.power && !gpu.vramUsed && !gpu.clock && !gpu.fan);
}

void TestGpuCollector::suspendedGpuOpensNoWakeCapableFile()
{
    Tree tree;
    const QString dev = addNavi21(tree);
    tree.write(dev + QStringLiteral("/hwmon/hwmon3/power1_average"), "15000000");
    tree.write(dev + QStringLiteral("/power/runtime_status"), "suspended");
    tree.write(dev + QStringLiteral("/power/control"), "auto");
    Harness h(tree);
    for (int tick = 0; tick < 30; ++tick) {
        const QList<GpuUsage> gpus = h.collect(tick * second);
        QCOMPARE(gpus.size(), 1);
        const GpuUsage &gpu = gpus.first();
        QCOMPARE(gpu.state, QStringLiteral("suspended"));
        QCOMPARE(gpu.vramUsed, quint64(1073741824)); // the memory manager's count: no wake-up
        QVERIFY(!gpu.load);
        QVERIFY(!gpu.temp);
        QVERIFY(!gpu.power);
    }
    QCOMPARE(h.counter->wakeCapableOpens(), 0);
    // The same device awake is read: the count above could have been non-zero.
    tree.write(dev + QStringLiteral("/power/runtime_status"), "active");
    QCOMPARE(h.collect(30 * second).first().load, 37.0);
    QCOMPARE(h.counter->opens.value(QStringLiteral("class/drm/card1/device/gpu_busy_percent")), 1);
}

void TestGpuCollector::autosuspendDelaySpacesWakeCapableReads()
{
    Tree tree;
    const QString dev = addNavi21(tree);
    tree.write(dev + QStringLiteral("/power/control"), "auto"); // delay 5000 ms
    Harness h(tree);
    const QString busy = QStringLiteral("class/drm/card1/device/gpu_busy_percent");
    QList<int> readAt;
    // 31 ticks at 1 Hz, t = 0..30 s. The rule, at most one read per 2 × 5000 ms, allows reads
    // at 0, 10, 20 and 30 s only; the ticks between show the GPU active with null values.
    for (int tick = 0; tick <= 30; ++tick) {
        const QList<GpuUsage> gpus = h.collect(tick * second);
        QCOMPARE(gpus.first().state, QStringLiteral("active"));
        QCOMPARE(gpus.first().vramUsed, quint64(1073741824)); // non-waking: every tick
        if (gpus.first().load)
            readAt.append(tick);
    }
    QCOMPARE(readAt, QList<int>({0, 10, 20, 30}));
    QCOMPARE(h.counter->opens.value(busy), 4);

    // Runtime PM off: the device never sleeps, so every tick reads.
    tree.write(dev + QStringLiteral("/power/control"), "on");
    for (int tick = 31; tick <= 40; ++tick)
        QVERIFY(h.collect(tick * second).first().load);
    QCOMPARE(h.counter->opens.value(busy), 14); // 4 + 10
}

void TestGpuCollector::malformedValueIsNull()
{
    Tree tree;
    const QString dev = addNavi21(tree);
    tree.write(dev + QStringLiteral("/gpu_busy_percent"), "busy");
    tree.write(dev + QStringLiteral("/hwmon/hwmon3/temp1_input"), "45000x");
    tree.write(dev + QStringLiteral("/hwmon/hwmon3/power1_average"), "");
    tree.write(dev + QStringLiteral("/hwmon/hwmon3/pwm1_max"), "0"); // no division by zero
    tree.write(dev + QStringLiteral("/mem_info_vram_used"), "-5");
    Harness h(tree);
    const QList<GpuUsage> gpus = h.collect(0);
    QCOMPARE(gpus.size(), 1);
    const GpuUsage &gpu = gpus.first();
    QVERIFY(!gpu.load);
    QVERIFY(!gpu.temp);
    QVERIFY(!gpu.power);
    QVERIFY(!gpu.fan);
    QVERIFY(!gpu.vramUsed);
    QCOMPARE(gpu.tempCritical, 100.0); // its neighbours still read
    QCOMPARE(gpu.vramTotal, quint64(17163091968));
}

void TestGpuCollector::cardAddedAndRemovedBetweenCollects()
{
    Tree tree;
    tree.mkdir(QStringLiteral("class/drm"));
    Harness h(tree);
    QCOMPARE(h.collect(0).size(), 0);
    addNavi21(tree);
    // Found at the next rediscovery, 5 s after the last, not before.
    QCOMPARE(h.collect(4 * second).size(), 0);
    QCOMPARE(h.collect(5 * second).size(), 1);
    QCOMPARE(h.collect(6 * second).first().state, QStringLiteral("active"));
    tree.remove(QStringLiteral("class/drm/card1"));
    QCOMPARE(h.collect(9 * second).size(), 1); // until the next rediscovery
    const QList<GpuUsage> gone = h.collect(10 * second);
    QCOMPARE(gone.size(), 1);
    QCOMPARE(gone.first().id, QStringLiteral("0000:03:00.0"));
    QCOMPARE(gone.first().state, QStringLiteral("gone"));
    QVERIFY(!gone.first().load);
    QVERIFY(!gone.first().vramUsed);
    QCOMPARE(h.collect(11 * second).size(), 0); // gone for one tick, then dropped
}

void TestGpuCollector::noDrmFolderNoGpu()
{
    Tree tree;
    Harness h(tree);
    for (int tick = 0; tick < 10; ++tick)
        QCOMPARE(h.collect(tick * second).size(), 0);
    QVERIFY(h.counter->opens.isEmpty()); // nothing but one listing per rediscovery
}

void TestGpuCollector::otherCardsAreLeftOut()
{
    Tree tree;
    // A virtual GPU with no backend, and simpledrm's boot framebuffer, not a PCI device.
    tree.addGpu(QStringLiteral("0000:00:01.0"), QStringLiteral("card0"),
                QStringLiteral("virtio-pci"), "0x1af4", "0x1050");
    tree.mkdir(QStringLiteral("devices/platform/simple-framebuffer.0/drm/card2"));
    tree.link(QStringLiteral("devices/platform/simple-framebuffer.0/drm/card2/device"),
              QStringLiteral("../../../simple-framebuffer.0"));
    tree.link(QStringLiteral("class/drm/card2"),
              QStringLiteral("../../devices/platform/simple-framebuffer.0/drm/card2"));
    addNavi21(tree);
    Harness h(tree);
    for (int tick = 0; tick <= 10; ++tick) {
        const QList<GpuUsage> gpus = h.collect(tick * second);
        QCOMPARE(gpus.size(), 1);
        QCOMPARE(gpus.first().id, QStringLiteral("0000:03:00.0"));
    }
    // The card without a backend is identified once, not at every rediscovery (0, 5 and 10 s).
    QCOMPARE(h.counter->opens.value(QStringLiteral("class/drm/card0/device/vendor")), 1);
}

void TestGpuCollector::runtimePmUnsupportedIsAwake()
{
    Tree tree;
    const QString dev = addNavi21(tree);
    // Runtime PM disabled for the device: it never sleeps, so reading it costs nothing.
    tree.write(dev + QStringLiteral("/power/runtime_status"), "unsupported");
    Harness h(tree);
    const QList<GpuUsage> gpus = h.collect(0);
    QCOMPARE(gpus.first().state, QStringLiteral("active"));
    QCOMPARE(gpus.first().load, 37.0);
    // A status that cannot be read counts as asleep.
    tree.remove(dev + QStringLiteral("/power/runtime_status"));
    QCOMPARE(h.collect(1 * second).first().state, QStringLiteral("suspended"));
    QVERIFY(!h.collect(2 * second).first().load);
}

QTEST_GUILESS_MAIN(TestGpuCollector)
#include "tst_gpucollector.moc"
