#pragma once

#include "collectors/collector.h"
#include "collectors/sensors/sensordiscovery.h"
#include "io/procfile.h"
#include "systempaths.h"

#include <vector>

// Fills Snapshot::temps from the inputs SensorDiscovery found at construction, each read
// through a kept-open file every tick. A machine with no sensors gives an empty list, never an
// invented value; a sensor whose read fails is left out of that tick (logged once until it
// reads again).
class SensorCollector : public Collector
{
public:
    // Discovers the sensors under paths.sysRoot once.
    explicit SensorCollector(const SystemPaths &paths);

    void collect(Snapshot &snapshot, qint64 nowNs) override;

    // The inputs found at start-up, including any that fail to read now.
    qsizetype sensorCount() const { return qsizetype(m_inputs.size()); }

private:
    struct Input
    {
        SensorInput sensor;
        ProcFile file;
        bool failing = false; // the last read failed and was logged
    };

    bool read(Input &input, double *celsius);

    std::vector<Input> m_inputs;
};
