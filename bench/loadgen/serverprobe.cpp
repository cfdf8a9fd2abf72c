#include "serverprobe.h"

#include "collectors/processes/procstatparser.h"

#include <charconv>
#include <unistd.h>

namespace {
constexpr double NsPerSecond = 1e9;
}

ServerProbe::ServerProbe(qint64 pid)
    : m_stat(QStringLiteral("/proc/%1/stat").arg(pid))
    , m_status(QStringLiteral("/proc/%1/status").arg(pid))
    , m_ticksPerSecond(double(::sysconf(_SC_CLK_TCK)))
{}

bool ServerProbe::restart(qint64 nowNs)
{
    m_readings = 0;
    m_rssSumKiB = 0;
    m_peakRssKiB = 0;
    return sample(nowNs);
}

bool ServerProbe::sample(qint64 nowNs)
{
    bool ok = false;
    const std::optional<ProcStat> stat = ProcStatParser::parse(m_stat.read(&ok));
    const QByteArrayView statusText = ok ? m_status.read(&ok) : QByteArrayView();
    const std::optional<qint64> rss = ok ? parseVmRssKiB(statusText) : std::nullopt;
    if (!stat || !rss)
        return false;
    m_lastTicks = stat->utime + stat->stime;
    m_lastNs = nowNs;
    if (m_readings == 0) {
        m_firstTicks = m_lastTicks;
        m_firstNs = nowNs;
    }
    ++m_readings;
    m_rssSumKiB += *rss;
    m_peakRssKiB = qMax(m_peakRssKiB, *rss);
    return true;
}

double ServerProbe::cpuPercent() const
{
    const double seconds = double(m_lastNs - m_firstNs) / NsPerSecond;
    if (m_readings < 2 || seconds <= 0)
        return 0;
    return double(m_lastTicks - m_firstTicks) / m_ticksPerSecond / seconds * 100.0;
}

double ServerProbe::meanRssMiB() const
{
    return m_readings > 0 ? double(m_rssSumKiB) / m_readings / 1024.0 : 0;
}

std::optional<qint64> ServerProbe::parseVmRssKiB(QByteArrayView status)
{
    const QByteArrayView key = "\nVmRSS:";
    const qsizetype at = status.indexOf(key);
    if (at < 0)
        return std::nullopt;
    const char *p = status.data() + at + key.size();
    const char *end = status.data() + status.size();
    while (p < end && (*p == ' ' || *p == '\t'))
        ++p;
    qint64 kib = 0;
    const auto [next, error] = std::from_chars(p, end, kib);
    if (error != std::errc() || next == p)
        return std::nullopt;
    return kib;
}
