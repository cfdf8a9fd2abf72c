#pragma once

#include "collectors/gpu/nvmlworker.h"

#include <QHash>

#include <atomic>
#include <mutex>

// Per-process GPU use that only a vendor library knows (NVML: NVIDIA's driver writes no DRM
// fdinfo), passed from the GPU collector, on the monitor's thread, to the process list, on the
// process watcher's. The watcher says whether it is wanted (only while the list is watched, as
// NVML's process calls cost the driver time); the collector publishes each tick what NVML
// answered. Both sides may run at once: every member is safe across threads.
class GpuProcessUse
{
public:
    void setWanted(bool wanted) { m_wanted = wanted; }
    bool wanted() const { return m_wanted; }

    void publish(QHash<qint64, NvmlProcessUse> uses);
    // By PID; empty while not wanted or where no vendor library reports processes.
    QHash<qint64, NvmlProcessUse> uses() const;

private:
    std::atomic<bool> m_wanted = false;
    mutable std::mutex m_mutex;
    QHash<qint64, NvmlProcessUse> m_uses;
};
