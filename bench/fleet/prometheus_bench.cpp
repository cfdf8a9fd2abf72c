// How long the Prometheus-backed fleet overview takes to refresh (target: <= 1 s with 1,000
// instances): PrometheusFleet's whole refresh, every query sent, answered and parsed into rows,
// timed RUNS times against a running Prometheus. bench/fleet/prometheus1000.sh fills one.
//
//   vantage_prometheus_bench PROMETHEUS_URL [RUNS=10]
#include "fleet/prometheusfleet.h"
#include "settings/settings.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>
#include <vector>

#include <time.h>

namespace {

// Runs start() and waits for the refresh it began; its wall time in milliseconds.
template<typename Start>
double timed(PrometheusFleet &fleet, Start start)
{
    QEventLoop loop;
    QObject::connect(&fleet, &PrometheusFleet::refreshed, &loop, &QEventLoop::quit);
    QElapsedTimer timer;
    timer.start();
    start();
    loop.exec();
    return double(timer.nsecsElapsed()) / 1e6;
}

int count(const QJsonArray &rows, bool (*test)(const QJsonObject &))
{
    return int(std::count_if(rows.begin(), rows.end(),
                             [test](const QJsonValue &row) { return test(row.toObject()); }));
}

// CPU time of this thread in milliseconds: what parsing costs, whatever else runs on the machine.
double threadCpuMs()
{
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return double(now.tv_sec) * 1e3 + double(now.tv_nsec) / 1e6;
}

// Where a refresh's time goes: each query alone, one after the other (a refresh sends them all at
// once), its answer's size, and the parsing of it; then the rows made of them all.
void breakdown(const QString &base)
{
    using Query = PrometheusFleet::Query;
    QNetworkAccessManager network;
    PrometheusFleet::Answers answers;
    answers.nowMs = QDateTime::currentMSecsSinceEpoch() / 1000 * 1000;
    answers.stepSeconds = PrometheusFleet::stepSeconds(15);
    const int step = answers.stepSeconds;
    const auto seconds = [](qint64 ms) { return QByteArray::number(double(ms) / 1000, 'f', 3); };
    double parsing = 0;
    for (int index = 0; index < PrometheusFleet::QueryCount; ++index) {
        const Query query = Query(index);
        QUrl url(base);
        url.setPath(url.path().chopped(url.path().endsWith(u'/') ? 1 : 0) +
                    (PrometheusFleet::isRange(query) ? u"/api/v1/query_range" : u"/api/v1/query"));
        QNetworkRequest request(url);
        request.setHeader(QNetworkRequest::ContentTypeHeader,
                          QByteArrayLiteral("application/x-www-form-urlencoded"));
        QByteArray body = "query=" + QUrl::toPercentEncoding(PrometheusFleet::promql(query, step));
        if (PrometheusFleet::isRange(query))
            body += "&start=" + seconds(answers.nowMs - PrometheusFleet::SeriesSeconds * 1000) +
                    "&end=" + seconds(answers.nowMs) + "&step=" + QByteArray::number(step);
        else
            body += "&time=" + seconds(answers.nowMs);
        QElapsedTimer timer;
        timer.start();
        QNetworkReply *reply = network.post(request, body);
        QEventLoop loop;
        QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        loop.exec();
        const double asked = double(timer.nsecsElapsed()) / 1e6;
        const QByteArray answer = reply->readAll();
        reply->deleteLater();
        const double cpu = threadCpuMs();
        QString error;
        PrometheusFleet::parseAnswer(answer, &answers.series[size_t(index)], &error);
        const double parsed = threadCpuMs() - cpu;
        parsing += parsed;
        std::printf("  %7.1f ms %6lld KiB, parsed in %5.1f ms CPU: %s%s\n", asked,
                    static_cast<long long>(answer.size() / 1024), parsed,
                    qPrintable(PrometheusFleet::promql(query, step)),
                    error.isEmpty() ? "" : qPrintable(QStringLiteral(" (") + error + u')'));
    }
    const double cpu = threadCpuMs();
    QHash<QString, qint64> lastSeen;
    const QJsonArray rows = PrometheusFleet::rowsFrom(answers, &lastSeen);
    std::printf("  parsing %.1f ms, rows of %lld instances made in %.1f ms (CPU time)\n", parsing,
                static_cast<long long>(rows.size()), threadCpuMs() - cpu);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList arguments = app.arguments();
    const int runs = arguments.size() > 2 ? arguments.at(2).toInt() : 10;
    if (arguments.size() < 2 || arguments.size() > 3 || runs < 1) {
        std::fprintf(stderr, "usage: vantage_prometheus_bench PROMETHEUS_URL [RUNS=10]\n");
        return 2;
    }
    QTemporaryDir dir;
    Settings settings(dir.filePath(QStringLiteral("vantage.conf")));
    if (!dir.isValid() || !settings.load())
        return 1;
    // Series of a point a minute, as with the default 15 s; the timer's own refresh, a minute
    // after the first, never falls among the timed ones (each well under a second).
    settings.apply({{QStringLiteral("fleet/prometheusRefresh"), 60}});
    PrometheusFleet fleet(&settings);

    // The first refresh, which setting the address starts, is the cold one: new connections.
    const double cold = timed(fleet, [&] {
        const QStringList errors =
            settings.apply({{QStringLiteral("fleet/prometheusUrl"), arguments.at(1)}});
        if (!errors.isEmpty())
            std::fprintf(stderr, "%s\n", qPrintable(errors.join(u'\n')));
    });
    if (!fleet.errorString().isEmpty() || !fleet.isEnabled()) {
        std::fprintf(stderr, "refresh failed: %s\n", qPrintable(fleet.errorString()));
        return 1;
    }
    std::vector<double> times;
    for (int run = 0; run < runs; ++run) {
        times.push_back(timed(fleet, [&fleet] { fleet.refresh(); }));
        if (!fleet.errorString().isEmpty()) {
            std::fprintf(stderr, "refresh failed: %s\n", qPrintable(fleet.errorString()));
            return 1;
        }
    }

    const QJsonArray rows = fleet.hosts();
    const int up = count(rows, [](const QJsonObject &row) {
        return row.value(QStringLiteral("state")).toString() == u"up";
    });
    const int withValues = count(rows, [](const QJsonObject &row) {
        return !row.value(QStringLiteral("cpu"))[QStringLiteral("total")].isNull() &&
               row.value(QStringLiteral("disk")).isObject() &&
               row.value(QStringLiteral("net")).isObject() &&
               row.value(QStringLiteral("load")).isArray();
    });
    const int alerting = count(rows, [](const QJsonObject &row) {
        return !row.value(QStringLiteral("alerts")).toArray().isEmpty();
    });
    qsizetype points = 0;
    for (const QJsonValue &row : rows) {
        const QJsonArray cpu = row[QStringLiteral("series")][QStringLiteral("cpu")].toArray();
        points += std::count_if(cpu.begin(), cpu.end(),
                                [](const QJsonValue &value) { return !value.isNull(); });
    }
    std::printf("instances: %lld, up: %d, with cpu/disk/net/load: %d, with alerts: %d, cpu "
                "series points: %lld\n",
                static_cast<long long>(rows.size()), up, withValues, alerting,
                static_cast<long long>(points));
    std::printf("cold refresh: %.1f ms\n", cold);
    std::printf("refresh:");
    for (double time : times)
        std::printf(" %.1f", time);
    std::sort(times.begin(), times.end());
    const double median = times.size() % 2
                              ? times[times.size() / 2]
                              : (times[times.size() / 2 - 1] + times[times.size() / 2]) / 2;
    std::printf(" ms\nrefresh over %d runs: median %.1f ms, max %.1f ms (target <= 1000 ms)\n",
                runs, median, times.back());
    std::printf("each query alone:\n");
    breakdown(arguments.at(1));
    return 0;
}
