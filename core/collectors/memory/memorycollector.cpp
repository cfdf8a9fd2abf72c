#include "collectors/memory/memorycollector.h"

#include "collectors/memory/meminfoparser.h"
#include "logging.h"

namespace {
MemInfo unknownMemInfo()
{
    MemInfo info;
    info.mem.percent = qQNaN();
    info.swap.percent = qQNaN();
    return info;
}
} // namespace

MemoryCollector::MemoryCollector(const SystemPaths &paths)
    : m_meminfo(paths.proc(QStringLiteral("meminfo")))
{}

void MemoryCollector::collect(Snapshot &snapshot, qint64 nowNs)
{
    Q_UNUSED(nowNs)
    bool ok = false;
    const QByteArrayView text = m_meminfo.read(&ok);
    const std::optional<MemInfo> info = ok ? MemInfoParser::parse(text) : std::nullopt;
    // Warn when the file stops working, not on every tick while it stays broken.
    if (!info && !m_failing)
        qCWarning(lcCollect) << "memory use unknown: cannot read or parse" << m_meminfo.path();
    m_failing = !info;
    const MemInfo result = info.value_or(unknownMemInfo());
    snapshot.mem = result.mem;
    snapshot.swap = result.swap;
}
