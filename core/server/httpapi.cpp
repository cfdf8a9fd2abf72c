#include "httpapi.h"

#include "alerts/alertservice.h"
#include "fleet/fleetservice.h"
#include "history/seriescatalog.h"
#include "protocol/protocolmessages.h"
#include "protocol/snapshotjson.h"
#include "server/historyqueries.h"
#include "server/prometheusexporter.h"
#include "server/samplecache.h"
#include "services/metricsservice.h"
#include "services/systemservice.h"
#include "settings/settings.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>

#include <optional>

namespace {

bool isApi(const QByteArray &path)
{
    return path.startsWith("/api/");
}

HttpResponse failure(const QByteArray &path, int status, const QString &message)
{
    return isApi(path) ? HttpResponse::error(status, message)
                       : HttpResponse::text(status, message.toUtf8() + '\n');
}

// Every value of the header, as one comma-separated list (RFC 9110 5.3).
QByteArray headerList(const HttpRequest &request, QByteArrayView name)
{
    QByteArray list;
    for (const auto &[key, value] : request.headers) {
        if (key == name)
            list += (list.isEmpty() ? "" : ", ") + value;
    }
    return list;
}

// RFC 9110 12.5.3: gzip (or its old name x-gzip) listed with a weight above 0, or "*" with a
// weight above 0 when gzip is not listed. No Accept-Encoding at all: the plain bytes, which
// every client can read.
bool acceptsGzip(const HttpRequest &request)
{
    std::optional<bool> named;
    std::optional<bool> wildcard;
    for (const QByteArray &item : headerList(request, "accept-encoding").split(',')) {
        const QList<QByteArray> parts = item.split(';');
        double weight = 1;
        for (qsizetype i = 1; i < parts.size(); ++i) {
            const QByteArray parameter = parts[i].trimmed().toLower();
            if (parameter.startsWith("q=")) {
                bool ok = false;
                weight = parameter.sliced(2).toDouble(&ok);
                if (!ok)
                    weight = 0; // unreadable: not a yes
            }
        }
        const QByteArray coding = parts.first().trimmed().toLower();
        if (coding == "gzip" || coding == "x-gzip")
            named = named.value_or(false) || weight > 0;
        else if (coding == "*")
            wildcard = weight > 0;
    }
    return named.value_or(wildcard.value_or(false));
}

// If-None-Match (RFC 9110 13.1.2): "*", or a list of entity tags compared weakly (W/ ignored).
// Tags are read as quoted strings, so a comma inside one does not split it. A malformed list
// matches nothing: the client then simply gets the whole file.
bool notModified(const HttpRequest &request, const QByteArray &tag)
{
    const QByteArray list = headerList(request, "if-none-match");
    qsizetype i = 0;
    while (i < list.size()) {
        const char c = list.at(i);
        if (c == ' ' || c == '\t' || c == ',') {
            ++i;
            continue;
        }
        if (c == '*')
            return true;
        if (list.sliced(i).startsWith("W/"))
            i += 2;
        if (i >= list.size() || list.at(i) != '"')
            return false;
        const qsizetype close = list.indexOf('"', i + 1);
        if (close < 0)
            return false;
        if (list.sliced(i, close + 1 - i) == tag)
            return true;
        i = close + 1;
    }
    return false;
}

// The range form names a span in ms; the older form names seconds back from now.
bool isRangeQuery(const QUrlQuery &query)
{
    return query.hasQueryItem(QStringLiteral("from")) || query.hasQueryItem(QStringLiteral("to")) ||
           query.hasQueryItem(QStringLiteral("points"));
}

HttpResponse toResponse(const HistoryQueries::Answer &answer)
{
    if (answer.status == 200)
        return HttpResponse::json(200, answer.body);
    HttpResponse response = HttpResponse::error(answer.status, answer.message);
    if (answer.retryAfterS > 0)
        response.headers.emplaceBack("Retry-After", QByteArray::number(answer.retryAfterS));
    return response;
}

} // namespace

HttpApi::HttpApi(const Sources &sources)
    : m_sources(sources)
{
    m_routes = {
        {"/api/v1/snapshot", &HttpApi::snapshot},
        {"/api/v1/history", &HttpApi::history},
        {"/api/v1/settings", &HttpApi::settings},
        {"/api/v1/alerts", &HttpApi::alerts},
        {"/api/v1/series", &HttpApi::series},
        {"/metrics", &HttpApi::metrics},
        {"/api/v1/processes", &HttpApi::processes},
        {"/healthz", &HttpApi::healthz},
        {"/ws", &HttpApi::webSocketOnly},
        {"/api/v1/fleet", &HttpApi::fleet},
        {"/fleet", &HttpApi::fleetPage},
    };
}

// no-cache, not max-age: the browser keeps the file but asks each time, and an unchanged file
// costs a 304 of a few hundred bytes. A new version after an upgrade is then picked up at once,
// with no file names to fingerprint (the ES modules import each other by name).
HttpResponse HttpApi::file(const HttpRequest &request, const WebAssets::Asset &asset) const
{
    const bool gzip = !asset.gzip.isEmpty() && acceptsGzip(request);
    const QByteArray &tag = gzip ? asset.gzipTag : asset.identityTag;
    HttpResponse response;
    response.headers = {{"ETag", tag}, {"Cache-Control", "no-cache"}};
    if (!asset.gzip.isEmpty())
        response.headers.emplaceBack("Vary", "Accept-Encoding");
    if (notModified(request, tag)) {
        response.status = 304;
        return response;
    }
    response.contentType = asset.contentType;
    response.body = gzip ? asset.gzip : asset.identity;
    if (gzip)
        response.headers.emplaceBack("Content-Encoding", "gzip");
    return response;
}

HttpReply HttpApi::respond(const HttpRequest &request) const
{
    const bool known = m_routes.contains(request.path) || m_sources.assets->contains(request.path);
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
    return file(request, *m_sources.assets->find(request.path));
}

HttpReply HttpApi::snapshot(const HttpRequest &) const
{
    const Snapshot &latest = m_sources.metrics->latest();
    if (latest.seq == 0)
        return HttpResponse::error(503, QStringLiteral("no snapshot yet: the first tick has "
                                                       "not completed"));
    return HttpResponse::json(200, m_sources.sample->text());
}

HttpReply HttpApi::history(const HttpRequest &request) const
{
    if (isRangeQuery(request.query))
        return historyRange(request);
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

HttpReply HttpApi::historyRange(const HttpRequest &request) const
{
    const auto parsed =
        HistoryQueries::fromQuery(request.query, QDateTime::currentMSecsSinceEpoch());
    if (const auto *refusal = std::get_if<HistoryQueries::Answer>(&parsed))
        return toResponse(*refusal);
    return m_sources.queries->ask(std::get<HistoryRangeRequest>(parsed)).then(toResponse);
}

HttpReply HttpApi::series(const HttpRequest &) const
{
    return HttpResponse::json(
        200, QJsonObject{{QStringLiteral("series"),
                          ProtocolMessages::seriesJson(m_sources.catalog->series())}});
}

// With at=MS, what was running in that minute as the store kept it; with pid=N, that one
// process in detail; with neither, every process now.
HttpReply HttpApi::processes(const HttpRequest &request) const
{
    const bool hasAt = request.query.hasQueryItem(QStringLiteral("at"));
    const bool hasPid = request.query.hasQueryItem(QStringLiteral("pid"));
    if (hasAt && hasPid)
        return HttpResponse::error(400, QStringLiteral("at and pid cannot be asked together"));
    if (hasPid)
        return processDetail(request.query.queryItemValue(QStringLiteral("pid")));
    if (!hasAt) {
        return m_sources.metrics->processes()->list().then(
            [](const QJsonObject &list) { return HttpResponse::json(200, list); });
    }
    const auto at = HistoryQueries::atFromQuery(request.query.queryItemValue(QStringLiteral("at")));
    if (const auto *refusal = std::get_if<HistoryQueries::Answer>(&at))
        return toResponse(*refusal);
    return m_sources.queries->askProcesses(std::get<qint64>(at)).then(toResponse);
}

HttpReply HttpApi::processDetail(const QString &text) const
{
    bool ok = false;
    const int pid = text.toInt(&ok);
    if (!ok || pid <= 0)
        return HttpResponse::error(400, QStringLiteral("pid must be a positive whole number"));
    const QJsonObject detail = m_sources.metrics->processes()->detail(pid);
    if (detail.isEmpty())
        return HttpResponse::error(404, QStringLiteral("no process %1").arg(pid));
    return HttpResponse::json(200, detail);
}

HttpReply HttpApi::settings(const HttpRequest &) const
{
    return HttpResponse::json(200, QJsonObject::fromVariantMap(m_sources.settings->toMap()));
}

HttpReply HttpApi::alerts(const HttpRequest &) const
{
    if (m_sources.alerts)
        return HttpResponse::json(200, m_sources.alerts->toJson());
    return HttpResponse::json(200, QJsonObject{{QStringLiteral("active"), QJsonArray()},
                                               {QStringLiteral("log"), QJsonArray()}});
}

// The fleet overview is a hub's page: elsewhere there is nothing for it to show.
HttpReply HttpApi::fleetPage(const HttpRequest &request) const
{
    if (!m_sources.fleet || !m_sources.fleet->isHub() || !m_sources.assets->contains("/fleet.html"))
        return failure(request.path, 404,
                       QStringLiteral("this Vantage is no hub: it has no fleet list "
                                      "(fleet/host/<name>/url, docs/fleet.md)"));
    return file(request, *m_sources.assets->find("/fleet.html"));
}

// The hosts the hub follows (docs/fleet.md); a Vantage without a fleet list has none.
HttpReply HttpApi::fleet(const HttpRequest &) const
{
    if (m_sources.fleet)
        return HttpResponse::json(200, m_sources.fleet->toJson());
    return HttpResponse::json(200, QJsonObject{{QStringLiteral("hosts"), QJsonArray()}});
}

HttpReply HttpApi::metrics(const HttpRequest &) const
{
    if (m_sources.metrics->latest().seq == 0)
        return HttpResponse::text(503, "no snapshot yet: the first tick has not completed\n");
    HttpResponse response = HttpResponse::text(
        200, PrometheusExporter::render(m_sources.metrics->latest(), m_sources.system->host(),
                                        m_sources.alerts ? m_sources.alerts->engine() : nullptr));
    response.contentType = "text/plain; version=0.0.4; charset=utf-8";
    return response;
}

HttpReply HttpApi::healthz(const HttpRequest &) const
{
    return HttpResponse::text(200, "ok");
}

HttpReply HttpApi::webSocketOnly(const HttpRequest &) const
{
    HttpResponse response =
        HttpResponse::text(426, "this path speaks WebSocket only (Upgrade: websocket)\n");
    response.headers.emplaceBack("Upgrade", "websocket");
    return response;
}
