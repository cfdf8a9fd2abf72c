#pragma once

#include "services/processcontrol.h"
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

    // Process actions go through this control: the server's, where one runs beside the window,
    // so that web clients hear of them; otherwise the model's own.
    void setControl(ProcessControl *control) { m_control = control; }
    // When the process started (ms since the epoch), or -1 when it is gone: taken as the
    // confirmation opens, so that a PID reused before the user confirms is not touched.
    Q_INVOKABLE double startTime(int pid) const;
    // Sends TERM, INT, HUP, KILL, STOP or CONT, or sets the nice value, as the user Vantage runs
    // as; "" when done, else the sentence to show (EPERM, gone, refused). startTime -1: unchecked.
    Q_INVOKABLE QString signalProcess(int pid, const QString &signal, double startTime);
    Q_INVOKABLE QString renice(int pid, int nice, double startTime);

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

    QString perform(ProcessControl::Request request, double startTime);

    QList<ProcessUsage> m_rows;
    ProcessControl m_ownControl;
    ProcessControl *m_control = &m_ownControl;
};
