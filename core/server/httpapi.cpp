#include "httpapi.h"

#include "alerts/alertservice.h"
#include "protocol/snapshotjson.h"
#include "server/prometheusexporter.h"
#include "services/metricsservice.h"
#include "services/systemservice.h"
#include "settings/settings.h"

#include <QDateTime>
#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>

namespace {

QByteArray contentType(const QString &fileName)
{
    static const QHash<QString, QByteArray> types = {
        {QStringLiteral("html"), "text/html; charset=utf-8"},
        {QStringLiteral("js"), "text/javascript; charset=utf-8"},
        {QStringLiteral("css"), "text/css; charset=utf-8"},
        {QStringLiteral("svg"), "image/svg+xml"},
        {QStringLiteral("png"), "image/png"},
        {QStringLiteral("json"), "application/json"},
    };
    return types.value(fileName.section(u'.', -1), "application/octet-stream");
}

bool isApi(const QByteArray &path)
{
    return path.startsWith("/api/");
}

HttpResponse failure(const QByteArray &path, int status, const QString &message)
{
    return isApi(path) ? HttpResponse::error(status, message)
                       : HttpResponse::text(status, message.toUtf8() + '\n');
}

} // namespace

HttpApi::HttpApi(const Sources &sources)
    : m_sources(sources)
{
    m_routes = {
        {"/api/v1/snapshot", &HttpApi::snapshot}, {"/api/v1/history", &HttpApi::history},
        {"/api/v1/settings", &HttpApi::settings}, {"/api/v1/alerts", &HttpApi::alerts},
        {"/metrics", &HttpApi::metrics},          {"/healthz", &HttpApi::healthz},
        {"/ws", &HttpApi::webSocketOnly},
    };
    loadAssets();
}

// The dashboard's files are small and never change while we run: read them once.
void HttpApi::loadAssets()
{
    QDirIterator it(QStringLiteral(":/web"), QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString resource = it.next();
        QFile file(resource);
        if (!file.open(QIODevice::ReadOnly))
            continue;
        HttpResponse response = HttpResponse::text(200, file.readAll());
        response.contentType = contentType(resource);
        response.headers.emplaceBack("Cache-Control", "no-cache");
        m_files.insert(resource.mid(5).toUtf8(), response); // ":/web/x" is served as "/x"
    }
    if (m_files.contains("/index.html"))
        m_files.insert("/", m_files.value("/index.html"));
}

HttpResponse HttpApi::respond(const HttpRequest &request) const
{
    const bool known = m_routes.contains(request.path) || m_files.contains(request.path);
    if (!known)
        return failure(request.path, 404,
                       QStringLiteral("no such path: %1").arg(QString::fromUtf8(request.path)));
    if (request.method != "GET" && request.method != "HEAD") {
        HttpResponse response = failure(request.path, 405, QStringLiteral("only GET and HEAD"));
        response.headers.emplaceBack("Allow", "GET, HEAD");
        return response;
    }
    const auto route = m_routes.constFind(request.path);
    if (route != m_routes.constEnd())
        return (this->*(*route))(request);
    return m_files.value(request.path);
}

HttpResponse HttpApi::snapshot(const HttpRequest &) const
{
    const Snapshot &latest = m_sources.metrics->latest();
    if (latest.seq == 0)
        return HttpResponse::error(503, QStringLiteral("no snapshot yet: the first tick has "
                                                       "not completed"));
    return HttpResponse::json(200, SnapshotJson::snapshot(latest));
}

HttpResponse HttpApi::history(const HttpRequest &request) const
{
    const History &history = m_sources.metrics->history();
    const QStringList series =
        request.query.queryItemValue(QStringLiteral("series"), QUrl::FullyDecoded)
            .split(u',', Qt::SkipEmptyParts);
    if (series.isEmpty())
        return HttpResponse::json(
            400, QJsonObject{{QStringLiteral("error"), QStringLiteral("Bad Request")},
                             {QStringLiteral("status"), 400},
                             {QStringLiteral("message"),
                              QStringLiteral("name one or more series, comma separated")},
                             {QStringLiteral("available"),
                              QJsonArray::fromStringList(history.seriesNames())}});
    if (series.size() > MaxSeriesPerRequest)
        return HttpResponse::error(
            400, QStringLiteral("at most %1 series in one request").arg(MaxSeriesPerRequest));
    if (QSet<QString>(series.cbegin(), series.cend()).size() != series.size())
        return HttpResponse::error(400, QStringLiteral("a series is named more than once"));
    for (const QString &name : series) {
        if (!history.contains(name))
            return HttpResponse::error(404, QStringLiteral("unknown series: %1").arg(name));
    }
    const int maximum = m_sources.settings->historySeconds();
    const QString secondsText = request.query.queryItemValue(QStringLiteral("seconds"));
    bool ok = true;
    const int seconds = secondsText.isEmpty() ? DefaultHistorySeconds : secondsText.toInt(&ok);
    if (!ok || seconds < 1 || seconds > maximum)
        return HttpResponse::error(400, QStringLiteral("seconds must be a whole number from 1 "
                                                       "to %1")
                                            .arg(maximum));
    const qint64 points = qint64(seconds) * 1000 / qMax(1, m_sources.metrics->intervalMs()) + 1;
    if (points * series.size() > MaxValuesPerRequest)
        return HttpResponse::error(
            400, QStringLiteral("%1 series over %2 s is more than %3 values: ask for fewer "
                                "series or seconds")
                     .arg(series.size())
                     .arg(seconds)
                     .arg(MaxValuesPerRequest));
    const qint64 since = history.latestTs() - qint64(seconds) * 1000;
    QJsonObject body = SnapshotJson::window(history.window(series, since));
    body.insert(QStringLiteral("seconds"), seconds);
    return HttpResponse::json(200, body);
}

HttpResponse HttpApi::settings(const HttpRequest &) const
{
    return HttpResponse::json(200, QJsonObject::fromVariantMap(m_sources.settings->toMap()));
}

HttpResponse HttpApi::alerts(const HttpRequest &) const
{
    if (m_sources.alerts)
        return HttpResponse::json(200, m_sources.alerts->toJson());
    return HttpResponse::json(200, QJsonObject{{QStringLiteral("active"), QJsonArray()},
                                               {QStringLiteral("log"), QJsonArray()}});
}

HttpResponse HttpApi::metrics(const HttpRequest &) const
{
    if (m_sources.metrics->latest().seq == 0)
        return HttpResponse::text(503, "no snapshot yet: the first tick has not completed\n");
    HttpResponse response = HttpResponse::text(
        200, PrometheusExporter::render(m_sources.metrics->latest(), m_sources.system->host(),
                                        m_sources.alerts ? m_sources.alerts->engine() : nullptr));
    response.contentType = "text/plain; version=0.0.4; charset=utf-8";
    return response;
}

HttpResponse HttpApi::healthz(const HttpRequest &) const
{
    return HttpResponse::text(200, "ok");
}

HttpResponse HttpApi::webSocketOnly(const HttpRequest &) const
{
    HttpResponse response =
        HttpResponse::text(426, "this path speaks WebSocket only (Upgrade: websocket)\n");
    response.headers.emplaceBack("Upgrade", "websocket");
    return response;
}
