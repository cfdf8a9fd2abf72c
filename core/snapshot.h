#pragma once

#include <QList>
#include <QString>
#include <QtGlobal>

#include <array>
#include <cmath>
#include <optional>

// One tick's view of the machine. A plain value type: cheap to copy (the lists are implicitly
// shared), filled by the collectors, then read by history, alerts, server and views.
// Units: percent 0-100, bytes, bytes per second, degrees Celsius, seconds; timestamps in
// milliseconds since the Unix epoch. A value that cannot be known is NaN (JSON null), never 0.

// Cumulative CPU time since boot in seconds, per mode, as /proc/stat counts it. Prometheus
// counters are built from these; the JSON stream carries the percentages instead.
struct CpuSeconds
{
    double user = 0;
    double nice = 0;
    double system = 0;
    double idle = 0;
    double iowait = 0;
    double irq = 0;
    double softirq = 0;
    double steal = 0;
};

struct CpuUsage
{
    double total = 0;  // busy percent of all CPUs: everything but idle and iowait
    double user = 0;   // user + nice
    double system = 0; // system + irq + softirq
    double iowait = 0;
    double steal = 0;
    QList<double> cores;           // busy percent per CPU number; NaN for a CPU that is offline
    QList<CpuSeconds> coreSeconds; // per CPU number since boot; all zero for an offline CPU
    // Current clock per CPU number in MHz (cpufreq's scaling_cur_freq); NaN for a CPU without
    // cpufreq or whose read failed; empty where no CPU has cpufreq (most VMs).
    QList<double> coreMhz;
};

struct MemoryUsage
{
    quint64 total = 0;
    quint64 used = 0; // MemTotal - MemAvailable, as free computes it
    quint64 available = 0;
    quint64 cached = 0;
    quint64 buffers = 0;
    double percent = 0;
};

struct SwapUsage
{
    quint64 total = 0;
    quint64 used = 0;
    double percent = 0;
};

struct DiskUsage
{
    QString mount;
    QString device;
    QString fs;
    quint64 total = 0;
    quint64 used = 0;
    double percent = 0;
    double readBps = 0;
    double writeBps = 0;
    quint64 readTotal = 0; // bytes read since boot (the device's counter)
    quint64 writeTotal = 0;
};

struct NetUsage
{
    QString iface;
    double rxBps = 0;
    double txBps = 0;
    quint64 rxTotal = 0;
    quint64 txTotal = 0;
};

struct ProcessUsage
{
    int pid = 0;
    QString name;
    double cpu = 0; // percent of one core: busy on two cores is 200
    quint64 rss = 0;
};

struct ProcessSummary
{
    int count = 0;
    int running = 0;
    int threads = 0;
    QList<ProcessUsage> top; // the top N by CPU, then the top N by RSS not already listed
};

struct Temperature
{
    QString label;
    double celsius = 0;
    double high = qQNaN(); // NaN when the sensor reports no such level
    double critical = qQNaN();
};

// Pressure stall information of one kind of stall on one resource (docs/metrics.md "Pressure").
struct PressureStall
{
    double avg10 = 0;      // percent of wall time stalled, the kernel's 10 s running average
    double avg60 = 0;      // the same over 60 s
    quint64 totalUs = 0;   // microseconds stalled since boot: the kernel's counter
    double rate = qQNaN(); // percent of the last tick stalled, from totalUs; NaN on a first read
};

struct PressureResource
{
    PressureStall some;                // at least one task stalled on the resource
    std::optional<PressureStall> full; // every non-idle task stalled at once; cpu's from 5.13
};

// One resource per /proc/pressure file the kernel has.
struct Pressure
{
    std::optional<PressureResource> cpu;
    std::optional<PressureResource> memory;
    std::optional<PressureResource> io;
};

// One systemd unit, slice, session or container of the cgroup tree (docs/metrics.md "Cgroups").
struct CgroupUsage
{
    // "nginx.service", "user.slice", "session-2.scope", "docker-1a2b3c4d5e6f" or the container's
    // own name
    QString name;
    QString kind;    // "service", "scope", "slice", "session", "container"
    QString runtime; // "docker", "podman", "containerd", "lxc"; empty for systemd units
    QString path;    // the cgroup's path below the hierarchy root, "/system.slice/nginx.service"
    std::optional<double> cpu;     // percent of one core over the last interval
    std::optional<quint64> memory; // bytes
    std::optional<double> readBps;
    std::optional<double> writeBps;
    std::optional<quint64> pids;
    // bytes: memory.max (v2) or memory.limit_in_bytes (v1); null where the unit has none. Last,
    // with its default, so rows written out field by field need not name it.
    std::optional<quint64> memoryLimit = std::nullopt;
};

// One fan of a hwmon chip (fan<N>_input).
struct Fan
{
    QString label; // "<chip name> <fan<N>_label>", or "<chip name> fan<N>"; unique like temps
    double rpm = 0;
};

// One power supply of /sys/class/power_supply: a battery (type Battery or UPS) or a source
// (Mains, USB, Wireless). What the driver does not report stays NaN, empty or -1.
struct PowerSupply
{
    QString name;              // the kernel's: BAT0, AC, ucsi-source-psy-USBC000:001
    QString type;              // the kernel's: Battery, UPS, Mains, USB, Wireless
    double capacity = qQNaN(); // percent of full charge
    QString status;            // the kernel's: Charging, Discharging, Full, Not charging, Unknown
    double watts = qQNaN();    // power_now, else current_now × voltage_now
    double energyWh = qQNaN(); // energy_now, else charge_now × voltage_min_design
    double energyFullWh = qQNaN();
    int online = -1; // 1 plugged in, 0 not; -1 when the supply does not say (batteries)
};

// One notification channel, for the notify rule (docs/notifications.md).
struct ChannelHealth
{
    QString name;
    double failingMinutes = 0; // since the first failed delivery in a row; 0 while it delivers
    quint64 sent = 0;          // deliveries that succeeded since start
    quint64 failed = 0;        // deliveries that failed since start
};

// A fleet host as the hub's host rule sees it (docs/fleet.md).
struct HostHealth
{
    QString name;
    double silentSeconds = 0; // since its last message, once it is down; 0 while up
};

struct SelfHealth
{
    int clients = 0;
    quint64 messagesSent = 0;
    quint64 bytesSent = 0;
    quint64 dropped = 0;
    quint64 rejected = 0;
    quint64 slowClosed = 0; // clients closed for staying behind the stream
    quint64 errors = 0;
    quint64 authFailures = 0;  // wrong tokens, and attempts refused during a ban, since start
    int bannedAddresses = 0;   // addresses banned now for guessing the token
    qint64 tickUs = 0;         // collection time of this tick in microseconds
    quint64 lateTicks = 0;     // ticks that started over half an interval late, since start
    quint64 historyErrors = 0; // history store failures since start (docs/history.md)
    quint64 notifySent = 0;    // notifications delivered since start (docs/notifications.md)
    quint64 notifyFailed = 0;  // notification deliveries that failed since start
    QList<ChannelHealth> notifyChannels = {}; // every enabled channel
    QList<HostHealth> fleetHosts = {};        // every host of the fleet list
    double cpu = 0;                           // the monitor's own CPU, percent of one core
    quint64 rss = 0;
};

// One GPU, keyed by its PCI address (docs/metrics.md "GPUs"). A value not read this tick (the GPU
// is asleep, the driver has no such file, the read failed, or the wake-up rule held the read
// back) is nullopt, JSON null: never 0, never a default.
struct GpuUsage
{
    QString id;     // PCI address, "0000:03:00.0"
    QString name;   // from pci.ids, else "AMD GPU 1002:73bf"
    QString vendor; // "amd", "intel", "nvidia"
    QString driver; // the kernel driver: amdgpu, i915, xe, nvidia
    QString state;  // "active", "suspended" (runtime-suspended: asleep), "gone" (for one tick)
    std::optional<double> load;         // percent busy
    std::optional<double> temp;         // °C
    std::optional<double> tempCritical; // °C
    std::optional<double> power;        // W
    std::optional<double> powerLimit;   // W
    std::optional<double> clock;        // MHz, the graphics engine's current clock
    std::optional<double> fan;          // percent of the fan's full speed
    std::optional<quint64> vramUsed;    // bytes
    std::optional<quint64> vramTotal;
    std::optional<quint64> gttUsed; // system memory the GPU has mapped, bytes
    std::optional<quint64> gttTotal;
};

struct Snapshot
{
    quint64 seq = 0; // tick counter, 1 for the first published tick
    qint64 ts = 0;   // ms since the epoch when collection started
    CpuUsage cpu;
    std::array<double, 3> load{0, 0, 0};
    MemoryUsage mem;
    SwapUsage swap;
    QList<DiskUsage> disks;
    QList<NetUsage> net;
    ProcessSummary procs;
    QList<Temperature> temps;
    QList<Fan> fans;
    QList<PowerSupply> power;
    std::optional<Pressure> pressure;          // absent where the kernel has no PSI
    std::optional<QList<CgroupUsage>> cgroups; // absent where no cgroup fs is mounted
    QList<GpuUsage> gpus;                      // empty where there is none
    double uptime = 0;
    SelfHealth self;
};

// Facts about the host that do not change while the process runs.
struct HostInfo
{
    QString hostname;
    QString kernel; // release, as uname -r prints it
    QString os;     // PRETTY_NAME from os-release, if present
    QString cpuModel;
    int cpuCount = 0;
    qint64 bootTime = 0; // ms since the epoch
};
