#include "collectors/gpu/gpuprocessuse.h"

void GpuProcessUse::publish(QHash<qint64, NvmlProcessUse> uses)
{
    const std::lock_guard lock(m_mutex);
    m_uses = std::move(uses);
}

QHash<qint64, NvmlProcessUse> GpuProcessUse::uses() const
{
    const std::lock_guard lock(m_mutex);
    return m_uses;
}
