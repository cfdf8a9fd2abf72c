// How much one tick costs, against the least any process scan could cost ("floors"): reading
// today's /proc/<pid>/stat files with nothing else done. See README.md.

#include "extrachildren.h"
#include "machinesnapshot.h"
#include "ratioreporter.h"

#include "collectors/cgroups/cgroupcollector.h"
#include "collectors/cpu/cpucollector.h"
#include "collectors/disks/diskcollector.h"
#include "collectors/load/loadcollector.h"
#include "collectors/memory/memorycollector.h"
#include "collectors/network/networkcollector.h"
#include "collectors/pressure/pressurecollector.h"
#include "collectors/processes/processcollector.h"
#include "collectors/self/selfcollector.h"
#include "collectors/sensors/sensorcollector.h"
#include "collectors/sensors/sensordiscovery.h"
#include "collectors/system/uptimecollector.h"
#include "history/history.h"

#include <benchmark/benchmark.h>

#include <cstdio>
#include <ctime>
#include <dirent.h>
#include <fcntl.h>
#include <functional>
#include <iostream>
#include <memory>
#include <string>
#include <sys/statvfs.h>
#include <type_traits>
#include <unistd.h>
#include <vector>

namespace {

constexpr size_t ReadSize = 4096;

// The PIDs alive when the program started, listed once before any timing.
std::vector<std::string> &statPaths()
{
    static std::vector<std::string> paths;
    return paths;
}

void listPids()
{
    DIR *dir = ::opendir("/proc");
    while (const dirent *entry = dir ? ::readdir(dir) : nullptr) {
        if (entry->d_name[0] >= '1' && entry->d_name[0] <= '9')
            statPaths().push_back(std::string("/proc/") + entry->d_name + "/stat");
    }
    if (dir)
        ::closedir(dir);
}

qint64 monotonicNs()
{
    timespec now{};
    ::clock_gettime(CLOCK_MONOTONIC, &now);
    return qint64(now.tv_sec) * 1'000'000'000 + now.tv_nsec;
}

// Floor 1: what a naive scan does per PID: open, read, close.
void BM_FloorReopen(benchmark::State &state)
{
    char buffer[ReadSize];
    for (auto _ : state) {
        for (const std::string &path : statPaths()) {
            const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
            if (fd < 0)
                continue;
            benchmark::DoNotOptimize(::read(fd, buffer, sizeof buffer));
            ::close(fd);
        }
    }
    state.counters["pids"] = double(statPaths().size());
}

// Floor 2: the same files kept open, one pread each: the least a tick can do per PID.
void BM_FloorPread(benchmark::State &state)
{
    std::vector<int> fds;
    for (const std::string &path : statPaths())
        fds.push_back(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
    char buffer[ReadSize];
    for (auto _ : state) {
        for (const int fd : fds)
            benchmark::DoNotOptimize(::pread(fd, buffer, sizeof buffer, 0));
    }
    for (const int fd : fds)
        ::close(fd);
    state.counters["pids"] = double(fds.size());
}

// The files the system-wide collectors read each tick, besides the PIDs' stat files.
std::vector<std::string> systemFiles()
{
    std::vector<std::string> files = {"/proc/stat",      "/proc/loadavg",  "/proc/meminfo",
                                      "/proc/diskstats", "/proc/net/dev",  "/proc/loadavg",
                                      "/proc/uptime",    "/proc/self/stat"};
    for (const SensorInput &input : SensorDiscovery::discover(SystemPaths{}))
        files.push_back(input.path.toStdString());
    return files;
}

// The mounts DiskCollector sizes with statvfs each tick: the ones it reports.
std::vector<std::string> reportedMounts()
{
    DiskCollector disks{SystemPaths{}};
    Snapshot snapshot;
    disks.collect(snapshot, monotonicNs());
    std::vector<std::string> mounts;
    for (const DiskUsage &disk : snapshot.disks)
        mounts.push_back(disk.mount.toStdString());
    return mounts;
}

// Floor 3, for the full tick: every file it reads, kept open and read with one pread each, and
// one statvfs per mount it reports. The floors above are the process scan's alone.
void BM_FloorPreadAll(benchmark::State &state)
{
    std::vector<int> fds;
    for (const std::string &path : statPaths())
        fds.push_back(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
    for (const std::string &path : systemFiles())
        fds.push_back(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
    const std::vector<std::string> mounts = reportedMounts();
    char buffer[ReadSize];
    struct statvfs sizes
    {};
    for (auto _ : state) {
        for (const int fd : fds)
            benchmark::DoNotOptimize(::pread(fd, buffer, sizeof buffer, 0));
        for (const std::string &mount : mounts)
            benchmark::DoNotOptimize(::statvfs(mount.c_str(), &sizes));
    }
    for (const int fd : fds)
        ::close(fd);
    state.counters["pids"] = double(statPaths().size());
}

// Listing the PIDs, two ways: opendir/readdir/closedir every time...
void BM_ListReaddir(benchmark::State &state)
{
    for (auto _ : state) {
        int count = 0;
        DIR *dir = ::opendir("/proc");
        while (const dirent *entry = ::readdir(dir))
            count += entry->d_name[0] >= '1' && entry->d_name[0] <= '9';
        ::closedir(dir);
        benchmark::DoNotOptimize(count);
    }
}

// ...or getdents64 on one kept-open descriptor, rewound with lseek (what ProcessTable does).
void BM_ListGetdents(benchmark::State &state)
{
    const int fd = ::open("/proc", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    std::vector<char> buffer(32 * 1024);
    for (auto _ : state) {
        int count = 0;
        ::lseek(fd, 0, SEEK_SET);
        for (ssize_t n; (n = ::getdents64(fd, buffer.data(), buffer.size())) > 0;) {
            for (ssize_t offset = 0; offset < n;) {
                const auto *entry = reinterpret_cast<const dirent64 *>(buffer.data() + offset);
                count += entry->d_name[0] >= '1' && entry->d_name[0] <= '9';
                offset += entry->d_reclen;
            }
        }
        benchmark::DoNotOptimize(count);
    }
    ::close(fd);
}

void runTicks(benchmark::State &state, const std::vector<std::unique_ptr<Collector>> &collectors)
{
    Snapshot warmUp; // the first tick opens files and fills caches: not what a tick costs
    for (const auto &collector : collectors)
        collector->collect(warmUp, monotonicNs());
    int pids = 0;
    for (auto _ : state) {
        Snapshot snapshot;
        const qint64 now = monotonicNs();
        for (const auto &collector : collectors)
            collector->collect(snapshot, now);
        pids = snapshot.procs.count;
        benchmark::DoNotOptimize(snapshot);
    }
    state.counters["pids"] = pids; // as many as the floors read, unless processes came or went
}

void BM_ProcessCollector(benchmark::State &state)
{
    std::vector<std::unique_ptr<Collector>> collectors;
    collectors.push_back(std::make_unique<ProcessCollector>(SystemPaths{}));
    runTicks(state, collectors);
}

// One collector alone: where the part of a tick that is not the process scan goes.
template<typename T>
void BM_Collector(benchmark::State &state)
{
    std::vector<std::unique_ptr<Collector>> collectors;
    if constexpr (std::is_constructible_v<T, SystemPaths>)
        collectors.push_back(std::make_unique<T>(SystemPaths{}));
    else
        collectors.push_back(std::make_unique<T>());
    runTicks(state, collectors);
}

// Every collector in core/collectors, as one tick of the app runs them.
void BM_FullTick(benchmark::State &state)
{
    const SystemPaths paths;
    std::vector<std::unique_ptr<Collector>> collectors;
    collectors.push_back(std::make_unique<CpuCollector>(paths));
    collectors.push_back(std::make_unique<LoadCollector>(paths));
    collectors.push_back(std::make_unique<MemoryCollector>(paths));
    collectors.push_back(std::make_unique<DiskCollector>(paths));
    collectors.push_back(std::make_unique<NetworkCollector>(paths));
    collectors.push_back(std::make_unique<ProcessCollector>(paths));
    collectors.push_back(std::make_unique<SensorCollector>(paths));
    collectors.push_back(std::make_unique<UptimeCollector>(paths));
    collectors.push_back(std::make_unique<SelfCollector>());
    runTicks(state, collectors);
}

PressureResource pressureResource(double avg10)
{
    const PressureStall stall{avg10, avg10 / 2, 1000, avg10 / 3};
    return {stall, stall};
}

// A container host, where History has the most to record: 64 cores with cpufreq, 300 cgroups
// with CPU and memory, 4 GPUs giving every value, PSI with "full" on every resource.
Snapshot bigHostSnapshot()
{
    Snapshot snapshot;
    for (int i = 0; i < 64; ++i) {
        snapshot.cpu.cores.append(i % 100);
        snapshot.cpu.coreMhz.append(2000 + i);
    }
    for (int i = 0; i < 8; ++i)
        snapshot.net.append({QStringLiteral("veth%1").arg(i), 1e3 * i, 2e3 * i, 0, 0});
    for (int i = 0; i < 6; ++i) {
        DiskUsage disk;
        disk.mount = QStringLiteral("/srv/volume%1").arg(i);
        disk.percent = 10 * i;
        snapshot.disks.append(disk);
    }
    for (int i = 0; i < 16; ++i)
        snapshot.temps.append({QStringLiteral("coretemp Core %1").arg(i), 40.0 + i});
    for (int i = 0; i < 4; ++i)
        snapshot.fans.append({QStringLiteral("nct6775 fan%1").arg(i + 1), 1000.0 + i});
    PowerSupply battery;
    battery.name = QStringLiteral("BAT0");
    battery.capacity = 80;
    battery.watts = 12;
    PowerSupply mains;
    mains.name = QStringLiteral("AC");
    snapshot.power = {battery, mains};
    QList<CgroupUsage> cgroups;
    for (int i = 0; i < 300; ++i) {
        CgroupUsage cgroup;
        cgroup.path = QStringLiteral("/system.slice/docker-%1.scope").arg(i, 64, 16, QChar(u'0'));
        cgroup.cpu = i % 50;
        cgroup.memory = quint64(i) << 20;
        cgroups.append(cgroup);
    }
    snapshot.cgroups = cgroups;
    for (int i = 0; i < 4; ++i) {
        GpuUsage gpu;
        gpu.id = QStringLiteral("0000:%1:00.0").arg(i + 1, 2, 10, QChar(u'0'));
        gpu.load = 10 * i;
        gpu.vramUsed = quint64(i) << 30;
        gpu.temp = 50 + i;
        gpu.power = 100 + i;
        snapshot.gpus.append(gpu);
    }
    snapshot.pressure = Pressure{pressureResource(1), pressureResource(2), pressureResource(3)};
    return snapshot;
}

// One tick of History once every series has been seen: a full window (an hour at 1 Hz) is
// appended first, so each iteration also pays its share of the prune at the end of each window.
void BM_HistoryAppend(benchmark::State &state, const std::function<Snapshot()> &make)
{
    constexpr qsizetype Window = 3600;
    Snapshot snapshot = make();
    History history(Window);
    for (qsizetype i = 0; i < Window; ++i) {
        snapshot.ts += 1000;
        history.append(snapshot);
    }
    for (auto _ : state) {
        snapshot.ts += 1000;
        history.append(snapshot);
    }
    state.counters["series"] = double(history.seriesNames().size());
}

} // namespace

BENCHMARK(BM_FloorReopen)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_FloorPread)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_FloorPreadAll)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_ListReaddir)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_ListGetdents)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_ProcessCollector)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_FullTick)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_Collector<CpuCollector>)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_Collector<LoadCollector>)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_Collector<MemoryCollector>)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_Collector<DiskCollector>)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_Collector<NetworkCollector>)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_Collector<SensorCollector>)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_Collector<UptimeCollector>)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_Collector<SelfCollector>)->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_HistoryAppend, thisMachine, machineSnapshot)->Unit(benchmark::kNanosecond);
BENCHMARK_CAPTURE(BM_HistoryAppend, bigHost, bigHostSnapshot)->Unit(benchmark::kNanosecond);

int main(int argc, char **argv)
{
    // Children first: fork() before the benchmark library or Qt start anything.
    const int extra = ExtraChildren::takeFlag(&argc, argv);
    if (extra < 0) {
        std::fprintf(stderr, "--extra-children: expected a number of processes >= 0\n");
        return 2;
    }
    const ExtraChildren children(extra);
    ProcessTable::raiseFileLimit();
    listPids();
    std::printf("extra children: %d, PIDs listed: %zu\n", children.count(), statPaths().size());

    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv))
        return 2;
    RatioReporter reporter;
    benchmark::RunSpecifiedBenchmarks(&reporter);
    benchmark::Shutdown();
    reporter.printRatios(std::cout, {"BM_FloorReopen", "BM_FloorPread"}, "BM_ListGetdents",
                         {"BM_ProcessCollector", "BM_FullTick"});
    reporter.printRatios(std::cout, {"BM_FloorPreadAll"}, "BM_ListGetdents", {"BM_FullTick"});
    return 0;
}
