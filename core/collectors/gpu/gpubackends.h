#pragma once

#include "collectors/gpu/gpusysfs.h"
#include "snapshot.h"

#include <QString>
#include <QtGlobal>

#include <memory>
#include <optional>

// Reads one GPU's values for its driver. The collector decides when: readAsleep every tick,
// readAwake only while the device's runtime_status is active and the wake-up rule allows
// (docs/metrics.md "GPUs"). What a backend does not fill stays null.
class GpuBackend
{
public:
    virtual ~GpuBackend() = default;
    // Values whose read never resumes a runtime-suspended device.
    virtual void readAsleep(GpuSysfs &sysfs, GpuUsage &gpu) = 0;
    // Values whose read can resume the device (driver sensor files, its hwmon chip).
    virtual void readAwake(GpuSysfs &sysfs, GpuUsage &gpu, qint64 nowNs) = 0;
    // Values a worker thread read off the tick for a request made at oldestNs or later (NVML's):
    // called every tick the GPU is awake, since taking them wakes nothing.
    virtual void readRecent(GpuUsage &, qint64 /*oldestNs*/) {}
    // Whether the device said it fell off the bus: it is then gone.
    virtual bool lost() const { return false; }

    // The backend for a sysfs driver (amdgpu, i915, xe), looking at what files the card has
    // once, now (a listing never wakes a device); null for any other (NVIDIA's is NvidiaBackend).
    static std::unique_ptr<GpuBackend> create(GpuSysfs &sysfs, const QString &driver,
                                              const QString &card);
};

namespace GpuValue {
// An integer file: nullopt when missing, empty or not entirely a number.
std::optional<qint64> integer(GpuSysfs &sysfs, const QString &relative);
} // namespace GpuValue
