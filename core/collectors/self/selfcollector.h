#pragma once

#include "collectors/collector.h"
#include "io/procfile.h"

// Fills Snapshot::self.cpu and self.rss: the monitor's own CPU (percent of one core, from
// /proc/self/stat deltas over the tick time) and resident memory. It always reads the REAL
// /proc/self whatever --proc-root says: this is about this process, not the machine observed.
// tickUs and the server counters in SelfHealth are filled elsewhere.
class SelfCollector : public Collector
{
public:
    SelfCollector();

    void collect(Snapshot &snapshot, qint64 nowNs) override;

private:
    ProcFile m_stat;
    quint64 m_lastCpuTicks = 0; // utime + stime at the previous collect, clock ticks
    qint64 m_lastNs = 0;        // nowNs of the previous collect, ns
    bool m_sampled = false;     // whether m_lastCpuTicks holds a sample
    bool m_warned = false;      // a failing read is logged once until it recovers
    double m_ticksPerSecond = 100;
    quint64 m_pageSize = 4096;
};
