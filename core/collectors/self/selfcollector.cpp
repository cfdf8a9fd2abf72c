#include "selfcollector.h"

#include "collectors/processes/procstatparser.h"
#include "logging.h"

#include <unistd.h>

namespace {
constexpr double NsPerSecond = 1e9;
}

SelfCollector::SelfCollector()
    : m_stat(QStringLiteral("/proc/self/stat"), ProcFile::ReadMode::SingleRead, 512)
    , m_ticksPerSecond(double(::sysconf(_SC_CLK_TCK)))
    , m_pageSize(quint64(::sysconf(_SC_PAGESIZE)))
{}

void SelfCollector::collect(Snapshot &snapshot, qint64 nowNs)
{
    bool ok = false;
    const QByteArrayView text = m_stat.read(&ok);
    const std::optional<ProcStat> stat = ok ? ProcStatParser::parse(text) : std::nullopt;
    if (!stat) {
        if (!m_warned)
            qCWarning(lcCollect) << "cannot read" << m_stat.path();
        m_warned = true;
        return;
    }
    m_warned = false;
    const quint64 cpuTicks = stat->utime + stat->stime;
    const qint64 intervalNs = nowNs - m_lastNs;
    // The first sample has nothing to compare with: 0, as for any process seen once.
    snapshot.self.cpu = 0;
    if (m_sampled && intervalNs > 0 && cpuTicks >= m_lastCpuTicks) {
        const double seconds = double(intervalNs) / NsPerSecond;
        snapshot.self.cpu = double(cpuTicks - m_lastCpuTicks) / (seconds * m_ticksPerSecond) * 100;
    }
    snapshot.self.rss = stat->rssPages * m_pageSize;
    m_lastCpuTicks = cpuTicks;
    m_lastNs = nowNs;
    m_sampled = true;
}
