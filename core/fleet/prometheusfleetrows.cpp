// PrometheusFleet::rowsFrom: the answers of one refresh as fleet rows (docs/fleet.md).
#include "fleet/prometheusfleet.h"

#include <QJsonObject>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <vector>

namespace {

constexpr double Unknown = std::numeric_limits<double>::quiet_NaN();

QJsonValue number(double value)
{
    return std::isfinite(value) ? QJsonValue(value) : QJsonValue(QJsonValue::Null);
}

// The value of an instant answer's series (its one sample).
double latest(const PrometheusFleet::Series &series)
{
    return series.points.isEmpty() ? Unknown : series.points.constLast().second;
}

// What one instance's rows are made of, before it becomes JSON.
struct Host
{
    double up = Unknown;
    qint64 seen = 0;
    QString hostname;
    double cpu = Unknown;
    double memory = Unknown;
    std::array<double, 3> load{Unknown, Unknown, Unknown};
    QString disk;
    double diskBps = Unknown;
    QString network;
    double networkBps = Unknown;
    std::map<QString, QJsonObject> alerts; // by id
    std::array<QJsonArray, 5> series;      // cpu, mem, disk, net, load
    qint64 newest = 0;                     // the latest step of a series with a value, in ms
};
using Hosts = std::map<QString, Host>; // by instance
using Series = PrometheusFleet::Series;
using Query = PrometheusFleet::Query;

QString instanceOf(const Series &series)
{
    return series.labels.value(QStringLiteral("instance"));
}

// The busiest device or interface of an instance: the largest rate, a known one over none.
void keepBusiest(QString *name, double *bps, const QString &candidate, double candidateBps)
{
    if (name->isEmpty() || (std::isfinite(candidateBps) && !(*bps >= candidateBps))) {
        *name = candidate;
        *bps = candidateBps;
    }
}

QJsonObject alertOf(const PrometheusFleet::Series &series, double state)
{
    const QString rule = series.labels.value(QStringLiteral("rule"));
    // The alert's own instance label yields to the target's: Prometheus renames it.
    const QString instance = series.labels.value(QStringLiteral("exported_instance"));
    const QString severity = state >= 2 ? QStringLiteral("critical") : QStringLiteral("warning");
    const QString id = instance.isEmpty() ? rule : rule + u':' + instance;
    return {{QStringLiteral("id"), id},
            {QStringLiteral("rule"), rule},
            {QStringLiteral("instance"), instance},
            {QStringLiteral("severity"), severity},
            {QStringLiteral("state"), QStringLiteral("firing")},
            {QStringLiteral("value"), QJsonValue::Null},
            {QStringLiteral("threshold"), QJsonValue::Null},
            {QStringLiteral("since"), QJsonValue::Null},
            {QStringLiteral("acknowledged"), false},
            {QStringLiteral("message"),
             QStringLiteral("%1 %2 (vantage_alert_state in Prometheus)").arg(id, severity)}};
}

QJsonValue busiest(const QString &name, double bps)
{
    if (name.isEmpty())
        return QJsonValue::Null;
    return QJsonObject{{QStringLiteral("name"), name}, {QStringLiteral("bps"), number(bps)}};
}

// Fills in the hosts of an answer's series; the instances `up` did not list are left out.
template<typename Apply>
void each(Hosts &hosts, const QList<Series> &answer, Apply apply)
{
    for (const Series &series : answer) {
        const auto it = hosts.find(instanceOf(series));
        if (it != hosts.end())
            apply(it->second, series);
    }
}

// Every instance `up` lists, with the latest values of the instant answers.
Hosts hostsOf(const PrometheusFleet::Answers &answers)
{
    const auto of = [&answers](Query query) -> const QList<Series> & {
        return answers.series[size_t(query)];
    };
    Hosts hosts;
    for (const Series &series : of(Query::Up)) {
        if (!instanceOf(series).isEmpty())
            hosts[instanceOf(series)].up = latest(series);
    }
    each(hosts, of(Query::Seen), [](Host &host, const Series &series) {
        const double seconds = latest(series);
        if (std::isfinite(seconds) && seconds > 0 && seconds < PrometheusFleet::MaxTimestampSeconds)
            host.seen = std::llround(seconds * 1000);
    });
    each(hosts, of(Query::Info), [](Host &host, const Series &series) {
        const QString name = series.labels.value(QStringLiteral("hostname"));
        if (!name.isEmpty())
            host.hostname = name;
    });
    each(hosts, of(Query::Cpu),
         [](Host &host, const Series &series) { host.cpu = latest(series); });
    each(hosts, of(Query::Memory),
         [](Host &host, const Series &series) { host.memory = latest(series); });
    each(hosts, of(Query::Load), [](Host &host, const Series &series) {
        static const QStringList periods{QStringLiteral("1"), QStringLiteral("5"),
                                         QStringLiteral("15")};
        const qsizetype period = periods.indexOf(series.labels.value(QStringLiteral("period")));
        if (period >= 0)
            host.load[size_t(period)] = latest(series);
    });
    each(hosts, of(Query::Disk), [](Host &host, const Series &series) {
        keepBusiest(&host.disk, &host.diskBps, series.labels.value(QStringLiteral("device")),
                    latest(series));
    });
    each(hosts, of(Query::Network), [](Host &host, const Series &series) {
        keepBusiest(&host.network, &host.networkBps,
                    series.labels.value(QStringLiteral("interface")), latest(series));
    });
    each(hosts, of(Query::Alerts), [](Host &host, const Series &series) {
        const double state = latest(series);
        if (std::isfinite(state) && state >= 1 &&
            !series.labels.value(QStringLiteral("rule")).isEmpty()) {
            const QJsonObject alert = alertOf(series, state);
            host.alerts[alert.value(QStringLiteral("id")).toString()] = alert;
        }
    });
    return hosts;
}

// The steps every series shares, ending at the time of the refresh.
struct Grid
{
    qint64 startMs;
    qint64 stepMs;
    int count;

    QJsonArray nulls() const
    {
        QJsonArray values;
        for (int i = 0; i < count; ++i)
            values.append(QJsonValue::Null);
        return values;
    }
};

// Each host's mini-chart series on the grid; a step without a value is a gap (null).
void addSeries(Hosts &hosts, const PrometheusFleet::Answers &answers, const Grid &grid)
{
    const std::array<Query, 5> ranges{Query::CpuRange, Query::MemoryRange, Query::DiskRange,
                                      Query::NetworkRange, Query::LoadRange};
    for (size_t r = 0; r < ranges.size(); ++r) {
        each(hosts, answers.series[size_t(ranges[r])], [&](Host &host, const Series &series) {
            QJsonArray values = grid.nulls();
            for (const std::pair<qint64, double> &point : series.points) {
                const qint64 index =
                    std::llround(double(point.first - grid.startMs) / double(grid.stepMs));
                if (index >= 0 && index < grid.count && std::isfinite(point.second)) {
                    values[index] = point.second;
                    host.newest = std::max(host.newest, point.first);
                }
            }
            host.series[r] = values;
        });
    }
}

QJsonObject seriesOf(const Host &host, const QJsonArray &ts, const Grid &grid)
{
    QJsonObject series{{QStringLiteral("ts"), ts}};
    static const std::array<const char *, 5> keys{"cpu", "mem", "disk", "net", "load"};
    for (size_t r = 0; r < keys.size(); ++r)
        series.insert(QLatin1StringView(keys[r]),
                      host.series[r].isEmpty() ? grid.nulls() : host.series[r]);
    return series;
}

QJsonObject rowOf(const QString &instance, const Host &host, const QString &name, qint64 seen)
{
    const bool up = host.up == 1;
    const bool anyLoad = std::any_of(host.load.begin(), host.load.end(),
                                     [](double value) { return std::isfinite(value); });
    QJsonArray alerts;
    for (const auto &alert : host.alerts)
        alerts.append(alert.second);
    QJsonObject row{
        {QStringLiteral("name"), name},
        {QStringLiteral("url"), QJsonValue::Null},
        {QStringLiteral("state"), up ? QStringLiteral("up") : QStringLiteral("down")},
        {QStringLiteral("lastSeen"), seen > 0 ? QJsonValue(double(seen)) : QJsonValue()},
        {QStringLiteral("source"), QStringLiteral("prometheus")},
        {QStringLiteral("instance"), instance},
        {QStringLiteral("admin"), false},
        {QStringLiteral("cpu"), QJsonObject{{QStringLiteral("total"), number(host.cpu)}}},
        {QStringLiteral("mem"), QJsonObject{{QStringLiteral("percent"), number(host.memory)}}},
        {QStringLiteral("load"),
         anyLoad ? QJsonValue(
                       QJsonArray{number(host.load[0]), number(host.load[1]), number(host.load[2])})
                 : QJsonValue()},
        {QStringLiteral("disk"), busiest(host.disk, host.diskBps)},
        {QStringLiteral("net"), busiest(host.network, host.networkBps)},
        {QStringLiteral("alerts"), alerts},
    };
    if (!up)
        row.insert(QStringLiteral("reason"), std::isfinite(host.up)
                                                 ? QStringLiteral("Prometheus' last scrape failed")
                                                 : QStringLiteral("Prometheus has no up series"));
    return row;
}

} // namespace

// A host that is down has no scrape time: it was last seen at its latest step with a value, or
// when this hub saw it last, whichever is later.
QJsonArray PrometheusFleet::rowsFrom(const Answers &answers, QHash<QString, qint64> *lastSeen)
{
    Hosts hosts = hostsOf(answers);
    const qint64 stepMs = qint64(answers.stepSeconds) * 1000;
    const int count = SeriesSeconds / answers.stepSeconds + 1;
    const Grid grid{answers.nowMs - (count - 1) * stepMs, stepMs, count};
    addSeries(hosts, answers, grid);
    QJsonArray ts;
    for (int i = 0; i < count; ++i)
        ts.append(double(grid.startMs + i * stepMs));

    // A name is the host's own, unless two instances share it (two Vantages on one machine, or
    // clones): then each goes by its instance, which is unique.
    QHash<QString, int> uses;
    for (const auto &entry : hosts)
        ++uses[entry.second.hostname];
    std::vector<std::pair<QString, QJsonObject>> rows;
    rows.reserve(hosts.size());
    for (const auto &entry : hosts) {
        const QString &instance = entry.first;
        const Host &host = entry.second;
        const qint64 seen =
            host.seen > 0 ? host.seen : std::max(host.newest, lastSeen->value(instance));
        if (seen > 0)
            lastSeen->insert(instance, seen);
        const QString name =
            host.hostname.isEmpty() || uses.value(host.hostname) > 1 ? instance : host.hostname;
        QJsonObject row = rowOf(instance, host, name, seen);
        row.insert(QStringLiteral("series"), seriesOf(host, ts, grid));
        rows.emplace_back(name + u'\n' + instance, row);
    }
    std::sort(rows.begin(), rows.end(),
              [](const auto &a, const auto &b) { return a.first < b.first; });
    QJsonArray sorted;
    for (const auto &row : rows)
        sorted.append(row.second);
    return sorted;
}
