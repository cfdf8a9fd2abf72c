#include "fleet/prometheusfleet.h"

#include "settings/settings.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkReply>
#include <QNetworkRequest>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <optional>
#include <vector>

namespace {

constexpr double Unknown = std::numeric_limits<double>::quiet_NaN();
// Seconds since the epoch a timestamp may hold: far past any real clock, short of overflowing
// milliseconds in 64 bits.
constexpr double MaxTimestamp = 1e11;
constexpr int MaxErrorText = 300;

QJsonValue number(double value)
{
    return std::isfinite(value) ? QJsonValue(value) : QJsonValue(QJsonValue::Null);
}

// [seconds, "value"] as the API writes a sample; a value that is no finite number is Unknown.
std::optional<std::pair<qint64, double>> readPoint(const QJsonValue &point)
{
    const QJsonArray pair = point.toArray();
    if (!point.isArray() || pair.size() != 2 || !pair.at(0).isDouble())
        return std::nullopt;
    const double seconds = pair.at(0).toDouble();
    if (!std::isfinite(seconds) || seconds < 0 || seconds > MaxTimestamp)
        return std::nullopt;
    double value = Unknown;
    if (pair.at(1).isString()) {
        bool ok = false;
        value = pair.at(1).toString().toDouble(&ok);
        if (!ok)
            value = Unknown;
    } else if (pair.at(1).isDouble()) {
        value = pair.at(1).toDouble();
    }
    if (!std::isfinite(value))
        value = Unknown;
    return std::pair{qint64(std::llround(seconds * 1000)), value};
}

QString nameOf(PrometheusFleet::Query query)
{
    static const std::array<const char *, PrometheusFleet::QueryCount> names{"up",
                                                                             "last scrape",
                                                                             "host name",
                                                                             "CPU",
                                                                             "memory",
                                                                             "load",
                                                                             "disk",
                                                                             "network",
                                                                             "alerts",
                                                                             "CPU series",
                                                                             "memory series",
                                                                             "disk series",
                                                                             "network series",
                                                                             "load series"};
    return QString::fromLatin1(names[size_t(query)]);
}

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

PrometheusFleet::PrometheusFleet(Settings *settings, QObject *parent)
    : QObject(parent)
    , m_settings(settings)
{
    connect(&m_timer, &QTimer::timeout, this, &PrometheusFleet::refresh);
    connect(m_settings, &Settings::changed, this, [this](const QStringList &keys) {
        if (keys.contains(QStringLiteral("fleet/prometheusUrl")) ||
            keys.contains(QStringLiteral("fleet/prometheusRefresh")))
            readSettings();
    });
    readSettings();
}

PrometheusFleet::~PrometheusFleet()
{
    abortAll();
}

// A new address is read at once, with the rows of the old one kept until it answers; a new
// period only moves the next refresh. Off, nothing is left.
void PrometheusFleet::readSettings()
{
    const QString text = m_settings->value(QStringLiteral("fleet/prometheusUrl")).toString();
    const QUrl base = text.trimmed().isEmpty() ? QUrl() : QUrl(text.trimmed(), QUrl::StrictMode);
    m_refreshSeconds =
        std::clamp(m_settings->value(QStringLiteral("fleet/prometheusRefresh")).toInt(), 1, 3600);
    m_timer.setInterval(m_refreshSeconds * 1000);
    if (base == m_base)
        return;
    abortAll();
    m_base = base;
    if (!m_base.isValid()) {
        m_timer.stop();
        m_rows = {};
        m_error.clear();
        m_lastSeen.clear();
        emit refreshed();
        return;
    }
    m_timer.start();
    refresh();
}

void PrometheusFleet::refresh()
{
    if (!isEnabled() || isRefreshing())
        return;
    m_answers = Answers{};
    m_answers.nowMs = QDateTime::currentMSecsSinceEpoch();
    m_answers.stepSeconds = stepSeconds(m_refreshSeconds);
    m_failure.clear();
    for (int query = 0; query < QueryCount; ++query)
        send(Query(query));
}

// Every query of a refresh is asked for the same instant, so the rows agree with each other.
// POST keeps the PromQL out of proxies' and Prometheus' access logs, and its '+' from being
// read as a space.
void PrometheusFleet::send(Query query)
{
    QUrl url = m_base;
    QString path = url.path();
    while (path.endsWith(u'/'))
        path.chop(1);
    url.setPath(path + (isRange(query) ? u"/api/v1/query_range" : u"/api/v1/query"));
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader,
                      QByteArrayLiteral("application/x-www-form-urlencoded"));
    request.setRawHeader("Accept", "application/json");
    request.setTransferTimeout(TimeoutMs);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);
    const int step = m_answers.stepSeconds;
    const qint64 endMs = m_answers.nowMs;
    const qint64 startMs = endMs - qint64(SeriesSeconds / step) * step * 1000;
    const auto seconds = [](qint64 ms) { return QByteArray::number(double(ms) / 1000, 'f', 3); };
    QByteArray body = "query=" + QUrl::toPercentEncoding(promql(query, step));
    if (isRange(query))
        body += "&start=" + seconds(startMs) + "&end=" + seconds(endMs) +
                "&step=" + QByteArray::number(step);
    else
        body += "&time=" + seconds(endMs);
    QNetworkReply *reply = m_network.post(request, body);
    m_replies.append(reply);
    connect(reply, &QNetworkReply::downloadProgress, this, [reply](qint64 received, qint64 total) {
        if (received > MaxAnswerBytes || total > MaxAnswerBytes) {
            reply->setProperty("vantageTooLarge", true);
            reply->abort();
        }
    });
    connect(reply, &QNetworkReply::finished, this,
            [this, reply, query] { received(reply, query); });
}

void PrometheusFleet::received(QNetworkReply *reply, Query query)
{
    m_replies.removeOne(reply);
    reply->deleteLater();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray body =
        reply->property("vantageTooLarge").toBool() ? QByteArray() : reply->readAll();
    QString why;
    if (reply->error() != QNetworkReply::NoError || status != 200) {
        why = describe(reply, body);
    } else if (m_failure.isEmpty()) {
        QList<Series> series;
        if (parseAnswer(body, &series, &why))
            m_answers.series[size_t(query)] = std::move(series);
        else
            why = QStringLiteral("a bad answer to the %1 query: %2").arg(nameOf(query), why);
    }
    // The first reason is the one told; the other queries still end (each within TimeoutMs), so a
    // refresh never overlaps the one before.
    if (!why.isEmpty() && m_failure.isEmpty())
        m_failure = QStringLiteral("Prometheus at %1: %2").arg(m_base.toString(), why);
    if (m_replies.isEmpty())
        finish();
}

QString PrometheusFleet::describe(QNetworkReply *reply, const QByteArray &body) const
{
    if (reply->property("vantageTooLarge").toBool())
        return QStringLiteral("an answer over %1 MiB").arg(MaxAnswerBytes / (1024 * 1024));
    if (reply->error() == QNetworkReply::OperationCanceledError ||
        reply->error() == QNetworkReply::TimeoutError)
        return QStringLiteral("no answer within %1 s").arg(TimeoutMs / 1000);
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status == 0)
        return reply->errorString().left(MaxErrorText);
    // Prometheus says what it did not like in the body of a 400 or 422.
    const QString text = QJsonDocument::fromJson(body)
                             .object()
                             .value(QStringLiteral("error"))
                             .toString()
                             .left(MaxErrorText);
    return text.isEmpty() ? QStringLiteral("HTTP %1").arg(status)
                          : QStringLiteral("HTTP %1, %2").arg(status).arg(text);
}

void PrometheusFleet::finish()
{
    if (m_failure.isEmpty()) {
        m_rows = rowsFrom(m_answers, &m_lastSeen);
        m_error.clear();
    } else {
        m_error = m_failure;
    }
    m_answers = Answers{};
    emit refreshed();
}

void PrometheusFleet::abortAll()
{
    const QList<QNetworkReply *> replies = std::exchange(m_replies, {});
    for (QNetworkReply *reply : replies) {
        disconnect(reply, nullptr, this, nullptr);
        reply->abort();
        reply->deleteLater();
    }
}

QString PrometheusFleet::instanceOf(const QString &fleetUrl)
{
    const QUrl url(fleetUrl.trimmed(), QUrl::StrictMode);
    const QString scheme = url.scheme();
    int defaultPort = 0;
    if (scheme == u"http" || scheme == u"ws")
        defaultPort = 80;
    else if (scheme == u"https" || scheme == u"wss")
        defaultPort = 443;
    if (!url.isValid() || defaultPort == 0 || url.host().isEmpty())
        return {};
    const QString host = url.host();
    const QString bracketed = host.contains(u':') ? u'[' + host + u']' : host;
    return bracketed + u':' + QString::number(url.port(defaultPort));
}

int PrometheusFleet::stepSeconds(int refreshSeconds)
{
    return std::max(60, refreshSeconds);
}

bool PrometheusFleet::isRange(Query query)
{
    return query >= Query::CpuRange;
}

// Each query answers for every instance at once. Instant ones: the state of each target of the
// jobs that scrape a Vantage (one Vantage seen there within the hour makes the job Vantage's, so
// a host down for days is still listed), when its /metrics was last read, its host name, and the
// latest values; the busiest disk and interface by their latest rate (irate: the last two
// scrapes). Range ones: each step's average, rates over two steps so a step never falls between
// two scrapes. `max by (instance)` folds two jobs scraping the same target into one.
QString PrometheusFleet::promql(Query query, int stepSeconds)
{
    const QString step = QString::number(stepSeconds) + u's';
    const QString twoSteps = QString::number(2 * stepSeconds) + u's';
    const auto busiest = [](const char *first, const char *second, const char *label,
                            const QString &window, const char *rate) {
        return QStringLiteral("max by (instance, %3) (%5(%1[%4]) + %5(%2[%4]))")
            .arg(QLatin1StringView(first), QLatin1StringView(second), QLatin1StringView(label),
                 window, QLatin1StringView(rate));
    };
    const auto disk = [&](const QString &window, const char *rate) {
        return busiest("vantage_disk_read_bytes_total", "vantage_disk_written_bytes_total",
                       "device", window, rate);
    };
    const auto network = [&](const QString &window, const char *rate) {
        return busiest("vantage_network_receive_bytes_total",
                       "vantage_network_transmit_bytes_total", "interface", window, rate);
    };
    switch (query) {
    case Query::Up:
        return QStringLiteral("max by (instance) (up and on (job) group by (job) "
                              "(last_over_time(vantage_info[1h])))");
    case Query::Seen:
        return QStringLiteral("max by (instance) (timestamp(vantage_info))");
    case Query::Info:
        return QStringLiteral("max by (instance, hostname) (last_over_time(vantage_info[1h]))");
    case Query::Cpu:
        return QStringLiteral("max by (instance) (vantage_cpu_busy_ratio) * 100");
    case Query::Memory:
        return QStringLiteral("max by (instance) (vantage_memory_used_ratio) * 100");
    case Query::Load:
        return QStringLiteral(
            "label_replace(max by (instance) (vantage_load1), \"period\", \"1\", \"\", \"\") or "
            "label_replace(max by (instance) (vantage_load5), \"period\", \"5\", \"\", \"\") or "
            "label_replace(max by (instance) (vantage_load15), \"period\", \"15\", \"\", \"\")");
    case Query::Disk:
        return QStringLiteral("topk by (instance) (1, %1)")
            .arg(disk(QStringLiteral("5m"), "irate"));
    case Query::Network:
        return QStringLiteral("topk by (instance) (1, %1)")
            .arg(network(QStringLiteral("5m"), "irate"));
    case Query::Alerts:
        return QStringLiteral("vantage_alert_state > 0");
    case Query::CpuRange:
        return QStringLiteral("max by (instance) (avg_over_time(vantage_cpu_busy_ratio[%1])) * 100")
            .arg(step);
    case Query::MemoryRange:
        return QStringLiteral(
                   "max by (instance) (avg_over_time(vantage_memory_used_ratio[%1])) * 100")
            .arg(step);
    case Query::DiskRange:
        return QStringLiteral("max by (instance) (%1)").arg(disk(twoSteps, "rate"));
    case Query::NetworkRange:
        return QStringLiteral("max by (instance) (%1)").arg(network(twoSteps, "rate"));
    case Query::LoadRange:
        return QStringLiteral("max by (instance) (avg_over_time(vantage_load1[%1]))").arg(step);
    }
    return {};
}

bool PrometheusFleet::parseAnswer(const QByteArray &body, QList<Series> *series, QString *error)
{
    series->clear();
    const QJsonDocument document = QJsonDocument::fromJson(body);
    if (!document.isObject()) {
        *error = QStringLiteral("not a JSON object");
        return false;
    }
    const QJsonObject answer = document.object();
    if (answer.value(QStringLiteral("status")).toString() != u"success") {
        const QString type = answer.value(QStringLiteral("errorType")).toString().left(64);
        const QString text = answer.value(QStringLiteral("error")).toString().left(MaxErrorText);
        *error = text.isEmpty()   ? QStringLiteral("an answer without status success")
                 : type.isEmpty() ? text
                                  : type + QStringLiteral(": ") + text;
        return false;
    }
    const QJsonObject data = answer.value(QStringLiteral("data")).toObject();
    const QString type = data.value(QStringLiteral("resultType")).toString();
    const QJsonValue result = data.value(QStringLiteral("result"));
    if ((type != u"vector" && type != u"matrix") || !result.isArray()) {
        *error = QStringLiteral("no vector or matrix in the answer");
        return false;
    }
    const QJsonArray entries = result.toArray();
    for (const QJsonValue &entry : entries) {
        const QJsonObject object = entry.toObject();
        const QJsonValue metric = object.value(QStringLiteral("metric"));
        if (!entry.isObject() || !metric.isObject()) {
            *error = QStringLiteral("a series without labels");
            return false;
        }
        Series one;
        const QJsonObject labels = metric.toObject();
        for (auto it = labels.begin(); it != labels.end(); ++it) {
            if (!it.value().isString()) {
                *error = QStringLiteral("a label that is no text");
                return false;
            }
            one.labels.insert(it.key(), it.value().toString());
        }
        const QJsonArray points = type == u"vector"
                                      ? QJsonArray{object.value(QStringLiteral("value"))}
                                      : object.value(QStringLiteral("values")).toArray();
        if (type == u"matrix" && !object.value(QStringLiteral("values")).isArray()) {
            *error = QStringLiteral("a series without values");
            return false;
        }
        for (const QJsonValue &value : points) {
            const std::optional<std::pair<qint64, double>> point = readPoint(value);
            if (!point) {
                *error = QStringLiteral("a sample that is no [time, \"value\"]");
                return false;
            }
            one.points.append(*point);
        }
        series->append(std::move(one));
    }
    return true;
}

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
        if (std::isfinite(seconds) && seconds > 0 && seconds < MaxTimestamp)
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
