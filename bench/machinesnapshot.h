#pragma once

#include "collectors/collector.h"
#include "snapshot.h"
#include "systempaths.h"

#include <memory>
#include <vector>

// The collectors a headless tick runs (MetricsService's and MemoryService's; GPUs aside), over
// the given paths, in the app's order.
std::vector<std::unique_ptr<Collector>> headlessCollectors(const SystemPaths &paths);

// This machine as those collectors see it at their second tick, 200 ms after the first, so that
// every rate (CPU, a cgroup's CPU, disk and network bytes) has a value.
Snapshot machineSnapshot();
