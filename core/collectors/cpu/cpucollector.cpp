#include "collectors/cpu/cpucollector.h"

#include "collectors/cpu/cpuusagecalculator.h"
#include "collectors/sensors/sensorreadingparser.h"

#include <QDir>
#include <QRegularExpression>

#include <algorithm>

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
{
    const QString root = paths.sys(QStringLiteral("devices/system/cpu"));
    static const QRegularExpression cpuDir(QStringLiteral("^cpu(\\d+)$"));
    for (const QString &name : QDir(root).entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        const QRegularExpressionMatch match = cpuDir.match(name);
        const QString path = root + u'/' + name + QStringLiteral("/cpufreq/scaling_cur_freq");
        if (match.hasMatch() && QFile::exists(path))
            m_freq.push_back(
                {match.captured(1).toInt(), ProcFile(path, ProcFile::ReadMode::SingleRead, 32)});
    }
    std::sort(m_freq.begin(), m_freq.end(),
              [](const FreqFile &a, const FreqFile &b) { return a.cpu < b.cpu; });
}

void CpuCollector::readFrequencies(CpuUsage &usage)
{
    usage.coreMhz.clear();
    if (m_freq.empty())
        return;
    usage.coreMhz.fill(qQNaN(), m_freq.back().cpu + 1);
    for (FreqFile &freq : m_freq) {
        bool ok = false;
        const QByteArrayView text = freq.file.read(&ok);
        const std::optional<qint64> khz = ok ? SensorReadingParser::integer(text) : std::nullopt;
        if (khz)
            usage.coreMhz[freq.cpu] = double(*khz) / 1000.0;
    }
}

void CpuCollector::collect(Snapshot &snapshot, qint64 nowNs)
{
    Q_UNUSED(nowNs)
    const std::optional<CpuStat> current = m_stat.read(&CpuStatParser::parse);
    if (!current) {
        // m_previous stays: the next good reading measures the whole gap, which is still true.
        snapshot.cpu = unknownUsage();
        readFrequencies(snapshot.cpu);
        return;
    }
    snapshot.cpu = CpuUsageCalculator::usage(m_previous, *current);
    snapshot.cpu.coreSeconds = CpuUsageCalculator::coreSeconds(*current, m_ticksPerSecond);
    readFrequencies(snapshot.cpu);
    m_previous = *current;
}
