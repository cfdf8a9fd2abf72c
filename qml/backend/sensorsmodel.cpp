#include "sensorsmodel.h"

SensorsModel::SensorsModel(QObject *parent)
    : TickListModel(parent)
{}

void SensorsModel::update(const QList<Temperature> &temps)
{
    replaceRows(m_temps, temps, &Temperature::label);
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
