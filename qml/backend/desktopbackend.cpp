#include "desktopbackend.h"

#include "alertsmodel.h"
#include "clientsmodel.h"
#include "disksmodel.h"
#include "fleet/remotesource.h"
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
    connect(m_settings, &SettingsController::valuesChanged, this, &DesktopBackend::levelsChanged);
    connect(monitor->settings(), &Settings::changed, this, [this](const QStringList &keys) {
        if (!m_remote && keys.contains(QStringLiteral("general/interval")))
            emit intervalChanged();
    });
    enterSource();
}

DesktopBackend::~DesktopBackend()
{
    if (!m_remote && !m_processViewers.isEmpty())
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

MetricsSource *DesktopBackend::source() const
{
    return m_remote ? static_cast<MetricsSource *>(m_remote.get()) : m_monitor->metrics();
}

QObject *DesktopBackend::metrics() const
{
    return source();
}

QString DesktopBackend::hostName() const
{
    return m_remote ? m_remote->hostName() : QString();
}

QString DesktopBackend::sourceState() const
{
    return RemoteHost::stateName(m_remote ? m_remote->connectionState() : RemoteHost::State::Up);
}

QString DesktopBackend::sourceReason() const
{
    return m_remote ? m_remote->reason() : QString();
}

// Until a remote host has said its settings (before its hello), and for a key an older host does
// not have, this machine's stand in: a view always has a level to draw.
QVariantMap DesktopBackend::levels() const
{
    QVariantMap levels = m_settings->values();
    if (m_remote)
        levels.insert(m_remote->settings());
    return levels;
}

bool DesktopBackend::openHost(const QString &name)
{
    const Settings *settings = m_monitor->settings();
    const QString prefix = QStringLiteral("fleet/host/") + name + u'/';
    const QString url = settings->value(prefix + QStringLiteral("url")).toString();
    if (name.isEmpty() || name.contains(u'/') || url.isEmpty())
        return false;
    openRemote(name, url, settings->value(prefix + QStringLiteral("token")).toString());
    return true;
}

void DesktopBackend::openRemote(const QString &name, const QString &url, const QString &token)
{
    leaveSource();
    const int downSeconds =
        m_monitor->settings()->value(QStringLiteral("fleet/downSeconds")).toInt();
    m_remote = std::make_unique<RemoteSource>(name, url, token, downSeconds);
    connect(m_remote.get(), &RemoteSource::connectionChanged, this,
            &DesktopBackend::sourceStateChanged);
    connect(m_remote.get(), &RemoteSource::settingsChanged, this, &DesktopBackend::levelsChanged);
    // A new connection may bring another host behind the same address, with another interval.
    connect(m_remote.get(), &RemoteSource::restarted, this, [this] {
        m_live->reset(m_remote->host());
        emit intervalChanged();
    });
    enterSource();
    m_remote->initialize();
}

void DesktopBackend::openLocal()
{
    if (!m_remote)
        return;
    leaveSource();
    m_remote.reset();
    enterSource();
}

// What a source feeds is let go, and every model emptied, so that no row of one host is shown
// as another's.
void DesktopBackend::leaveSource()
{
    disconnect(source(), &MetricsSource::snapshotReady, this, nullptr);
    if (!m_processViewers.isEmpty())
        stopWatching();
    const Snapshot none;
    m_topProcesses->update({});
    m_disks->update({});
    m_network->update({});
    m_sensors->update({});
    m_sensors->updateDevices(none);
    m_gpus->update({});
    m_serviceList->update(std::nullopt);
}

void DesktopBackend::enterSource()
{
    MetricsSource *current = source();
    connect(current, &MetricsSource::snapshotReady, this, &DesktopBackend::onSnapshot);
    m_live->reset(m_remote ? m_remote->host() : m_monitor->system()->host());
    m_network->setHistory(&current->history());
    m_processModel->setRemote(m_remote.get());
    m_topProcesses->setRemote(m_remote.get());
    if (m_remote)
        m_alerts->followRemote(m_remote.get());
    else
        m_alerts->followLocal();
    if (!m_processViewers.isEmpty())
        startWatching();
    emit sourceChanged();
    emit sourceStateChanged();
    emit intervalChanged();
    emit levelsChanged();
    if (current->latest().seq > 0)
        onSnapshot();
}

// A remote host answers for its own past. This machine's past is the store's, as the server is
// handed it (Monitor): only where history is kept on disk.
QObject *DesktopBackend::historySource() const
{
    if (m_remote)
        return m_remote.get();
    if (!m_monitor->store() ||
        !m_monitor->settings()->value(QStringLiteral("history/enabled")).toBool())
        return nullptr;
    return m_monitor->store();
}

void DesktopBackend::panSpan(double fraction)
{
    m_span->pan(fraction, double(source()->history().latestTs()));
}

int DesktopBackend::intervalMs() const
{
    return source()->intervalMs();
}

QList<double> DesktopBackend::recent(const QString &series, int seconds) const
{
    const History &history = source()->history();
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
    if (m_remote) {
        connect(m_remote.get(), &RemoteSource::processesReplaced, m_processModel,
                &ProcessModel::setRows);
        connect(m_remote.get(), &RemoteSource::processesChanged, m_processModel,
                &ProcessModel::apply);
        m_remote->setProcessesWatched(true);
    } else {
        ProcessWatcher *watcher = m_monitor->metrics()->processes();
        watcher->watch(this);
        m_processModel->setRows(watcher->rows());
        connect(watcher, &ProcessWatcher::scanned, m_processModel, &ProcessModel::apply);
    }
    emit processesWatchedChanged();
}

void DesktopBackend::stopWatching()
{
    if (m_remote) {
        disconnect(m_remote.get(), nullptr, m_processModel, nullptr);
        m_remote->setProcessesWatched(false);
    } else {
        ProcessWatcher *watcher = m_monitor->metrics()->processes();
        disconnect(watcher, &ProcessWatcher::scanned, m_processModel, nullptr);
        watcher->unwatch(this);
    }
    m_processModel->clear();
    emit processesWatchedChanged();
}

// A remote host's process is shown as its list has it (its cgroup and open files are on its
// own page).
QVariantMap DesktopBackend::processDetail(int pid) const
{
    if (!m_remote)
        return m_monitor->metrics()->processes()->detail(pid).toVariantMap();
    const QJsonObject row = m_processModel->row(pid);
    if (row.isEmpty())
        return {};
    return {{QStringLiteral("ts"), double(m_remote->latest().ts)},
            {QStringLiteral("process"), row.toVariantMap()}};
}

void DesktopBackend::onSnapshot()
{
    const Snapshot &snapshot = source()->latest();
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
