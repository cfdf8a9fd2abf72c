#pragma once

#include "snapshot.h"
#include "ticklistmodel.h"

#include <QtQml/qqmlregistration.h>

// The filesystems of the latest tick, one row per mount, in the order the collector lists them.
// Rows are updated in place while the set of mounts stays the same, so delegates keep their
// state; a mount that appears or disappears resets the list.
class DisksModel : public TickListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("DisksModel belongs to the Backend")

public:
    enum Role {
        MountRole = Qt::UserRole + 1, // mount point
        DeviceRole,                   // source device, as df shows it
        FsRole,                       // filesystem type
        TotalRole,                    // bytes
        UsedRole,                     // bytes
        PercentRole,                  // percent used
        ReadBpsRole,                  // bytes per second read
        WriteBpsRole,                 // bytes per second written
    };
    Q_ENUM(Role)

    explicit DisksModel(QObject *parent = nullptr);

    // Takes the filesystems of a new tick.
    void update(const QList<DiskUsage> &disks);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

private:
    QList<DiskUsage> m_disks;
};
