#include "alertsmodel.h"

#include "alerts/alertservice.h"
#include "fleet/remotesource.h"

#include <algorithm>
#include <cmath>

namespace {

// The metric an alert's rule watches in snapshot, NaN where the Snapshot does not carry it.
double liveValue(const Alert &alert, const Snapshot &snapshot)
{
    if (alert.rule == u"cpu")
        return snapshot.cpu.total;
    if (alert.rule == u"memory")
        return snapshot.mem.percent;
    if (alert.rule == u"swap")
        return snapshot.swap.percent;
    if (alert.rule == u"disk") {
        for (const DiskUsage &disk : snapshot.disks) {
            if (disk.mount == alert.instance)
                return disk.percent;
        }
    }
    if (alert.rule == u"temperature") {
        for (const Temperature &sensor : snapshot.temps) {
            if (sensor.label == alert.instance)
                return sensor.celsius;
        }
    }
    return qQNaN();
}

// The order of the active list, as AlertEngine::active() gives it: most severe, then oldest.
bool comesBefore(const Alert &a, const Alert &b)
{
    return a.severity != b.severity ? a.severity > b.severity : a.since < b.since;
}

} // namespace

AlertsModel::AlertsModel(AlertService *service, QObject *parent)
    : AlertListModel(parent)
    , m_service(service)
    , m_log(new AlertListModel(this))
{
    followLocal();
}

void AlertsModel::unfollow()
{
    for (const QMetaObject::Connection &connection : std::as_const(m_connections))
        disconnect(connection);
    m_connections.clear();
    m_remote = nullptr;
    emit canAcknowledgeChanged();
}

void AlertsModel::followLocal()
{
    unfollow();
    if (!m_service) {
        showActive({});
        m_log->setAlerts({});
        return;
    }
    showActive(m_service->active());
    QList<Alert> recent = m_service->recent(); // newest last
    std::reverse(recent.begin(), recent.end());
    m_log->setAlerts(recent.mid(0, LogLimit));
    m_connections = {
        connect(m_service, &AlertService::alertChanged, this, &AlertsModel::handle),
        connect(m_service, &AlertService::evaluated, this, &AlertsModel::showSnapshot)};
}

void AlertsModel::followRemote(RemoteSource *remote)
{
    unfollow();
    m_remote = remote;
    emit canAcknowledgeChanged();
    showActive(remote->activeAlerts());
    m_log->setAlerts({});
    m_connections = {
        connect(remote, &RemoteSource::alertChanged, this, &AlertsModel::handle),
        connect(remote, &RemoteSource::snapshotReady, this, &AlertsModel::showSnapshot),
        connect(remote, &RemoteSource::restarted, this,
                [this, remote] { showActive(remote->activeAlerts()); }),
        connect(remote, &RemoteSource::connectionChanged, this,
                &AlertsModel::canAcknowledgeChanged),
        connect(remote, &RemoteSource::logReplaced, this,
                [this](const QList<Alert> &events) { m_log->setAlerts(events.mid(0, LogLimit)); })};
}

bool AlertsModel::canAcknowledge() const
{
    if (m_remote)
        return m_remote->connectionState() == RemoteSource::State::Up && m_remote->isAdmin();
    return m_service != nullptr;
}

void AlertsModel::showActive(QList<Alert> active)
{
    std::sort(active.begin(), active.end(), comesBefore);
    setAlerts(active);
    updateWorst();
}

bool AlertsModel::acknowledge(const QString &id)
{
    if (m_remote) {
        if (!canAcknowledge() || indexOf(id) < 0)
            return false;
        m_remote->acknowledge(id, [](const QString &, const QString &) {});
        return true;
    }
    return m_service && m_service->acknowledge(id);
}

void AlertsModel::handle(const Alert &alert)
{
    m_log->prepend(alert, LogLimit);
    const int row = indexOf(alert.id());
    if (alert.state == Alert::State::Resolved) {
        if (row >= 0)
            removeAt(row);
    } else if (row < 0) {
        insertAt(sortedRow(alert, -1), alert);
    } else {
        update(row, alert);
    }
    updateWorst();
}

void AlertsModel::showSnapshot(const Snapshot &snapshot)
{
    for (int row = 0; row < rowCount(); ++row) {
        Alert alert = at(row);
        const double value = liveValue(alert, snapshot);
        if (snapshot.ts < alert.ts || !std::isfinite(value) || value == alert.value)
            continue;
        alert.value = value;
        alert.message =
            Alert::describe(alert.rule, alert.instance, value, alert.severity, alert.threshold);
        replaceAt(row, alert);
    }
}

// In place; a change of severity moves the row to keep the most severe on top.
void AlertsModel::update(int row, const Alert &alert)
{
    replaceAt(row, alert);
    moveTo(row, sortedRow(alert, row));
}

// Where alert belongs among the rows other than skip.
int AlertsModel::sortedRow(const Alert &alert, int skip) const
{
    int target = 0;
    for (int row = 0; row < rowCount(); ++row) {
        if (row != skip && !comesBefore(alert, at(row)))
            ++target;
    }
    return target;
}

void AlertsModel::updateWorst()
{
    AlertSeverity worst = AlertSeverity::None;
    for (int row = 0; row < rowCount(); ++row)
        worst = std::max(worst, at(row).severity);
    if (worst == m_worst)
        return;
    m_worst = worst;
    emit worstChanged();
}
