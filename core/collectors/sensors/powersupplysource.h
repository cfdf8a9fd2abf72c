#pragma once

#include "io/procfile.h"
#include "snapshot.h"
#include "systempaths.h"

#include <QStringList>

#include <array>
#include <optional>

// One folder of <sys>/class/power_supply, read every tick through kept-open files: only the
// attributes the driver had when the supply was found are read. Batteries report capacity,
// status, power and energy; Mains, USB and Wireless sources report online. Every value comes
// from the kernel's own attribute in its documented unit (µW, µA, µV, µWh, µAh): watts are
// power_now, else |current_now| × voltage_now; energy is energy_now, else charge_now ×
// voltage_min_design. Nothing the driver leaves out is computed from a guess.
class PowerSupplySource
{
public:
    // The supplies under paths.sysRoot, in name order; empty where the machine has none.
    static QStringList discover(const SystemPaths &paths);

    explicit PowerSupplySource(const QString &dir);

    const QString &dir() const { return m_dir; }

    // This tick's values; nullopt once the device is gone (its files vanished or read ENODEV).
    std::optional<PowerSupply> read();

private:
    enum Attribute {
        Capacity,
        Status,
        Online,
        PowerNow,
        CurrentNow,
        VoltageNow,
        EnergyNow,
        EnergyFull,
        ChargeNow,
        ChargeFull,
        VoltageMinDesign,
        AttributeCount
    };

    // The attribute's integer, or nullopt when absent or unreadable; *gone set when the
    // device has left.
    std::optional<qint64> integer(Attribute attribute, bool *gone);

    QString m_dir;
    QString m_name;
    QString m_type;
    std::array<std::optional<ProcFile>, AttributeCount> m_files;
};
