#pragma once

#include "collectors/cpu/cpustatparser.h"
#include "snapshot.h"

// Busy percentages from two readings of /proc/stat, computed from the deltas the way top does,
// and the cumulative per-CPU seconds Prometheus counters are built from. Pure: no state, no file
// access.
class CpuUsageCalculator
{
public:
    // Usage between previous and current, each value in percent 0-100. cores[] has one entry per
    // CPU number up to the highest online now: NaN for a CPU offline now, 0 for one with no usable
    // previous reading (just came online, or its counters went backwards). A previous reading
    // that was never filled (all counters 0) gives zeros, as does an interval with no jiffies.
    static CpuUsage usage(const CpuStat &previous, const CpuStat &current);

    // Each CPU's time in each mode since boot, in seconds, indexed like usage().cores: all zero
    // for a CPU offline now. ticksPerSecond is USER_HZ, sysconf(_SC_CLK_TCK), and must be > 0.
    static QList<CpuSeconds> coreSeconds(const CpuStat &current, qint64 ticksPerSecond);
};
