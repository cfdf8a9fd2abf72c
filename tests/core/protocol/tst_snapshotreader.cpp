#include "jsonleaves.h"
#include "protocol/snapshotjson.h"
#include "protocol/snapshotreader.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

#include <limits>

class TestSnapshotReader : public QObject
{
    Q_OBJECT

private slots:
    void roundTripKeepsEveryField();
    void roundTripOfAnEmptySnapshot();
    void readsAHandWrittenSample();
    void wrongTypesGiveDefaults();
    void outOfRangeNumbersAreClamped();
    void missingEverythingGivesDefaults();
    void readsHost();
    void hostWithNothingIsEmpty();
};

namespace {

QJsonObject parse(const QByteArray &text)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(text, &error);
    if (error.error != QJsonParseError::NoError)
        qFatal("fixture is not JSON: %s", qPrintable(error.errorString()));
    return document.object();
}

// Every number different from every other, most not yet rounded as SnapshotJson rounds them, so
// a field read into its neighbour (rx for tx, vramUsed for vramTotal) or rounded twice differently
// cannot pass.
Snapshot everyField()
{
    Snapshot s;
    s.seq = 7;
    s.ts = 1700000000123;
    s.cpu = {41.234, 11.116, 22.221, 3.5, 4.25, {10, qQNaN(), 20.5}, {}, {2400.4, qQNaN()}};
    s.load = {0.511, 1.52, 2.53};
    s.mem = {8ull << 30, 3ull << 30, 5ull << 30, 1ull << 30, 64ull << 20, 37.5};
    s.swap = {2ull << 30, 512ull << 20, 25.125};
    s.disks.append({QStringLiteral("/"), QStringLiteral("/dev/vda1"), QStringLiteral("ext4"),
                    100000, 40000, 40.004, 1234.4, 5678.6, 111111, 222222});
    s.disks.append({QStringLiteral("/home"), QStringLiteral("/dev/vdb"), QStringLiteral("xfs"),
                    300000, 90000, 30, qQNaN(), 0, 333333, 444444});
    s.net.append({QStringLiteral("eth0"), 1500.4, 2500.6, 555555, 666666});
    s.net.append({QStringLiteral("wlan0"), 17, qQNaN(), 777777, 888888});
    s.procs = {
        120,
        3,
        456,
        {{42, QStringLiteral("init"), 1.5, 4096}, {43, QStringLiteral("make"), 150.257, 8192}}};
    s.temps.append({QStringLiteral("cpu"), 47.25, 80.5, 95});
    s.temps.append({QStringLiteral("nvme"), 38, qQNaN(), qQNaN()});
    s.fans.append({QStringLiteral("nct6798 Pump"), 1234.6});
    s.power.append({QStringLiteral("BAT0"), QStringLiteral("Battery"), 87.4,
                    QStringLiteral("Discharging"), 9.876, 41.304, 47.526, -1});
    s.power.append(
        {QStringLiteral("AC"), QStringLiteral("Mains"), qQNaN(), {}, qQNaN(), qQNaN(), qQNaN(), 1});
    // cpu without full, memory with it, io absent as on a kernel without it.
    s.pressure =
        Pressure{PressureResource{{1.111, 2.22, 3000, 4.444}, {}},
                 PressureResource{{5.5, 6.5, 7000, 8.5}, PressureStall{9.125, 10.25, 11000}},
                 {}};
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
    GpuUsage gpu;
    gpu.id = QStringLiteral("0000:03:00.0");
    gpu.name = QStringLiteral("Navi 21");
    gpu.vendor = QStringLiteral("amd");
    gpu.driver = QStringLiteral("amdgpu");
    gpu.state = QStringLiteral("active");
    gpu.load = 37.04;
    gpu.temp = 45.25;
    gpu.power = 15.126;
    gpu.clock = 2500.4;
    gpu.vramTotal = 17163091968;
    gpu.gttUsed = 2097152;
    s.gpus = {gpu};
    s.uptime = 3600.7;
    // rss: the largest quint64 is written as 2^64, which a reader clamps back to it.
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
              .cpu = 0.755,
              .rss = std::numeric_limits<quint64>::max()};
    return s;
}

} // namespace

void TestSnapshotReader::roundTripKeepsEveryField()
{
    const QJsonObject written = parse(SnapshotJson::snapshotText(everyField()));
    const Snapshot read = SnapshotReader::snapshot(written);
    QCOMPARE(JsonLeaves::of(parse(SnapshotJson::snapshotText(read))), JsonLeaves::of(written));
    // Not in the JSON: the stall rate waits for a second tick, the health lists stay empty.
    QVERIFY(std::isnan(read.pressure->memory->full->rate));
    QVERIFY(read.cpu.coreSeconds.isEmpty());
    QVERIFY(read.self.notifyChannels.isEmpty());
    QCOMPARE(read.self.rss, std::numeric_limits<quint64>::max());
}

void TestSnapshotReader::roundTripOfAnEmptySnapshot()
{
    // No pressure, no cgroups, no lists: they stay absent and empty.
    const QJsonObject written = parse(SnapshotJson::snapshotText(Snapshot()));
    const Snapshot read = SnapshotReader::snapshot(written);
    QVERIFY(!read.pressure);
    QVERIFY(!read.cgroups);
    QCOMPARE(JsonLeaves::of(parse(SnapshotJson::snapshotText(read))), JsonLeaves::of(written));
}

void TestSnapshotReader::readsAHandWrittenSample()
{
    const Snapshot s = SnapshotReader::snapshot(parse(R"({
        "type": "sample", "unknownKey": {"nested": 1},
        "seq": 12, "ts": 1765000000000,
        "cpu": {"total": 30.5, "user": 20, "system": 8.5, "iowait": null, "steal": 0,
                "cores": [40, 20], "coreMhz": [3400, null]},
        "load": [0.25, 0.5, 0.75],
        "mem": {"total": 17179869184, "used": 4294967296, "available": 12884901888,
                "cached": 2147483648, "buffers": 1048576, "percent": 25},
        "swap": {"total": 0, "used": 0, "percent": null},
        "disks": [{"mount": "/", "device": "/dev/nvme0n1p2", "fs": "ext4", "total": 500,
                   "used": 100, "percent": 20, "readBps": 0, "writeBps": 0,
                   "readTotal": 1, "writeTotal": 2},
                  {"mount": "/data", "device": "/dev/sda1", "fs": "xfs", "total": 1000,
                   "used": 250, "percent": 25, "readBps": 1024, "writeBps": 2048,
                   "readTotal": 3, "writeTotal": 4}],
        "net": [{"iface": "eth0", "rxBps": 125, "txBps": 250, "rxTotal": 5, "txTotal": 6}],
        "procs": {"count": 310, "running": 2, "threads": 900,
                  "top": [{"pid": 4321, "name": "postgres", "cpu": 99.5, "rss": 65536}]},
        "temps": [{"label": "k10temp Tctl", "celsius": 61.5, "high": null, "critical": 100}],
        "fans": [{"label": "nct6798 fan2", "rpm": 950}],
        "power": [{"name": "BAT0", "type": "Battery", "capacity": 80, "status": "Charging",
                   "watts": 12.5, "energyWh": 40, "energyFullWh": 50, "online": null},
                  {"name": "AC", "type": "Mains", "capacity": null, "status": null,
                   "watts": null, "energyWh": null, "energyFullWh": null, "online": true},
                  {"name": "USBC", "type": "USB", "capacity": null, "status": null,
                   "watts": null, "energyWh": null, "energyFullWh": null, "online": false}],
        "pressure": {"cpu": {"some": {"avg10": 1.5, "avg60": 1.25, "totalUs": 100}},
                     "io": {"some": {"avg10": 3, "avg60": 2, "totalUs": 300},
                            "full": {"avg10": 2.75, "avg60": 1.75, "totalUs": 200}}},
        "cgroups": [{"name": "sshd.service", "kind": "service", "runtime": null,
                     "path": "/system.slice/sshd.service", "cpu": 0.5, "memory": null,
                     "memoryLimit": null, "readBps": null, "writeBps": 10, "pids": 3},
                    {"name": "db", "kind": "container", "runtime": "podman",
                     "path": "/machine.slice/libpod-1.scope", "cpu": null, "memory": 4096,
                     "memoryLimit": 8192, "readBps": 20, "writeBps": null, "pids": null}],
        "gpus": [{"id": "0000:01:00.0", "name": "TU117", "vendor": "nvidia", "driver": "nvidia",
                  "state": "suspended", "load": null, "vramUsed": null,
                  "vramTotal": 4294967296, "gttUsed": null, "gttTotal": null, "temp": null,
                  "tempCritical": 95, "power": null, "powerLimit": 75, "clock": null,
                  "fan": null}],
        "uptime": 86400,
        "self": {"clients": 4, "messagesSent": 100, "bytesSent": 200, "dropped": 1,
                 "rejected": 2, "slowClosed": 3, "errors": 4, "authFailures": 5,
                 "bannedAddresses": 6, "tickUs": 1500, "lateTicks": 17, "historyErrors": 8,
                 "notifySent": 9, "notifyFailed": 10, "cpu": 0.25, "rss": 12345678}
    })"));
    QCOMPARE(s.seq, 12u);
    QCOMPARE(s.ts, 1765000000000);
    QCOMPARE(s.cpu.total, 30.5);
    QVERIFY(std::isnan(s.cpu.iowait));
    QCOMPARE(s.cpu.cores, (QList<double>{40, 20}));
    QCOMPARE(s.cpu.coreMhz.size(), 2);
    QCOMPARE(s.cpu.coreMhz[0], 3400.0);
    QVERIFY(std::isnan(s.cpu.coreMhz[1]));
    QCOMPARE(s.load[2], 0.75);
    QCOMPARE(s.mem.available, 12884901888u); // 12 GiB = 12 × 2^30
    QVERIFY(std::isnan(s.swap.percent));
    QCOMPARE(s.disks.size(), 2);
    QCOMPARE(s.disks[1].mount, QStringLiteral("/data"));
    QCOMPARE(s.disks[1].readBps, 1024.0);
    QCOMPARE(s.disks[1].writeBps, 2048.0);
    QCOMPARE(s.disks[1].writeTotal, 4u);
    QCOMPARE(s.net[0].txBps, 250.0);
    QCOMPARE(s.procs.threads, 900);
    QCOMPARE(s.procs.top[0].pid, 4321);
    QCOMPARE(s.procs.top[0].rss, 65536u);
    QCOMPARE(s.temps[0].celsius, 61.5);
    QVERIFY(std::isnan(s.temps[0].high));
    QCOMPARE(s.temps[0].critical, 100.0);
    QCOMPARE(s.fans[0].rpm, 950.0);
    QCOMPARE(s.power[0].online, -1);
    QCOMPARE(s.power[0].status, QStringLiteral("Charging"));
    QCOMPARE(s.power[1].online, 1);
    QCOMPARE(s.power[1].status, QString());
    QVERIFY(std::isnan(s.power[1].watts));
    QCOMPARE(s.power[2].online, 0);
    QVERIFY(s.pressure);
    QVERIFY(s.pressure->cpu);
    QVERIFY(!s.pressure->cpu->full);
    QVERIFY(!s.pressure->memory);
    QCOMPARE(s.pressure->io->some.totalUs, 300u);
    QCOMPARE(s.pressure->io->full->avg10, 2.75);
    QVERIFY(std::isnan(s.pressure->io->full->rate));
    QCOMPARE(s.cgroups->size(), 2);
    QCOMPARE((*s.cgroups)[0].runtime, QString());
    QCOMPARE((*s.cgroups)[0].memory, std::nullopt);
    QCOMPARE((*s.cgroups)[0].writeBps, std::optional(10.0));
    QCOMPARE((*s.cgroups)[1].runtime, QStringLiteral("podman"));
    QCOMPARE((*s.cgroups)[1].memoryLimit, std::optional<quint64>(8192));
    QCOMPARE((*s.cgroups)[1].pids, std::nullopt);
    QCOMPARE(s.gpus[0].state, QStringLiteral("suspended"));
    QCOMPARE(s.gpus[0].vramUsed, std::nullopt);
    QCOMPARE(s.gpus[0].vramTotal, std::optional<quint64>(4294967296)); // 4 GiB = 2^32
    QCOMPARE(s.gpus[0].load, std::nullopt);
    QCOMPARE(s.gpus[0].powerLimit, std::optional(75.0));
    QCOMPARE(s.uptime, 86400.0);
    QCOMPARE(s.self.clients, 4);
    QCOMPARE(s.self.tickUs, 1500);
    QCOMPARE(s.self.lateTicks, 17u);
    QCOMPARE(s.self.rss, 12345678u);
}

void TestSnapshotReader::wrongTypesGiveDefaults()
{
    const Snapshot s = SnapshotReader::snapshot(parse(R"({
        "seq": "7", "ts": true, "cpu": {"total": "busy", "cores": [{"a": 1}, "5", 7, null],
                                        "coreMhz": 3000},
        "load": {"0": 1}, "mem": [1, 2, 3], "swap": "none",
        "disks": [1, "x", {"mount": 5, "total": "big", "readBps": [1]}, null],
        "net": {"eth0": {}}, "procs": {"count": [], "top": [[1, 2], {"pid": "1", "name": 2}]},
        "temps": "hot", "fans": [true],
        "power": [{"online": "yes", "capacity": {}}, {"online": 1}],
        "pressure": "yes", "cgroups": {"a": {}},
        "gpus": [{"vramUsed": "1", "load": [1], "fan": false}],
        "uptime": "1 day", "self": 5
    })"));
    QCOMPARE(s.seq, 0u);
    QCOMPARE(s.ts, 0);
    QVERIFY(std::isnan(s.cpu.total));
    // An entry of the wrong type is an unknown core, so the later cores keep their numbers.
    QCOMPARE(s.cpu.cores.size(), 4);
    QVERIFY(std::isnan(s.cpu.cores[0]));
    QVERIFY(std::isnan(s.cpu.cores[1]));
    QCOMPARE(s.cpu.cores[2], 7.0);
    QVERIFY(std::isnan(s.cpu.cores[3]));
    QVERIFY(s.cpu.coreMhz.isEmpty());
    QVERIFY(std::isnan(s.load[0]));
    QCOMPARE(s.mem.total, 0u);
    QVERIFY(std::isnan(s.mem.percent));
    QCOMPARE(s.swap.used, 0u);
    // Only the object is a disk.
    QCOMPARE(s.disks.size(), 1);
    QCOMPARE(s.disks[0].mount, QString());
    QCOMPARE(s.disks[0].total, 0u);
    QVERIFY(std::isnan(s.disks[0].readBps));
    QVERIFY(s.net.isEmpty());
    QCOMPARE(s.procs.count, 0);
    QCOMPARE(s.procs.top.size(), 1);
    QCOMPARE(s.procs.top[0].pid, 0);
    QCOMPARE(s.procs.top[0].name, QString());
    QVERIFY(s.temps.isEmpty());
    QVERIFY(s.fans.isEmpty());
    QCOMPARE(s.power.size(), 2);
    QCOMPARE(s.power[0].online, -1);
    QVERIFY(std::isnan(s.power[0].capacity));
    QCOMPARE(s.power[1].online, -1); // a number is not a bool
    QVERIFY(!s.pressure);
    QVERIFY(!s.cgroups);
    QCOMPARE(s.gpus.size(), 1);
    QCOMPARE(s.gpus[0].vramUsed, std::nullopt);
    QCOMPARE(s.gpus[0].load, std::nullopt);
    QCOMPARE(s.gpus[0].fan, std::nullopt);
    QVERIFY(std::isnan(s.uptime));
    QCOMPARE(s.self.clients, 0);
    QCOMPARE(s.self.lateTicks, 0u);
    QVERIFY(std::isnan(s.self.cpu));

    // Inside pressure: a resource or "full" that is no object is absent; "some" that is none is
    // an unknown stall.
    const Snapshot p = SnapshotReader::snapshot(
        parse(R"({"pressure": {"cpu": 1, "memory": {"some": "x", "full": []}, "io": null}})"));
    QVERIFY(p.pressure);
    QVERIFY(!p.pressure->cpu);
    QVERIFY(p.pressure->memory);
    QVERIFY(std::isnan(p.pressure->memory->some.avg10));
    QCOMPARE(p.pressure->memory->some.totalUs, 0u);
    QVERIFY(!p.pressure->memory->full);
    QVERIFY(!p.pressure->io);
}

void TestSnapshotReader::outOfRangeNumbersAreClamped()
{
    const Snapshot s = SnapshotReader::snapshot(parse(R"({
        "seq": -5, "ts": 1e300,
        "mem": {"total": 1e300, "used": -1e300, "available": 3.9, "cached": -0.5},
        "procs": {"count": 1e10, "running": -1e10, "top": [{"pid": 2147483648, "rss": 1e20}]},
        "cgroups": [{"memory": -1, "pids": 1.8446744073709552e19}],
        "self": {"tickUs": -1e300, "clients": 2147483647, "bannedAddresses": -2147483649}
    })"));
    QCOMPARE(s.seq, 0u);
    QCOMPARE(s.ts, Q_INT64_C(9223372036854775807));          // 2^63 - 1
    QCOMPARE(s.mem.total, Q_UINT64_C(18446744073709551615)); // 2^64 - 1
    QCOMPARE(s.mem.used, 0u);
    QCOMPARE(s.mem.available, 3u); // the fraction is cut off
    QCOMPARE(s.mem.cached, 0u);
    QCOMPARE(s.procs.count, 2147483647); // 2^31 - 1
    QCOMPARE(s.procs.running, -2147483647 - 1);
    QCOMPARE(s.procs.top[0].pid, 2147483647);
    QCOMPARE(s.procs.top[0].rss, Q_UINT64_C(18446744073709551615)); // 1e20 > 2^64
    QCOMPARE((*s.cgroups)[0].memory, std::optional<quint64>(0));
    // 1.8446744073709552e19 is 2^64 as a double: one past the largest quint64.
    QCOMPARE((*s.cgroups)[0].pids, std::optional(Q_UINT64_C(18446744073709551615)));
    QCOMPARE(s.self.tickUs, std::numeric_limits<qint64>::min());
    QCOMPARE(s.self.clients, 2147483647);
    QCOMPARE(s.self.bannedAddresses, -2147483647 - 1);
}

void TestSnapshotReader::missingEverythingGivesDefaults()
{
    const Snapshot s = SnapshotReader::snapshot(QJsonObject());
    QCOMPARE(s.seq, 0u);
    QCOMPARE(s.ts, 0);
    QVERIFY(std::isnan(s.cpu.total));
    QVERIFY(std::isnan(s.cpu.steal));
    QVERIFY(s.cpu.cores.isEmpty());
    QVERIFY(std::isnan(s.load[1]));
    QCOMPARE(s.mem.total, 0u);
    QVERIFY(s.disks.isEmpty());
    QVERIFY(s.procs.top.isEmpty());
    QVERIFY(s.power.isEmpty());
    QVERIFY(s.gpus.isEmpty());
    QVERIFY(!s.pressure);
    QVERIFY(!s.cgroups);
    QVERIFY(std::isnan(s.uptime));
    QCOMPARE(s.self.messagesSent, 0u);
    QCOMPARE(s.self.tickUs, 0);
}

void TestSnapshotReader::readsHost()
{
    // A raw string with its own delimiter: the os names its release in brackets, ")" and '"'.
    const HostInfo host = SnapshotReader::host(parse(R"json({
        "hostname": "edge-1", "kernel": "6.1.0-18-amd64", "os": "Debian GNU/Linux 12 (bookworm)",
        "cpu": {"model": "AMD EPYC 7763", "count": 16}, "bootTime": 1764990000000
    })json"));
    QCOMPARE(host.hostname, QStringLiteral("edge-1"));
    QCOMPARE(host.kernel, QStringLiteral("6.1.0-18-amd64"));
    QCOMPARE(host.os, QStringLiteral("Debian GNU/Linux 12 (bookworm)"));
    QCOMPARE(host.cpuModel, QStringLiteral("AMD EPYC 7763"));
    QCOMPARE(host.cpuCount, 16);
    QCOMPARE(host.bootTime, 1764990000000);
}

void TestSnapshotReader::hostWithNothingIsEmpty()
{
    const HostInfo missing = SnapshotReader::host(QJsonObject());
    QCOMPARE(missing.hostname, QString());
    QCOMPARE(missing.cpuModel, QString());
    QCOMPARE(missing.cpuCount, 0);
    QCOMPARE(missing.bootTime, 0);

    const HostInfo wrong = SnapshotReader::host(
        parse(R"({"hostname": 5, "os": null, "cpu": "fast", "bootTime": "yesterday"})"));
    QCOMPARE(wrong.hostname, QString());
    QCOMPARE(wrong.os, QString());
    QCOMPARE(wrong.cpuCount, 0);
    QCOMPARE(wrong.bootTime, 0);
}

QTEST_GUILESS_MAIN(TestSnapshotReader)
#include "tst_snapshotreader.moc"
