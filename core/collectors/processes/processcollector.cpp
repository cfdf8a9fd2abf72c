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

// Moves the n best of [first, last) to the front, in order, and returns the end of them:
// nth_element and a sort of n items, cheaper than partial_sort's heap for a few hundred items.
template<typename It, typename Better>
It moveBestToFront(It first, It last, qsizetype n, Better better)
{
    const It middle = first + std::min<qsizetype>(n, last - first);
    if (middle != last)
        std::nth_element(first, middle, last, better);
    std::sort(first, middle, better);
    return middle;
}

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
    // The CPU leaders land at the front of the reused vector, the RSS leaders among the rest
    // right after them; no full sort of every process.
    const auto first = m_ranked.begin();
    const auto byCpu = moveBestToFront(first, m_ranked.end(), m_topN, moreCpu);
    const auto byRss = moveBestToFront(byCpu, m_ranked.end(), m_topN, moreRss);
    top.reserve(byRss - first);
    for (auto it = first; it != byRss; ++it)
        top.append(ProcessUsage{it->pid, it->entry->name, it->cpu, it->rss});
}
