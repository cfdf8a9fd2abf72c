#pragma once

#include "snapshot.h"
#include "ticklistmodel.h"

#include <QVariantList>
#include <QtQml/qqmlregistration.h>

// The temperature sensors of the latest tick, one row per sensor; empty on a machine that has
// none (the view then says so, it never invents a reading). Updated in place while the set of
// sensors stays the same. Beside the rows, the fans, power supplies and CPU clocks of the tick as
// short lists of maps (a handful of entries, shown as text only).
class SensorsModel : public TickListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("SensorsModel belongs to the Backend")
    // {label, rpm, series} per fan
    Q_PROPERTY(QVariantList fans READ fans NOTIFY devicesChanged)
    // {name, type, capacity, status, watts, energyWh, energyFullWh, online (-1 not said, 0, 1)}
    Q_PROPERTY(QVariantList power READ power NOTIFY devicesChanged)
    // {cpu, mhz, series} per CPU with cpufreq
    Q_PROPERTY(QVariantList clocks READ clocks NOTIFY devicesChanged)

public:
    enum Role {
        LabelRole = Qt::UserRole + 1, // "coretemp Package id 0"
        CelsiusRole,                  // °C
        HighRole,                     // °C, NaN when the sensor reports none
        CriticalRole,                 // °C, NaN when the sensor reports none
        SeriesRole,                   // History series name of the reading
    };
    Q_ENUM(Role)

    explicit SensorsModel(QObject *parent = nullptr);

    // Takes the sensors of a new tick.
    void update(const QList<Temperature> &temps);
    // Takes the fans, power supplies and CPU clocks of a new tick; signals only when they changed.
    void updateDevices(const Snapshot &snapshot);

    QVariantList fans() const { return m_fans; }
    QVariantList power() const { return m_power; }
    QVariantList clocks() const { return m_clocks; }

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

signals:
    void devicesChanged();

private:
    QList<Temperature> m_temps;
    QVariantList m_fans;
    QVariantList m_power;
    QVariantList m_clocks;
};
