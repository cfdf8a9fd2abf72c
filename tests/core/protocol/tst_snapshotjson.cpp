#include "jsonleaves.h"
#include "protocol/snapshotjson.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QTest>

#include <bit>
#include <limits>

Q_DECLARE_METATYPE(Snapshot)

class TestSnapshotJson : public QObject
{
    Q_OBJECT

private slots:
    void matchesTheGoldenSample_data();
    void matchesTheGoldenSample();
    void everyFieldCarriesItsOwnValue();
    void unknownValuesAreNull();
    void pressureAbsentWithoutPsi();
    void cgroupsAbsentWithoutCgroupFs();
    void gpusCarryEveryFieldOrNull();
    void numbersAreRounded_data();
    void numbersAreRounded();
    void numbersReadBackExactly();
    void hostCarriesCpuModelAndCount();
    void windowIsColumnar();
};

namespace {

constexpr double Inf = std::numeric_limits<double>::infinity();
constexpr quint64 MaxU64 = std::numeric_limits<quint64>::max();
// The largest integer a double holds exactly, and its neighbours: the writer sends a whole number
// up to it as an integer, anything larger as a double (2^53 + 1 arrives as 2^53).
constexpr quint64 Pow53 = 1ull << 53;

// The sample as a client reads it: the text the stream, the API and --snapshot send, parsed.
QJsonObject written(const Snapshot &s)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(SnapshotJson::snapshotText(s), &error);
    if (error.error != QJsonParseError::NoError)
        qFatal("snapshotText is not JSON: %s", qPrintable(error.errorString()));
    return document.object();
}

// Every field of the Snapshot set, every optional part present (and, in lists of two, absent
// beside it), with the values a writer gets wrong: NaN and infinities (null), -0 (0), 0.1 + 0.2,
// halves on either side of the rounding (2.675 is 2.67499..., 1.115 is 1.11500...), magnitudes
// too large to scale, counters past 2^53, texts a writer must escape or keep as UTF-8.
Snapshot fullSnapshot()
{
    Snapshot s;
    s.seq = Pow53 + 1;
    s.ts = -qint64(Pow53) - 2; // one step below -2^53: a double, not an integer
    s.cpu.total = 0.1 + 0.2;
    s.cpu.user = 1.005;
    s.cpu.system = -0.0;
    s.cpu.iowait = Inf;
    s.cpu.steal = -Inf;
    s.cpu.cores = {qQNaN(), 2.675, 1.115, -0.001, 1e300, 1.8e306, -1.8e306, 100, -42.125};
    s.cpu.coreSeconds = {{1, 2, 3, 4, 5, 6, 7, 8}};
    s.cpu.coreMhz = {2400.5, qQNaN(), -2.5, 1e308, 4.9e-324, 0.49999999999999994};
    s.load = {12.345, 1e-300, -1e-300};
    s.mem = {MaxU64, Pow53 + 1, Pow53, Pow53 - 1, 0, 99.995};
    s.swap = {1ull << 32, 1, qQNaN()};
    s.disks.append({QStringLiteral("/mnt/\"quoted\" dir"), QStringLiteral("C:\\dev\\sda"),
                    QString(), MaxU64, Pow53 + 1, 33.335, 1234.5, -0.4, 0, Pow53});
    s.disks.append({QStringLiteral("/media/été/中文/😀"), QStringLiteral("/dev/sd\x01\n\t\r\b\f"),
                    QStringLiteral("ext4"), 1, 0, Inf, qQNaN(), 1e300, Pow53 - 1, 123});
    s.net.append({QStringLiteral("eth0\x7f\x1f"), 1.8e306, -Inf, MaxU64, 12345});
    s.net.append({QStringLiteral("wlan\"0\\"), 0.5, 2.5, 0, Pow53 + 3});
    s.procs = {std::numeric_limits<int>::max(),
               std::numeric_limits<int>::min(),
               0,
               {{std::numeric_limits<int>::max(), QStringLiteral("kworker/0:1 \"x\"\\\n"), 150.257,
                 MaxU64},
                {-1, QString(), qQNaN(), 0},
                {1, QStringLiteral("emoji 😀 中 é </script>"), 0.125, 4096}}};
    s.temps.append({QStringLiteral("CPU \"Tctl\""), -12.345, qQNaN(), Inf});
    s.temps.append({QString(), 47.25, 80.05, -0.04});
    s.fans.append({QStringLiteral("nct6798 fan\t1"), 1234.5});
    s.fans.append({QStringLiteral("é"), qQNaN()});
    s.power.append({QStringLiteral("BAT0"), QStringLiteral("Battery"), 87.5,
                    QStringLiteral("Discharging"), 9.995, 41.304, 1e300, -1});
    s.power.append(
        {QStringLiteral("AC"), QStringLiteral("Mains"), qQNaN(), {}, qQNaN(), -Inf, -0.0, 1});
    s.power.append({QStringLiteral("ucsi-source-psy-USBC000:001"), QStringLiteral("USB"), 0,
                    QStringLiteral("Not charging"), 0.005, 2.675, 1.115, 0});
    s.pressure = Pressure{
        PressureResource{{1.115, 2.675, MaxU64, 4.4},
                         PressureStall{0.005, qQNaN(), Pow53 + 1, Inf}},
        PressureResource{{-0.0, Inf, 0, qQNaN()}, PressureStall{99.999, 1e300, Pow53, 1}},
        PressureResource{{0.1 + 0.2, -1.8e306, 1, 2}, PressureStall{100, 0, Pow53 - 1, 3}}};
    s.cgroups = QList<CgroupUsage>{
        {QStringLiteral("nginx.service"),
         QStringLiteral("service"),
         {},
         QStringLiteral("/system.slice/nginx.service"),
         12.345,
         Pow53 + 1,
         100.5,
         qQNaN(),
         MaxU64,
         Pow53},
        {QStringLiteral("web \"app\""), QStringLiteral("container"), QStringLiteral("docker"),
         QStringLiteral("/system.slice/docker-\\x2d.scope"), -0.0, 0, Inf, 1.8e306, 0, 1},
        {QStringLiteral("session-2.scope"),
         QStringLiteral("session"),
         {},
         QStringLiteral("/user.slice/session-2.scope"),
         {},
         {},
         {},
         {},
         {}}};
    GpuUsage awake;
    awake.id = QStringLiteral("0000:03:00.0");
    awake.name = QStringLiteral("Navi 21 \"XT\" 中");
    awake.vendor = QStringLiteral("amd");
    awake.driver = QStringLiteral("amdgpu");
    awake.state = QStringLiteral("active");
    awake.load = 37.05;
    awake.temp = -0.04;
    awake.tempCritical = Inf;
    awake.power = 15.125;
    awake.powerLimit = 1e300;
    awake.clock = 2500.5;
    awake.fan = qQNaN();
    awake.vramUsed = Pow53 + 1;
    awake.vramTotal = MaxU64;
    awake.gttUsed = 0;
    awake.gttTotal = Pow53;
    GpuUsage asleep;
    asleep.id = QStringLiteral("0000:00:02.0");
    asleep.name = QString();
    asleep.vendor = QStringLiteral("intel");
    asleep.driver = QStringLiteral("i915");
    asleep.state = QStringLiteral("suspended");
    s.gpus = {awake, asleep};
    s.uptime = 3600.5;
    s.self = {.clients = std::numeric_limits<int>::min(),
              .messagesSent = MaxU64,
              .bytesSent = Pow53 + 1,
              .dropped = Pow53,
              .rejected = Pow53 - 1,
              .slowClosed = 1,
              .errors = 2,
              .authFailures = 3,
              .bannedAddresses = std::numeric_limits<int>::max(),
              .tickUs = -qint64(Pow53),
              .lateTicks = 4,
              .historyErrors = 5,
              .notifySent = 6,
              .notifyFailed = 7,
              .notifyChannels = {{QStringLiteral("mail"), 1.5, 8, 9}},
              .fleetHosts = {{QStringLiteral("edge-1"), 2.5}},
              .cpu = 0.015,
              .rss = 1ull << 40};
    return s;
}

// Nothing collected: empty lists, no pressure, no cgroups, every number its default.
Snapshot minimalSnapshot()
{
    return Snapshot();
}

} // namespace

void TestSnapshotJson::matchesTheGoldenSample_data()
{
    QTest::addColumn<Snapshot>("snapshot");
    QTest::addColumn<QString>("golden");
    QTest::newRow("full") << fullSnapshot() << QStringLiteral("data/sample-full.json");
    QTest::newRow("minimal") << minimalSnapshot() << QStringLiteral("data/sample-minimal.json");
}

// The files hold what the QJsonDocument writer sent before the sample got a writer of its own;
// every client parses the text, so the parsed text must stay the same, value for value.
void TestSnapshotJson::matchesTheGoldenSample()
{
    QFETCH(Snapshot, snapshot);
    QFETCH(QString, golden);
    QFile file(QFINDTESTDATA(golden));
    QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(golden));
    QJsonParseError error;
    const QJsonDocument expected = QJsonDocument::fromJson(file.readAll(), &error);
    QCOMPARE(error.error, QJsonParseError::NoError);
    const QJsonObject sent = written(snapshot);
    QCOMPARE(JsonLeaves::of(sent), JsonLeaves::of(expected.object()));
    QCOMPARE(sent, expected.object());
}

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
    const QJsonObject o = written(s);

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
    const QJsonObject o = written(s);
    const QJsonArray cores = o[QStringLiteral("cpu")][QStringLiteral("cores")].toArray();
    QVERIFY(cores[1].isNull());
    QCOMPARE(cores[2].toDouble(), 30.0);
    QVERIFY(o[QStringLiteral("temps")][0][QStringLiteral("high")].isNull());
    // No cpufreq, no fans, no power supplies: empty lists, never invented values.
    QCOMPARE(o[QStringLiteral("cpu")][QStringLiteral("coreMhz")].toArray().size(), 0);
    QCOMPARE(o[QStringLiteral("fans")].toArray().size(), 0);
    QCOMPARE(o[QStringLiteral("power")].toArray().size(), 0);
    const QByteArray text = SnapshotJson::snapshotText(s);
    QVERIFY(!text.contains("nan"));
    QVERIFY(!text.contains("inf"));
}

void TestSnapshotJson::pressureAbsentWithoutPsi()
{
    Snapshot s;
    QVERIFY(!written(s).contains(QStringLiteral("pressure")));
    // A kernel with only some resources: the others are absent, not zero.
    s.pressure = Pressure{{}, PressureResource{{1, 2, 3, 4}, {}}, {}};
    const QJsonObject pressure = written(s)[QStringLiteral("pressure")].toObject();
    QCOMPARE(pressure.keys(), QStringList{QStringLiteral("memory")});
    QCOMPARE(pressure[QStringLiteral("memory")].toObject().keys(),
             QStringList{QStringLiteral("some")});
}

void TestSnapshotJson::cgroupsAbsentWithoutCgroupFs()
{
    Snapshot s;
    QVERIFY(!written(s).contains(QStringLiteral("cgroups")));
    // A cgroup fs with no unit in it: an empty list, which says the monitor looked.
    s.cgroups = QList<CgroupUsage>();
    const QJsonValue cgroups = written(s)[QStringLiteral("cgroups")];
    QVERIFY(cgroups.isArray());
    QCOMPARE(cgroups.toArray().size(), 0);
}

void TestSnapshotJson::gpusCarryEveryFieldOrNull()
{
    Snapshot s;
    // No GPU: an empty list, never an invented one.
    QCOMPARE(written(s)[QStringLiteral("gpus")].toArray().size(), 0);

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

    const QJsonObject o{{QStringLiteral("gpus"), written(s)[QStringLiteral("gpus")]}};
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

// Any double, of any magnitude or precision, reads back as the very double SnapshotJson::number
// rounds it to: whole numbers (coreMhz) and fractions (cores), both sides of 2^53.
void TestSnapshotJson::numbersReadBackExactly()
{
    QRandomGenerator random(19);
    Snapshot s;
    for (int i = 0; i < 4000; ++i) {
        const double anyBits = std::bit_cast<double>(random.generate64());
        s.cpu.cores << anyBits << random.bounded(1e6) << random.bounded(1e17);
        s.cpu.coreMhz << anyBits << random.bounded(1e20);
    }
    const QJsonObject cpu = written(s)[QStringLiteral("cpu")].toObject();
    const auto check = [](const QJsonArray &sent, const QList<double> &values, int decimals) {
        QCOMPARE(sent.size(), values.size());
        for (qsizetype i = 0; i < values.size(); ++i) {
            const QJsonValue expected = SnapshotJson::number(values[i], decimals);
            const bool same = sent[i].isNull() ? expected.isNull()
                                               : std::bit_cast<quint64>(sent[i].toDouble()) ==
                                                     std::bit_cast<quint64>(expected.toDouble());
            QVERIFY2(same, qPrintable(QStringLiteral("%1 sent as %2, rounded to %3")
                                          .arg(values[i], 0, 'g', 17)
                                          .arg(sent[i].toDouble(), 0, 'g', 17)
                                          .arg(expected.toDouble(), 0, 'g', 17)));
        }
    };
    check(cpu[QStringLiteral("cores")].toArray(), s.cpu.cores, 2);
    if (QTest::currentTestFailed())
        return;
    check(cpu[QStringLiteral("coreMhz")].toArray(), s.cpu.coreMhz, 0);
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
