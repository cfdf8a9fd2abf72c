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

#include <memory>

class MetricsSource;
class Monitor;
class RemoteSource;
class ProcessModel;
class QJSEngine;
class QSortFilterProxyModel;
class QQmlEngine;

// The core as the views see it: one QML singleton, `Backend`, created by the application around
// its Monitor and handed to QML through create(). Each tick it updates the models once; charts
// read the History themselves through `metrics`. Never registered with setContextProperty.
// The views show one source at a time: this machine, or a fleet host opened with openHost()
// (docs/architecture.md, "Sources"); the settings and clients stay this machine's.
class DesktopBackend : public QObject
{
    Q_OBJECT
    QML_NAMED_ELEMENT(Backend)
    QML_SINGLETON

    // The MetricsSource shown (this machine's MetricsService, or a host's RemoteSource): the
    // tick and the History that charts are fed from.
    Q_PROPERTY(QObject *metrics READ metrics NOTIFY sourceChanged)
    // The fleet host the views show, "" for this machine.
    Q_PROPERTY(QString hostName READ hostName NOTIFY sourceChanged)
    Q_PROPERTY(bool remote READ isRemote NOTIFY sourceChanged)
    // The shown host's connection: "up", "connecting" or "down" ("up" for this machine), and
    // why it is down or why its token was refused.
    Q_PROPERTY(QString sourceState READ sourceState NOTIFY sourceStateChanged)
    Q_PROPERTY(QString sourceReason READ sourceReason NOTIFY sourceStateChanged)
    // The settings of the host shown (this machine's, or what the remote host's stream says):
    // the views draw their warning and critical levels from them.
    Q_PROPERTY(QVariantMap levels READ levels NOTIFY levelsChanged)
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
    // For a remote host, the host itself (asked over its stream).
    Q_PROPERTY(QObject *historySource READ historySource NOTIFY sourceChanged)
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
    QString hostName() const;
    bool isRemote() const { return m_remote != nullptr; }
    QString sourceState() const;
    QString sourceReason() const;
    QVariantMap levels() const;
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

    // Shows the fleet host `name` (fleet/host/<name>/{url,token}) in every view, over its own
    // WebSocket; false for a name the fleet list does not hold.
    Q_INVOKABLE bool openHost(const QString &name);
    // Shows any Vantage at url (http(s)://host:port/ or ws(s)://host:port/ws), named name.
    void openRemote(const QString &name, const QString &url, const QString &token);
    // Back to this machine.
    Q_INVOKABLE void openLocal();

    // Moves the span by fraction of its length (negative: into the past), up to the newest tick.
    Q_INVOKABLE void panSpan(double fraction);

    // The values of a History series over its last seconds, oldest first (NaN where it had
    // none): for sparklines, which need no time axis.
    Q_INVOKABLE QList<double> recent(const QString &series, int seconds) const;

signals:
    void intervalChanged();
    void processesWatchedChanged();
    void sourceChanged();
    void sourceStateChanged();
    void levelsChanged();

private:
    MetricsSource *source() const;
    void leaveSource();
    void enterSource();
    void onSnapshot();
    void startWatching();
    void stopWatching();

    Monitor *m_monitor;
    std::unique_ptr<RemoteSource> m_remote;
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
