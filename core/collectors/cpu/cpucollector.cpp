#include "collectors/cpu/cpucollector.h"

#include "collectors/cpu/cpuusagecalculator.h"
#include "logging.h"

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
    : m_stat(paths.proc(QStringLiteral("stat")))
    , m_ticksPerSecond(ticksPerSecond())
{}

void CpuCollector::collect(Snapshot &snapshot, qint64 nowNs)
{
    Q_UNUSED(nowNs)
    const std::optional<CpuStat> current = readStat();
    if (!current) {
        // m_previous stays: the next good reading measures the whole gap, which is still true.
        snapshot.cpu = unknownUsage();
        return;
    }
    snapshot.cpu = CpuUsageCalculator::usage(m_previous, *current);
    snapshot.cpu.coreSeconds = CpuUsageCalculator::coreSeconds(*current, m_ticksPerSecond);
    m_previous = *current;
}

std::optional<CpuStat> CpuCollector::readStat()
{
    bool ok = false;
    const QByteArrayView text = m_stat.read(&ok);
    const std::optional<CpuStat> stat = ok ? CpuStatParser::parse(text) : std::nullopt;
    // Warn when the file stops working, not on every tick while it stays broken.
    if (!stat && !m_failing)
        qCWarning(lcCollect) << "CPU usage unknown: cannot read or parse" << m_stat.path();
    m_failing = !stat;
    return stat;
}
