#pragma once

#include "collectors/gpu/gpubackends.h"

class NvmlWorker;

// NVIDIA's driver puts no values in sysfs: they come from NVML, on the worker's thread. A tick
// that may wake the GPU asks the worker for a reading; every tick the GPU is awake shows the
// latest reading the worker has, when it is recent enough, and nothing when it is not.
class NvidiaBackend : public GpuBackend
{
public:
    NvidiaBackend(NvmlWorker &worker, QString address);

    void readAsleep(GpuSysfs &, GpuUsage &) override {}
    void readAwake(GpuSysfs &sysfs, GpuUsage &gpu, qint64 nowNs) override;
    void readRecent(GpuUsage &gpu, qint64 oldestNs) override;
    bool lost() const override { return m_lost; }

private:
    NvmlWorker &m_worker;
    QString m_address;
    bool m_lost = false;
};
