#include "machinesnapshot.h"

#include "collectors/cgroups/cgroupcollector.h"
#include "collectors/cpu/cpucollector.h"
#include "collectors/disks/diskcollector.h"
#include "collectors/load/loadcollector.h"
#include "collectors/memory/memorycollector.h"
#include "collectors/network/networkcollector.h"
#include "collectors/pressure/pressurecollector.h"
#include "collectors/processes/processcollector.h"
#include "collectors/self/selfcollector.h"
#include "collectors/sensors/sensorcollector.h"
#include "collectors/system/uptimecollector.h"

#include <chrono>
#include <thread>

std::vector<std::unique_ptr<Collector>> headlessCollectors(const SystemPaths &paths)
{
    std::vector<std::unique_ptr<Collector>> collectors;
    collectors.push_back(std::make_unique<CpuCollector>(paths));
    collectors.push_back(std::make_unique<LoadCollector>(paths));
    collectors.push_back(std::make_unique<PressureCollector>(paths));
    collectors.push_back(std::make_unique<CgroupCollector>(paths));
    collectors.push_back(std::make_unique<DiskCollector>(paths));
    collectors.push_back(std::make_unique<NetworkCollector>(paths));
    collectors.push_back(std::make_unique<SensorCollector>(paths));
    collectors.push_back(std::make_unique<UptimeCollector>(paths));
    collectors.push_back(std::make_unique<SelfCollector>());
    collectors.push_back(std::make_unique<MemoryCollector>(paths));
    collectors.push_back(std::make_unique<ProcessCollector>(paths));
    return collectors;
}

Snapshot machineSnapshot()
{
    const std::vector<std::unique_ptr<Collector>> collectors = headlessCollectors(SystemPaths{});
    const auto start = std::chrono::steady_clock::now();
    Snapshot snapshot;
    for (int tick = 0; tick < 2; ++tick) {
        if (tick > 0)
            std::this_thread::sleep_for(std::chrono::milliseconds(200));
        snapshot = Snapshot{};
        const qint64 now = std::chrono::duration_cast<std::chrono::nanoseconds>(
                               std::chrono::steady_clock::now() - start)
                               .count();
        for (const auto &collector : collectors)
            collector->collect(snapshot, now);
    }
    return snapshot;
}
