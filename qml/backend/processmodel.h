#pragma once

#include "collectors/processes/processlist.h"
#include "services/processcontrol.h"
#include "snapshot.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QPointer>
#include <QVariantList>
#include <QtQml/qqmlregistration.h>

class RemoteSource;

#include <vector>

// Processes as a table, one row per pid, in the contract's row shape (ProcessList: pid, ppid,
// user, name, cmdline, state, cpu, rss, memPercent, threads, nice, startTime, readBps, writeBps,
// unit, gpu, gpuMem; null where unreadable). Fed either the whole list and then its deltas (the
// Processes view, while it watches the ProcessWatcher) or a snapshot's top processes (the top
// consumers). Rows keep their place across updates: a changed field is a dataChanged of its row, a
// process that leaves is removed, a newcomer is appended, so a view on top (sorting, selection,
// scroll position) is never reset by a tick.
class ProcessModel : public QAbstractTableModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("ProcessModel belongs to the Backend")
    // Whether some process has shown a GPU value since the model was made: the GPU columns are
    // shown from then on, and not at all on a machine where no process uses a GPU.
    Q_PROPERTY(bool usesGpu READ usesGpu NOTIFY usesGpuChanged)

public:
    enum Column {
        PidColumn,
        UserColumn,
        NameColumn,
        StateColumn,
        CpuColumn,       // percent of one core
        RssColumn,       // bytes
        MemoryColumn,    // percent of the machine's memory
        GpuColumn,       // percent: the busiest engine of the process's GPU clients
        GpuMemoryColumn, // bytes resident through the process's GPU clients
        ThreadsColumn,
        NiceColumn,
        StartedColumn, // ms since the epoch
        ReadColumn,    // bytes per second
        WriteColumn,   // bytes per second
        UnitColumn,
        CommandColumn,
        ColumnCount
    };
    Q_ENUM(Column)
    enum Role {
        SortRole = Qt::UserRole + 1, // the raw value of the column: null, a number or a string
        PidRole,                     // the row's pid, in every column
        NameRole,                    // the row's name, in every column
        CpuRole,                     // the row's CPU, percent of one core (NaN: unknown)
        RssRole,                     // the row's resident memory in bytes (NaN: unknown)
        PpidRole,                    // the row's parent pid, 0 when unknown
    };
    Q_ENUM(Role)

    explicit ProcessModel(QObject *parent = nullptr);

    // Takes the top processes of a new tick (the snapshot's short list).
    void update(const QList<ProcessUsage> &processes);
    // Takes the whole list (ProcessWatcher::rows()): the rows as they are after it.
    void setRows(const QJsonArray &rows);
    // Applies one delta of the ProcessWatcher: removed, then added, then changed.
    void apply(const ProcessDelta &delta);
    // Forgets every row.
    void clear();

    // The row of a pid, -1 when it is not listed.
    int rowOf(int pid) const { return m_rowOfPid.value(pid, -1); }
    // The parent of a pid, 0 when unknown or not listed.
    int parentOf(int pid) const;
    // Whether a listed process is the parent of another listed one.
    bool hasChildren(int pid) const { return m_childCount.value(pid) > 0; }
    // Goes up by one at every change of the rows, so a proxy knows its caches are stale.
    quint64 revision() const { return m_revision; }
    bool usesGpu() const { return m_usesGpu; }

    // Every field of a process as the detail panel lists it: [{"label", "text"}], with "—" for
    // what cannot be read; empty when the pid is not listed.
    Q_INVOKABLE QVariantList fieldsOf(int pid) const;
    // One raw field of a listed process ("cpu", "rss", …): null when unknown or not listed.
    Q_INVOKABLE QVariant valueOf(int pid, const QString &field) const;

    // Process actions go through this control: the server's, where one runs beside the window,
    // so that web clients hear of them; otherwise the model's own.
    void setControl(ProcessControl *control) { m_control = control; }
    // While set, the rows are that host's, and actions are asked of it over its stream (their
    // PIDs mean nothing here); null: this machine's.
    void setRemote(RemoteSource *remote);
    // Every field of a listed process as the list has it; empty when the pid is not listed.
    QJsonObject row(int pid) const;
    // When the process started (ms since the epoch), or -1 when it is gone: taken as the
    // confirmation opens, so that a PID reused before the user confirms is not touched.
    Q_INVOKABLE double startTime(int pid) const;
    // Sends TERM, INT, HUP, KILL, STOP or CONT, or sets the nice value, as the user Vantage runs
    // as; "" when done, else the sentence to show (EPERM, gone, refused). startTime -1: unchecked.
    // Every outcome is also told by actionAnswered: at once here, when the host answers for a
    // remote host (the call then returns "").
    Q_INVOKABLE QString signalProcess(int pid, const QString &signal, double startTime);
    Q_INVOKABLE QString renice(int pid, int nice, double startTime);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    // The column that shows a row field ("cpu" → CpuColumn), -1 for ppid and unknown fields.
    static int columnOf(const QString &field);

signals:
    // A delta, a whole list or a top list was applied: the rows are as the last tick left them.
    void updated();
    void usesGpuChanged();
    // The outcome of an action on pid: "" when done, else the sentence to show.
    void actionAnswered(int pid, const QString &outcome);

private:
    void removePids(const QJsonArray &pids);
    void appendRows(const QList<QJsonObject> &rows);
    void changeFields(const QJsonObject &change);
    void reindex();
    void noteGpu(const QJsonObject &fields);
    QString display(const QJsonObject &row, int column) const;

    QString perform(ProcessControl::Request request, double startTime);
    void askRemote(const ProcessControl::Request &request);

    std::vector<QJsonObject> m_rows;
    QHash<int, int> m_rowOfPid;
    QHash<int, int> m_childCount;
    quint64 m_revision = 0;
    bool m_usesGpu = false;
    ProcessControl m_ownControl;
    ProcessControl *m_control = &m_ownControl;
    QPointer<RemoteSource> m_remote;
};
