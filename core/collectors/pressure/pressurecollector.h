#pragma once

#include "collectors/collector.h"
#include "io/tickfile.h"
#include "systempaths.h"

#include <QtGlobal>

#include <memory>
#include <optional>

// Fills Snapshot::pressure from /proc/pressure/{cpu,memory,io}. A resource whose file is not
// there at start (a kernel built without PSI, or booted with psi=0) is never read and never
// reported: the field stays absent rather than showing zeros the kernel did not measure.
class PressureCollector : public Collector
{
public:
    explicit PressureCollector(const SystemPaths &paths);

    void collect(Snapshot &snapshot, qint64 nowNs) override;

private:
    struct Source
    {
        std::unique_ptr<TickFile> file; // null where the kernel has no such file
        std::optional<PressureResource> previous;
    };

    std::optional<PressureResource> read(Source &source, double seconds);

    Source m_cpu;
    Source m_memory;
    Source m_io;
    std::optional<qint64> m_lastNs; // the previous tick's clock, for the stall rates
};
