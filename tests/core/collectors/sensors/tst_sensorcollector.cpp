#include "collectors/sensors/sensorcollector.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <fcntl.h>
#include <sys/inotify.h>
#include <unistd.h>

// The collector over fixture sysfs trees, copied into a temporary directory where the test
// changes, empties or removes files after discovery.
class TstSensorCollector : public QObject
{
    Q_OBJECT

private slots:
    void readsEveryInput();
    void noSensorsGivesEmptyList();
    void rereadsEachTick();
    void removedInputIsDroppedAtOnce();
    void readsFans();
    void readsPowerSupplies();
    void devicesComeAndGoOnRescan();
    void failingReadIsLeftOutUntilItRecovers_data();
    void failingReadIsLeftOutUntilItRecovers();
    void sleepingGpuChipIsNeverOpened();

private:
    static bool copyFixture(const QString &name, const QString &to);
    static bool writeFile(const QString &path, const QByteArray &text);
    static QStringList labels(const Snapshot &snapshot);
};

bool TstSensorCollector::copyFixture(const QString &name, const QString &to)
{
    const QString from = QFINDTESTDATA(QStringLiteral("fixtures/") + name);
    if (from.isEmpty())
        return false;
    QDirIterator it(from, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString file = it.next();
        const QString target = to + file.mid(from.size());
        if (!QDir().mkpath(QFileInfo(target).path()) || !QFile::copy(file, target))
            return false;
    }
    return true;
}

bool TstSensorCollector::writeFile(const QString &path, const QByteArray &text)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(text) == text.size();
}

QStringList TstSensorCollector::labels(const Snapshot &snapshot)
{
    QStringList result;
    for (const Temperature &temp : snapshot.temps)
        result.append(temp.label);
    return result;
}

void TstSensorCollector::readsEveryInput()
{
    const QString root = QFINDTESTDATA("fixtures/laptop");
    SensorCollector collector(SystemPaths{{}, root});
    Snapshot snapshot;
    collector.collect(snapshot, 1);

    // The laptop fixture's inputs, millidegrees / 1000.
    QCOMPARE(collector.sensorCount(), 8);
    QCOMPARE(snapshot.temps.size(), 8);
    const QList<double> celsius = {27.8, 45.0, 43.5, 51.25, -1.5, 46.0, 50.0, 41.0};
    for (qsizetype i = 0; i < celsius.size(); ++i)
        QCOMPARE(snapshot.temps[i].celsius, celsius[i]);
    QCOMPARE(snapshot.temps[1].label, QStringLiteral("coretemp Package id 0"));
    QCOMPARE(snapshot.temps[1].high, 80.0);
    QCOMPARE(snapshot.temps[1].critical, 100.0);
    QVERIFY(qIsNaN(snapshot.temps[4].high));
    QVERIFY(qIsNaN(snapshot.temps[4].critical));
}

void TstSensorCollector::noSensorsGivesEmptyList()
{
    SensorCollector collector(SystemPaths{{}, QFINDTESTDATA("fixtures/none")});
    Snapshot snapshot;
    snapshot.temps.append({QStringLiteral("stale"), 1, 2, 3});
    collector.collect(snapshot, 1);
    QCOMPARE(collector.sensorCount(), 0);
    QVERIFY(snapshot.temps.isEmpty());
}

void TstSensorCollector::rereadsEachTick()
{
    QTemporaryDir sys;
    QVERIFY(copyFixture(QStringLiteral("raspberrypi"), sys.path()));
    SensorCollector collector(SystemPaths{{}, sys.path()});
    Snapshot first;
    collector.collect(first, 1);
    QCOMPARE(first.temps.size(), 1);
    QCOMPARE(first.temps[0].celsius, 48.686);
    QVERIFY(writeFile(sys.filePath(QStringLiteral("class/hwmon/hwmon0/temp1_input")), "61000\n"));
    Snapshot second;
    collector.collect(second, 2);
    QCOMPARE(second.temps[0].celsius, 61.0);
}

void TstSensorCollector::removedInputIsDroppedAtOnce()
{
    QTemporaryDir sys;
    QVERIFY(copyFixture(QStringLiteral("laptop"), sys.path()));
    SensorCollector collector(SystemPaths{{}, sys.path()});
    QVERIFY(QFile::remove(sys.filePath(QStringLiteral("class/hwmon/hwmon2/temp2_input"))));
    // A device that left is no failure to warn about.
    QTest::failOnWarning(QRegularExpression(QStringLiteral("cannot read temperature")));
    Snapshot first;
    collector.collect(first, 1);
    Snapshot second;
    collector.collect(second, 2);

    // The laptop fixture's 8 inputs less the removed one, from the first tick on.
    QCOMPARE(collector.sensorCount(), 7);
    QCOMPARE(first.temps.size(), 7);
    QCOMPARE(second.temps.size(), 7);
    QVERIFY(!labels(second).contains(QStringLiteral("coretemp Core 0")));
    QVERIFY(labels(second).contains(QStringLiteral("coretemp Core 8")));
}

QStringList fanLabels(const Snapshot &snapshot)
{
    QStringList result;
    for (const Fan &fan : snapshot.fans)
        result.append(fan.label);
    return result;
}

void TstSensorCollector::readsFans()
{
    SensorCollector collector(SystemPaths{{}, QFINDTESTDATA("fixtures/desktop")});
    Snapshot snapshot;
    collector.collect(snapshot, 1);

    // hwmon0 (nct6798): fan1, fan2 (labelled Pump), fan10 in numeric order; hwmon1 (thinkpad):
    // fan1. RPM as the files say.
    QCOMPARE(fanLabels(snapshot),
             QStringList({QStringLiteral("nct6798 fan1"), QStringLiteral("nct6798 Pump"),
                          QStringLiteral("nct6798 fan10"), QStringLiteral("thinkpad fan1")}));
    const QList<double> rpm = {1205, 830, 1500, 2650};
    for (qsizetype i = 0; i < rpm.size(); ++i)
        QCOMPARE(snapshot.fans[i].rpm, rpm[i]);
    QCOMPARE(labels(snapshot), QStringList({QStringLiteral("nct6798 1")}));

    Snapshot none;
    SensorCollector(SystemPaths{{}, QFINDTESTDATA("fixtures/laptop")}).collect(none, 1);
    QVERIFY(none.fans.isEmpty());
    QVERIFY(none.power.isEmpty());
}

void TstSensorCollector::readsPowerSupplies()
{
    SensorCollector collector(SystemPaths{{}, QFINDTESTDATA("fixtures/desktop")});
    Snapshot snapshot;
    collector.collect(snapshot, 1);

    QCOMPARE(snapshot.power.size(), 4);
    const PowerSupply &ac = snapshot.power[0];
    QCOMPARE(ac.name, QStringLiteral("AC"));
    QCOMPARE(ac.type, QStringLiteral("Mains"));
    QCOMPARE(ac.online, 1);
    QVERIFY(qIsNaN(ac.capacity));
    QVERIFY(qIsNaN(ac.watts));
    QVERIFY(ac.status.isEmpty());

    // BAT0: power_now 9870000 µW = 9.87 W; energy_now 41300000 µWh = 41.3 Wh, energy_full
    // 47520000 µWh = 47.52 Wh.
    const PowerSupply &bat0 = snapshot.power[1];
    QCOMPARE(bat0.name, QStringLiteral("BAT0"));
    QCOMPARE(bat0.type, QStringLiteral("Battery"));
    QCOMPARE(bat0.capacity, 87.0);
    QCOMPARE(bat0.status, QStringLiteral("Discharging"));
    QCOMPARE(bat0.watts, 9.87);
    QCOMPARE(bat0.energyWh, 41.3);
    QCOMPARE(bat0.energyFullWh, 47.52);
    QCOMPARE(bat0.online, -1);

    // BAT1 has no power_now: |current_now| 1.5 A × voltage_now 12 V = 18 W; no energy_*:
    // charge_now 2.6 Ah × voltage_min_design 11.1 V = 28.86 Wh, charge_full 5 Ah × 11.1 V
    // = 55.5 Wh.
    const PowerSupply &bat1 = snapshot.power[2];
    QCOMPARE(bat1.name, QStringLiteral("BAT1"));
    QCOMPARE(bat1.capacity, 52.0);
    QCOMPARE(bat1.status, QStringLiteral("Charging"));
    QCOMPARE(bat1.watts, 18.0);
    QCOMPARE(bat1.energyWh, 28.86);
    QCOMPARE(bat1.energyFullWh, 55.5);

    const PowerSupply &usb = snapshot.power[3];
    QCOMPARE(usb.name, QStringLiteral("ucsi-source-psy-USBC000"));
    QCOMPARE(usb.type, QStringLiteral("USB"));
    QCOMPARE(usb.online, 0);
}

void TstSensorCollector::devicesComeAndGoOnRescan()
{
    QTemporaryDir sys;
    QVERIFY(copyFixture(QStringLiteral("desktop"), sys.path()));
    const qint64 second = 1'000'000'000;
    SensorCollector collector(SystemPaths{{}, sys.path()}, 30 * second);
    Snapshot snapshot;
    collector.collect(snapshot, 5 * second);
    QCOMPARE(snapshot.fans.size(), 4);

    // A USB fan controller plugged in, then a battery taken out, while the collector runs.
    const QString usb = sys.filePath(QStringLiteral("class/hwmon/hwmon2/"));
    QVERIFY(QDir().mkpath(usb));
    QVERIFY(writeFile(usb + QStringLiteral("name"), "corsaircpro\n"));
    QVERIFY(writeFile(usb + QStringLiteral("fan1_input"), "900\n"));
    QVERIFY(writeFile(usb + QStringLiteral("temp1_input"), "31500\n"));
    QVERIFY(QDir(sys.filePath(QStringLiteral("class/power_supply/BAT1"))).removeRecursively());

    // Seen at the first tick 30 s after the last scan (at 5 s), not before.
    collector.collect(snapshot, 34 * second);
    QCOMPARE(snapshot.fans.size(), 4);
    collector.collect(snapshot, 35 * second);
    QCOMPARE(fanLabels(snapshot).last(), QStringLiteral("corsaircpro fan1"));
    QCOMPARE(snapshot.fans.last().rpm, 900.0);
    QCOMPARE(labels(snapshot),
             QStringList({QStringLiteral("nct6798 1"), QStringLiteral("corsaircpro 1")}));
    QCOMPARE(snapshot.temps.last().celsius, 31.5);
    QStringList names;
    for (const PowerSupply &supply : snapshot.power)
        names.append(supply.name);
    QCOMPARE(names, QStringList({QStringLiteral("AC"), QStringLiteral("BAT0"),
                                 QStringLiteral("ucsi-source-psy-USBC000")}));

    // Unplugged again: gone at the next scan, 30 s after the one at 35 s. (A fixture's removed
    // file still reads through its open descriptor; sysfs answers ENODEV, dropped at once.)
    QVERIFY(QDir(usb).removeRecursively());
    collector.collect(snapshot, 64 * second);
    QCOMPARE(snapshot.fans.size(), 5);
    collector.collect(snapshot, 65 * second);
    QCOMPARE(snapshot.fans.size(), 4);
    QVERIFY(!fanLabels(snapshot).contains(QStringLiteral("corsaircpro fan1")));
    QCOMPARE(labels(snapshot), QStringList({QStringLiteral("nct6798 1")}));
}

void TstSensorCollector::failingReadIsLeftOutUntilItRecovers_data()
{
    QTest::addColumn<QByteArray>("broken");

    QTest::newRow("empty read") << QByteArray();
    QTest::newRow("not a number") << QByteArray("N/A\n");
    QTest::newRow("two numbers") << QByteArray("45000 46000\n");
}

void TstSensorCollector::failingReadIsLeftOutUntilItRecovers()
{
    QFETCH(QByteArray, broken);
    QTemporaryDir sys;
    QVERIFY(copyFixture(QStringLiteral("twodrives"), sys.path()));
    SensorCollector collector(SystemPaths{{}, sys.path()});
    const QString input = sys.filePath(QStringLiteral("class/hwmon/hwmon1/temp1_input"));
    Snapshot snapshot;
    collector.collect(snapshot, 1);
    QCOMPARE(snapshot.temps.size(), 3);

    QVERIFY(writeFile(input, broken));
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("cannot read")));
    collector.collect(snapshot, 2);
    QCOMPARE(labels(snapshot),
             QStringList({QStringLiteral("nvme Composite"), QStringLiteral("thermal_zone0")}));

    QVERIFY(writeFile(input, "42100\n"));
    collector.collect(snapshot, 3);
    QCOMPARE(snapshot.temps.size(), 3);
    QCOMPARE(snapshot.temps[1].label, QStringLiteral("nvme Composite #2"));
    QCOMPARE(snapshot.temps[1].celsius, 42.1);
}

void TstSensorCollector::sleepingGpuChipIsNeverOpened()
{
    // An amdgpu dGPU runtime-suspended, its hwmon chip beside an ordinary one, linked the way
    // the kernel does it.
    QTemporaryDir sys;
    const QString root = sys.path();
    const QString device = root + QStringLiteral("/devices/pci0000:00/0000:03:00.0");
    const QString gpuChip = device + QStringLiteral("/hwmon/hwmon1");
    QVERIFY(QDir().mkpath(gpuChip));
    QVERIFY(QDir().mkpath(device + QStringLiteral("/drm/card1")));
    QVERIFY(QDir().mkpath(device + QStringLiteral("/power")));
    QVERIFY(QDir().mkpath(root + QStringLiteral("/class/hwmon/hwmon0")));
    QCOMPARE(::symlink("../../../0000:03:00.0", QFile::encodeName(gpuChip + "/device").constData()),
             0);
    QCOMPARE(::symlink("../../devices/pci0000:00/0000:03:00.0/hwmon/hwmon1",
                       QFile::encodeName(root + "/class/hwmon/hwmon1").constData()),
             0);
    const QString status = device + QStringLiteral("/power/runtime_status");
    QVERIFY(writeFile(status, "suspended\n"));
    QVERIFY(writeFile(gpuChip + QStringLiteral("/name"), "amdgpu\n"));
    QVERIFY(writeFile(gpuChip + QStringLiteral("/temp1_input"), "45000\n"));
    QVERIFY(writeFile(gpuChip + QStringLiteral("/temp1_crit"), "100000\n"));
    QVERIFY(writeFile(gpuChip + QStringLiteral("/fan1_input"), "1200\n"));
    QVERIFY(writeFile(root + QStringLiteral("/class/hwmon/hwmon0/name"), "coretemp\n"));
    QVERIFY(writeFile(root + QStringLiteral("/class/hwmon/hwmon0/temp1_input"), "50000\n"));

    // Every open of the GPU chip's value files is seen by inotify.
    const int watcher = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    QVERIFY(watcher >= 0);
    for (const char *file : {"/temp1_input", "/temp1_crit", "/fan1_input"})
        QVERIFY(inotify_add_watch(watcher, QFile::encodeName(gpuChip + QLatin1StringView(file)),
                                  IN_OPEN) >= 0);
    const auto opensSeen = [watcher] {
        char events[4096];
        const ssize_t length = ::read(watcher, events, sizeof events);
        return length > 0;
    };

    constexpr qint64 second = 1'000'000'000;
    SensorCollector collector(SystemPaths{{}, root}, 30 * second);
    for (int tick = 1; tick <= 40; ++tick) { // past a rescan at 30 s
        Snapshot snapshot;
        collector.collect(snapshot, tick * second);
        QCOMPARE(labels(snapshot), QStringList{QStringLiteral("coretemp 1")});
        QVERIFY(snapshot.fans.isEmpty());
    }
    QVERIFY(!opensSeen());

    // Awake, the same chip is read, and inotify sees it: the check above could have failed.
    QVERIFY(writeFile(status, "active\n"));
    Snapshot snapshot;
    collector.collect(snapshot, 41 * second);
    QCOMPARE(labels(snapshot),
             (QStringList{QStringLiteral("coretemp 1"), QStringLiteral("amdgpu 1")}));
    QCOMPARE(snapshot.temps.at(1).celsius, 45.0); // 45000 m°C
    QCOMPARE(snapshot.fans.size(), 1);
    QCOMPARE(snapshot.fans.first().rpm, 1200.0);
    QVERIFY(opensSeen());
    ::close(watcher);
}

QTEST_GUILESS_MAIN(TstSensorCollector)
#include "tst_sensorcollector.moc"
