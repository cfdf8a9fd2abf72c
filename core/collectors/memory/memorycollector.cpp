#include "collectors/memory/memorycollector.h"

#include "collectors/memory/meminfoparser.h"

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
    : m_meminfo(paths.proc(QStringLiteral("meminfo")), QStringLiteral("memory use"))
{}

void MemoryCollector::collect(Snapshot &snapshot, qint64 nowNs)
{
    Q_UNUSED(nowNs)
    const std::optional<MemInfo> info = m_meminfo.read(&MemInfoParser::parse);
    const MemInfo result = info.value_or(unknownMemInfo());
    snapshot.mem = result.mem;
    snapshot.swap = result.swap;
}
