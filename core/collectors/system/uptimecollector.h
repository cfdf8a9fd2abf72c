#pragma once

#include "collectors/collector.h"
#include "io/tickfile.h"
#include "systempaths.h"

#include <QtGlobal>

// Fills Snapshot::uptime from /proc/uptime; NaN on a tick where it cannot be read.
class UptimeCollector : public Collector
{
public:
    explicit UptimeCollector(const SystemPaths &paths);

    void collect(Snapshot &snapshot, qint64 nowNs) override;

private:
    TickFile m_uptime;
};
