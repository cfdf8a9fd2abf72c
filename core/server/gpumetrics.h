#pragma once

#include "server/prometheustext.h"
#include "snapshot.h"

#include <optional>

// The GPU families of /metrics (docs/prometheus.md "GPUs"): one series per GPU, labelled by its
// PCI address, vendor and name. Only what was read this tick has a series: a GPU asleep shows
// vantage_gpu_suspended 1 and the values that can be read without waking it (its VRAM), never a
// 0 load or a stale temperature. A GPU reported gone has none; a machine without one, no families.
namespace GpuMetrics {

inline void write(QByteArray &out, const QList<GpuUsage> &all)
{
    using namespace PrometheusText;
    QList<GpuUsage> gpus;
    QList<QByteArray> names;
    for (const GpuUsage &g : all) {
        if (g.state == u"gone")
            continue;
        gpus.append(g);
        names.append(labels({{"gpu", g.id}, {"vendor", g.vendor}, {"name", g.name}}));
    }
    const auto known = [](const auto &value) { return value ? double(*value) : qQNaN(); };
    perItem(out,
            {"vantage_gpu_suspended", Gauge,
             "1 while the GPU is runtime-suspended (asleep) and only its non-waking values are "
             "read, else 0."},
            names, gpus, [](const GpuUsage &g) { return g.state == u"suspended" ? 1.0 : 0.0; });
    perItem(out,
            {"vantage_gpu_busy_ratio", Gauge,
             "Busy share of the GPU's graphics engine over the last tick, 0-1."},
            names, gpus, [&](const GpuUsage &g) { return known(g.load) / 100; });
    perItem(out, {"vantage_gpu_vram_used_bytes", Gauge, "Video memory in use on the GPU."}, names,
            gpus, [&](const GpuUsage &g) { return known(g.vramUsed); });
    perItem(out, {"vantage_gpu_vram_total_bytes", Gauge, "Video memory of the GPU."}, names, gpus,
            [&](const GpuUsage &g) { return known(g.vramTotal); });
    perItem(
        out,
        {"vantage_gpu_gtt_used_bytes", Gauge, "System memory the GPU has mapped (GTT) and in use."},
        names, gpus, [&](const GpuUsage &g) { return known(g.gttUsed); });
    perItem(out, {"vantage_gpu_gtt_total_bytes", Gauge, "System memory the GPU may map (GTT)."},
            names, gpus, [&](const GpuUsage &g) { return known(g.gttTotal); });
    perItem(out, {"vantage_gpu_temperature_celsius", Gauge, "GPU temperature."}, names, gpus,
            [&](const GpuUsage &g) { return known(g.temp); });
    perItem(out,
            {"vantage_gpu_temperature_critical_celsius", Gauge,
             "Critical temperature the GPU's maker set."},
            names, gpus, [&](const GpuUsage &g) { return known(g.tempCritical); });
    perItem(out, {"vantage_gpu_power_watts", Gauge, "Power the GPU draws."}, names, gpus,
            [&](const GpuUsage &g) { return known(g.power); });
    perItem(out, {"vantage_gpu_power_limit_watts", Gauge, "Power cap of the GPU."}, names, gpus,
            [&](const GpuUsage &g) { return known(g.powerLimit); });
    perItem(out,
            {"vantage_gpu_frequency_hertz", Gauge, "Current clock of the GPU's graphics engine."},
            names, gpus, [&](const GpuUsage &g) { return known(g.clock) * 1e6; });
    perItem(out, {"vantage_gpu_fan_ratio", Gauge, "Speed of the GPU's fan, share of its full."},
            names, gpus, [&](const GpuUsage &g) { return known(g.fan) / 100; });
}

} // namespace GpuMetrics
