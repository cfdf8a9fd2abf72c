#include "seriescatalog.h"

#include <algorithm>
#include <cmath>

namespace {

// The top of a series' scale, where the machine decides it.
enum class Scale { None, Percent, MemTotal, SwapTotal, AllCores, GpuVram };

struct FixedInfo
{
    const char *id;
    const char *label;
    const char *unit;
    const char *group;
    Scale scale;
};

// Every machine-wide series History keeps (history.cpp's fixedSeries), described.
const FixedInfo fixedInfo[] = {
    {"cpu.total", "CPU total", "percent", "cpu", Scale::Percent},
    {"cpu.user", "CPU user", "percent", "cpu", Scale::Percent},
    {"cpu.system", "CPU system", "percent", "cpu", Scale::Percent},
    {"cpu.iowait", "CPU I/O wait", "percent", "cpu", Scale::Percent},
    {"cpu.steal", "CPU steal", "percent", "cpu", Scale::Percent},
    {"load.1", "Load, 1 min", "count", "cpu", Scale::None},
    {"load.5", "Load, 5 min", "count", "cpu", Scale::None},
    {"load.15", "Load, 15 min", "count", "cpu", Scale::None},
    {"mem.used", "Memory used", "bytes", "memory", Scale::MemTotal},
    {"mem.available", "Memory available", "bytes", "memory", Scale::MemTotal},
    {"mem.cached", "Memory cached", "bytes", "memory", Scale::MemTotal},
    {"mem.buffers", "Memory buffers", "bytes", "memory", Scale::MemTotal},
    {"mem.percent", "Memory used", "percent", "memory", Scale::Percent},
    {"swap.used", "Swap used", "bytes", "memory", Scale::SwapTotal},
    {"swap.percent", "Swap used", "percent", "memory", Scale::Percent},
    {"procs.count", "Processes", "count", "processes", Scale::None},
    {"procs.running", "Processes running", "count", "processes", Scale::None},
    {"procs.threads", "Threads", "count", "processes", Scale::None},
    // The monitor's own CPU is percent of one core, as top shows a process.
    {"self.cpu", "Vantage CPU", "percent", "self", Scale::AllCores},
    {"self.rss", "Vantage memory", "bytes", "self", Scale::None},
    {"self.tickUs", "Vantage collection time", "microseconds", "self", Scale::None},
    {"self.clients", "Vantage clients", "count", "self", Scale::None},
};

struct FieldInfo
{
    const char *field;
    const char *label; // after the instance: "/home read"
    const char *unit;
    Scale scale;
};

struct GroupInfo
{
    const char *prefix; // "net" of "net[eth0].rxBps"
    const char *group;
    QList<FieldInfo> fields;
};

const GroupInfo groupInfo[] = {
    {"net",
     "network",
     {{"rxBps", "received", "bytesPerSecond", Scale::None},
      {"txBps", "sent", "bytesPerSecond", Scale::None}}},
    {"disks",
     "disks",
     {{"percent", "used", "percent", Scale::Percent},
      {"readBps", "read", "bytesPerSecond", Scale::None},
      {"writeBps", "written", "bytesPerSecond", Scale::None}}},
    // A unit's or container's CPU is percent of one core, as top shows a process.
    {"cgroups",
     "services",
     {{"cpu", "CPU", "percent", Scale::AllCores}, {"memory", "memory", "bytes", Scale::MemTotal}}},
    // Labelled with the GPU's name once a Snapshot has it (SeriesCatalog::update); VRAM's scale
    // is that GPU's own memory.
    {"gpus",
     "gpu",
     {{"load", "load", "percent", Scale::Percent},
      {"vramUsed", "VRAM used", "bytes", Scale::GpuVram},
      {"temp", "temperature", "celsius", Scale::None},
      {"power", "power", "watts", Scale::None}}},
    {"temps", "sensors", {{"celsius", "", "celsius", Scale::None}}},
    {"fans", "sensors", {{"rpm", "", "rpm", Scale::None}}},
    {"power",
     "sensors",
     {{"capacity", "charge", "percent", Scale::Percent}, {"watts", "power", "watts", Scale::None}}},
};

Scale scaleOf(const QString &id)
{
    for (const FixedInfo &fixed : fixedInfo) {
        if (id == QLatin1StringView(fixed.id))
            return fixed.scale;
    }
    for (const GroupInfo &group : groupInfo) {
        if (!id.startsWith(QLatin1StringView(group.prefix) + u'['))
            continue;
        for (const FieldInfo &field : group.fields) {
            if (id.endsWith(u"]." + QLatin1StringView(field.field)))
                return field.scale;
        }
    }
    return id.startsWith(u"cpu.cores[") || id.startsWith(u"pressure.") ? Scale::Percent
                                                                       : Scale::None;
}

// "net[eth0].rxBps" → {"net", "eth0", "rxBps"}; the instance may itself hold brackets or dots
// (a mount path, a sensor label), so it runs from the first '[' to the last "].".
bool splitIndexed(const QString &id, QString *prefix, QString *instance, QString *field)
{
    const qsizetype open = id.indexOf(u'[');
    const qsizetype close = id.lastIndexOf(u']');
    if (open <= 0 || close < open)
        return false;
    *prefix = id.first(open);
    *instance = id.sliced(open + 1, close - open - 1);
    *field = close + 1 < id.size() && id.at(close + 1) == u'.' ? id.sliced(close + 2) : QString();
    return close + 1 == id.size() || id.at(close + 1) == u'.';
}

// "pressure.memory.full.rate" → "Memory pressure, full, stall rate" (docs/metrics.md "Pressure").
bool describePressure(const QString &id, SeriesInfo *info)
{
    const QStringList parts = id.split(u'.');
    if (parts.size() != 4 || parts[0] != u"pressure")
        return false;
    const QString resource = parts[1] == u"cpu"      ? QStringLiteral("CPU")
                             : parts[1] == u"memory" ? QStringLiteral("Memory")
                             : parts[1] == u"io"     ? QStringLiteral("I/O")
                                                     : QString();
    const QString field = parts[3] == u"avg10"   ? QStringLiteral("10 s")
                          : parts[3] == u"avg60" ? QStringLiteral("60 s")
                          : parts[3] == u"rate"  ? QStringLiteral("stall rate")
                                                 : QString();
    if (resource.isEmpty() || field.isEmpty() || (parts[2] != u"some" && parts[2] != u"full"))
        return false;
    info->label = QStringLiteral("%1 pressure, %2, %3").arg(resource, parts[2], field);
    info->unit = QStringLiteral("percent");
    info->group = QStringLiteral("pressure");
    info->max = 100;
    return true;
}

bool describeIndexed(const QString &id, SeriesInfo *info)
{
    QString prefix, instance, field;
    if (!splitIndexed(id, &prefix, &instance, &field))
        return false;
    if (prefix == u"cpu.cores" && field.isEmpty()) {
        info->label = QStringLiteral("CPU %1").arg(instance);
        info->unit = QStringLiteral("percent");
        info->group = QStringLiteral("cpu");
        info->instance = instance;
        return true;
    }
    // cpufreq's clock: MHz as cpu.coreMhz carries it, shown with the sensors.
    if (prefix == u"cpu.coreMhz" && field.isEmpty()) {
        info->label = QStringLiteral("CPU %1 clock").arg(instance);
        info->unit = QStringLiteral("megahertz");
        info->group = QStringLiteral("sensors");
        info->instance = instance;
        return true;
    }
    for (const GroupInfo &group : groupInfo) {
        if (prefix != QLatin1StringView(group.prefix))
            continue;
        for (const FieldInfo &known : group.fields) {
            if (field != QLatin1StringView(known.field))
                continue;
            const QLatin1StringView suffix(known.label);
            info->label = suffix.isEmpty() ? instance : instance + u' ' + suffix;
            info->unit = QLatin1StringView(known.unit);
            info->group = QLatin1StringView(group.group);
            info->instance = instance;
            return true;
        }
    }
    return false;
}

// The decimals snapshotjson.cpp sends each unit with: ratios, loads and watts 2, temperatures and
// a GPU's load 1, a battery's charge, bytes, rates, counts, clocks, fan speeds and times whole.
int decimalsOf(const QString &id, const QString &unit)
{
    if (unit.isEmpty())
        return -1;
    if (id.startsWith(u"power[") && unit == u"percent")
        return 0;
    if (id.startsWith(u"gpus[") && unit == u"percent")
        return 1;
    if (unit == u"percent" || unit == u"watts" || id.startsWith(u"load."))
        return 2;
    return unit == u"celsius" ? 1 : 0;
}

// Whether the newest Snapshot still has the resource and kind of a pressure.* series.
bool pressurePresent(const QString &id, const Snapshot &latest)
{
    if (!latest.pressure)
        return false;
    const QStringList parts = id.split(u'.');
    const Pressure &p = *latest.pressure;
    const std::optional<PressureResource> &resource = parts[1] == u"cpu"      ? p.cpu
                                                      : parts[1] == u"memory" ? p.memory
                                                                              : p.io;
    return resource && (parts[2] == u"some" || resource->full);
}

// The GPU a gpus[<PCI address>].* series belongs to, if the Snapshot has it.
const GpuUsage *gpuOf(const QString &id, const Snapshot &latest)
{
    const auto found = std::find_if(latest.gpus.cbegin(), latest.gpus.cend(),
                                    [&id](const GpuUsage &g) { return g.id == id; });
    return found == latest.gpus.cend() ? nullptr : &*found;
}

// The label a GPU series' field gets after the GPU's name: "load" of "gpus[…].load".
const char *gpuFieldLabel(const QString &field)
{
    for (const GroupInfo &group : groupInfo) {
        if (QLatin1StringView(group.prefix) != u"gpus")
            continue;
        for (const FieldInfo &known : group.fields) {
            if (field == QLatin1StringView(known.field))
                return known.label;
        }
    }
    return nullptr;
}

bool sameNumber(double a, double b)
{
    return a == b || (std::isnan(a) && std::isnan(b));
}

} // namespace

bool SeriesInfo::sameAs(const SeriesInfo &other) const
{
    return id == other.id && label == other.label && unit == other.unit && group == other.group &&
           sameNumber(max, other.max) && instance == other.instance && rollup == other.rollup &&
           gone == other.gone;
}

SeriesInfo SeriesCatalog::describe(const QString &id)
{
    SeriesInfo info;
    info.id = id;
    if (scaleOf(id) == Scale::Percent)
        info.max = 100;
    for (const FixedInfo &fixed : fixedInfo) {
        if (id == QLatin1StringView(fixed.id)) {
            info.label = QLatin1StringView(fixed.label);
            info.unit = QLatin1StringView(fixed.unit);
            info.group = QLatin1StringView(fixed.group);
            info.decimals = decimalsOf(id, info.unit);
            return info;
        }
    }
    if (!describePressure(id, &info) && !describeIndexed(id, &info))
        info.label = id; // a series this build does not describe yet: its name, no unit
    info.decimals = decimalsOf(id, info.unit);
    return info;
}

const SeriesInfo *SeriesCatalog::find(const QString &id) const
{
    const auto found = m_index.constFind(id);
    return found == m_index.constEnd() ? nullptr : &m_series[*found];
}

SeriesCatalog::Entry SeriesCatalog::entryFor(const SeriesInfo &info)
{
    Entry entry;
    entry.scale = int(scaleOf(info.id));
    if (info.group == u"pressure") {
        entry.source = Source::Pressure;
    } else if (info.instance.isEmpty()) {
        entry.source = info.unit.isEmpty() ? Source::Other : Source::Fixed;
    } else if (info.id.startsWith(u"cpu.cores[")) {
        entry.source = Source::Core;
        entry.core = info.instance.toInt();
    } else if (info.id.startsWith(u"cpu.coreMhz[")) {
        entry.source = Source::CoreClock;
        entry.core = info.instance.toInt();
    } else if (info.id.startsWith(u"net[")) {
        entry.source = Source::Net;
    } else if (info.id.startsWith(u"disks[")) {
        entry.source = Source::Disk;
    } else if (info.id.startsWith(u"temps[")) {
        entry.source = Source::Temp;
    } else if (info.id.startsWith(u"fans[")) {
        entry.source = Source::Fan;
    } else if (info.id.startsWith(u"power[")) {
        entry.source = Source::Power;
    } else if (info.id.startsWith(u"cgroups[")) {
        entry.source = Source::Cgroup;
    } else if (info.id.startsWith(u"gpus[")) {
        entry.source = Source::Gpu;
        entry.fieldLabel = gpuFieldLabel(info.id.sliced(info.id.lastIndexOf(u'.') + 1));
    }
    return entry;
}

bool SeriesCatalog::present(const SeriesInfo &info, const Entry &entry, const Snapshot &latest)
{
    switch (entry.source) {
    case Source::Core:
        return entry.core < latest.cpu.cores.size();
    case Source::CoreClock:
        return entry.core < latest.cpu.coreMhz.size() &&
               !std::isnan(latest.cpu.coreMhz[entry.core]);
    case Source::Fan:
        return std::any_of(latest.fans.cbegin(), latest.fans.cend(),
                           [&info](const Fan &f) { return f.label == info.instance; });
    case Source::Power:
        return std::any_of(latest.power.cbegin(), latest.power.cend(),
                           [&info](const PowerSupply &p) { return p.name == info.instance; });
    case Source::Net:
        return std::any_of(latest.net.cbegin(), latest.net.cend(),
                           [&info](const NetUsage &n) { return n.iface == info.instance; });
    case Source::Disk:
        return std::any_of(latest.disks.cbegin(), latest.disks.cend(),
                           [&info](const DiskUsage &d) { return d.mount == info.instance; });
    case Source::Temp:
        return std::any_of(latest.temps.cbegin(), latest.temps.cend(),
                           [&info](const Temperature &t) { return t.label == info.instance; });
    case Source::Pressure:
        return pressurePresent(info.id, latest);
    case Source::Cgroup:
        return latest.cgroups &&
               std::any_of(latest.cgroups->cbegin(), latest.cgroups->cend(),
                           [&info](const CgroupUsage &c) { return c.path == info.instance; });
    case Source::Gpu: {
        // A GPU leaving is reported once with state "gone" before it drops out of the list.
        const GpuUsage *gpu = gpuOf(info.instance, latest);
        return gpu && gpu->state != u"gone";
    }
    case Source::Fixed:
    case Source::Other:
        break;
    }
    return true;
}

double SeriesCatalog::maxFor(const SeriesInfo &info, const Entry &entry, const Snapshot &latest)
{
    const auto knownTotal = [](quint64 total) { return total > 0 ? double(total) : qQNaN(); };
    switch (Scale(entry.scale)) {
    case Scale::Percent:
        return 100;
    case Scale::MemTotal:
        return knownTotal(latest.mem.total);
    case Scale::SwapTotal:
        return knownTotal(latest.swap.total);
    case Scale::AllCores:
        return latest.cpu.cores.isEmpty() ? qQNaN() : 100.0 * latest.cpu.cores.size();
    case Scale::GpuVram: {
        const GpuUsage *gpu = gpuOf(info.instance, latest);
        return gpu && gpu->vramTotal ? knownTotal(*gpu->vramTotal) : info.max;
    }
    case Scale::None:
        break;
    }
    return qQNaN();
}

// "Radeon RX 6800 load" once the Snapshot names the GPU; the PCI address until then, and the last
// name after it leaves. Compared in place: a tick that changes nothing builds no string.
bool SeriesCatalog::relabelGpu(SeriesInfo *info, const Entry &entry, const Snapshot &latest)
{
    const GpuUsage *gpu = gpuOf(info->instance, latest);
    if (!gpu || gpu->name.isEmpty() || !entry.fieldLabel)
        return false;
    const QLatin1StringView field(entry.fieldLabel);
    if (info->label.size() == gpu->name.size() + 1 + field.size() &&
        info->label.startsWith(gpu->name) && info->label.endsWith(field))
        return false;
    info->label = gpu->name + u' ' + field;
    return true;
}

void SeriesCatalog::rebuild(const QStringList &historySeries)
{
    QList<SeriesInfo> series;
    QList<Entry> entries;
    QHash<QString, qsizetype> index;
    for (const QString &id : historySeries) {
        const SeriesInfo *known = find(id);
        series.append(known ? *known : describe(id));
        entries.append(known ? m_entries[m_index.value(id)] : entryFor(series.last()));
        index.insert(id, series.size() - 1);
    }
    m_series = series;
    m_entries = entries;
    m_index = index;
    m_names = historySeries;
}

bool SeriesCatalog::update(const QStringList &historySeries, const Snapshot &latest)
{
    bool changed = false;
    // The history's list is shared with m_names while unchanged: comparing is one pointer.
    if (historySeries != m_names) {
        rebuild(historySeries);
        changed = true;
    }
    for (qsizetype i = 0; i < m_series.size(); ++i) {
        SeriesInfo &info = m_series[i];
        const bool gone = !present(info, m_entries[i], latest);
        const double max = maxFor(info, m_entries[i], latest);
        if (gone != info.gone || !sameNumber(max, info.max)) {
            info.gone = gone;
            info.max = max;
            changed = true;
        }
        if (m_entries[i].source == Source::Gpu && relabelGpu(&info, m_entries[i], latest))
            changed = true;
    }
    return changed;
}
