#include "sensorsmodel.h"

#include <cmath>

SensorsModel::SensorsModel(QObject *parent)
    : TickListModel(parent)
{}

void SensorsModel::update(const QList<Temperature> &temps)
{
    replaceRows(m_temps, temps, &Temperature::label);
}

void SensorsModel::updateDevices(const Snapshot &snapshot)
{
    QVariantList fans;
    for (const Fan &fan : snapshot.fans) {
        fans.append(
            QVariantMap{{QStringLiteral("label"), fan.label},
                        {QStringLiteral("rpm"), fan.rpm},
                        {QStringLiteral("series"),
                         QString(QStringLiteral("fans[") + fan.label + QStringLiteral("].rpm"))}});
    }
    QVariantList power;
    for (const PowerSupply &p : snapshot.power) {
        power.append(QVariantMap{{QStringLiteral("name"), p.name},
                                 {QStringLiteral("type"), p.type},
                                 {QStringLiteral("capacity"), p.capacity},
                                 {QStringLiteral("status"), p.status},
                                 {QStringLiteral("watts"), p.watts},
                                 {QStringLiteral("energyWh"), p.energyWh},
                                 {QStringLiteral("energyFullWh"), p.energyFullWh},
                                 {QStringLiteral("online"), p.online}});
    }
    QVariantList clocks;
    for (qsizetype cpu = 0; cpu < snapshot.cpu.coreMhz.size(); ++cpu) {
        const double mhz = snapshot.cpu.coreMhz[cpu];
        if (std::isnan(mhz))
            continue; // a CPU without cpufreq: no row rather than a dash among real clocks
        clocks.append(
            QVariantMap{{QStringLiteral("cpu"), int(cpu)},
                        {QStringLiteral("mhz"), mhz},
                        {QStringLiteral("series"), QStringLiteral("cpu.coreMhz[%1]").arg(cpu)}});
    }
    // A tick that changes none of them repaints nothing.
    if (fans == m_fans && power == m_power && clocks == m_clocks)
        return;
    m_fans = fans;
    m_power = power;
    m_clocks = clocks;
    emit devicesChanged();
}

int SensorsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_temps.size());
}

QVariant SensorsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Temperature &temp = m_temps[index.row()];
    switch (role) {
    case LabelRole:
        return temp.label;
    case CelsiusRole:
        return temp.celsius;
    case HighRole:
        return temp.high;
    case CriticalRole:
        return temp.critical;
    case SeriesRole:
        return QString(QStringLiteral("temps[") + temp.label + QStringLiteral("].celsius"));
    }
    return {};
}

QHash<int, QByteArray> SensorsModel::roleNames() const
{
    return {{LabelRole, "label"},
            {CelsiusRole, "celsius"},
            {HighRole, "high"},
            {CriticalRole, "critical"},
            {SeriesRole, "series"}};
}
