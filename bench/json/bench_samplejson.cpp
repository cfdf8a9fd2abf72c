// What the headless server pays each tick to turn the latest Snapshot into the text of
// /api/v1/snapshot (SnapshotJson::snapshotText) and then into the stream's `sample` message
// (ProtocolMessages::sample), for this machine's Snapshot and for a big one. See ../README.md.

#include "machinesnapshot.h"
#include "protocol/protocolmessages.h"
#include "protocol/snapshotjson.h"

#include <benchmark/benchmark.h>

#include <QDateTime>

#include <memory>
#include <vector>

namespace {

// This machine as the headless server sees it, at a tick of a server that has run an hour.
Snapshot thisMachine()
{
    Snapshot s = machineSnapshot();
    s.seq = 3600;
    s.ts = QDateTime::currentMSecsSinceEpoch();
    s.self.tickUs = 850;
    return s;
}

// A machine of the given size with 20 top processes, full PSI, eight sensors, two fans and two
// GPUs, every value with decimals to round.
Snapshot machine(int cores, int cgroups, int disks, int interfaces)
{
    Snapshot s;
    s.seq = 86400;
    s.ts = 1765000000123;
    s.cpu.total = 37.123;
    s.cpu.user = 20.456;
    s.cpu.system = 10.789;
    s.cpu.iowait = 1.234;
    for (int i = 0; i < cores; ++i) {
        s.cpu.cores.append(i * 1.5671);
        s.cpu.coreMhz.append(2400 + i * 13.37);
    }
    s.load = {12.34, 10.56, 9.78};
    s.mem = {270'000'000'000, 120'000'000'000, 150'000'000'000,
             80'000'000'000,  2'000'000'000,   44.44};
    s.swap = {8'000'000'000, 1'000'000'000, 12.5};
    for (int i = 0; i < disks; ++i)
        s.disks.append({QStringLiteral("/srv/data%1").arg(i),
                        QStringLiteral("/dev/nvme%1n1").arg(i), QStringLiteral("xfs"),
                        4'000'000'000'000, 1'234'567'890'123ull * (i + 1) / 20, 30.8642 + i,
                        1234567.8 * i, 7654321.2 * i, 987654321012ull * i, 123456789012ull * i});
    for (int i = 0; i < interfaces; ++i)
        s.net.append({QStringLiteral("enp%1s0").arg(i), 125000.4 * i, 250000.6 * i,
                      99999999999ull * i, 88888888888ull * i});
    s.procs.count = 1500;
    s.procs.running = 12;
    s.procs.threads = 9000;
    for (int i = 0; i < 20; ++i)
        s.procs.top.append({1000 + i, QStringLiteral("worker-%1").arg(i), 99.876 - i,
                            quint64(i + 1) * 500'000'000});
    for (int i = 0; i < 8; ++i)
        s.temps.append({QStringLiteral("coretemp Core %1").arg(i), 55.25 + i, 80, 100});
    s.fans.append({QStringLiteral("nct6798 fan1"), 1234.5});
    s.fans.append({QStringLiteral("nct6798 fan2"), 987.6});
    const PressureStall stall{1.23, 4.56, 123456789, 7.89};
    s.pressure = Pressure{PressureResource{stall, stall}, PressureResource{stall, stall},
                          PressureResource{stall, stall}};
    QList<CgroupUsage> groups;
    for (int i = 0; i < cgroups; ++i)
        groups.append({QStringLiteral("unit-%1.service").arg(i), QStringLiteral("service"),
                       i % 10 == 0 ? QStringLiteral("docker") : QString(),
                       QStringLiteral("/system.slice/unit-%1.service").arg(i), 1.2345 * i,
                       quint64(i + 1) * 12'345'678, 1024.5 * i, 2048.25 * i, quint64(i % 50 + 1),
                       i % 3 == 0 ? std::optional<quint64>(1ull << 31) : std::nullopt});
    s.cgroups = groups;
    for (int i = 0; i < 2; ++i) {
        GpuUsage gpu;
        gpu.id = QStringLiteral("0000:0%1:00.0").arg(i + 3);
        gpu.name = QStringLiteral("Navi 21");
        gpu.vendor = QStringLiteral("amd");
        gpu.driver = QStringLiteral("amdgpu");
        gpu.state = QStringLiteral("active");
        gpu.load = 45.67;
        gpu.temp = 61.25;
        gpu.tempCritical = 100;
        gpu.power = 150.125;
        gpu.powerLimit = 300;
        gpu.clock = 2500.4;
        gpu.fan = 40.4;
        gpu.vramUsed = 4'000'000'000;
        gpu.vramTotal = 17'163'091'968;
        gpu.gttUsed = 100'000'000;
        gpu.gttTotal = 8'589'934'592;
        s.gpus.append(gpu);
    }
    s.uptime = 1234567.8;
    s.self = {.clients = 3,
              .messagesSent = 250000,
              .bytesSent = 1'500'000'000,
              .cpu = 0.75,
              .rss = 40'000'000};
    return s;
}

enum class Size { ThisMachine, Typical, Big };

const Snapshot &sampleOf(Size size)
{
    static const Snapshot here = thisMachine();
    // A desktop or a small server: 8 CPUs, 70 systemd units, 3 disks, 3 interfaces.
    static const Snapshot typical = machine(8, 70, 3, 3);
    // A large server: 64 CPUs, 200 units and containers, 20 disks, 20 interfaces.
    static const Snapshot big = machine(64, 200, 20, 20);
    return size == Size::ThisMachine ? here : size == Size::Typical ? typical : big;
}

void BM_SnapshotText(benchmark::State &state, Size size)
{
    const Snapshot &s = sampleOf(size);
    qsizetype bytes = 0;
    for (auto _ : state) {
        const QByteArray text = SnapshotJson::snapshotText(s);
        bytes = text.size();
        benchmark::DoNotOptimize(text.constData());
    }
    state.counters["bytes"] = double(bytes);
    state.counters["cores"] = double(s.cpu.cores.size());
    state.counters["cgroups"] = s.cgroups ? double(s.cgroups->size()) : 0;
    state.counters["disks"] = double(s.disks.size());
    state.counters["ifaces"] = double(s.net.size());
}

void BM_Sample(benchmark::State &state, Size size)
{
    const QByteArray text = SnapshotJson::snapshotText(sampleOf(size));
    qsizetype bytes = 0;
    for (auto _ : state) {
        const QByteArray message = ProtocolMessages::sample(text);
        bytes = message.size();
        benchmark::DoNotOptimize(message.constData());
    }
    state.counters["bytes"] = double(bytes);
}

// What a tick pays in all: the text once, then the message around it.
void BM_Tick(benchmark::State &state, Size size)
{
    const Snapshot &s = sampleOf(size);
    for (auto _ : state) {
        const QByteArray text = SnapshotJson::snapshotText(s);
        const QByteArray message = ProtocolMessages::sample(text);
        benchmark::DoNotOptimize(message.constData());
    }
}

} // namespace

BENCHMARK_CAPTURE(BM_SnapshotText, thisMachine, Size::ThisMachine);
BENCHMARK_CAPTURE(BM_SnapshotText, typical, Size::Typical);
BENCHMARK_CAPTURE(BM_SnapshotText, big, Size::Big);
BENCHMARK_CAPTURE(BM_Sample, thisMachine, Size::ThisMachine);
BENCHMARK_CAPTURE(BM_Sample, typical, Size::Typical);
BENCHMARK_CAPTURE(BM_Sample, big, Size::Big);
BENCHMARK_CAPTURE(BM_Tick, thisMachine, Size::ThisMachine);
BENCHMARK_CAPTURE(BM_Tick, typical, Size::Typical);
BENCHMARK_CAPTURE(BM_Tick, big, Size::Big);

BENCHMARK_MAIN();
