#pragma once

#include "server/prometheustext.h"
#include "snapshot.h"

#include <optional>

// The cgroup families of /metrics (docs/api.md "Prometheus"): one series per unit, slice,
// session and container, labelled by name, kind, path (unique where names repeat) and, for a
// container, runtime. A value the kernel does not report for a group has no series; without a
// cgroup fs there are no families at all.
namespace CgroupMetrics {

inline void write(QByteArray &out, const std::optional<QList<CgroupUsage>> &cgroups)
{
    using namespace PrometheusText;
    if (!cgroups)
        return;
    QList<QByteArray> names;
    names.reserve(cgroups->size());
    for (const CgroupUsage &c : *cgroups) {
        QByteArray set = labels({{"name", c.name}, {"kind", c.kind}, {"path", c.path}});
        if (!c.runtime.isEmpty())
            appendLabel(set, "runtime", c.runtime);
        names.append(set);
    }
    const auto known = [](const auto &value) { return value ? double(*value) : qQNaN(); };
    perItem(out,
            {"vantage_cgroup_cpu_ratio", Gauge,
             "CPU of the group over the last tick, in cores: 1 is one core busy."},
            names, *cgroups, [&](const CgroupUsage &c) { return known(c.cpu) / 100; });
    perItem(out,
            {"vantage_cgroup_memory_bytes", Gauge,
             "Memory of the group less its inactive file cache, as docker stats counts it."},
            names, *cgroups, [&](const CgroupUsage &c) { return known(c.memory); });
    perItem(out,
            {"vantage_cgroup_read_bytes_per_second", Gauge,
             "Bytes the group read from block devices per second over the last tick."},
            names, *cgroups, [&](const CgroupUsage &c) { return known(c.readBps); });
    perItem(out,
            {"vantage_cgroup_write_bytes_per_second", Gauge,
             "Bytes the group wrote to block devices per second over the last tick."},
            names, *cgroups, [&](const CgroupUsage &c) { return known(c.writeBps); });
    perItem(out, {"vantage_cgroup_pids", Gauge, "Tasks (processes and threads) in the group."},
            names, *cgroups, [&](const CgroupUsage &c) { return known(c.pids); });
}

} // namespace CgroupMetrics
