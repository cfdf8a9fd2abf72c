#include "history.h"

#include <cmath>
#include <limits>
#include <utility>

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

} // namespace

History::History(qsizetype capacity)
    : m_ts(qMax<qsizetype>(capacity, 1))
{
    rebuildLookups();
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

void History::recordFixed(const Snapshot &snapshot)
{
    for (size_t i = 0; i < m_fixed.size(); ++i)
        set(m_fixed[i], fixedSeries[i].value(snapshot));
}

void History::recordCores(const Snapshot &snapshot)
{
    const QList<double> &cores = snapshot.cpu.cores;
    while (m_cores.size() < cores.size()) {
        const QString name = QStringLiteral("cpu.cores[%1]").arg(m_cores.size());
        m_cores.append(seriesFor(name));
    }
    for (qsizetype i = 0; i < cores.size(); ++i)
        set(m_cores[i], cores[i]);
    // Few machines have cpufreq and its series are few: found by name each tick.
    const QList<double> &mhz = snapshot.cpu.coreMhz;
    for (qsizetype i = 0; i < mhz.size(); ++i) {
        if (!std::isnan(mhz[i]))
            set(seriesFor(QStringLiteral("cpu.coreMhz[%1]").arg(i)), mhz[i]);
    }
}

void History::recordNamed(const Snapshot &snapshot)
{
    for (const NetUsage &net : snapshot.net) {
        auto it = m_net.find(net.iface);
        if (it == m_net.end()) {
            it = m_net.insert(net.iface, {seriesFor(indexed(QLatin1StringView("net"), net.iface,
                                                            QLatin1StringView("rxBps"))),
                                          seriesFor(indexed(QLatin1StringView("net"), net.iface,
                                                            QLatin1StringView("txBps")))});
        }
        set((*it)[0], net.rxBps);
        set((*it)[1], net.txBps);
    }
    for (const DiskUsage &disk : snapshot.disks) {
        auto it = m_disks.find(disk.mount);
        if (it == m_disks.end()) {
            const QLatin1StringView group("disks");
            it = m_disks.insert(
                disk.mount, {seriesFor(indexed(group, disk.mount, QLatin1StringView("percent"))),
                             seriesFor(indexed(group, disk.mount, QLatin1StringView("readBps"))),
                             seriesFor(indexed(group, disk.mount, QLatin1StringView("writeBps")))});
        }
        set((*it)[0], disk.percent);
        set((*it)[1], disk.readBps);
        set((*it)[2], disk.writeBps);
    }
    for (const Temperature &temp : snapshot.temps) {
        auto it = m_temps.find(temp.label);
        if (it == m_temps.end())
            it =
                m_temps.insert(temp.label, seriesFor(indexed(QLatin1StringView("temps"), temp.label,
                                                             QLatin1StringView("celsius"))));
        set(*it, temp.celsius);
    }
    for (const Fan &fan : snapshot.fans)
        set(seriesFor(indexed(QLatin1StringView("fans"), fan.label, QLatin1StringView("rpm"))),
            fan.rpm);
    for (const PowerSupply &supply : snapshot.power) {
        // Sources (Mains, USB) have neither: no empty series for them.
        const QLatin1StringView group("power");
        if (!std::isnan(supply.capacity))
            set(seriesFor(indexed(group, supply.name, QLatin1StringView("capacity"))),
                supply.capacity);
        if (!std::isnan(supply.watts))
            set(seriesFor(indexed(group, supply.name, QLatin1StringView("watts"))), supply.watts);
    }
    // CPU and memory per unit and container, by its cgroup path (names repeat: a user manager
    // has its own dbus.service). I/O is left to the live view: two more series per row would
    // double what a host with hundreds of containers keeps.
    if (snapshot.cgroups) {
        const QLatin1StringView group("cgroups");
        for (const CgroupUsage &cgroup : *snapshot.cgroups) {
            if (cgroup.cpu)
                set(seriesFor(indexed(group, cgroup.path, QLatin1StringView("cpu"))), *cgroup.cpu);
            if (cgroup.memory)
                set(seriesFor(indexed(group, cgroup.path, QLatin1StringView("memory"))),
                    double(*cgroup.memory));
        }
    }
    // Load, VRAM, temperature and power per GPU, by PCI address. A value the GPU did not give
    // this tick (asleep, or its backend cannot read it) is left unset: a gap, never a 0.
    for (const GpuUsage &gpu : snapshot.gpus) {
        const QLatin1StringView group("gpus");
        if (gpu.load)
            set(seriesFor(indexed(group, gpu.id, QLatin1StringView("load"))), *gpu.load);
        if (gpu.vramUsed)
            set(seriesFor(indexed(group, gpu.id, QLatin1StringView("vramUsed"))),
                double(*gpu.vramUsed));
        if (gpu.temp)
            set(seriesFor(indexed(group, gpu.id, QLatin1StringView("temp"))), *gpu.temp);
        if (gpu.power)
            set(seriesFor(indexed(group, gpu.id, QLatin1StringView("power"))), *gpu.power);
    }
    if (snapshot.pressure) {
        for (const PressureSeries &series : pressureSeries()) {
            const std::optional<PressureResource> &resource = (*snapshot.pressure).*series.resource;
            const PressureStall *stall = !resource ? nullptr
                                         : series.full
                                             ? (resource->full ? &*resource->full : nullptr)
                                             : &resource->some;
            if (stall)
                set(seriesFor(series.name), stall->*series.field);
        }
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
    QList<size_t> keep;
    for (size_t i = 0; i < m_values.size(); ++i) {
        if (i < std::size(fixedSeries) || hasValue(m_values[i]))
            keep.append(i);
    }
    if (size_t(keep.size()) == m_values.size())
        return;
    std::vector<RingBuffer<float>> kept;
    QStringList names;
    for (size_t i : keep) {
        kept.push_back(std::move(m_values[i]));
        names.append(m_names[qsizetype(i)]);
    }
    m_values = std::move(kept);
    m_names = names;
    m_pending.assign(m_values.size(), qQNaN());
    rebuildLookups();
}

void History::rebuildLookups()
{
    m_index.clear();
    for (qsizetype i = 0; i < m_names.size(); ++i)
        m_index.insert(m_names[i], int(i));
    m_cores.clear();
    m_net.clear();
    m_disks.clear();
    m_temps.clear();
    m_fixed.clear();
    for (const FixedSeries &series : fixedSeries)
        m_fixed.push_back(seriesFor(QLatin1StringView(series.name)));
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
