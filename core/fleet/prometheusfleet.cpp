#include "fleet/prometheusfleet.h"

#include "settings/settings.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkReply>
#include <QNetworkRequest>

#include <algorithm>

namespace {

constexpr int MaxErrorText = 300;

// A query as an error message names it.
QString nameOf(PrometheusFleet::Query query)
{
    using Query = PrometheusFleet::Query;
    switch (query) {
    case Query::Up:
        return QStringLiteral("up");
    case Query::Seen:
        return QStringLiteral("last scrape");
    case Query::Info:
        return QStringLiteral("host name");
    case Query::Cpu:
        return QStringLiteral("CPU");
    case Query::Memory:
        return QStringLiteral("memory");
    case Query::Load:
        return QStringLiteral("load");
    case Query::Disk:
        return QStringLiteral("disk");
    case Query::Network:
        return QStringLiteral("network");
    case Query::Alerts:
        return QStringLiteral("alerts");
    case Query::CpuRange:
        return QStringLiteral("CPU series");
    case Query::MemoryRange:
        return QStringLiteral("memory series");
    case Query::DiskRange:
        return QStringLiteral("disk series");
    case Query::NetworkRange:
        return QStringLiteral("network series");
    case Query::LoadRange:
        return QStringLiteral("load series");
    }
    return {};
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
    // Whole seconds: every timestamp of the answers is then a whole number too, which makes the
    // largest answers a tenth shorter.
    m_answers.nowMs = QDateTime::currentMSecsSinceEpoch() / 1000 * 1000;
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
    // read + written per mount (or receive + transmit per interface); a device mounted twice
    // comes twice with the same rate, which neither topk nor max minds.
    const auto sum = [](const char *first, const char *second, const QString &window,
                        const char *rate) {
        return QStringLiteral("%4(%1[%3]) + %4(%2[%3])")
            .arg(QLatin1StringView(first), QLatin1StringView(second), window,
                 QLatin1StringView(rate));
    };
    const auto disk = [&](const QString &window, const char *rate) {
        return sum("vantage_disk_read_bytes_total", "vantage_disk_written_bytes_total", window,
                   rate);
    };
    const auto network = [&](const QString &window, const char *rate) {
        return sum("vantage_network_receive_bytes_total", "vantage_network_transmit_bytes_total",
                   window, rate);
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
