#pragma once

#include "snapshot.h"

#include <QtGlobal>

// One subsystem's reader. Called once per tick on the main thread; it rereads its files, keeps
// what it needs for the next delta and fills its part of the Snapshot. nowNs is a monotonic
// clock reading taken once per tick, so every rate in one Snapshot shares one time base.
class Collector
{
public:
    virtual ~Collector() = default;
    virtual void collect(Snapshot &snapshot, qint64 nowNs) = 0;
};
