#include "prometheusexporter.h"

#include "alerts/alertengine.h"
#include "server/cgroupmetrics.h"
#include "server/gpumetrics.h"
#include "server/prometheustext.h"

#include <array>
#include <cmath>

#ifndef VANTAGE_VERSION
#error "exporter.cmake defines VANTAGE_VERSION for vantage_info"
#endif

namespace {

using namespace PrometheusText;

// /proc/stat's modes in the order node_exporter lists them, with where the Snapshot keeps each.
struct Mode
{
    const char *name;
    double CpuSeconds::*seconds;
};
constexpr std::array<Mode, 8> Modes{{{"user", &CpuSeconds::user},
                                     {"nice", &CpuSeconds::nice},
                                     {"system", &CpuSeconds::system},
                                     {"idle", &CpuSeconds::idle},
                                     {"iowait", &CpuSeconds::iowait},
                                     {"irq", &CpuSeconds::irq},
                                     {"softirq", &CpuSeconds::softirq},
                                     {"steal", &CpuSeconds::steal}}};

QByteArray cpuLabel(qsizetype cpu)
{
    return "cpu=\"" + QByteArray::number(cpu) + '"';
}

void writeInfo(QByteArray &out, const HostInfo &host)
{
    const QByteArray info = labels({{"hostname", host.hostname},
                                    {"kernel", host.kernel},
                                    {"os", host.os},
                                    {"cpu_model", host.cpuModel},
                                    {"version", QStringLiteral(VANTAGE_VERSION)}});
    family(out, {"vantage_info", Gauge, "Facts about the host and the monitor; the value is 1."},
           [&] { sample(out, "vantage_info", info, 1); });
}

bool offline(const CpuSeconds &s)
{
    return s.user == 0 && s.nice == 0 && s.system == 0 && s.idle == 0 && s.iowait == 0 &&
           s.irq == 0 && s.softirq == 0 && s.steal == 0;
}

// An offline CPU is left out rather than exported as zeros, which would read as a counter reset.
void writeCpuSeconds(QByteArray &out, const QList<CpuSeconds> &cores)
{
    const Family f{"vantage_cpu_seconds_total", Counter,
                   "Seconds each CPU spent in each mode since boot, from /proc/stat."};
    family(out, f, [&] {
        for (qsizetype cpu = 0; cpu < cores.size(); ++cpu) {
            if (offline(cores[cpu]))
                continue;
            QByteArray series = cpuLabel(cpu) + ",mode=\"";
            const qsizetype prefix = series.size();
            for (const Mode &mode : Modes) {
                series.truncate(prefix);
                series += mode.name;
                series += '"';
                sample(out, f.name, series, cores[cpu].*mode.seconds);
            }
        }
    });
}

void writeCpu(QByteArray &out, const CpuUsage &cpu)
{
    writeCpuSeconds(out, cpu.coreSeconds);
    single(out,
           {"vantage_cpu_busy_ratio", Gauge, "Busy share of all CPUs over the last tick, 0-1."},
           cpu.total / 100);
    QList<QByteArray> cores;
    for (qsizetype i = 0; i < cpu.cores.size(); ++i)
        cores.append(cpuLabel(i));
    perItem(
        out,
        {"vantage_cpu_core_busy_ratio", Gauge, "Busy share of one CPU over the last tick, 0-1."},
        cores, cpu.cores, [](double percent) { return percent / 100; });
    // A CPU without cpufreq reads NaN and so has no series; a machine without it, no family.
    perItem(out,
            {"vantage_cpu_frequency_hertz", Gauge,
             "Current clock of one CPU, from cpufreq's scaling_cur_freq."},
            cores, cpu.coreMhz, [](double mhz) { return mhz * 1e6; });
}

void writeLoad(QByteArray &out, const std::array<double, 3> &load)
{
    single(out, {"vantage_load1", Gauge, "1-minute load average."}, load[0]);
    single(out, {"vantage_load5", Gauge, "5-minute load average."}, load[1]);
    single(out, {"vantage_load15", Gauge, "15-minute load average."}, load[2]);
}

void writeMemory(QByteArray &out, const MemoryUsage &mem, const SwapUsage &swap)
{
    single(out, {"vantage_memory_total_bytes", Gauge, "Usable RAM (MemTotal)."}, mem.total);
    single(out,
           {"vantage_memory_used_bytes", Gauge, "MemTotal - MemAvailable, as free computes it."},
           mem.used);
    single(out,
           {"vantage_memory_available_bytes", Gauge,
            "Memory available to start new programs (MemAvailable)."},
           mem.available);
    single(out, {"vantage_memory_cached_bytes", Gauge, "Page cache (Cached)."}, mem.cached);
    single(out, {"vantage_memory_buffers_bytes", Gauge, "Block device buffers (Buffers)."},
           mem.buffers);
    single(out, {"vantage_memory_used_ratio", Gauge, "Used share of MemTotal, 0-1."},
           mem.percent / 100);
    single(out, {"vantage_swap_total_bytes", Gauge, "Swap space (SwapTotal)."}, swap.total);
    single(out, {"vantage_swap_used_bytes", Gauge, "SwapTotal - SwapFree."}, swap.used);
    single(out, {"vantage_swap_used_ratio", Gauge, "Used share of swap, 0-1; 0 with no swap."},
           swap.percent / 100);
}

void writeFilesystems(QByteArray &out, const QList<DiskUsage> &disks)
{
    QList<QByteArray> io;
    QList<QByteArray> fs;
    for (const DiskUsage &d : disks) {
        QByteArray series = labels({{"mount", d.mount}, {"device", d.device}});
        io.append(series);
        appendLabel(series, "fstype", d.fs);
        fs.append(series);
    }
    perItem(out, {"vantage_filesystem_size_bytes", Gauge, "Filesystem size, as df shows it."}, fs,
            disks, [](const DiskUsage &d) { return d.total; });
    perItem(out, {"vantage_filesystem_used_bytes", Gauge, "Filesystem space in use (size - free)."},
            fs, disks, [](const DiskUsage &d) { return d.used; });
    perItem(out, {"vantage_filesystem_free_bytes", Gauge, "Free space, root's reserve included."},
            fs, disks, [](const DiskUsage &d) { return d.total > d.used ? d.total - d.used : 0; });
    perItem(out,
            {"vantage_filesystem_used_ratio", Gauge,
             "Used share of the space users can have, 0-1, as df's Use%."},
            fs, disks, [](const DiskUsage &d) { return d.percent / 100; });
    perItem(out,
            {"vantage_disk_read_bytes_total", Counter,
             "Bytes read from the mount's device since boot."},
            io, disks, [](const DiskUsage &d) { return d.readTotal; });
    perItem(out,
            {"vantage_disk_written_bytes_total", Counter,
             "Bytes written to the mount's device since boot."},
            io, disks, [](const DiskUsage &d) { return d.writeTotal; });
}

void writeNetwork(QByteArray &out, const QList<NetUsage> &net)
{
    QList<QByteArray> ifaces;
    for (const NetUsage &n : net)
        ifaces.append(labels({{"interface", n.iface}}));
    perItem(out,
            {"vantage_network_receive_bytes_total", Counter,
             "Bytes received by the interface since it appeared."},
            ifaces, net, [](const NetUsage &n) { return n.rxTotal; });
    perItem(out,
            {"vantage_network_transmit_bytes_total", Counter,
             "Bytes sent by the interface since it appeared."},
            ifaces, net, [](const NetUsage &n) { return n.txTotal; });
}

void writeProcesses(QByteArray &out, const ProcessSummary &procs)
{
    single(out, {"vantage_processes", Gauge, "Processes that exist now."}, procs.count);
    single(out, {"vantage_processes_running", Gauge, "Processes running or runnable now."},
           procs.running);
    single(out, {"vantage_threads", Gauge, "Threads of all processes now."}, procs.threads);
}

void writeTemperatures(QByteArray &out, const QList<Temperature> &temps)
{
    QList<QByteArray> sensors;
    for (const Temperature &t : temps)
        sensors.append(labels({{"sensor", t.label}}));
    perItem(out, {"vantage_temperature_celsius", Gauge, "Sensor temperature."}, sensors, temps,
            [](const Temperature &t) { return t.celsius; });
    perItem(out,
            {"vantage_temperature_high_celsius", Gauge,
             "The sensor's high threshold, where it reports one."},
            sensors, temps, [](const Temperature &t) { return t.high; });
    perItem(out,
            {"vantage_temperature_critical_celsius", Gauge,
             "The sensor's critical threshold, where it reports one."},
            sensors, temps, [](const Temperature &t) { return t.critical; });
}

void writeFans(QByteArray &out, const QList<Fan> &fans)
{
    QList<QByteArray> sensors;
    for (const Fan &f : fans)
        sensors.append(labels({{"sensor", f.label}}));
    perItem(out, {"vantage_fan_rpm", Gauge, "Fan speed in revolutions per minute."}, sensors, fans,
            [](const Fan &f) { return f.rpm; });
}

// Batteries and sources alike, each family only for the supplies whose driver reports it.
// Shares are ratios 0-1 and energy joules, Prometheus' base units.
void writePowerSupplies(QByteArray &out, const QList<PowerSupply> &power)
{
    QList<QByteArray> supplies;
    QList<QByteArray> infos;
    for (const PowerSupply &p : power) {
        supplies.append(labels({{"supply", p.name}}));
        infos.append(labels({{"supply", p.name}, {"type", p.type}, {"status", p.status}}));
    }
    perItem(out,
            {"vantage_power_supply_info", Gauge,
             "A power supply, its kind and the driver's status text; the value is 1."},
            infos, power, [](const PowerSupply &) { return 1; });
    perItem(out,
            {"vantage_power_supply_online", Gauge,
             "1 while the source (mains, USB) is plugged in, else 0."},
            supplies, power,
            [](const PowerSupply &p) { return p.online < 0 ? qQNaN() : double(p.online); });
    perItem(out, {"vantage_power_supply_capacity_ratio", Gauge, "A battery's charge, 0-1 of full."},
            supplies, power, [](const PowerSupply &p) { return p.capacity / 100; });
    perItem(out,
            {"vantage_power_supply_power_watts", Gauge,
             "Power into or out of a battery, as its driver measures it."},
            supplies, power, [](const PowerSupply &p) { return p.watts; });
    perItem(out, {"vantage_power_supply_energy_joules", Gauge, "Energy a battery holds now."},
            supplies, power, [](const PowerSupply &p) { return p.energyWh * 3600; });
    perItem(out,
            {"vantage_power_supply_energy_full_joules", Gauge,
             "Energy a battery holds when full, as it last charged."},
            supplies, power, [](const PowerSupply &p) { return p.energyFullWh * 3600; });
}

// The kernel writes PSI averages with two decimals: dividing 0.07 by 100 would print
// 0.0007000000000000001, rounding to the four decimals the ratio has prints 7e-04.
double pressureRatio(double percent)
{
    return std::round(percent * 100) / 10000;
}

// One series per resource and kind the kernel reports; none at all without PSI. Averages are
// ratios 0-1 like every other share here; the stall rate is rate() of the counter.
void writePressure(QByteArray &out, const std::optional<Pressure> &pressure)
{
    if (!pressure)
        return;
    QList<QByteArray> names;
    QList<PressureStall> stalls;
    const auto add = [&](const char *resource, const std::optional<PressureResource> &r) {
        if (!r)
            return;
        const QString name = QString::fromLatin1(resource);
        names.append(labels({{"resource", name}, {"kind", u"some"}}));
        stalls.append(r->some);
        if (r->full) {
            names.append(labels({{"resource", name}, {"kind", u"full"}}));
            stalls.append(*r->full);
        }
    };
    add("cpu", pressure->cpu);
    add("memory", pressure->memory);
    add("io", pressure->io);
    perItem(out,
            {"vantage_pressure_stalled_seconds_total", Counter,
             "Time some (or, kind full, all non-idle) tasks stalled on the resource (PSI total)."},
            names, stalls, [](const PressureStall &s) { return double(s.totalUs) / 1e6; });
    perItem(out,
            {"vantage_pressure_avg10_ratio", Gauge,
             "Share of time stalled, the kernel's 10-second average (PSI avg10), 0-1."},
            names, stalls, [](const PressureStall &s) { return pressureRatio(s.avg10); });
    perItem(out,
            {"vantage_pressure_avg60_ratio", Gauge,
             "Share of time stalled, the kernel's 60-second average (PSI avg60), 0-1."},
            names, stalls, [](const PressureStall &s) { return pressureRatio(s.avg60); });
}

// A boot time of 0 means the host facts could not tell it.
void writeTime(QByteArray &out, double uptime, qint64 bootTimeMs)
{
    single(out, {"vantage_uptime_seconds", Gauge, "Seconds since boot."}, uptime);
    single(out, {"vantage_boot_time_seconds", Gauge, "Boot time, seconds since the Unix epoch."},
           bootTimeMs > 0 ? double(bootTimeMs) / 1000 : qQNaN());
}

void writeSelf(QByteArray &out, quint64 ticks, const SelfHealth &self)
{
    single(out, {"vantage_self_ticks_total", Counter, "Ticks published since the monitor started."},
           ticks);
    single(out,
           {"vantage_self_late_ticks_total", Counter,
            "Ticks that started over half an interval late."},
           self.lateTicks);
    single(out,
           {"vantage_self_tick_duration_seconds", Gauge, "Time the last tick took to collect."},
           double(self.tickUs) / 1e6);
    single(out, {"vantage_self_clients", Gauge, "Live-stream (WebSocket) clients connected now."},
           self.clients);
    single(out,
           {"vantage_self_messages_sent_total", Counter, "WebSocket messages sent to clients."},
           self.messagesSent);
    single(out, {"vantage_self_sent_bytes_total", Counter, "WebSocket bytes sent to clients."},
           self.bytesSent);
    single(out,
           {"vantage_self_samples_dropped_total", Counter,
            "Samples skipped for clients that fell behind."},
           self.dropped);
    single(out,
           {"vantage_self_connections_rejected_total", Counter,
            "Connections refused by limits, Origin, Host or token checks."},
           self.rejected);
    single(out, {"vantage_self_errors_total", Counter, "Bad requests and messages received."},
           self.errors);
    single(out,
           {"vantage_self_history_errors_total", Counter,
            "History store failures: files unusable, flushes that could not be written."},
           self.historyErrors);
    single(out,
           {"vantage_self_notifications_sent_total", Counter,
            "Notification deliveries that reached their channel."},
           self.notifySent);
    single(out,
           {"vantage_self_notifications_failed_total", Counter,
            "Notification deliveries that failed and wait for a retry."},
           self.notifyFailed);
    family(out,
           {"vantage_notifications_total", Counter,
            "Notification deliveries per channel since start, by result (sent or failed)."},
           [&] {
               for (const ChannelHealth &channel : self.notifyChannels) {
                   sample(out, "vantage_notifications_total",
                          labels({{"channel", channel.name}, {"result", u"sent"}}), channel.sent);
                   sample(out, "vantage_notifications_total",
                          labels({{"channel", channel.name}, {"result", u"failed"}}),
                          channel.failed);
               }
           });
    single(out,
           {"vantage_self_auth_failures_total", Counter,
            "Wrong tokens, and token attempts refused while their address was banned."},
           self.authFailures);
    single(
        out,
        {"vantage_self_banned_addresses", Gauge, "Addresses banned now for repeated wrong tokens."},
        self.bannedAddresses);
    single(out, {"vantage_self_cpu_ratio", Gauge, "The monitor's own CPU use, share of one core."},
           self.cpu / 100);
    single(out, {"vantage_self_resident_memory_bytes", Gauge, "The monitor's own resident memory."},
           self.rss);
}

void writeAlerts(QByteArray &out, const AlertEngine &alerts)
{
    const QList<AlertEngine::InstanceState> states = alerts.states();
    family(out,
           {"vantage_alert_state", Gauge,
            "State of each alert instance: 0 ok or pending, 1 warning, 2 critical."},
           [&] {
               for (const AlertEngine::InstanceState &state : states)
                   sample(out, "vantage_alert_state",
                          labels({{"rule", state.rule}, {"instance", state.instance}}),
                          int(state.severity));
           });
    const QHash<QString, quint64> firings = alerts.firings();
    family(out, {"vantage_alert_firings_total", Counter, "Alerts fired per rule since start."},
           [&] {
               for (auto it = firings.cbegin(); it != firings.cend(); ++it)
                   sample(out, "vantage_alert_firings_total", labels({{"rule", it.key()}}),
                          it.value());
           });
}

// Roughly 60 bytes a line, so a scrape fills one allocation.
qsizetype estimatedSize(const Snapshot &s)
{
    return 6144 + 600 * s.cpu.coreSeconds.size() + 900 * s.disks.size() + 300 * s.net.size() +
           400 * s.temps.size() + 100 * s.cpu.coreMhz.size() + 150 * s.fans.size() +
           600 * s.power.size();
}

} // namespace

QByteArray PrometheusExporter::render(const Snapshot &snapshot, const HostInfo &host,
                                      const AlertEngine *alerts)
{
    QByteArray out;
    out.reserve(estimatedSize(snapshot));
    writeInfo(out, host);
    writeCpu(out, snapshot.cpu);
    writeLoad(out, snapshot.load);
    writeMemory(out, snapshot.mem, snapshot.swap);
    writeFilesystems(out, snapshot.disks);
    writeNetwork(out, snapshot.net);
    writeProcesses(out, snapshot.procs);
    writeTemperatures(out, snapshot.temps);
    writeFans(out, snapshot.fans);
    writePowerSupplies(out, snapshot.power);
    writePressure(out, snapshot.pressure);
    CgroupMetrics::write(out, snapshot.cgroups);
    GpuMetrics::write(out, snapshot.gpus);
    writeTime(out, snapshot.uptime, host.bootTime);
    writeSelf(out, snapshot.seq, snapshot.self);
    if (alerts)
        writeAlerts(out, *alerts);
    return out;
}
