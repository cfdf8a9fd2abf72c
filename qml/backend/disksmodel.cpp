#include "disksmodel.h"

DisksModel::DisksModel(QObject *parent)
    : QAbstractListModel(parent)
{}

bool DisksModel::sameMounts(const QList<DiskUsage> &disks) const
{
    if (disks.size() != m_disks.size())
        return false;
    for (qsizetype i = 0; i < disks.size(); ++i) {
        if (disks[i].mount != m_disks[i].mount)
            return false;
    }
    return true;
}

void DisksModel::update(const QList<DiskUsage> &disks)
{
    if (sameMounts(disks)) {
        m_disks = disks;
        if (!m_disks.isEmpty())
            emit dataChanged(index(0), index(rowCount() - 1));
        return;
    }
    beginResetModel();
    m_disks = disks;
    endResetModel();
    emit countChanged();
}

int DisksModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_disks.size());
}

QVariant DisksModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const DiskUsage &disk = m_disks[index.row()];
    switch (role) {
    case MountRole:
        return disk.mount;
    case DeviceRole:
        return disk.device;
    case FsRole:
        return disk.fs;
    case TotalRole:
        return double(disk.total);
    case UsedRole:
        return double(disk.used);
    case PercentRole:
        return disk.percent;
    case ReadBpsRole:
        return disk.readBps;
    case WriteBpsRole:
        return disk.writeBps;
    }
    return {};
}

QHash<int, QByteArray> DisksModel::roleNames() const
{
    return {{MountRole, "mount"},     {DeviceRole, "device"},    {FsRole, "fs"},
            {TotalRole, "total"},     {UsedRole, "used"},        {PercentRole, "percent"},
            {ReadBpsRole, "readBps"}, {WriteBpsRole, "writeBps"}};
}
