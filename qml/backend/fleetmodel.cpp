#include "fleetmodel.h"

#include "fleet/fleetservice.h"
#include "settings/settings.h"
#include "settings/settingsschema.h"

#include <QDateTime>
#include <QJsonArray>
#include <QUrl>

#include <algorithm>
#include <cmath>

namespace {

// The hub keeps an hour of each host's series.
constexpr qint64 KeepMs = 3600 * 1000;
// Points per mini chart, whatever the window: the series are spread over it by time.
constexpr int ChartPoints = 120;
// A chart point takes the last value at most this old: the hub thins what is older than five
// minutes to one point per 15 s, so anything closer holds no gap.
constexpr qint64 HoldMs = 16 * 1000;

double numberOrNan(const QJsonValue &value)
{
    return value.isDouble() ? value.toDouble() : std::nan("");
}

QList<double> numbers(const QJsonValue &array)
{
    QList<double> values;
    for (const QJsonValue &value : array.toArray())
        values.append(numberOrNan(value));
    return values;
}

int severityRank(const QString &severity)
{
    return severity == u"critical" ? 2 : severity == u"warning" ? 1 : 0;
}

// The host's own dashboard: its WebSocket address turned back (ws → http, wss → https, path /).
QString dashboardOf(const QString &url)
{
    QUrl dashboard(url);
    if (dashboard.scheme() == u"ws")
        dashboard.setScheme(QStringLiteral("http"));
    else if (dashboard.scheme() == u"wss")
        dashboard.setScheme(QStringLiteral("https"));
    dashboard.setPath(QStringLiteral("/"));
    return dashboard.toString();
}

const QString SeriesKey = QStringLiteral("series");
const QString PointsKey = QStringLiteral("points");

} // namespace

FleetModel::FleetModel(FleetService *fleet, Settings *settings, QObject *parent)
    : QAbstractListModel(parent)
    , m_fleet(fleet)
    , m_settings(settings)
{
    if (fleet)
        connect(fleet, &FleetService::updated, this, [this] {
            updateHub();
            if (!m_viewers.isEmpty())
                followUpdate();
        });
    connect(settings, &Settings::changed, this, [this](const QStringList &keys) {
        if (std::any_of(keys.begin(), keys.end(),
                        [](const QString &key) { return key.startsWith(u"fleet/"); })) {
            updateHub();
            emit hostsChanged();
        }
    });
    updateHub();
}

bool FleetModel::isHub() const
{
    return m_hub;
}

void FleetModel::updateHub()
{
    const bool hub = m_fleet && m_fleet->isHub();
    if (hub == m_hub)
        return;
    m_hub = hub;
    emit hubChanged();
}

void FleetModel::setSeriesSeconds(int seconds)
{
    seconds = std::clamp(seconds, 1, int(KeepMs / 1000));
    if (seconds == m_seriesSeconds)
        return;
    m_seriesSeconds = seconds;
    if (!m_rows.isEmpty())
        emit dataChanged(
            index(0), index(int(m_rows.size()) - 1),
            {CpuSeriesRole, MemSeriesRole, DiskSeriesRole, NetSeriesRole, LoadSeriesRole});
    emit seriesSecondsChanged();
}

void FleetModel::watch(QObject *viewer, bool watching)
{
    if (!viewer || watching == m_viewers.contains(viewer))
        return;
    if (watching) {
        m_viewers.insert(viewer);
        connect(viewer, &QObject::destroyed, this, [this, viewer] { watch(viewer, false); });
        if (m_viewers.size() == 1)
            refresh();
        return;
    }
    m_viewers.remove(viewer);
    disconnect(viewer, &QObject::destroyed, this, nullptr);
    if (m_viewers.isEmpty())
        applyRows({});
}

void FleetModel::refresh()
{
    QList<Host> fresh;
    if (m_fleet) {
        for (const QJsonValue &row : m_fleet->rows(true))
            fresh.append(hostOf(row.toObject()));
    }
    applyRows(fresh);
}

FleetModel::Host FleetModel::hostOf(const QJsonObject &row)
{
    Host host;
    host.name = row.value(QStringLiteral("name")).toString();
    host.row = row;
    host.row.remove(SeriesKey);
    host.row.remove(PointsKey);
    appendSeries(host.series, row.value(SeriesKey).toObject());
    return host;
}

void FleetModel::appendSeries(Series &series, const QJsonObject &json)
{
    const QList<double> ts = numbers(json.value(QStringLiteral("ts")));
    // A tick's update may be read twice (the list changed in between): what is held stays.
    const double last = series.ts.isEmpty() ? -1 : series.ts.last();
    const qsizetype from = std::upper_bound(ts.cbegin(), ts.cend(), last) - ts.cbegin();
    const auto append = [&json, from](QList<double> &values, const char *key) {
        values.append(numbers(json.value(QLatin1StringView(key))).mid(from));
    };
    series.ts.append(ts.mid(from));
    append(series.cpu, "cpu");
    append(series.mem, "mem");
    append(series.disk, "disk");
    append(series.net, "net");
    append(series.load, "load");
    // Older than an hour: gone, as the hub forgets it.
    const double oldest = series.ts.isEmpty() ? 0 : series.ts.last() - double(KeepMs);
    const qsizetype drop =
        std::lower_bound(series.ts.cbegin(), series.ts.cend(), oldest) - series.ts.cbegin();
    for (QList<double> *values :
         {&series.ts, &series.cpu, &series.mem, &series.disk, &series.net, &series.load})
        values->remove(0, std::min(drop, values->size()));
}

// Each tick's update carries what every host's charts gained since the last: appended to what
// the rows hold. A host the rows do not hold yet needs its whole hour: then everything is read.
void FleetModel::followUpdate()
{
    const QJsonArray update = m_fleet->lastUpdate();
    QList<Host> fresh;
    for (const QJsonValue &value : update) {
        const QJsonObject row = value.toObject();
        const QString name = row.value(QStringLiteral("name")).toString();
        const auto held = std::find_if(m_rows.cbegin(), m_rows.cend(),
                                       [&name](const Host &host) { return host.name == name; });
        if (held == m_rows.cend())
            return refresh();
        Host host = *held;
        host.row = row;
        host.row.remove(SeriesKey);
        host.row.remove(PointsKey);
        if (row.contains(SeriesKey))
            host.series = {};
        appendSeries(host.series,
                     row.value(row.contains(SeriesKey) ? SeriesKey : PointsKey).toObject());
        fresh.append(host);
    }
    applyRows(fresh);
}

// Rows that stay are replaced in place; one that left is removed, a newcomer inserted at its
// place in fresh's order (by name), and a row that moved is moved: nothing is reset.
void FleetModel::applyRows(const QList<Host> &fresh)
{
    const int before = rowCount();
    QStringList names;
    for (const Host &host : fresh)
        names.append(host.name);
    for (int row = int(m_rows.size()) - 1; row >= 0; --row) {
        if (names.contains(m_rows[row].name))
            continue;
        beginRemoveRows({}, row, row);
        m_rows.removeAt(row);
        endRemoveRows();
    }
    bool statesMoved = rowCount() != before;
    for (int row = 0; row < int(fresh.size()); ++row) {
        const Host &host = fresh[row];
        int held = row;
        while (held < int(m_rows.size()) && m_rows[held].name != host.name)
            ++held;
        if (held == int(m_rows.size())) {
            beginInsertRows({}, row, row);
            m_rows.insert(row, host);
            endInsertRows();
            statesMoved = true;
            continue;
        }
        if (held != row) {
            beginMoveRows({}, held, held, {}, row);
            m_rows.move(held, row);
            endMoveRows();
        }
        statesMoved = statesMoved || m_rows[row].row.value(QStringLiteral("state")) !=
                                         host.row.value(QStringLiteral("state"));
        m_rows[row] = host;
    }
    if (!m_rows.isEmpty())
        emit dataChanged(index(0), index(int(m_rows.size()) - 1));
    if (rowCount() != before)
        emit countChanged();
    if (statesMoved)
        emit hostsChanged();
    updateAlerts();
}

void FleetModel::updateAlerts()
{
    QVariantList alerts;
    for (const Host &host : std::as_const(m_rows)) {
        const bool admin = host.row.value(QStringLiteral("admin")).toBool();
        for (const QJsonValue &value : host.row.value(QStringLiteral("alerts")).toArray()) {
            QVariantMap alert = value.toObject().toVariantMap();
            alert.insert(QStringLiteral("host"), host.name);
            alert.insert(QStringLiteral("admin"), admin);
            alerts.append(alert);
        }
    }
    if (alerts == m_alerts)
        return;
    m_alerts = alerts;
    emit alertsChanged();
}

QVariantList FleetModel::hosts() const
{
    QVariantList list;
    for (const QString &name : m_settings->fleetHosts()) {
        const QString prefix = QStringLiteral("fleet/host/") + name + u'/';
        const auto row = std::find_if(m_rows.cbegin(), m_rows.cend(),
                                      [&name](const Host &host) { return host.name == name; });
        list.append(QVariantMap{
            {QStringLiteral("name"), name},
            {QStringLiteral("url"), m_settings->value(prefix + u"url").toString()},
            {QStringLiteral("tokenSet"),
             !m_settings->value(prefix + u"token").toString().isEmpty()},
            {QStringLiteral("state"), row == m_rows.cend()
                                          ? QString()
                                          : row->row.value(QStringLiteral("state")).toString()}});
    }
    return list;
}

void FleetModel::acknowledge(const QString &host, const QString &alertId)
{
    if (!m_fleet) {
        emit acknowledgeEnded(host, alertId, tr("This Vantage follows no fleet."));
        return;
    }
    const QPointer<FleetModel> self(this);
    m_fleet->acknowledge(
        host, alertId, [self, host, alertId](const QString &code, const QString &message) {
            if (self)
                emit self->acknowledgeEnded(host, alertId,
                                            code.isEmpty() || !message.isEmpty() ? message : code);
        });
}

QString FleetModel::applyHost(const QString &name, const QVariantMap &fields)
{
    if (!SettingsSchema::splitFleetKey(QStringLiteral("fleet/host/") + name + u"/url", nullptr,
                                       nullptr))
        return tr("A host's name is 1 to 32 letters, digits, _ or -: \"%1\"").arg(name);
    QVariantMap changes;
    for (auto it = fields.cbegin(); it != fields.cend(); ++it)
        changes.insert(QStringLiteral("fleet/host/") + name + u'/' + it.key(), it.value());
    return m_settings->apply(changes).join(u'\n');
}

QString FleetModel::removeHost(const QString &name)
{
    return m_settings->remove(QStringLiteral("fleet/host/") + name + u'/');
}

int FleetModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

// The last seriesSeconds of one series as ChartPoints evenly spaced in time, ending now: each
// the latest value at or before its time, NaN where there is none within HoldMs (the host was
// silent or down). The hub's points are not evenly spaced (it thins the older ones), and a
// Sparkline spreads its values evenly.
QList<double> FleetModel::recent(const Host &host, const QList<double> &values) const
{
    const QList<double> &ts = host.series.ts;
    const double end = double(QDateTime::currentMSecsSinceEpoch());
    const double step = m_seriesSeconds * 1000.0 / ChartPoints;
    QList<double> chart;
    chart.reserve(ChartPoints);
    for (int i = ChartPoints - 1; i >= 0; --i) {
        const double at = end - i * step;
        const qsizetype next = std::upper_bound(ts.cbegin(), ts.cend(), at) - ts.cbegin();
        const bool held = next > 0 && next <= values.size() &&
                          at - ts[next - 1] <= std::max(step, double(HoldMs));
        chart.append(held ? values[next - 1] : std::nan(""));
    }
    return chart;
}

// A server on every address is reached on this machine at its loopback one.
void FleetModel::setHubUrl(const QUrl &url)
{
    m_hubUrl = url;
    if (url.host() == u"0.0.0.0")
        m_hubUrl.setHost(QStringLiteral("127.0.0.1"));
    else if (url.host() == u"::")
        m_hubUrl.setHost(QStringLiteral("::1"));
    if (!m_rows.isEmpty())
        emit dataChanged(index(0), index(int(m_rows.size()) - 1), {DashboardUrlRole});
}

QVariant FleetModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Host &host = m_rows[index.row()];
    const QJsonObject &row = host.row;
    const auto field = [&row](const char *object, const char *key) {
        return row.value(QLatin1StringView(object)).toObject().value(QLatin1StringView(key));
    };
    switch (role) {
    case NameRole:
        return host.name;
    case UrlRole:
        return row.value(QStringLiteral("url")).toString();
    case DashboardUrlRole:
        if (m_hubUrl.isValid() && row.value(QStringLiteral("source")).toString() == u"live")
            return m_hubUrl.resolved(QUrl(QStringLiteral("hosts/%1/").arg(host.name))).toString();
        return dashboardOf(row.value(QStringLiteral("url")).toString());
    case StateRole:
        return row.value(QStringLiteral("state")).toString();
    case ReasonRole:
        return row.value(QStringLiteral("reason")).toString();
    case LastSeenRole:
        return numberOrNan(row.value(QStringLiteral("lastSeen")));
    case SourceRole:
        return row.value(QStringLiteral("source")).toString();
    case AdminRole:
        return row.value(QStringLiteral("admin")).toBool();
    case CpuRole:
        return numberOrNan(field("cpu", "total"));
    case MemRole:
        return numberOrNan(field("mem", "percent"));
    case LoadRole:
        return QVariant::fromValue(numbers(row.value(QStringLiteral("load"))));
    case DiskNameRole:
        return field("disk", "name").toString();
    case DiskBpsRole:
        return numberOrNan(field("disk", "bps"));
    case NetNameRole:
        return field("net", "name").toString();
    case NetBpsRole:
        return numberOrNan(field("net", "bps"));
    case AlertsRole:
        return row.value(QStringLiteral("alerts")).toArray().toVariantList();
    case WorstSeverityRole: {
        int worst = 0;
        for (const QJsonValue &alert : row.value(QStringLiteral("alerts")).toArray())
            worst = std::max(worst, severityRank(alert[QStringLiteral("severity")].toString()));
        return worst;
    }
    case CpuSeriesRole:
        return QVariant::fromValue(recent(host, host.series.cpu));
    case MemSeriesRole:
        return QVariant::fromValue(recent(host, host.series.mem));
    case DiskSeriesRole:
        return QVariant::fromValue(recent(host, host.series.disk));
    case NetSeriesRole:
        return QVariant::fromValue(recent(host, host.series.net));
    case LoadSeriesRole:
        return QVariant::fromValue(recent(host, host.series.load));
    }
    return {};
}

QHash<int, QByteArray> FleetModel::roleNames() const
{
    return {{NameRole, "name"},
            {UrlRole, "url"},
            {DashboardUrlRole, "dashboardUrl"},
            {StateRole, "state"},
            {ReasonRole, "reason"},
            {LastSeenRole, "lastSeen"},
            {SourceRole, "source"},
            {AdminRole, "admin"},
            {CpuRole, "cpu"},
            {MemRole, "mem"},
            {LoadRole, "load"},
            {DiskNameRole, "diskName"},
            {DiskBpsRole, "diskBps"},
            {NetNameRole, "netName"},
            {NetBpsRole, "netBps"},
            {AlertsRole, "alerts"},
            {WorstSeverityRole, "worstSeverity"},
            {CpuSeriesRole, "cpuSeries"},
            {MemSeriesRole, "memSeries"},
            {DiskSeriesRole, "diskSeries"},
            {NetSeriesRole, "netSeries"},
            {LoadSeriesRole, "loadSeries"}};
}
