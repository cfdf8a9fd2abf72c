#pragma once

#include "server/httpreply.h"
#include "server/httprequest.h"
#include "server/httpresponse.h"
#include "server/webassets.h"

#include <QByteArray>
#include <QHash>
#include <QJsonObject>

class AlertService;
class FleetService;
class HistoryQueries;
class MetricsService;
class SampleCache;
class SeriesCatalog;
class Settings;
class SystemService;

// The HTTP side of the one port: the dashboard's files and the JSON API, through one table of
// paths. Only GET and HEAD are served; errors under /api are JSON bodies.
class HttpApi
{
public:
    struct Sources
    {
        const MetricsService *metrics = nullptr;
        const SystemService *system = nullptr;
        const Settings *settings = nullptr;
        const AlertService *alerts = nullptr; // absent: no alerts, empty lists
        const HistoryQueries *queries = nullptr;
        const SeriesCatalog *catalog = nullptr;
        const FleetService *fleet = nullptr; // absent: no fleet, an empty list
        SampleCache *sample = nullptr;       // the latest tick's JSON, shared with the stream
        WebAssets *assets = nullptr;         // the dashboard's files
    };

    static constexpr int DefaultHistorySeconds = 300;
    // One history request's bounds, so that no request holds the event loop (and with it every
    // client's stream) for more than a few milliseconds: each series named once, at most
    // MaxSeriesPerRequest of them, at most MaxValuesPerRequest values in all.
    static constexpr int MaxSeriesPerRequest = 32;
    static constexpr qint64 MaxValuesPerRequest = 50'000;

    explicit HttpApi(const Sources &sources);

    // A history range may be answered later (the store reads the disk); everything else now.
    HttpReply respond(const HttpRequest &request) const;

private:
    using Handler = HttpReply (HttpApi::*)(const HttpRequest &) const;

    HttpReply snapshot(const HttpRequest &request) const;
    HttpReply history(const HttpRequest &request) const;
    HttpReply historyRange(const HttpRequest &request) const;
    HttpReply series(const HttpRequest &request) const;
    HttpReply processes(const HttpRequest &request) const;
    HttpReply processDetail(const QString &pid) const;
    HttpReply settings(const HttpRequest &request) const;
    HttpReply alerts(const HttpRequest &request) const;
    HttpReply fleet(const HttpRequest &request) const;
    HttpReply fleetPage(const HttpRequest &request) const;
    HttpReply metrics(const HttpRequest &request) const;
    HttpReply healthz(const HttpRequest &request) const;
    HttpReply webSocketOnly(const HttpRequest &request) const;

    // One of the dashboard's files, in both representations, each with its own strong ETag.
    HttpResponse file(const HttpRequest &request, const WebAssets::Asset &asset) const;

    Sources m_sources;
    QHash<QByteArray, Handler> m_routes;
};
