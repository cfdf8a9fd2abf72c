#pragma once

#include "alertsmodel.h"
#include "clientsmodel.h"
#include "disksmodel.h"
#include "fleetfiltermodel.h"
#include "fleetmodel.h"
#include "gpusmodel.h"
#include "livemetrics.h"
#include "networkmodel.h"
#include "processfiltermodel.h"
#include "sensorsmodel.h"
#include "servicesmodel.h"
#include "settingscontroller.h"
#include "timespan.h"

#include <QObject>
#include <QSet>
#include <QString>
#include <QVariantMap>
#include <QtQml/qqmlregistration.h>

class Monitor;
class ProcessModel;
class QJSEngine;
class QSortFilterProxyModel;
class QQmlEngine;

// The core as the views see it: one QML singleton, `Backend`, created by the application around
// its Monitor and handed to QML through create(). Each tick it updates the models once; charts
// read the History themselves through `metrics`. Never registered with setContextProperty.
class DesktopBackend : public QObject
{
    Q_OBJECT
    QML_NAMED_ELEMENT(Backend)
    QML_SINGLETON

    // The MetricsService: the tick and the History that charts are fed from.
    Q_PROPERTY(QObject *metrics READ metrics CONSTANT)
    Q_PROPERTY(LiveMetrics *live READ live CONSTANT)
    // Every process, while a Processes view watches (watchProcesses()), else empty: sortable,
    // filterable, flat or as a tree, with a selection kept by pid.
    Q_PROPERTY(ProcessFilterModel *processes READ processes CONSTANT)
    // True while some view watches the process list.
    Q_PROPERTY(bool processesWatched READ processesWatched NOTIFY processesWatchedChanged)
    // The snapshot's top processes by resident memory, largest first: the top consumers.
    Q_PROPERTY(ProcessFilterModel *memoryConsumers READ memoryConsumers CONSTANT)
    Q_PROPERTY(DisksModel *disks READ disks CONSTANT)
    Q_PROPERTY(NetworkModel *network READ network CONSTANT)
    Q_PROPERTY(SensorsModel *sensors READ sensors CONSTANT)
    // The GPUs of the latest tick, by PCI address; empty where there is none.
    Q_PROPERTY(GpusModel *gpus READ gpus CONSTANT)
    // The units, slices, sessions and containers of the latest tick, by cgroup path.
    Q_PROPERTY(ServicesModel *serviceList READ serviceList CONSTANT)
    // The same sorted (sortRole ServicesModel::SortRole) and filtered (setFilterFixedString).
    Q_PROPERTY(QAbstractItemModel *services READ services CONSTANT)
    Q_PROPERTY(ClientsModel *clients READ clients CONSTANT)
    Q_PROPERTY(SettingsController *settings READ settings CONSTANT)
    // The alerts firing now and the recent alert events.
    Q_PROPERTY(AlertsModel *alerts READ alerts CONSTANT)
    // The time span every chart of every view shows (live or fixed, after a zoom or a pan).
    Q_PROPERTY(TimeSpan *span READ span CONSTANT)
    // The history on disk as charts ask it for spans beyond the in-memory History (a
    // HistoryRangeSource); null when history/enabled was false at start (memory only).
    Q_PROPERTY(QObject *historySource READ historySource CONSTANT)
    // The other hosts this hub follows (docs/fleet.md), while a view watches them
    // (FleetModel::watch()); hub says whether there are any to offer a view for.
    Q_PROPERTY(FleetModel *fleet READ fleet CONSTANT)
    // The same sorted (sortKey) and filtered (filterText) as the Fleet view lists them.
    Q_PROPERTY(FleetFilterModel *fleetHosts READ fleetHosts CONSTANT)
    // The tick interval in milliseconds.
    Q_PROPERTY(int intervalMs READ intervalMs NOTIFY intervalChanged)

public:
    // monitor must outlive the backend; its services may or may not have started yet.
    explicit DesktopBackend(Monitor *monitor, QObject *parent = nullptr);
    ~DesktopBackend() override;

    // The instance create() hands to QML; set it before the engine loads anything.
    static void setInstance(DesktopBackend *backend);
    // Called by the QML engine for the Backend singleton: the application's instance, which
    // stays owned by C++.
    static DesktopBackend *create(QQmlEngine *qmlEngine, QJSEngine *jsEngine);

    QObject *metrics() const;
    LiveMetrics *live() const { return m_live; }
    ProcessFilterModel *processes() const { return m_processes; }
    ProcessFilterModel *memoryConsumers() const { return m_memoryConsumers; }
    DisksModel *disks() const { return m_disks; }
    NetworkModel *network() const { return m_network; }
    SensorsModel *sensors() const { return m_sensors; }
    GpusModel *gpus() const { return m_gpus; }
    ServicesModel *serviceList() const { return m_serviceList; }
    QAbstractItemModel *services() const;
    ClientsModel *clients() const { return m_clients; }
    SettingsController *settings() const { return m_settings; }
    AlertsModel *alerts() const { return m_alerts; }
    FleetModel *fleet() const { return m_fleet; }
    FleetFilterModel *fleetHosts() const { return m_fleetHosts; }
    TimeSpan *span() const { return m_span; }
    QObject *historySource() const;
    int intervalMs() const;
    bool processesWatched() const { return !m_processViewers.isEmpty(); }

    // A view shows (true) or hides (false) the process list: while one does, the core's
    // ProcessWatcher scans every process each tick and its deltas feed `processes`; when none
    // does, the list is dropped and nothing is scanned. A viewer that is destroyed stops
    // watching by itself.
    Q_INVOKABLE void watchProcesses(QObject *viewer, bool watching);
    // One process as its detail panel shows it ({"ts","process":{…row, "cgroup", "fds"}}), read
    // now; empty when it is gone.
    Q_INVOKABLE QVariantMap processDetail(int pid) const;

    // Moves the span by fraction of its length (negative: into the past), up to the newest tick.
    Q_INVOKABLE void panSpan(double fraction);

    // The values of a History series over its last seconds, oldest first (NaN where it had
    // none): for sparklines, which need no time axis.
    Q_INVOKABLE QList<double> recent(const QString &series, int seconds) const;

signals:
    void intervalChanged();
    void processesWatchedChanged();

private:
    void onSnapshot();
    void startWatching();
    void stopWatching();

    Monitor *m_monitor;
    LiveMetrics *m_live;
    ProcessModel *m_processModel;
    ProcessModel *m_topProcesses;
    ProcessFilterModel *m_processes;
    QSet<QObject *> m_processViewers;
    ProcessFilterModel *m_memoryConsumers;
    DisksModel *m_disks;
    NetworkModel *m_network;
    SensorsModel *m_sensors;
    GpusModel *m_gpus;
    ServicesModel *m_serviceList;
    QSortFilterProxyModel *m_services;
    ClientsModel *m_clients;
    SettingsController *m_settings;
    AlertsModel *m_alerts;
    FleetModel *m_fleet;
    FleetFilterModel *m_fleetHosts;
    TimeSpan *m_span;
};
