#pragma once

#include "snapshot.h"

#include <QAbstractTableModel>
#include <QList>
#include <QtQml/qqmlregistration.h>

// The top processes of the latest tick as a table: pid, name, CPU, RSS. Rows are matched by pid
// across ticks: a process that stays keeps its row (its numbers change in place), one that
// leaves the list is removed and a newcomer is appended, so a view on top (sorting, selection,
// scroll position) is never reset by a refresh.
class ProcessModel : public QAbstractTableModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("ProcessModel belongs to the Backend")

public:
    enum Column { PidColumn, NameColumn, CpuColumn, RssColumn, ColumnCount };
    Q_ENUM(Column)
    enum Role {
        SortRole = Qt::UserRole + 1, // the raw value: pid, name, percent of one core, bytes
        PidRole,                     // the row's pid, in every column
        NameRole,                    // the row's name, in every column
        CpuRole,                     // the row's CPU, percent of one core, in every column
        RssRole,                     // the row's resident memory in bytes, in every column
    };
    Q_ENUM(Role)

    explicit ProcessModel(QObject *parent = nullptr);

    // Takes the processes of a new tick.
    void update(const QList<ProcessUsage> &processes);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

private:
    void removeVanished(const QHash<int, qsizetype> &incoming);
    void refreshKept(const QList<ProcessUsage> &processes, const QHash<int, qsizetype> &incoming);
    void appendNew(const QList<ProcessUsage> &processes);
    QVariant display(const ProcessUsage &process, int column) const;
    QVariant raw(const ProcessUsage &process, int column) const;

    QList<ProcessUsage> m_rows;
};
