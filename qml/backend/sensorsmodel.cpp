#include "sensorsmodel.h"

SensorsModel::SensorsModel(QObject *parent)
    : QAbstractListModel(parent)
{}

bool SensorsModel::sameSensors(const QList<Temperature> &temps) const
{
    if (temps.size() != m_temps.size())
        return false;
    for (qsizetype i = 0; i < temps.size(); ++i) {
        if (temps[i].label != m_temps[i].label)
            return false;
    }
    return true;
}

void SensorsModel::update(const QList<Temperature> &temps)
{
    if (sameSensors(temps)) {
        m_temps = temps;
        if (!m_temps.isEmpty())
            emit dataChanged(index(0), index(rowCount() - 1));
        return;
    }
    beginResetModel();
    m_temps = temps;
    endResetModel();
    emit countChanged();
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
