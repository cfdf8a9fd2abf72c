#include "processcollector.h"

#include <algorithm>
#include <unistd.h>

namespace {

constexpr double NsPerSecond = 1e9;

constexpr auto moreCpu = [](const auto &a, const auto &b) {
    if (a.cpu != b.cpu)
        return a.cpu > b.cpu;
    if (a.rss != b.rss)
        return a.rss > b.rss;
    return a.pid < b.pid;
};

constexpr auto moreRss = [](const auto &a, const auto &b) {
    if (a.rss != b.rss)
        return a.rss > b.rss;
    if (a.cpu != b.cpu)
        return a.cpu > b.cpu;
    return a.pid < b.pid;
};

} // namespace

ProcessCollector::ProcessCollector(const SystemPaths &paths, int topN)
    : m_table(paths.procRoot)
    , m_topN(std::max(topN, 0))
    , m_ticksPerSecond(double(::sysconf(_SC_CLK_TCK)))
    , m_pageSize(quint64(::sysconf(_SC_PAGESIZE)))
{}

void ProcessCollector::collect(Snapshot &snapshot, qint64 nowNs)
{
    m_table.update(nowNs);
    snapshot.procs = {};
    rank(snapshot.procs);
    selectTop(snapshot.procs.top);
}

void ProcessCollector::evictStale(qint64 nowNs, qint64 ttlNs)
{
    m_table.evictStale(nowNs, ttlNs);
}

double ProcessCollector::cpuPercent(const ProcessTable::Entry &entry) const
{
    if (entry.intervalNs <= 0)
        return 0;
    const double seconds = double(entry.intervalNs) / NsPerSecond;
    return double(entry.cpuTicks) / (seconds * m_ticksPerSecond) * 100.0;
}

void ProcessCollector::rank(ProcessSummary &summary)
{
    m_ranked.clear();
    for (const ProcessTable::Entry *entry : m_table.current()) {
        m_ranked.push_back({cpuPercent(*entry), entry->rssPages * m_pageSize, entry->pid, entry});
        summary.running += entry->state == 'R' ? 1 : 0;
        summary.threads += entry->threads;
    }
    summary.count = int(m_ranked.size());
}

void ProcessCollector::selectTop(QList<ProcessUsage> &top)
{
    // Two partial sorts over one vector: the CPU leaders land at the front, then the RSS
    // leaders among the rest right after them.
    const auto first = m_ranked.begin();
    const auto byCpu = first + std::min<qsizetype>(m_topN, qsizetype(m_ranked.size()));
    std::partial_sort(first, byCpu, m_ranked.end(), moreCpu);
    const auto byRss = byCpu + std::min<qsizetype>(m_topN, m_ranked.end() - byCpu);
    std::partial_sort(byCpu, byRss, m_ranked.end(), moreRss);
    top.reserve(byRss - first);
    for (auto it = first; it != byRss; ++it)
        top.append(ProcessUsage{it->pid, it->entry->name, it->cpu, it->rss});
}
