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
};

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

} // namespace

QJsonArray PrometheusFleet::rowsFrom(const Answers &answers, QHash<QString, qint64> *lastSeen)
{
    const auto of = [&answers](Query query) -> const QList<Series> & {
        return answers.series[size_t(query)];
    };
    const auto instance = [](const Series &series) {
        return series.labels.value(QStringLiteral("instance"));
    };
    std::map<QString, Host> hosts;
    for (const Series &series : of(Query::Up)) {
        if (!instance(series).isEmpty())
            hosts[instance(series)].up = latest(series);
    }
    // The other answers only fill in the instances `up` listed.
    const auto each = [&](Query query, const auto &apply) {
        for (const Series &series : of(query)) {
            const auto it = hosts.find(instance(series));
            if (it != hosts.end())
                apply(it->second, series);
        }
    };
    each(Query::Seen, [](Host &host, const Series &series) {
        const double seconds = latest(series);
        if (std::isfinite(seconds) && seconds > 0 && seconds < MaxTimestampSeconds)
            host.seen = std::llround(seconds * 1000);
    });
    each(Query::Info, [](Host &host, const Series &series) {
        const QString name = series.labels.value(QStringLiteral("hostname"));
        if (!name.isEmpty())
            host.hostname = name;
    });
    each(Query::Cpu, [](Host &host, const Series &series) { host.cpu = latest(series); });
    each(Query::Memory, [](Host &host, const Series &series) { host.memory = latest(series); });
    each(Query::Load, [](Host &host, const Series &series) {
        static const QStringList periods{QStringLiteral("1"), QStringLiteral("5"),
                                         QStringLiteral("15")};
        const qsizetype period = periods.indexOf(series.labels.value(QStringLiteral("period")));
        if (period >= 0)
            host.load[size_t(period)] = latest(series);
    });
    each(Query::Disk, [](Host &host, const Series &series) {
        keepBusiest(&host.disk, &host.diskBps, series.labels.value(QStringLiteral("device")),
                    latest(series));
    });
    each(Query::Network, [](Host &host, const Series &series) {
        keepBusiest(&host.network, &host.networkBps,
                    series.labels.value(QStringLiteral("interface")), latest(series));
    });
    each(Query::Alerts, [](Host &host, const Series &series) {
        const double state = latest(series);
        if (std::isfinite(state) && state >= 1 &&
            !series.labels.value(QStringLiteral("rule")).isEmpty()) {
            const QJsonObject alert = alertOf(series, state);
            host.alerts[alert.value(QStringLiteral("id")).toString()] = alert;
        }
    });

    // The series share one grid of steps ending now; a step without a value is a gap (null).
    const qint64 stepMs = qint64(answers.stepSeconds) * 1000;
    const int count = SeriesSeconds / answers.stepSeconds + 1;
    const qint64 startMs = answers.nowMs - (count - 1) * stepMs;
    QJsonArray ts;
    for (int i = 0; i < count; ++i)
        ts.append(double(startMs + i * stepMs));
    const std::array<Query, 5> ranges{Query::CpuRange, Query::MemoryRange, Query::DiskRange,
                                      Query::NetworkRange, Query::LoadRange};
    std::map<QString, qint64> newest; // the latest step with a value, per instance
    for (size_t r = 0; r < ranges.size(); ++r) {
        each(ranges[r], [&](Host &host, const Series &series) {
            QJsonArray values;
            for (int i = 0; i < count; ++i)
                values.append(QJsonValue::Null);
            for (const std::pair<qint64, double> &point : series.points) {
                const qint64 index = std::llround(double(point.first - startMs) / double(stepMs));
                if (index >= 0 && index < count && std::isfinite(point.second)) {
                    values[index] = point.second;
                    qint64 &latestMs = newest[instance(series)];
                    latestMs = std::max(latestMs, point.first);
                }
            }
            host.series[r] = values;
        });
    }

    // A name is the host's own, unless two instances share it (two Vantages on one machine, or
    // clones): then each goes by its instance, which is unique.
    QHash<QString, int> uses;
    for (const auto &entry : hosts)
        ++uses[entry.second.hostname];
    std::vector<std::pair<QString, QJsonObject>> rows;
    rows.reserve(hosts.size());
    for (const auto &entry : hosts) {
        const QString &id = entry.first;
        const Host &host = entry.second;
        const bool up = host.up == 1;
        qint64 seen = host.seen;
        if (seen <= 0) {
            const auto it = newest.find(id);
            seen = std::max(it == newest.end() ? 0 : it->second, lastSeen->value(id));
        }
        if (seen > 0)
            lastSeen->insert(id, seen);
        const QString name =
            host.hostname.isEmpty() || uses.value(host.hostname) > 1 ? id : host.hostname;
        const bool anyLoad = std::any_of(host.load.begin(), host.load.end(),
                                         [](double value) { return std::isfinite(value); });
        QJsonArray alerts;
        for (const auto &alert : host.alerts)
            alerts.append(alert.second);
        QJsonObject series{{QStringLiteral("ts"), ts}};
        static const std::array<const char *, 5> keys{"cpu", "mem", "disk", "net", "load"};
        for (size_t r = 0; r < keys.size(); ++r) {
            QJsonArray values = host.series[r];
            if (values.isEmpty()) {
                for (int i = 0; i < count; ++i)
                    values.append(QJsonValue::Null);
            }
            series.insert(QLatin1StringView(keys[r]), values);
        }
        QJsonObject row{
            {QStringLiteral("name"), name},
            {QStringLiteral("url"), QJsonValue::Null},
            {QStringLiteral("state"), up ? QStringLiteral("up") : QStringLiteral("down")},
            {QStringLiteral("lastSeen"), seen > 0 ? QJsonValue(double(seen)) : QJsonValue()},
            {QStringLiteral("source"), QStringLiteral("prometheus")},
            {QStringLiteral("instance"), id},
            {QStringLiteral("admin"), false},
            {QStringLiteral("cpu"), QJsonObject{{QStringLiteral("total"), number(host.cpu)}}},
            {QStringLiteral("mem"), QJsonObject{{QStringLiteral("percent"), number(host.memory)}}},
            {QStringLiteral("load"),
             anyLoad ? QJsonValue(QJsonArray{number(host.load[0]), number(host.load[1]),
                                             number(host.load[2])})
                     : QJsonValue()},
            {QStringLiteral("disk"), busiest(host.disk, host.diskBps)},
            {QStringLiteral("net"), busiest(host.network, host.networkBps)},
            {QStringLiteral("alerts"), alerts},
            {QStringLiteral("series"), series},
        };
        if (!up)
            row.insert(QStringLiteral("reason"),
                       std::isfinite(host.up) ? QStringLiteral("Prometheus' last scrape failed")
                                              : QStringLiteral("Prometheus has no up series"));
        rows.emplace_back(name + u'\n' + id, row);
    }
    std::sort(rows.begin(), rows.end(),
              [](const auto &a, const auto &b) { return a.first < b.first; });
    QJsonArray sorted;
    for (const auto &row : rows)
        sorted.append(row.second);
    return sorted;
}
