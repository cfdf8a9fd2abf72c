#include "collectors/pressure/pressurecollector.h"

#include "collectors/counterrate.h"
#include "collectors/pressure/pressureparser.h"

#include <QFileInfo>

namespace {

std::unique_ptr<TickFile> openIfPresent(const SystemPaths &paths, const char *resource)
{
    const QString path = paths.proc(QStringLiteral("pressure/") + QLatin1StringView(resource));
    if (!QFileInfo::exists(path))
        return nullptr;
    return std::make_unique<TickFile>(
        path, QStringLiteral("%1 pressure").arg(QLatin1StringView(resource)),
        ProcFile::ReadMode::UntilEndOfFile, 256);
}

// Microseconds stalled per second of wall time, in percent: 1e6 µs/s is 100 %.
void setRate(PressureStall &stall, const PressureStall *before, double seconds)
{
    stall.rate = before && seconds > 0 ? counterRate(before->totalUs, stall.totalUs, seconds) / 1e4
                                       : qQNaN();
}

} // namespace

PressureCollector::PressureCollector(const SystemPaths &paths)
    : m_cpu{openIfPresent(paths, "cpu"), {}}
    , m_memory{openIfPresent(paths, "memory"), {}}
    , m_io{openIfPresent(paths, "io"), {}}
{}

void PressureCollector::collect(Snapshot &snapshot, qint64 nowNs)
{
    const double seconds = m_lastNs ? double(nowNs - *m_lastNs) / 1e9 : 0;
    m_lastNs = nowNs;
    Pressure pressure{read(m_cpu, seconds), read(m_memory, seconds), read(m_io, seconds)};
    if (pressure.cpu || pressure.memory || pressure.io)
        snapshot.pressure = pressure;
    else
        snapshot.pressure.reset();
}

std::optional<PressureResource> PressureCollector::read(Source &source, double seconds)
{
    if (!source.file)
        return std::nullopt;
    std::optional<PressureResource> now = source.file->read(&PressureParser::parse);
    if (now) {
        const std::optional<PressureResource> &before = source.previous;
        setRate(now->some, before ? &before->some : nullptr, seconds);
        if (now->full)
            setRate(*now->full, before && before->full ? &*before->full : nullptr, seconds);
    }
    source.previous = now;
    return now;
}
