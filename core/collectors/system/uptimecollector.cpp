#include "collectors/system/uptimecollector.h"

#include "collectors/system/uptimeparser.h"
#include "logging.h"

UptimeCollector::UptimeCollector(const SystemPaths &paths)
    : m_uptime(paths.proc(QStringLiteral("uptime")), ProcFile::ReadMode::SingleRead, 64)
{}

void UptimeCollector::collect(Snapshot &snapshot, qint64 nowNs)
{
    Q_UNUSED(nowNs)
    bool ok = false;
    const QByteArrayView text = m_uptime.read(&ok);
    const std::optional<double> seconds = ok ? UptimeParser::parse(text) : std::nullopt;
    // Warn when the file stops working, not on every tick while it stays broken.
    if (!seconds && !m_failing)
        qCWarning(lcCollect) << "uptime unknown: cannot read or parse" << m_uptime.path();
    m_failing = !seconds;
    snapshot.uptime = seconds.value_or(qQNaN());
}
