#include "collectors/system/uptimecollector.h"

#include "collectors/system/uptimeparser.h"

UptimeCollector::UptimeCollector(const SystemPaths &paths)
    : m_uptime(paths.proc(QStringLiteral("uptime")), QStringLiteral("uptime"),
               ProcFile::ReadMode::SingleRead, 64)
{}

void UptimeCollector::collect(Snapshot &snapshot, qint64 nowNs)
{
    Q_UNUSED(nowNs)
    const std::optional<double> seconds = m_uptime.read(&UptimeParser::parse);
    snapshot.uptime = seconds.value_or(qQNaN());
}
