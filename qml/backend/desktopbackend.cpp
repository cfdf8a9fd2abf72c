#include "desktopbackend.h"

#include "alertsmodel.h"
#include "clientsmodel.h"
#include "disksmodel.h"
#include "livemetrics.h"
#include "monitor.h"
#include "networkmodel.h"
#include "processfiltermodel.h"
#include "processmodel.h"
#include "sensorsmodel.h"
#include "server/serverservice.h"
#include "services/metricsservice.h"
#include "services/processwatcher.h"
#include "services/systemservice.h"
#include "settings/settings.h"
#include "settingscontroller.h"
#include "store/storeservice.h"

#include <QJSEngine>
#include <QPointer>
#include <QSortFilterProxyModel>

namespace {

QPointer<DesktopBackend> &instance()
{
    static QPointer<DesktopBackend> backend;
    return backend;
}

} // namespace

DesktopBackend::DesktopBackend(Monitor *monitor, QObject *parent)
    : QObject(parent)
    , m_monitor(monitor)
    , m_live(new LiveMetrics(monitor->system()->host(), this))
    , m_processModel(new ProcessModel(this))
    , m_topProcesses(new ProcessModel(this))
    , m_processes(new ProcessFilterModel(m_processModel, this))
    , m_memoryConsumers(new ProcessFilterModel(m_topProcesses, this))
    , m_disks(new DisksModel(this))
    , m_network(new NetworkModel(&monitor->metrics()->history(), this))
    , m_sensors(new SensorsModel(this))
    , m_gpus(new GpusModel(this))
    , m_serviceList(new ServicesModel(this))
    , m_services(new QSortFilterProxyModel(this))
    , m_clients(new ClientsModel(monitor->server() ? monitor->server()->clients() : nullptr, this))
    , m_settings(new SettingsController(monitor->settings(), monitor->server(), this))
    , m_alerts(new AlertsModel(monitor->alerts(), this))
    , m_fleet(new FleetModel(monitor->fleet(), monitor->settings(), this))
    , m_fleetHosts(new FleetFilterModel(m_fleet, this))
    , m_span(new TimeSpan(this))
{
    m_memoryConsumers->sortBy(ProcessModel::RssColumn);
    m_services->setSourceModel(m_serviceList);
    m_services->setSortRole(ServicesModel::SortRole);
    m_services->setSortCaseSensitivity(Qt::CaseInsensitive);
    m_services->setFilterRole(ServicesModel::FilterRole);
    m_services->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_services->sort(ServicesModel::CpuColumn, Qt::DescendingOrder);
    // The server's control, where there is a server: the desktop's actions are then broadcast
    // to web clients as processAction events like their own.
    if (monitor->server()) {
        if (monitor->server()->isRunning())
            m_fleet->setHubUrl(monitor->server()->url());
        connect(monitor->server(), &ServerService::listening, m_fleet, &FleetModel::setHubUrl);
        m_processModel->setControl(monitor->server()->processControl());
        m_topProcesses->setControl(monitor->server()->processControl());
    }
    connect(monitor->metrics(), &MetricsService::snapshotReady, this, &DesktopBackend::onSnapshot);
    connect(monitor->settings(), &Settings::changed, this, [this](const QStringList &keys) {
        if (keys.contains(QStringLiteral("general/interval")))
            emit intervalChanged();
    });
    if (monitor->metrics()->latest().seq > 0)
        onSnapshot();
}

DesktopBackend::~DesktopBackend()
{
    if (!m_processViewers.isEmpty())
        m_monitor->metrics()->processes()->unwatch(this);
}

void DesktopBackend::setInstance(DesktopBackend *backend)
{
    instance() = backend;
}

DesktopBackend *DesktopBackend::create(QQmlEngine *, QJSEngine *)
{
    DesktopBackend *backend = instance();
    if (backend)
        QJSEngine::setObjectOwnership(backend, QJSEngine::CppOwnership);
    return backend;
}

QAbstractItemModel *DesktopBackend::services() const
{
    return m_services;
}

QObject *DesktopBackend::metrics() const
{
    return m_monitor->metrics();
}

// As the server is handed the store (Monitor): only where history is kept on disk.
QObject *DesktopBackend::historySource() const
{
    if (!m_monitor->store() ||
        !m_monitor->settings()->value(QStringLiteral("history/enabled")).toBool())
        return nullptr;
    return m_monitor->store();
}

void DesktopBackend::panSpan(double fraction)
{
    m_span->pan(fraction, double(m_monitor->metrics()->history().latestTs()));
}

int DesktopBackend::intervalMs() const
{
    return m_monitor->metrics()->intervalMs();
}

QList<double> DesktopBackend::recent(const QString &series, int seconds) const
{
    const History &history = m_monitor->metrics()->history();
    QList<double> values;
    for (const History::Point &point :
         history.points(series, history.latestTs() - qint64(seconds) * 1000)) {
        values.append(point.value);
    }
    return values;
}

void DesktopBackend::watchProcesses(QObject *viewer, bool watching)
{
    if (!viewer || watching == m_processViewers.contains(viewer))
        return;
    if (watching) {
        m_processViewers.insert(viewer);
        connect(viewer, &QObject::destroyed, this,
                [this, viewer] { watchProcesses(viewer, false); });
        if (m_processViewers.size() == 1)
            startWatching();
        return;
    }
    m_processViewers.remove(viewer);
    disconnect(viewer, &QObject::destroyed, this, nullptr);
    if (m_processViewers.isEmpty())
        stopWatching();
}

// The whole list once, then each tick's delta: the rows keep their identity from tick to tick.
void DesktopBackend::startWatching()
{
    ProcessWatcher *watcher = m_monitor->metrics()->processes();
    watcher->watch(this);
    m_processModel->setRows(watcher->rows());
    connect(watcher, &ProcessWatcher::scanned, m_processModel, &ProcessModel::apply);
    emit processesWatchedChanged();
}

void DesktopBackend::stopWatching()
{
    ProcessWatcher *watcher = m_monitor->metrics()->processes();
    disconnect(watcher, &ProcessWatcher::scanned, m_processModel, nullptr);
    watcher->unwatch(this);
    m_processModel->clear();
    emit processesWatchedChanged();
}

QVariantMap DesktopBackend::processDetail(int pid) const
{
    return m_monitor->metrics()->processes()->detail(pid).toVariantMap();
}

void DesktopBackend::onSnapshot()
{
    const Snapshot &snapshot = m_monitor->metrics()->latest();
    m_live->update(snapshot);
    m_topProcesses->update(snapshot.procs.top);
    m_disks->update(snapshot.disks);
    m_network->update(snapshot.net);
    m_sensors->update(snapshot.temps);
    m_sensors->updateDevices(snapshot);
    m_gpus->update(snapshot.gpus);
    m_serviceList->update(snapshot.cgroups);
    m_clients->refresh();
}
