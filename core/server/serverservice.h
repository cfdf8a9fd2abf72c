#pragma once

#include "history/seriescatalog.h"
#include "server/clientmanager.h"
#include "server/hostrelay.h"
#include "server/httpapi.h"
#include "server/httpconnection.h"
#include "server/notifycommands.h"
#include "server/processcommands.h"
#include "server/requestguard.h"
#include "server/samplecache.h"
#include "server/serverstats.h"
#include "server/streamcommands.h"
#include "server/tokengate.h"
#include "services/processcontrol.h"
#include "services/service.h"
#include "snapshot.h"

#include <QHash>
#include <QHostAddress>
#include <QJsonObject>
#include <QPointer>
#include <QUrl>

#include <memory>

class AlertService;
class FleetService;
class HistoryQueries;
class HistoryRangeSource;
class MemoryRangeSource;
class ClientConnection;
class MessageRouter;
class MetricsService;
class NotifyService;
class TcpListener;
class Settings;
class SystemService;

// The one port: dashboard, API, /metrics and the WebSocket stream. Every connection passes the
// front door first — the connection caps, the per-address cap, the Host check, the Origin
// check and the token — because QTcpServer itself enforces none of them. Each tick's sample is
// serialized once and the same frame goes to every client. What clients may ask over the
// stream is StreamCommands'; the server's totals reach the Snapshot through ServerSelfCollector.
class ServerService : public Service, private HttpDelegate
{
    Q_OBJECT

public:
    // Connections beyond server/maxConnections kept open for plain HTTP (API, scrapes).
    static constexpr int HttpSlack = 32;
    static constexpr int HistoryOnConnectSeconds = 300;

    // Time limits; the defaults are the product's, tests shorten them.
    struct Limits
    {
        int headTimeoutMs = HttpConnection::DefaultHeadTimeoutMs; // whole request head
        ClientManager::Limits clients;
    };

    ServerService(Settings *settings, MetricsService *metrics, SystemService *system,
                  QObject *parent = nullptr);
    ~ServerService() override;

    // Why these settings must not be served (a non-loopback bind without a token), or empty.
    static QString exposureError(const Settings &settings);
    // Where the dashboard is served, with the real port when port 0 was asked.
    QUrl url() const;
    QString errorString() const { return m_error; }
    ClientManager *clients() const { return m_clients.get(); }
    const ServerStats &stats() const { return m_stats; }
    const TokenGate &tokens() const { return m_tokens; }
    // Every series the history holds, described; kept current every tick.
    const SeriesCatalog &catalog() const { return m_catalog; }
    // How many times a sample was serialized: once per tick, whatever the number of clients.
    // Ticks whose sample JSON was built: one per tick with a consumer, none without.
    quint64 serializations() const { return m_sample.builds(); }

    void setLimits(const Limits &limits);
    // The alerts every client, /api/v1/alerts and /metrics show; acknowledged by web admins.
    void setAlerts(AlertService *alerts);
    // The fleet behind GET /api/v1/fleet, /fleet and the `fleet` topic, whose viewers
    // acknowledge its hosts' alerts through it; after setAlerts().
    void setFleet(FleetService *fleet);
    // The notification channels web admins manage (NotifyCommands); none, and they are told so.
    void setNotify(NotifyService *notify) { m_notifyCommands.setNotify(notify); }
    // The same service, for the desktop's panel beside this server; null when none was set.
    NotifyService *notify() const { return m_notifyCommands.notify(); }
    // Where range questions (`/api/v1/history?from=…`, `historyRequest`) are answered: the store
    // on disk, or null for the in-memory history. The source must outlive the server; whichever
    // is set answers every range, including spans only the other holds.
    void setHistoryRangeSource(const HistoryRangeSource *source);
    const HistoryRangeSource *historyRangeSource() const;
    // Signals and renices processes on the real /proc for web admins (ProcessCommands) and for
    // the desktop beside this server, whose actions every client is told of too.
    ProcessControl *processControl() { return &m_processControl; }

signals:
    void listening(const QUrl &url);
    // A series joined the catalogue, left it, went, or its maximum changed.
    void catalogChanged();

protected:
    bool doInitialize() override;
    void doShutdown() override;

private:
    HttpReply respond(const HttpRequest &request) override;
    std::optional<HttpResponse> upgrade(const HttpRequest &request, QTcpSocket *socket,
                                        const QByteArray &alreadyReceived) override;

    bool listen();
    void rebuildGuard();
    void acceptConnections();
    bool admit(QTcpSocket *socket);
    bool evictOldestIdle();
    void refuse(QTcpSocket *socket, const HttpResponse &response);
    void publish(const Snapshot &snapshot);
    HttpApi::Sources apiSources();
    void updateCatalog(const Snapshot &snapshot);
    void greet(ClientConnection *client);
    const QByteArray &historyMessage();
    std::optional<HttpResponse> checkUrlToken(const HttpRequest &request, QTcpSocket *socket,
                                              bool *admin);
    void onSettingsChanged(const QStringList &keys);
    void restart();

    Settings *m_settings;
    MetricsService *m_metrics;
    SystemService *m_system;
    ServerStats m_stats;
    Limits m_limits;
    std::unique_ptr<TcpListener> m_listener;
    std::unique_ptr<RequestGuard> m_guard;
    std::unique_ptr<ClientManager> m_clients;
    std::unique_ptr<MessageRouter> m_router;
    std::unique_ptr<HostRelay> m_relay; // a fleet host's pages and stream under /hosts/<name>/
    std::unique_ptr<HttpApi> m_api;
    AlertService *m_alerts = nullptr;
    const FleetService *m_fleet = nullptr;
    std::unique_ptr<MemoryRangeSource> m_memoryRange;
    SeriesCatalog m_catalog;
    std::unique_ptr<HistoryQueries> m_queries;
    TokenGate m_tokens;
    StreamCommands m_commands;
    NotifyCommands m_notifyCommands;
    ProcessControl m_processControl;
    ProcessCommands m_processCommands;
    QHash<QHostAddress, int> m_perAddress;
    QList<QPointer<HttpConnection>> m_httpConnections; // in the order they were accepted
    int m_openConnections = 0;
    SampleCache m_sample;        // the latest tick's JSON, for the stream and the API
    WebAssets m_assets;          // read when first asked for, once for all the HttpApi it rebuilds
    QByteArray m_historyMessage; // for new clients, built once per tick at most
    quint64 m_historySeq = 0;
    QString m_error;
};
