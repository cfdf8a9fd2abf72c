#pragma once

#include "collectors/collector.h"
#include "io/procfile.h"
#include "systempaths.h"

#include <QtGlobal>

// Fills Snapshot::load from /proc/loadavg; NaN on a tick where it cannot be read.
class LoadCollector : public Collector
{
public:
    explicit LoadCollector(const SystemPaths &paths);

    void collect(Snapshot &snapshot, qint64 nowNs) override;

private:
    ProcFile m_loadavg;
    bool m_failing = false;
};
