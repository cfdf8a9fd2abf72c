#pragma once

#include "collectors/collector.h"
#include "io/tickfile.h"
#include "systempaths.h"

#include <QtGlobal>

// Fills Snapshot::load from /proc/loadavg; NaN on a tick where it cannot be read.
class LoadCollector : public Collector
{
public:
    explicit LoadCollector(const SystemPaths &paths);

    void collect(Snapshot &snapshot, qint64 nowNs) override;

private:
    TickFile m_loadavg;
};
