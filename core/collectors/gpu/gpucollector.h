#pragma once

#include "collectors/collector.h"
#include "collectors/gpu/drmclienttracker.h"
#include "collectors/gpu/gpubackends.h"
#include "collectors/gpu/gpudiscovery.h"
#include "collectors/gpu/gpuprocessuse.h"
#include "collectors/gpu/gpusysfs.h"
#include "collectors/gpu/nvmlworker.h"
#include "systempaths.h"

#include <QSet>
#include <QString>

#include <map>
#include <memory>
#include <optional>

// Fills Snapshot::gpus from sysfs (docs/metrics.md "GPUs"), without ever waking a GPU:
// - Every rediscoverNs (and at the first tick) <sys>/class/drm is listed again, so a hot-plugged
//   eGPU or a driver loaded later appears; a GPU no longer there is reported "gone" for one tick,
//   then dropped. On a machine without /sys/class/drm that is one failed opendir per interval.
// - Each tick, device/power/runtime_status (never a wake-up) decides: not "active" (nor
//   "unsupported", runtime PM off) is "suspended", and only the backend's non-waking values
//   are read.
// - While active, with runtime PM on (power/control "auto"), the wake-capable values are read
//   at most once per 2 × autosuspend_delay_ms: after one read the device, idle otherwise,
//   reaches its autosuspend a full delay before the next read may come, so the monitor never
//   holds it awake. Ticks between are null. With control "on" they are read every tick.
// - NVIDIA GPUs are read through NVML on one worker thread (NvmlWorker), started when the first
//   is found: the ticks that may wake a GPU ask for it, and every tick it is awake shows the
//   worker's latest reading if it answers a request of the last two intervals, else null. A GPU
//   NVML reports lost is "gone", and not listed again until its card node changes.
// - An awake Intel GPU (i915, xe) has no load file: its load is the busiest engine's over the
//   DRM clients Vantage can read in <proc>/*/fdinfo (DrmClientTracker), a lower bound, null
//   while no client of it is seen. The tracker exists, and lists <proc>, only while such a GPU
//   is awake.
class GpuCollector : public Collector
{
public:
    static constexpr qint64 rediscoverNs = 5'000'000'000;

    // GPU names from the system's pci.ids: Debian's place, else Fedora's and Arch's.
    explicit GpuCollector(const SystemPaths &paths);
    // For tests: a reader over a fixture tree, which may count what is opened, the NVML
    // library to open (NvmlApi's rule when empty) and the proc root for Intel's load (none when
    // empty).
    GpuCollector(std::unique_ptr<GpuSysfs> sysfs, QString pciIds, QString nvmlLibrary = {},
                 QString procRoot = {});
    ~GpuCollector() override;

    void collect(Snapshot &snapshot, qint64 nowNs) override;

    // The NVML worker, once an NVIDIA GPU has been found: per-process GPU memory for the process
    // list, and its answer count for tests. Null before.
    NvmlWorker *nvmlWorker() const { return m_nvml.get(); }
    // Where NVML's per-process use goes for the process list, asked of NVML only while the
    // board says it is wanted.
    void setProcessUse(std::shared_ptr<GpuProcessUse> processUse);

private:
    struct Device
    {
        QString card;
        GpuUsage identity; // id, name, vendor, driver
        std::unique_ptr<GpuBackend> backend;
        qint64 lastAwakeReadNs = 0;
        bool readAwakeBefore = false;
        bool gone = false;
    };

    void rediscover();
    std::unique_ptr<GpuBackend> backendFor(const GpuCard &card, const QString &driver);
    bool mayReadAwake(const Device &device, qint64 nowNs);
    void read(Device &device, GpuUsage &gpu, qint64 nowNs, qint64 oldestNs);
    void fillLoadFromClients(QList<GpuUsage> &gpus, qint64 nowNs);

    std::unique_ptr<GpuSysfs> m_sysfs;
    QString m_pciIds;
    QString m_nvmlLibrary;
    QString m_procRoot;
    std::unique_ptr<DrmClientTracker> m_drmClients; // while an Intel GPU is awake
    std::shared_ptr<GpuProcessUse> m_processUse;
    qint64 m_discoveredNs = 0;
    bool m_discovered = false;
    std::optional<qint64> m_collectedNs; // the last tick's
    std::unique_ptr<NvmlWorker> m_nvml;  // before m_devices: their backends refer to it
    std::map<QString, Device> m_devices; // by PCI address: the order of the list
    QSet<QString> m_ignored;             // "card|address" of cards with no backend, seen once
};
