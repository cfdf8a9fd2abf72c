#include "collectors/cpu/cpuusagecalculator.h"

#include <algorithm>

namespace {
// Sums in double: a corrupt counter near 2^64 must not wrap the total around.
double jiffies(const CpuTimes &t)
{
    return double(t.user) + double(t.nice) + double(t.system) + double(t.idle) + double(t.iowait) +
           double(t.irq) + double(t.softirq) + double(t.steal);
}

// A single counter that went backwards (iowait does on some kernels) adds nothing, as in top.
quint64 delta(quint64 before, quint64 after)
{
    return after > before ? after - before : 0;
}

CpuTimes deltas(const CpuTimes &before, const CpuTimes &after)
{
    return CpuTimes{delta(before.user, after.user),       delta(before.nice, after.nice),
                    delta(before.system, after.system),   delta(before.idle, after.idle),
                    delta(before.iowait, after.iowait),   delta(before.irq, after.irq),
                    delta(before.softirq, after.softirq), delta(before.steal, after.steal)};
}

// Clamped because rounding on huge counters may step just outside 0-100.
double percent(double part, double all)
{
    return std::clamp(100.0 * part / all, 0.0, 100.0);
}

// Shares of one CPU (or all together), with cores left empty.
CpuUsage shares(const CpuTimes &before, const CpuTimes &after)
{
    const double beforeAll = jiffies(before);
    // No reading before, or the counters restarted: there is no interval to measure.
    if (beforeAll == 0 || jiffies(after) < beforeAll)
        return {};
    const CpuTimes d = deltas(before, after);
    const double all = jiffies(d);
    if (all == 0)
        return {};
    CpuUsage usage;
    usage.total = percent(all - double(d.idle) - double(d.iowait), all);
    usage.user = percent(double(d.user) + double(d.nice), all);
    usage.system = percent(double(d.system) + double(d.irq) + double(d.softirq), all);
    usage.iowait = percent(double(d.iowait), all);
    usage.steal = percent(double(d.steal), all);
    return usage;
}

// One past the highest CPU number online in stat.
qsizetype onlineCount(const CpuStat &stat)
{
    qsizetype count = stat.cores.size();
    while (count > 0 && !stat.cores.at(count - 1))
        --count;
    return count;
}

CpuSeconds toSeconds(const CpuTimes &t, double ticksPerSecond)
{
    return CpuSeconds{double(t.user) / ticksPerSecond,    double(t.nice) / ticksPerSecond,
                      double(t.system) / ticksPerSecond,  double(t.idle) / ticksPerSecond,
                      double(t.iowait) / ticksPerSecond,  double(t.irq) / ticksPerSecond,
                      double(t.softirq) / ticksPerSecond, double(t.steal) / ticksPerSecond};
}

double coreShare(const CpuStat &previous, const CpuStat &current, qsizetype cpu)
{
    const std::optional<CpuTimes> &now = current.cores.at(cpu);
    if (!now)
        return qQNaN();
    const bool hadBefore = cpu < previous.cores.size() && previous.cores.at(cpu);
    return hadBefore ? shares(*previous.cores.at(cpu), *now).total : 0.0;
}
} // namespace

CpuUsage CpuUsageCalculator::usage(const CpuStat &previous, const CpuStat &current)
{
    CpuUsage usage = shares(previous.total, current.total);
    const qsizetype online = onlineCount(current);
    usage.cores.reserve(online);
    for (qsizetype cpu = 0; cpu < online; ++cpu)
        usage.cores.append(coreShare(previous, current, cpu));
    return usage;
}

QList<CpuSeconds> CpuUsageCalculator::coreSeconds(const CpuStat &current, qint64 ticksPerSecond)
{
    const qsizetype online = onlineCount(current);
    QList<CpuSeconds> seconds;
    seconds.reserve(online);
    for (qsizetype cpu = 0; cpu < online; ++cpu) {
        const std::optional<CpuTimes> &times = current.cores.at(cpu);
        seconds.append(times ? toSeconds(*times, double(ticksPerSecond)) : CpuSeconds{});
    }
    return seconds;
}
