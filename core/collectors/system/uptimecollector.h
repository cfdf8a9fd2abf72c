#pragma once

#include "collectors/collector.h"
#include "io/procfile.h"
#include "systempaths.h"

#include <QtGlobal>

// Fills Snapshot::uptime from /proc/uptime; NaN on a tick where it cannot be read.
class UptimeCollector : public Collector
{
public:
    explicit UptimeCollector(const SystemPaths &paths);

    void collect(Snapshot &snapshot, qint64 nowNs) override;

private:
    ProcFile m_uptime;
    bool m_failing = false;
};
