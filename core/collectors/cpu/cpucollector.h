#pragma once

#include "collectors/collector.h"
#include "collectors/cpu/cpustatparser.h"
#include "io/tickfile.h"
#include "systempaths.h"

#include <QtGlobal>

// Fills Snapshot::cpu from the change in /proc/stat since the previous tick, and the per-CPU
// seconds since boot. The first tick has nothing to compare with and reads 0; a tick where
// /proc/stat cannot be read reads NaN, with no per-CPU values.
class CpuCollector : public Collector
{
public:
    explicit CpuCollector(const SystemPaths &paths);

    void collect(Snapshot &snapshot, qint64 nowNs) override;

    // Boot time from the last reading of /proc/stat, in ms since the epoch; 0 before any.
    qint64 bootTimeMs() const { return m_previous.bootTime * 1000; }

private:
    TickFile m_stat;
    CpuStat m_previous;
    qint64 m_ticksPerSecond;
};
