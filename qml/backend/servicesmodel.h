#pragma once

#include "snapshot.h"

#include <QAbstractTableModel>
#include <QList>
#include <QtQml/qqmlregistration.h>

#include <optional>

// The systemd units, slices, sessions and containers of the latest tick (Snapshot::cgroups) as
// a table. Rows are matched by cgroup path across ticks: a group that stays keeps its row (its
// numbers change in place), one that leaves is removed and a newcomer is appended, so a view on
// top (sorting, filtering, selection, scroll position) is never reset by a refresh.
class ServicesModel : public QAbstractTableModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("ServicesModel belongs to the Backend")

    // Whether the machine reports cgroups (a cgroup fs is mounted); false before the first tick.
    Q_PROPERTY(bool available READ available NOTIFY availableChanged)
    // Rows listed.
    Q_PROPERTY(int count READ rowCount NOTIFY countChanged)

public:
    enum Column {
        NameColumn,
        KindColumn,
        CpuColumn,
        MemoryColumn,
        ReadColumn,
        WriteColumn,
        PidsColumn,
        ColumnCount
    };
    Q_ENUM(Column)
    enum Role {
        SortRole = Qt::UserRole + 1, // the raw value; -1 for a number the kernel does not report
        FilterRole,                  // name, path and runtime, for a text filter
        PathRole,                    // the row's cgroup path, in every column
        NameRole,                    // the row's name, in every column
    };
    Q_ENUM(Role)

    explicit ServicesModel(QObject *parent = nullptr);

    // Takes the cgroups of a new tick (none: the machine has no cgroup fs).
    void update(const std::optional<QList<CgroupUsage>> &cgroups);

    bool available() const { return m_available; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

signals:
    void availableChanged();
    void countChanged();

private:
    void removeVanished(const QList<CgroupUsage> &fresh);
    void refreshKept(const QList<CgroupUsage> &fresh);
    void appendNew(const QList<CgroupUsage> &fresh);
    QVariant display(const CgroupUsage &group, int column) const;
    QVariant raw(const CgroupUsage &group, int column) const;

    QList<CgroupUsage> m_rows;
    bool m_available = false;
};
