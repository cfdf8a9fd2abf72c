#include "collectors/gpu/nvidiabackend.h"

#include "collectors/gpu/nvmlworker.h"

NvidiaBackend::NvidiaBackend(NvmlWorker &worker, QString address)
    : m_worker(worker)
    , m_address(std::move(address))
{}

void NvidiaBackend::readAwake(GpuSysfs &, GpuUsage &, qint64)
{
    m_worker.want(m_address);
}

void NvidiaBackend::readRecent(GpuUsage &gpu, qint64 oldestNs)
{
    const std::optional<NvmlReading> reading = m_worker.reading(m_address, oldestNs);
    if (!reading)
        return;
    m_lost = reading->lost;
    gpu.load = reading->load;
    gpu.vramUsed = reading->vramUsed;
    gpu.vramTotal = reading->vramTotal;
    gpu.temp = reading->temp;
    gpu.power = reading->power;
    gpu.powerLimit = reading->powerLimit;
    gpu.clock = reading->clock;
    gpu.fan = reading->fan;
}
