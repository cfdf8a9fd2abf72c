#include "collectors/load/loadcollector.h"

#include "collectors/load/loadavgparser.h"

LoadCollector::LoadCollector(const SystemPaths &paths)
    : m_loadavg(paths.proc(QStringLiteral("loadavg")), QStringLiteral("load average"),
                ProcFile::ReadMode::SingleRead, 128)
{}

void LoadCollector::collect(Snapshot &snapshot, qint64 nowNs)
{
    Q_UNUSED(nowNs)
    const std::optional<std::array<double, 3>> load = m_loadavg.read(&LoadAvgParser::parse);
    const double nan = qQNaN();
    snapshot.load = load.value_or(std::array<double, 3>{nan, nan, nan});
}
