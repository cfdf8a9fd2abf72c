#pragma once

#include "collectors/collector.h"
#include "io/tickfile.h"
#include "systempaths.h"

#include <QtGlobal>

// Fills Snapshot::mem and Snapshot::swap from /proc/meminfo. On a tick where it cannot be read
// the sizes are 0 and the percentages NaN, so nothing mistakes the gap for an empty machine.
class MemoryCollector : public Collector
{
public:
    explicit MemoryCollector(const SystemPaths &paths);

    void collect(Snapshot &snapshot, qint64 nowNs) override;

private:
    TickFile m_meminfo;
};
