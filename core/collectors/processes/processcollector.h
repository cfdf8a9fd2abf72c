#pragma once

#include "collectors/collector.h"
#include "collectors/processes/processtable.h"
#include "systempaths.h"

#include <vector>

// Fills Snapshot::procs: counts, threads, and the top processes by CPU and by memory.
// A process's cpu is percent of one core, as top shows it: busy on two cores is 200. A PID new
// this tick (or reused) has cpu 0 until it has a previous sample. Ties rank by the other
// measure (cpu ties by rss, rss ties by cpu), then by the lower PID.
class ProcessCollector : public Collector
{
public:
    // topN processes are listed by CPU, then up to topN more by RSS.
    explicit ProcessCollector(const SystemPaths &paths, int topN = 10);

    void collect(Snapshot &snapshot, qint64 nowNs) override;

    // The per-PID cache behind the numbers.
    const ProcessTable &table() const { return m_table; }
    // Drops cached processes not seen within ttlNs of nowNs (both ns); for the clean-up timer.
    void evictStale(qint64 nowNs, qint64 ttlNs);

private:
    // One process as ranked this tick; a small value so sorting stays in cache.
    struct Ranked
    {
        double cpu = 0;  // percent of one core
        quint64 rss = 0; // bytes
        int pid = 0;
        const ProcessTable::Entry *entry = nullptr;
    };

    void rank(ProcessSummary &summary);
    void selectTop(QList<ProcessUsage> &top);
    double cpuPercent(const ProcessTable::Entry &entry) const;

    ProcessTable m_table;
    std::vector<Ranked> m_ranked;
    int m_topN = 0;
    double m_ticksPerSecond = 100;
    quint64 m_pageSize = 4096;
};
