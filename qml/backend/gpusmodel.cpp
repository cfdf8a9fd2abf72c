#include "gpusmodel.h"

#include <QSet>

#include <cmath>

namespace {

template<typename T>
double valueOrNan(const std::optional<T> &value)
{
    return value ? double(*value) : std::nan("");
}

QSet<QString> idsOf(const QList<GpuUsage> &gpus)
{
    QSet<QString> ids;
    for (const GpuUsage &gpu : gpus)
        ids.insert(gpu.id);
    return ids;
}

} // namespace

GpusModel::GpusModel(QObject *parent)
    : QAbstractListModel(parent)
{}

void GpusModel::update(const QList<GpuUsage> &gpus)
{
    const int before = rowCount();
    // Vanished rows go first, from the end, so that the rows still to visit keep their numbers.
    const QSet<QString> fresh = idsOf(gpus);
    for (int row = int(m_rows.size()) - 1; row >= 0; --row) {
        if (fresh.contains(m_rows[row].id))
            continue;
        beginRemoveRows({}, row, row);
        m_rows.removeAt(row);
        endRemoveRows();
    }
    QHash<QString, const GpuUsage *> byId;
    for (const GpuUsage &gpu : gpus)
        byId.insert(gpu.id, &gpu);
    for (GpuUsage &row : m_rows)
        row = *byId.value(row.id);
    if (!m_rows.isEmpty())
        emit dataChanged(index(0), index(int(m_rows.size()) - 1));
    const QSet<QString> known = idsOf(m_rows);
    QList<GpuUsage> added;
    for (const GpuUsage &gpu : gpus) {
        if (!known.contains(gpu.id))
            added.append(gpu);
    }
    if (!added.isEmpty()) {
        beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + added.size()) - 1);
        m_rows.append(added);
        endInsertRows();
    }
    if (rowCount() != before)
        emit countChanged();
}

int GpusModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant GpusModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const GpuUsage &gpu = m_rows[index.row()];
    switch (role) {
    case IdRole:
        return gpu.id;
    case NameRole:
        return gpu.name;
    case VendorRole:
        return gpu.vendor;
    case DriverRole:
        return gpu.driver;
    case StateRole:
        return gpu.state;
    case LoadRole:
        return valueOrNan(gpu.load);
    case VramUsedRole:
        return valueOrNan(gpu.vramUsed);
    case VramTotalRole:
        return valueOrNan(gpu.vramTotal);
    case GttUsedRole:
        return valueOrNan(gpu.gttUsed);
    case GttTotalRole:
        return valueOrNan(gpu.gttTotal);
    case TempRole:
        return valueOrNan(gpu.temp);
    case TempCriticalRole:
        return valueOrNan(gpu.tempCritical);
    case PowerRole:
        return valueOrNan(gpu.power);
    case PowerLimitRole:
        return valueOrNan(gpu.powerLimit);
    case ClockRole:
        return valueOrNan(gpu.clock);
    case FanRole:
        return valueOrNan(gpu.fan);
    case SeriesPrefixRole:
        return QString(QStringLiteral("gpus[") + gpu.id + u']');
    }
    return {};
}

QHash<int, QByteArray> GpusModel::roleNames() const
{
    return {{IdRole, "gpuId"},
            {NameRole, "name"},
            {VendorRole, "vendor"},
            {DriverRole, "driver"},
            {StateRole, "state"},
            {LoadRole, "load"},
            {VramUsedRole, "vramUsed"},
            {VramTotalRole, "vramTotal"},
            {GttUsedRole, "gttUsed"},
            {GttTotalRole, "gttTotal"},
            {TempRole, "temp"},
            {TempCriticalRole, "tempCritical"},
            {PowerRole, "power"},
            {PowerLimitRole, "powerLimit"},
            {ClockRole, "clock"},
            {FanRole, "fan"},
            {SeriesPrefixRole, "seriesPrefix"}};
}
