#pragma once

#include "history/history.h"
#include "services/service.h"
#include "snapshot.h"

// Where the views' numbers come from: this machine's tick (MetricsService) or another Vantage
// followed over its WebSocket (RemoteSource). Both give the latest Snapshot, a History of the
// series the charts draw, and a snapshotReady per tick, so a view is written once for both
// (docs/architecture.md, "Sources").
class MetricsSource : public Service
{
    Q_OBJECT

public:
    using Service::Service;

    virtual const Snapshot &latest() const = 0;
    virtual const History &history() const = 0;
    // The tick interval in milliseconds.
    virtual int intervalMs() const = 0;

signals:
    void snapshotReady(const Snapshot &snapshot);
};
