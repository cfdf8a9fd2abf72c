#pragma once

#include "systempaths.h"

#include <QList>
#include <QString>
#include <QtGlobal>

// One temperature input found at start-up.
struct SensorInput
{
    QString label;             // what the user sees, unique among the inputs found
    QString path;              // the file holding the current reading, millidegrees Celsius
    double high = qQNaN();     // level at which it runs hot, °C; NaN when the sensor has none
    double critical = qQNaN(); // critical level, °C; NaN when the sensor has none
    // The runtime_status file of the GPU whose hwmon chip this is; empty for any other chip.
    QString wakeGate = {};
};

// One fan input found by a scan.
struct FanInput
{
    QString label; // "<chip name> <fan<N>_label>", or "<chip name> fan<N>"; unique among fans
    QString path;  // fan<N>_input, revolutions per minute
    QString wakeGate = {}; // as SensorInput's
};

// Finds the machine's temperature and fan inputs, from sysfs alone (libsensors is not
// used: it reads these same files and would add a dependency and its config for no new data).
// - <sys>/class/hwmon/hwmon*: every temp<N>_input; label "<chip name> <temp<N>_label>" (e.g.
//   "coretemp Package id 0") or "<chip name> <N>" without a label file; high = temp<N>_max,
//   critical = temp<N>_crit.
// - <sys>/class/thermal/thermal_zone*: temp; label = type; critical = the trip point of type
//   "critical", high = the "hot" one, else the lowest "passive" one. A zone whose type names a
//   hwmon chip (acpitz, or cpu-thermal as hwmon's cpu_thermal) is that same sensor, which the
//   kernel exports twice: only the hwmon one is kept.
// - <sys>/class/hwmon/hwmon*: every fan<N>_input, labelled like the temps but "fan<N>" when
//   there is no fan<N>_label.
// - A chip that belongs to a GPU (its device has a drm folder, or it is named amdgpu, nouveau,
//   i915 or xe) is read only while that device's power/runtime_status says it is awake: reading a
//   GPU's hwmon file resumes a runtime-suspended GPU and restarts its idle timer, so a monitor
//   reading it every tick would keep it awake for good. Such a chip found asleep has its
//   max/crit levels left NaN until a rescan finds it awake.
// A label already taken gets " #2", " #3", ... so every series has its own name.
// SensorCollector calls these again every clean-up interval to see devices come and go.
class SensorDiscovery
{
public:
    // Every input found, hwmon chips first, each in numeric order; empty when there are none.
    static QList<SensorInput> discover(const SystemPaths &paths);
    // Every fan input, hwmon chips in numeric order, fans in numeric order within a chip.
    static QList<FanInput> discoverFans(const SystemPaths &paths);
    // Whether the device behind wakeGate may be read: true for an empty gate, and while the
    // device is "active" (or "unsupported": runtime PM off, it never sleeps). A gate that cannot
    // be read counts as asleep.
    static bool awake(const QString &wakeGate);

private:
    static void addHwmonChip(const QString &dir, QList<SensorInput> *inputs, QStringList *chips);
    static void addThermalZone(const QString &dir, const QStringList &chips,
                               QList<SensorInput> *inputs);
    static void thermalTrips(const QString &dir, SensorInput *input);
};
