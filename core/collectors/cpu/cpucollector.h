#pragma once

#include "collectors/collector.h"
#include "collectors/cpu/cpustatparser.h"
#include "io/procfile.h"
#include "io/tickfile.h"
#include "systempaths.h"

#include <QtGlobal>

#include <vector>

// Fills Snapshot::cpu from the change in /proc/stat since the previous tick, and the per-CPU
// seconds since boot. The first tick has nothing to compare with and reads 0; a tick where
// /proc/stat cannot be read reads NaN, with no per-CPU values. The clock of each CPU comes from
// cpufreq (<sys>/devices/system/cpu/cpu<N>/cpufreq/scaling_cur_freq, kHz), for the CPUs that
// had it at start-up; a machine without cpufreq has none.
class CpuCollector : public Collector
{
public:
    explicit CpuCollector(const SystemPaths &paths);

    void collect(Snapshot &snapshot, qint64 nowNs) override;

    // Boot time from the last reading of /proc/stat, in ms since the epoch; 0 before any.
    qint64 bootTimeMs() const { return m_previous.bootTime * 1000; }

private:
    TickFile m_stat;
    struct FreqFile
    {
        int cpu = 0;
        ProcFile file;
    };
    void readFrequencies(CpuUsage &usage);

    CpuStat m_previous;
    std::vector<FreqFile> m_freq; // in CPU number order
    qint64 m_ticksPerSecond;
};
