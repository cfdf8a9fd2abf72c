#include "disksmodel.h"

DisksModel::DisksModel(QObject *parent)
    : TickListModel(parent)
{}

void DisksModel::update(const QList<DiskUsage> &disks)
{
    replaceRows(m_disks, disks, &DiskUsage::mount);
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
