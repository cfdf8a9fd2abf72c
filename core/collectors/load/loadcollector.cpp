#include "collectors/load/loadcollector.h"

#include "collectors/load/loadavgparser.h"
#include "logging.h"

LoadCollector::LoadCollector(const SystemPaths &paths)
    : m_loadavg(paths.proc(QStringLiteral("loadavg")), ProcFile::ReadMode::SingleRead, 128)
{}

void LoadCollector::collect(Snapshot &snapshot, qint64 nowNs)
{
    Q_UNUSED(nowNs)
    bool ok = false;
    const QByteArrayView text = m_loadavg.read(&ok);
    const std::optional<std::array<double, 3>> load =
        ok ? LoadAvgParser::parse(text) : std::nullopt;
    // Warn when the file stops working, not on every tick while it stays broken.
    if (!load && !m_failing)
        qCWarning(lcCollect) << "load average unknown: cannot read or parse" << m_loadavg.path();
    m_failing = !load;
    const double nan = qQNaN();
    snapshot.load = load.value_or(std::array<double, 3>{nan, nan, nan});
}
