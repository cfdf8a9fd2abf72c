#include "fleet/fleetservice.h"

#include "settings/settings.h"

#include <QDateTime>
#include <QJsonArray>
#include <QMetaMethod>
#include <QSet>

#include <algorithm>

FleetService::FleetService(Settings *settings, QObject *parent)
    : Service(QStringLiteral("fleet"), parent)
    , m_settings(settings)
{
    connect(m_settings, &Settings::changed, this, [this](const QStringList &keys) {
        const auto isFleet = [](const QString &key) { return key.startsWith(u"fleet/"); };
        if (isRunning() && std::any_of(keys.begin(), keys.end(), isFleet))
            readHosts();
    });
}

FleetService::~FleetService()
{
    shutdown();
}

bool FleetService::doInitialize()
{
    readHosts();
    return true;
}

void FleetService::doShutdown()
{
    m_hosts.clear();
    m_prometheus.reset();
}

// A host whose url or token changed is a new connection: the old one knew another host or was
// refused with the old token. One that only sees downSeconds change keeps its connection.
void FleetService::readHosts()
{
    followPrometheus();
    const int downSeconds = m_settings->value(QStringLiteral("fleet/downSeconds")).toInt();
    const QStringList names = m_settings->fleetHosts();
    std::erase_if(m_hosts, [&names](const auto &entry) { return !names.contains(entry.first); });
    for (const QString &name : names) {
        const QString prefix = QStringLiteral("fleet/host/") + name + u'/';
        const QString url = m_settings->value(prefix + u"url").toString();
        const QString token = m_settings->value(prefix + u"token").toString();
        const auto it = m_hosts.find(name);
        if (url.isEmpty()) {
            if (it != m_hosts.end())
                m_hosts.erase(it);
            continue;
        }
        if (it != m_hosts.end() && it->second->url() == url && it->second->token() == token) {
            it->second->setDownSeconds(downSeconds);
            continue;
        }
        auto host = std::make_unique<RemoteHost>(name, url, token, downSeconds);
        host->open();
        m_hosts[name] = std::move(host);
    }
    makeUpdate();
}

// Made only while fleet/prometheusUrl is set: a Vantage that reads no Prometheus keeps no
// network access manager for it (it then reads its own settings as they change).
void FleetService::followPrometheus()
{
    const bool wanted =
        !m_settings->value(QStringLiteral("fleet/prometheusUrl")).toString().trimmed().isEmpty();
    if (wanted == bool(m_prometheus))
        return;
    if (!wanted) {
        m_prometheus.reset();
        return;
    }
    m_prometheus = std::make_unique<PrometheusFleet>(m_settings);
    connect(m_prometheus.get(), &PrometheusFleet::refreshed, this,
            [this] { m_prometheusFresh = true; });
}

QString FleetService::checkWebChanges(const Settings &settings, const QVariantMap &changes)
{
    if (changes.contains(QStringLiteral("fleet/webEditable")))
        return QStringLiteral("fleet/webEditable changes only on the machine itself (desktop "
                              "window or settings file)");
    if (settings.value(QStringLiteral("fleet/webEditable")).toBool())
        return {};
    // The Prometheus address, like the list, says where the hub sends requests.
    const auto isFleetList = [](const QString &key) {
        return key.startsWith(u"fleet/host/") || key.startsWith(u"fleet/prometheus");
    };
    const QStringList keys = changes.keys();
    if (std::any_of(keys.begin(), keys.end(), isFleetList))
        return QStringLiteral("the fleet list and its Prometheus change from the web only where "
                              "fleet/webEditable=true (set on the machine itself)");
    return {};
}

const RemoteHost *FleetService::host(const QString &name) const
{
    const auto it = m_hosts.find(name);
    return it == m_hosts.end() ? nullptr : it->second.get();
}

QJsonObject FleetService::toJson() const
{
    QJsonObject fleet{{QStringLiteral("hosts"), rows(false)}};
    if (m_prometheus && m_prometheus->isEnabled())
        fleet.insert(
            QStringLiteral("prometheus"),
            QJsonObject{{QStringLiteral("url"),
                         m_settings->value(QStringLiteral("fleet/prometheusUrl")).toString()},
                        {QStringLiteral("error"), m_prometheus->errorString()}});
    return fleet;
}

QJsonArray FleetService::rows(bool withSeries) const
{
    std::map<QString, QJsonObject> rows;
    for (const auto &entry : m_hosts) {
        QJsonObject row = entry.second->toJson();
        if (withSeries)
            row.insert(QStringLiteral("series"), entry.second->series().toJson());
        rows[entry.first] = row;
    }
    addPrometheusRows(rows, withSeries);
    QJsonArray hosts;
    for (const auto &entry : rows)
        hosts.append(entry.second);
    return hosts;
}

// A live host is read at every sample, Prometheus at every refresh: where both know a machine,
// the live row is the one shown.
void FleetService::addPrometheusRows(std::map<QString, QJsonObject> &rows, bool withSeries) const
{
    if (!m_prometheus || !m_prometheus->isEnabled())
        return;
    QSet<QString> live;
    for (const auto &entry : m_hosts)
        live.insert(PrometheusFleet::instanceOf(entry.second->url()));
    for (const QJsonValue &value : m_prometheus->hosts()) {
        QJsonObject row = value.toObject();
        const QString instance = row.value(QStringLiteral("instance")).toString();
        if (live.contains(instance))
            continue;
        if (!withSeries)
            row.remove(QStringLiteral("series"));
        QString name = row.value(QStringLiteral("name")).toString();
        if (rows.count(name)) {
            name = instance;
            row.insert(QStringLiteral("name"), name);
        }
        rows[name] = row;
    }
}

bool FleetService::isHub() const
{
    return !m_hosts.empty() || (m_prometheus && m_prometheus->isEnabled());
}

void FleetService::acknowledge(const QString &host, const QString &alertId,
                               RemoteHost::AckDone done)
{
    const auto it = m_hosts.find(host);
    if (it == m_hosts.end())
        return done(QStringLiteral("not_found"),
                    QStringLiteral("no fleet host \"%1\" in this hub's list").arg(host));
    it->second->acknowledge(alertId, std::move(done));
}

// Live rows carry the points that came since the last update; Prometheus rows their whole
// series only after a refresh, which replaced it.
void FleetService::makeUpdate()
{
    // Nobody to tell (no fleet subscriber, no window): no update is built for nobody. A viewer
    // that comes starts from the whole rows, so the points of this tick are not owed to anyone.
    if (!isSignalConnected(QMetaMethod::fromSignal(&FleetService::updated))) {
        for (const auto &entry : m_hosts)
            entry.second->series().dropFresh();
        m_prometheusFresh = false;
        m_update = QJsonArray();
        return;
    }
    std::map<QString, QJsonObject> rows;
    for (const auto &entry : m_hosts) {
        QJsonObject row = entry.second->toJson();
        row.insert(QStringLiteral("points"), entry.second->series().takeFresh());
        rows[entry.first] = row;
    }
    addPrometheusRows(rows, std::exchange(m_prometheusFresh, false));
    m_update = QJsonArray();
    for (const auto &entry : rows)
        m_update.append(entry.second);
    emit updated();
}

// Every host of the list, up or not, so that the host rule resolves when one comes back and
// retires the alert of one taken out of the list.
void FleetService::SelfCollector::collect(Snapshot &snapshot, qint64)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    snapshot.self.fleetHosts.clear();
    for (const auto &entry : m_service->m_hosts)
        snapshot.self.fleetHosts.append(HostHealth{entry.first, entry.second->silentSeconds(now)});
    if (m_service->isHub())
        m_service->makeUpdate();
}
