#pragma once

#include "collectors/collector.h"
#include "collectors/sensors/powersupplysource.h"
#include "collectors/sensors/sensordiscovery.h"
#include "io/procfile.h"
#include "systempaths.h"

#include <vector>

// Fills Snapshot::temps, fans and power from the inputs SensorDiscovery and PowerSupplySource
// find, each read through a kept-open file every tick. A machine with no sensors gives empty
// lists, never an invented value. Devices come and go (a USB battery, a module loaded or
// unloaded): every rescan interval, from the tick that finds it due (no timer of its own), the
// sysfs classes are scanned again; new inputs join, vanished ones leave, the rest keep their
// open files. An input whose device left (its read fails with ENODEV, or its file is gone) is
// dropped at once; one whose read fails otherwise is left out of that tick (logged once until it
// reads again). A GPU's hwmon chip is read only while the GPU is awake (SensorDiscovery): while
// it sleeps its inputs are left out, so reading them never wakes it.
class SensorCollector : public Collector
{
public:
    // general/cleanupInterval's default.
    static constexpr qint64 defaultRescanNs = 60'000'000'000;

    // Scans the sensors under paths.sysRoot now, then once every rescanNs of the tick clock.
    explicit SensorCollector(const SystemPaths &paths, qint64 rescanNs = defaultRescanNs);

    void collect(Snapshot &snapshot, qint64 nowNs) override;

    // The temperature inputs held now, including any that fail to read.
    qsizetype sensorCount() const { return qsizetype(m_inputs.size()); }

private:
    struct Input
    {
        SensorInput sensor;
        ProcFile file;
        bool failing = false; // the last read failed and was logged
    };
    struct FanFile
    {
        FanInput fan;
        ProcFile file;
    };

    void rescan();
    // The reading, or nullopt; *gone set when the device has left.
    static std::optional<qint64> readInteger(ProcFile &file, bool *gone);
    bool read(Input &input, double *celsius, bool *gone);

    SystemPaths m_paths;
    qint64 m_rescanNs;
    qint64 m_scannedNs = -1; // the tick clock at the last scan; -1 before the first tick
    std::vector<Input> m_inputs;
    std::vector<FanFile> m_fans;
    std::vector<PowerSupplySource> m_supplies;
};
