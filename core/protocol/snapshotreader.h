#pragma once

#include "snapshot.h"

#include <QJsonObject>

// The inverse of SnapshotJson: a `sample` message (or /api/v1/snapshot, or --snapshot's output)
// read back into a Snapshot, and hello's `host` into a HostInfo, for a remote source. The JSON
// comes from another machine, so every value is read defensively: a double that is null, missing
// or not a number is NaN (the Snapshot's "unknown"); an integer that is missing or not a number is
// 0, and one out of its type's range is clamped to it; an optional that is null or of the wrong
// type is nullopt; a list of objects skips its entries that are not objects. `type` and unknown
// keys are ignored. What SnapshotJson does not write stays at its default: cpu.coreSeconds,
// self's notifyChannels and fleetHosts, and pressure's rate (NaN: the reader of two ticks
// computes it from their totalUs). Reading then writing again gives the same JSON.
class SnapshotReader
{
public:
    static Snapshot snapshot(const QJsonObject &json);
    static HostInfo host(const QJsonObject &json);
};
