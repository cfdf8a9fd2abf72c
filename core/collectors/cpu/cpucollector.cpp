#include "collectors/cpu/cpucollector.h"

#include "collectors/cpu/cpuusagecalculator.h"

#include <unistd.h>

namespace {
CpuUsage unknownUsage()
{
    CpuUsage usage;
    usage.total = usage.user = usage.system = usage.iowait = usage.steal = qQNaN();
    return usage;
}

// USER_HZ, the unit of /proc/stat; 100 on the common Linux ABIs, should sysconf() ever fail.
qint64 ticksPerSecond()
{
    const long ticks = sysconf(_SC_CLK_TCK);
    return ticks > 0 ? ticks : 100;
}
} // namespace

CpuCollector::CpuCollector(const SystemPaths &paths)
    : m_stat(paths.proc(QStringLiteral("stat")), QStringLiteral("CPU usage"))
    , m_ticksPerSecond(ticksPerSecond())
{}

void CpuCollector::collect(Snapshot &snapshot, qint64 nowNs)
{
    Q_UNUSED(nowNs)
    const std::optional<CpuStat> current = m_stat.read(&CpuStatParser::parse);
    if (!current) {
        // m_previous stays: the next good reading measures the whole gap, which is still true.
        snapshot.cpu = unknownUsage();
        return;
    }
    snapshot.cpu = CpuUsageCalculator::usage(m_previous, *current);
    snapshot.cpu.coreSeconds = CpuUsageCalculator::coreSeconds(*current, m_ticksPerSecond);
    m_previous = *current;
}
