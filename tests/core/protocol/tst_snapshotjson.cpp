#include "jsonleaves.h"
#include "protocol/snapshotjson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

class TestSnapshotJson : public QObject
{
    Q_OBJECT

private slots:
    void everyFieldCarriesItsOwnValue();
    void unknownValuesAreNull();
    void pressureAbsentWithoutPsi();
    void cgroupsAbsentWithoutCgroupFs();
    void gpusCarryEveryFieldOrNull();
    void numbersAreRounded_data();
    void numbersAreRounded();
    void hostCarriesCpuModelAndCount();
    void windowIsColumnar();
};

void TestSnapshotJson::everyFieldCarriesItsOwnValue()
{
    // Every number is different from every other, so a field that serializes its neighbour's
    // value (rx for tx, read for write, user for system) cannot pass.
    Snapshot s;
    s.seq = 7;
    s.ts = 1700000000123;
    s.cpu.total = 41.234;  // two decimals: 41.23
    s.cpu.user = 11.116;   // 11.12
    s.cpu.system = 22.221; // 22.22
    s.cpu.iowait = 3.5;
    s.cpu.steal = 4.25;
    s.cpu.cores = {10, 20.5};
    s.cpu.coreMhz = {2400.4, qQNaN()}; // whole MHz: 2400; a core without cpufreq: null
    s.load = {0.51, 1.52, 2.53};
    s.mem.total = 8ull << 30;     // 8 GiB = 8589934592: larger than 32 bits, must stay exact
    s.mem.used = 3ull << 30;      // 3221225472
    s.mem.available = 5ull << 30; // 5368709120
    s.mem.cached = 1ull << 30;    // 1073741824
    s.mem.buffers = 64ull << 20;  // 67108864
    s.mem.percent = 37.5;
    s.swap.total = 2ull << 30;  // 2147483648
    s.swap.used = 512ull << 20; // 536870912
    s.swap.percent = 25;
    s.disks.append({QStringLiteral("/"), QStringLiteral("/dev/vda"), QStringLiteral("ext4"), 100000,
                    40000, 40, 1234.4, 5678.6, 111111, 222222});
    s.net.append({QStringLiteral("eth0"), 1500.4, 2500.6, 333333, 444444});
    s.procs.count = 120;
    s.procs.running = 3;
    s.procs.threads = 456;
    s.procs.top.append({42, QStringLiteral("init"), 1.5, 4096});
    s.procs.top.append({43, QStringLiteral("make"), 150.257, 8192});
    s.temps.append({QStringLiteral("cpu"), 47.25, 80.5, 95});
    s.fans.append({QStringLiteral("nct6798 Pump"), 1234.6}); // whole RPM: 1235
    // A battery: capacity whole (87.4 -> 87), watts and Wh two decimals (9.876 -> 9.88, 41.304
    // -> 41.3, 47.526 -> 47.53), online not said (null). A mains adapter: online only.
    s.power.append({QStringLiteral("BAT0"), QStringLiteral("Battery"), 87.4,
                    QStringLiteral("Discharging"), 9.876, 41.304, 47.526, -1});
    s.power.append(
        {QStringLiteral("AC"), QStringLiteral("Mains"), qQNaN(), {}, qQNaN(), qQNaN(), qQNaN(), 1});
    // cpu without full (before Linux 5.13), memory and io with it. The stall rate is not sent:
    // a client takes it from two ticks' totalUs (docs/metrics.md "Pressure").
    s.pressure =
        Pressure{PressureResource{{1.111, 2.22, 3000, 4.444}, {}},
                 PressureResource{{5.5, 6.5, 7000, 8.5}, PressureStall{9.125, 10.25, 11000, 12.75}},
                 PressureResource{{13, 14, 15000, qQNaN()}, PressureStall{16, 17, 18000, qQNaN()}}};
    // A unit with every value, and a container whose controllers are not enabled: null, not 0.
    // cpu two decimals as every percentage, rates whole bytes (100.4 -> 100, 200.6 -> 201); the
    // unit's memory limit 512 MiB = 536870912 bytes, the container none.
    s.cgroups = QList<CgroupUsage>{{QStringLiteral("nginx.service"),
                                    QStringLiteral("service"),
                                    {},
                                    QStringLiteral("/system.slice/nginx.service"),
                                    12.5,
                                    1048576,
                                    100.4,
                                    200.6,
                                    5,
                                    536870912},
                                   {QStringLiteral("web"),
                                    QStringLiteral("container"),
                                    QStringLiteral("docker"),
                                    QStringLiteral("/system.slice/docker-ab.scope"),
                                    0.0,
                                    {},
                                    {},
                                    {},
                                    {}}};
    s.uptime = 3600.7;
    s.self = {.clients = 2,
              .messagesSent = 1000,
              .bytesSent = 2000000,
              .dropped = 5,
              .rejected = 6,
              .slowClosed = 7,
              .errors = 8,
              .authFailures = 10,
              .bannedAddresses = 3,
              .tickUs = 900,
              .lateTicks = 9,
              .historyErrors = 11,
              .notifySent = 12,
              .notifyFailed = 13,
              .cpu = 0.75,
              .rss = 30000000};
    const QJsonObject o = SnapshotJson::snapshot(s);

    // Rates carry whole bytes (1234.4 -> 1234, 5678.6 -> 5679, 1500.4 -> 1500, 2500.6 -> 2501),
    // percentages two decimals (150.257 -> 150.26, 1.111 -> 1.11, 9.125 -> 9.13),
    // Celsius one (47.25 -> 47.3), uptime whole seconds (3600.7 -> 3601).
    const QByteArray expected = R"({
        "seq": 7, "ts": 1700000000123,
        "cpu": {"total": 41.23, "user": 11.12, "system": 22.22, "iowait": 3.5, "steal": 4.25,
                "cores": [10, 20.5], "coreMhz": [2400, null]},
        "load": [0.51, 1.52, 2.53],
        "mem": {"total": 8589934592, "used": 3221225472, "available": 5368709120,
                "cached": 1073741824, "buffers": 67108864, "percent": 37.5},
        "swap": {"total": 2147483648, "used": 536870912, "percent": 25},
        "disks": [{"mount": "/", "device": "/dev/vda", "fs": "ext4", "total": 100000,
                   "used": 40000, "percent": 40, "readBps": 1234, "writeBps": 5679,
                   "readTotal": 111111, "writeTotal": 222222}],
        "net": [{"iface": "eth0", "rxBps": 1500, "txBps": 2501, "rxTotal": 333333,
                 "txTotal": 444444}],
        "procs": {"count": 120, "running": 3, "threads": 456,
                  "top": [{"pid": 42, "name": "init", "cpu": 1.5, "rss": 4096},
                          {"pid": 43, "name": "make", "cpu": 150.26, "rss": 8192}]},
        "temps": [{"label": "cpu", "celsius": 47.3, "high": 80.5, "critical": 95}],
        "fans": [{"label": "nct6798 Pump", "rpm": 1235}],
        "power": [{"name": "BAT0", "type": "Battery", "capacity": 87, "status": "Discharging",
                   "watts": 9.88, "energyWh": 41.3, "energyFullWh": 47.53, "online": null},
                  {"name": "AC", "type": "Mains", "capacity": null, "status": null,
                   "watts": null, "energyWh": null, "energyFullWh": null, "online": true}],
        "pressure": {
            "cpu": {"some": {"avg10": 1.11, "avg60": 2.22, "totalUs": 3000}},
            "memory": {"some": {"avg10": 5.5, "avg60": 6.5, "totalUs": 7000},
                       "full": {"avg10": 9.13, "avg60": 10.25, "totalUs": 11000}},
            "io": {"some": {"avg10": 13, "avg60": 14, "totalUs": 15000},
                   "full": {"avg10": 16, "avg60": 17, "totalUs": 18000}}},
        "cgroups": [{"name": "nginx.service", "kind": "service", "runtime": null,
                     "path": "/system.slice/nginx.service", "cpu": 12.5, "memory": 1048576,
                     "memoryLimit": 536870912, "readBps": 100, "writeBps": 201, "pids": 5},
                    {"name": "web", "kind": "container", "runtime": "docker",
                     "path": "/system.slice/docker-ab.scope", "cpu": 0, "memory": null,
                     "memoryLimit": null, "readBps": null, "writeBps": null, "pids": null}],
        "uptime": 3601,
        "self": {"clients": 2, "messagesSent": 1000, "bytesSent": 2000000, "dropped": 5,
                 "rejected": 6, "slowClosed": 7, "errors": 8, "authFailures": 10,
                 "bannedAddresses": 3, "tickUs": 900, "lateTicks": 9, "historyErrors": 11,
                 "notifySent": 12, "notifyFailed": 13, "cpu": 0.75, "rss": 30000000}
    })";
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(expected, &error);
    QCOMPARE(error.error, QJsonParseError::NoError);
    QCOMPARE(JsonLeaves::of(o), JsonLeaves::of(document.object()));
}

void TestSnapshotJson::unknownValuesAreNull()
{
    Snapshot s;
    s.cpu.cores = {10, qQNaN(), 30};
    s.temps.append({QStringLiteral("nvme"), 40, qQNaN(), qQNaN()});
    const QJsonObject o = SnapshotJson::snapshot(s);
    const QJsonArray cores = o[QStringLiteral("cpu")][QStringLiteral("cores")].toArray();
    QVERIFY(cores[1].isNull());
    QCOMPARE(cores[2].toDouble(), 30.0);
    QVERIFY(o[QStringLiteral("temps")][0][QStringLiteral("high")].isNull());
    // No cpufreq, no fans, no power supplies: empty lists, never invented values.
    QCOMPARE(o[QStringLiteral("cpu")][QStringLiteral("coreMhz")].toArray().size(), 0);
    QCOMPARE(o[QStringLiteral("fans")].toArray().size(), 0);
    QCOMPARE(o[QStringLiteral("power")].toArray().size(), 0);
    const QByteArray text = QJsonDocument(o).toJson(QJsonDocument::Compact);
    QVERIFY(!text.contains("nan"));
    QVERIFY(!text.contains("inf"));
}

void TestSnapshotJson::pressureAbsentWithoutPsi()
{
    Snapshot s;
    QVERIFY(!SnapshotJson::snapshot(s).contains(QStringLiteral("pressure")));
    // A kernel with only some resources: the others are absent, not zero.
    s.pressure = Pressure{{}, PressureResource{{1, 2, 3, 4}, {}}, {}};
    const QJsonObject pressure = SnapshotJson::snapshot(s)[QStringLiteral("pressure")].toObject();
    QCOMPARE(pressure.keys(), QStringList{QStringLiteral("memory")});
    QCOMPARE(pressure[QStringLiteral("memory")].toObject().keys(),
             QStringList{QStringLiteral("some")});
}

void TestSnapshotJson::cgroupsAbsentWithoutCgroupFs()
{
    Snapshot s;
    QVERIFY(!SnapshotJson::snapshot(s).contains(QStringLiteral("cgroups")));
    // A cgroup fs with no unit in it: an empty list, which says the monitor looked.
    s.cgroups = QList<CgroupUsage>();
    const QJsonValue cgroups = SnapshotJson::snapshot(s)[QStringLiteral("cgroups")];
    QVERIFY(cgroups.isArray());
    QCOMPARE(cgroups.toArray().size(), 0);
}

void TestSnapshotJson::gpusCarryEveryFieldOrNull()
{
    Snapshot s;
    // No GPU: an empty list, never an invented one.
    QCOMPARE(SnapshotJson::snapshot(s)[QStringLiteral("gpus")].toArray().size(), 0);

    // Every value different, so a field carrying its neighbour's value cannot pass.
    GpuUsage awake;
    awake.id = QStringLiteral("0000:03:00.0");
    awake.name = QStringLiteral("Navi 21");
    awake.vendor = QStringLiteral("amd");
    awake.driver = QStringLiteral("amdgpu");
    awake.state = QStringLiteral("active");
    awake.load = 37.04; // one decimal: 37
    awake.vramUsed = 1073741824;
    awake.vramTotal = 17163091968;
    awake.gttUsed = 2097152;
    awake.gttTotal = 8589934592;
    awake.temp = 45.25;       // 45.3 (one decimal, half away from zero)
    awake.tempCritical = 100; // 100
    awake.power = 15.126;     // two decimals: 15.13
    awake.powerLimit = 203;   // 203
    awake.clock = 2500.4;     // whole MHz: 2500
    awake.fan = 33.3;         // whole percent: 33
    // Asleep: only the non-waking memory counters were read.
    GpuUsage asleep;
    asleep.id = QStringLiteral("0000:00:02.0");
    asleep.name = QStringLiteral("Intel GPU 8086:46a6");
    asleep.vendor = QStringLiteral("intel");
    asleep.driver = QStringLiteral("i915");
    asleep.state = QStringLiteral("suspended");
    asleep.vramUsed = 4096;
    s.gpus = {awake, asleep};

    const QJsonObject o{
        {QStringLiteral("gpus"), SnapshotJson::snapshot(s)[QStringLiteral("gpus")]}};
    const char *expected = R"({"gpus": [
        {"id": "0000:03:00.0", "name": "Navi 21", "vendor": "amd", "driver": "amdgpu",
         "state": "active", "load": 37, "vramUsed": 1073741824, "vramTotal": 17163091968,
         "gttUsed": 2097152, "gttTotal": 8589934592, "temp": 45.3, "tempCritical": 100,
         "power": 15.13, "powerLimit": 203, "clock": 2500, "fan": 33},
        {"id": "0000:00:02.0", "name": "Intel GPU 8086:46a6", "vendor": "intel",
         "driver": "i915", "state": "suspended", "load": null, "vramUsed": 4096,
         "vramTotal": null, "gttUsed": null, "gttTotal": null, "temp": null,
         "tempCritical": null, "power": null, "powerLimit": null, "clock": null, "fan": null}
    ]})";
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(expected, &error);
    QCOMPARE(error.error, QJsonParseError::NoError);
    QCOMPARE(JsonLeaves::of(o), JsonLeaves::of(document.object()));
}

void TestSnapshotJson::numbersAreRounded_data()
{
    QTest::addColumn<double>("value");
    QTest::addColumn<int>("decimals");
    QTest::addColumn<double>("expected");
    QTest::newRow("percent") << 12.3456 << 2 << 12.35;
    QTest::newRow("rate") << 1023.6 << 0 << 1024.0;
    QTest::newRow("celsius") << 47.25 << 1 << 47.3;
    QTest::newRow("negative zero stays zero") << -0.001 << 2 << 0.0;
    // 1e307 × 100 is past the largest double: the number has no decimals to round anyway.
    QTest::newRow("too large to scale stays itself") << 1e307 << 2 << 1e307;
}

void TestSnapshotJson::numbersAreRounded()
{
    QFETCH(double, value);
    QFETCH(int, decimals);
    QFETCH(double, expected);
    const QJsonValue rounded = SnapshotJson::number(value, decimals);
    QCOMPARE(rounded.toDouble(), expected);
    QVERIFY(!QJsonDocument(QJsonArray{rounded}).toJson().contains('-') || expected < 0);
}

void TestSnapshotJson::hostCarriesCpuModelAndCount()
{
    HostInfo host{QStringLiteral("box"),
                  QStringLiteral("6.1.0"),
                  QStringLiteral("Debian"),
                  QStringLiteral("Ryzen"),
                  8,
                  1000};
    const QJsonObject o = SnapshotJson::host(host);
    QCOMPARE(o[QStringLiteral("cpu")][QStringLiteral("model")].toString(), QStringLiteral("Ryzen"));
    QCOMPARE(o[QStringLiteral("cpu")][QStringLiteral("count")].toInt(), 8);
    QCOMPARE(o[QStringLiteral("hostname")].toString(), QStringLiteral("box"));
}

void TestSnapshotJson::windowIsColumnar()
{
    History::Window w;
    w.ts = {1000, 2000};
    w.series.append({QStringLiteral("cpu.total"), {1.5, qQNaN()}});
    const QJsonObject o = SnapshotJson::window(w);
    QCOMPARE(o[QStringLiteral("ts")].toArray().size(), 2);
    const QJsonArray cpu = o[QStringLiteral("series")][QStringLiteral("cpu.total")].toArray();
    QCOMPARE(cpu[0].toDouble(), 1.5);
    QVERIFY(cpu[1].isNull());
}

QTEST_GUILESS_MAIN(TestSnapshotJson)
#include "tst_snapshotjson.moc"
