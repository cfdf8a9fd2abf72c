#include "history.h"

#include <cmath>
#include <limits>
#include <utility>

using namespace Qt::StringLiterals;

namespace {

struct FixedSeries
{
    const char *name;
    double (*value)(const Snapshot &);
};

// Every scalar of the Snapshot worth charting, by its JSON path.
const FixedSeries fixedSeries[] = {
    {"cpu.total", [](const Snapshot &s) { return s.cpu.total; }},
    {"cpu.user", [](const Snapshot &s) { return s.cpu.user; }},
    {"cpu.system", [](const Snapshot &s) { return s.cpu.system; }},
    {"cpu.iowait", [](const Snapshot &s) { return s.cpu.iowait; }},
    {"cpu.steal", [](const Snapshot &s) { return s.cpu.steal; }},
    {"load.1", [](const Snapshot &s) { return s.load[0]; }},
    {"load.5", [](const Snapshot &s) { return s.load[1]; }},
    {"load.15", [](const Snapshot &s) { return s.load[2]; }},
    {"mem.used", [](const Snapshot &s) { return double(s.mem.used); }},
    {"mem.available", [](const Snapshot &s) { return double(s.mem.available); }},
    {"mem.cached", [](const Snapshot &s) { return double(s.mem.cached); }},
    {"mem.buffers", [](const Snapshot &s) { return double(s.mem.buffers); }},
    {"mem.percent", [](const Snapshot &s) { return s.mem.percent; }},
    {"swap.used", [](const Snapshot &s) { return double(s.swap.used); }},
    {"swap.percent", [](const Snapshot &s) { return s.swap.percent; }},
    {"procs.count", [](const Snapshot &s) { return double(s.procs.count); }},
    {"procs.running", [](const Snapshot &s) { return double(s.procs.running); }},
    {"procs.threads", [](const Snapshot &s) { return double(s.procs.threads); }},
    {"self.cpu", [](const Snapshot &s) { return s.self.cpu; }},
    {"self.rss", [](const Snapshot &s) { return double(s.self.rss); }},
    {"self.tickUs", [](const Snapshot &s) { return double(s.self.tickUs); }},
    {"self.clients", [](const Snapshot &s) { return double(s.self.clients); }},
};

// The PSI series (docs/metrics.md "Pressure"), named pressure.<resource>.<kind>.<field>. Not
// fixed: a kernel without PSI, or without cpu "full" (before 5.13), has none of them.
struct PressureSeries
{
    QString name;
    const std::optional<PressureResource> Pressure::*resource;
    bool full;
    double PressureStall::*field;
};

const QList<PressureSeries> &pressureSeries()
{
    static const QList<PressureSeries> series = [] {
        QList<PressureSeries> all;
        const std::pair<const char *, const std::optional<PressureResource> Pressure::*>
            resources[] = {
                {"cpu", &Pressure::cpu}, {"memory", &Pressure::memory}, {"io", &Pressure::io}};
        const std::pair<const char *, double PressureStall::*> fields[] = {
            {"avg10", &PressureStall::avg10},
            {"avg60", &PressureStall::avg60},
            {"rate", &PressureStall::rate}};
        for (const auto &resource : resources) {
            for (const bool full : {false, true}) {
                for (const auto &field : fields) {
                    all.append({QStringLiteral("pressure.%1.%2.%3")
                                    .arg(QLatin1StringView(resource.first),
                                         full ? QStringLiteral("full") : QStringLiteral("some"),
                                         QLatin1StringView(field.first)),
                                resource.second, full, field.second});
                }
            }
        }
        return all;
    }();
    return series;
}

QString indexed(QLatin1StringView group, const QString &key, QLatin1StringView field)
{
    return group + u'[' + key + u']' + (field.isEmpty() ? QString() : u'.' + field);
}

void renumber(std::vector<int> &indices, const std::vector<int> &renumbered)
{
    for (int &index : indices)
        index = index < 0 ? -1 : renumbered[size_t(index)];
}

} // namespace

History::History(qsizetype capacity)
    : m_ts(qMax<qsizetype>(capacity, 1))
    , m_pressure(size_t(pressureSeries().size()), -1)
{
    for (const FixedSeries &series : fixedSeries)
        m_fixed.push_back(seriesFor(QLatin1StringView(series.name)));
}

void History::setCapacity(qsizetype capacity)
{
    capacity = qMax<qsizetype>(capacity, 1);
    if (capacity == m_ts.capacity())
        return;
    const qsizetype keep = qMin(m_ts.size(), capacity);
    const qsizetype skip = m_ts.size() - keep;
    RingBuffer<qint64> ts(capacity);
    for (qsizetype i = skip; i < m_ts.size(); ++i)
        ts.push(m_ts.at(i));
    for (auto &values : m_values) {
        RingBuffer<float> resized(capacity);
        for (qsizetype i = skip; i < values.size(); ++i)
            resized.push(values.at(i));
        values = std::move(resized);
    }
    m_ts = std::move(ts);
}

int History::seriesFor(const QString &name)
{
    const auto found = m_index.constFind(name);
    if (found != m_index.constEnd())
        return *found;
    // A series first seen now has had no value at the earlier ticks.
    RingBuffer<float> values(m_ts.capacity());
    for (qsizetype i = 0; i < m_ts.size(); ++i)
        values.push(std::numeric_limits<float>::quiet_NaN());
    m_values.push_back(std::move(values));
    m_pending.push_back(qQNaN());
    m_names.append(name);
    const int index = int(m_values.size()) - 1;
    m_index.insert(name, index);
    return index;
}

void History::append(const Snapshot &snapshot)
{
    std::fill(m_pending.begin(), m_pending.end(), qQNaN());
    recordFixed(snapshot);
    recordCores(snapshot);
    recordNamed(snapshot);
    recordCgroups(snapshot);
    recordGpus(snapshot);
    recordPressure(snapshot);
    m_ts.push(snapshot.ts);
    for (size_t i = 0; i < m_values.size(); ++i)
        m_values[i].push(float(m_pending[i]));
    if (++m_appendsSincePrune >= m_ts.capacity()) {
        m_appendsSincePrune = 0;
        pruneVanishedSeries();
    }
}

void History::appendValues(qint64 ts, const QStringList &names, const QList<double> &values)
{
    std::fill(m_pending.begin(), m_pending.end(), qQNaN());
    for (qsizetype i = 0; i < names.size(); ++i)
        set(seriesFor(names[i]), values[i]);
    m_ts.push(ts);
    for (size_t i = 0; i < m_values.size(); ++i)
        m_values[i].push(float(m_pending[i]));
}

void History::record(int &series, QLatin1StringView group, const QString &key,
                     QLatin1StringView field, double value)
{
    if (series < 0)
        series = seriesFor(indexed(group, key, field));
    set(series, value);
}

void History::recordFixed(const Snapshot &snapshot)
{
    for (size_t i = 0; i < m_fixed.size(); ++i)
        set(m_fixed[i], fixedSeries[i].value(snapshot));
}

void History::recordCores(const Snapshot &snapshot)
{
    // Every CPU has a series, an offline one too (NaN), as it had from the start.
    const QList<double> &cores = snapshot.cpu.cores;
    m_cores.resize(qMax(m_cores.size(), size_t(cores.size())), -1);
    for (qsizetype i = 0; i < cores.size(); ++i) {
        int &series = m_cores[size_t(i)];
        if (series < 0)
            series = seriesFor(QStringLiteral("cpu.cores[%1]").arg(i));
        set(series, cores[i]);
    }
    // A CPU whose frequency is unknown (NaN) has no series until it has one.
    const QList<double> &mhz = snapshot.cpu.coreMhz;
    m_coreMhz.resize(qMax(m_coreMhz.size(), size_t(mhz.size())), -1);
    for (qsizetype i = 0; i < mhz.size(); ++i) {
        if (std::isnan(mhz[i]))
            continue;
        int &series = m_coreMhz[size_t(i)];
        if (series < 0)
            series = seriesFor(QStringLiteral("cpu.coreMhz[%1]").arg(i));
        set(series, mhz[i]);
    }
}

void History::recordNamed(const Snapshot &snapshot)
{
    for (qsizetype i = 0; i < snapshot.net.size(); ++i) {
        const NetUsage &net = snapshot.net[i];
        auto &series = m_net.at(i, net.iface);
        record(series[0], "net"_L1, net.iface, "rxBps"_L1, net.rxBps);
        record(series[1], "net"_L1, net.iface, "txBps"_L1, net.txBps);
    }
    for (qsizetype i = 0; i < snapshot.disks.size(); ++i) {
        const DiskUsage &disk = snapshot.disks[i];
        auto &series = m_disks.at(i, disk.mount);
        record(series[0], "disks"_L1, disk.mount, "percent"_L1, disk.percent);
        record(series[1], "disks"_L1, disk.mount, "readBps"_L1, disk.readBps);
        record(series[2], "disks"_L1, disk.mount, "writeBps"_L1, disk.writeBps);
    }
    for (qsizetype i = 0; i < snapshot.temps.size(); ++i) {
        const Temperature &temp = snapshot.temps[i];
        record(m_temps.at(i, temp.label)[0], "temps"_L1, temp.label, "celsius"_L1, temp.celsius);
    }
    for (qsizetype i = 0; i < snapshot.fans.size(); ++i) {
        const Fan &fan = snapshot.fans[i];
        record(m_fans.at(i, fan.label)[0], "fans"_L1, fan.label, "rpm"_L1, fan.rpm);
    }
    for (qsizetype i = 0; i < snapshot.power.size(); ++i) {
        // Sources (Mains, USB) have neither: no empty series for them.
        const PowerSupply &supply = snapshot.power[i];
        auto &series = m_power.at(i, supply.name);
        if (!std::isnan(supply.capacity))
            record(series[0], "power"_L1, supply.name, "capacity"_L1, supply.capacity);
        if (!std::isnan(supply.watts))
            record(series[1], "power"_L1, supply.name, "watts"_L1, supply.watts);
    }
}

// CPU and memory per unit and container, by its cgroup path (names repeat: a user manager has its
// own dbus.service). I/O is left to the live view: two more series per row would double what a
// host with hundreds of containers keeps.
void History::recordCgroups(const Snapshot &snapshot)
{
    if (!snapshot.cgroups)
        return;
    const QList<CgroupUsage> &cgroups = *snapshot.cgroups;
    for (qsizetype i = 0; i < cgroups.size(); ++i) {
        const CgroupUsage &cgroup = cgroups[i];
        auto &series = m_cgroups.at(i, cgroup.path);
        if (cgroup.cpu)
            record(series[0], "cgroups"_L1, cgroup.path, "cpu"_L1, *cgroup.cpu);
        if (cgroup.memory)
            record(series[1], "cgroups"_L1, cgroup.path, "memory"_L1, double(*cgroup.memory));
    }
}

// Load, VRAM, temperature and power per GPU, by PCI address. A value the GPU did not give this
// tick (asleep, or its backend cannot read it) is left unset: a gap, never a 0.
void History::recordGpus(const Snapshot &snapshot)
{
    for (qsizetype i = 0; i < snapshot.gpus.size(); ++i) {
        const GpuUsage &gpu = snapshot.gpus[i];
        auto &series = m_gpus.at(i, gpu.id);
        if (gpu.load)
            record(series[0], "gpus"_L1, gpu.id, "load"_L1, *gpu.load);
        if (gpu.vramUsed)
            record(series[1], "gpus"_L1, gpu.id, "vramUsed"_L1, double(*gpu.vramUsed));
        if (gpu.temp)
            record(series[2], "gpus"_L1, gpu.id, "temp"_L1, *gpu.temp);
        if (gpu.power)
            record(series[3], "gpus"_L1, gpu.id, "power"_L1, *gpu.power);
    }
}

void History::recordPressure(const Snapshot &snapshot)
{
    if (!snapshot.pressure)
        return;
    const QList<PressureSeries> &all = pressureSeries();
    for (qsizetype i = 0; i < all.size(); ++i) {
        const PressureSeries &series = all[i];
        const std::optional<PressureResource> &resource = (*snapshot.pressure).*series.resource;
        const PressureStall *stall = !resource     ? nullptr
                                     : series.full ? (resource->full ? &*resource->full : nullptr)
                                                   : &resource->some;
        if (!stall)
            continue;
        int &index = m_pressure[size_t(i)];
        if (index < 0)
            index = seriesFor(series.name);
        set(index, stall->*series.field);
    }
}

// Drops series with no value anywhere in the window (an interface or mount long gone), so a
// machine that churns through containers' interfaces does not grow without bound.
void History::pruneVanishedSeries()
{
    const auto hasValue = [](const RingBuffer<float> &values) {
        for (qsizetype j = 0; j < values.size(); ++j) {
            if (!std::isnan(values.at(j)))
                return true;
        }
        return false;
    };
    std::vector<int> renumbered(m_values.size(), -1);
    int kept = 0;
    for (size_t i = 0; i < m_values.size(); ++i) {
        if (i < std::size(fixedSeries) || hasValue(m_values[i]))
            renumbered[i] = kept++;
    }
    if (size_t(kept) == m_values.size())
        return;
    std::vector<RingBuffer<float>> values;
    QStringList names;
    for (size_t i = 0; i < m_values.size(); ++i) {
        if (renumbered[i] < 0)
            continue;
        values.push_back(std::move(m_values[i]));
        names.append(m_names[qsizetype(i)]);
    }
    m_values = std::move(values);
    m_names = names;
    m_pending.assign(m_values.size(), qQNaN());
    rebuildLookups(renumbered);
}

// Every lookup follows its series to their new places; the ones pruned become -1, so a series
// seen again is created anew, with its name, at its next value.
void History::rebuildLookups(const std::vector<int> &renumbered)
{
    m_index.clear();
    for (qsizetype i = 0; i < m_names.size(); ++i)
        m_index.insert(m_names[i], int(i));
    renumber(m_fixed, renumbered);
    renumber(m_cores, renumbered);
    renumber(m_coreMhz, renumbered);
    renumber(m_pressure, renumbered);
    m_net.renumber(renumbered);
    m_disks.renumber(renumbered);
    m_temps.renumber(renumbered);
    m_fans.renumber(renumbered);
    m_power.renumber(renumbered);
    m_cgroups.renumber(renumbered);
    m_gpus.renumber(renumbered);
}

qsizetype History::firstIndexSince(qint64 sinceTs) const
{
    qsizetype first = m_ts.size();
    while (first > 0 && m_ts.at(first - 1) >= sinceTs)
        --first;
    return first;
}

QList<History::Point> History::points(const QString &series, qint64 sinceTs) const
{
    QList<Point> result;
    const auto found = m_index.constFind(series);
    if (found == m_index.constEnd())
        return result;
    const RingBuffer<float> &values = m_values[size_t(*found)];
    const qsizetype first = firstIndexSince(sinceTs);
    result.reserve(m_ts.size() - first);
    for (qsizetype i = first; i < m_ts.size(); ++i)
        result.append({m_ts.at(i), values.at(i)});
    return result;
}

History::Window History::window(const QStringList &series, qint64 sinceTs) const
{
    Window result;
    const qsizetype first = firstIndexSince(sinceTs);
    for (qsizetype i = first; i < m_ts.size(); ++i)
        result.ts.append(m_ts.at(i));
    for (const QString &name : series) {
        const auto found = m_index.constFind(name);
        if (found == m_index.constEnd())
            continue;
        const RingBuffer<float> &values = m_values[size_t(*found)];
        QList<double> column;
        column.reserve(result.ts.size());
        for (qsizetype i = first; i < m_ts.size(); ++i)
            column.append(values.at(i));
        result.series.append({name, column});
    }
    return result;
}
