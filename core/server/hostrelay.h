#pragma once

#include "server/httpreply.h"
#include "server/httprequest.h"

#include <QHash>
#include <QObject>

#include <memory>

class ClientConnection;
class ClientManager;
class FleetService;
class HttpApi;
class MessageRouter;
class QNetworkAccessManager;
class QTcpSocket;
class QWebSocket;
struct ServerStats;

// A fleet host seen through the hub (docs/fleet.md): under /hosts/<name>/ the hub serves its own
// dashboard, whose every request is relative, so the page's stream and API calls come back to
// /hosts/<name>/… and are relayed to that host. The browser needs to reach only the hub, and every
// view of the page shows the host as its own page would.
//
// Each browser stream gets a stream of its own to the host, piped message for message: the host
// answers its requests and enforces its roles itself. The one message the hub answers is `auth`:
// it is checked against the hub's token (a hub admin is made an admin on the host with the token
// the hub holds there; a wrong token never reaches the host, whose ban would shut the hub out).
// Relayed clients have their own ClientManager, so the hub's own samples and alerts never reach
// them.
class HostRelay : public QObject
{
    Q_OBJECT

public:
    static constexpr qint64 MaxAnswerBytes = 32 * 1024 * 1024;
    static constexpr int TimeoutMs = 10000;

    HostRelay(ServerStats *stats, MessageRouter *router, QObject *parent = nullptr);
    ~HostRelay() override;

    void setFleet(const FleetService *fleet) { m_fleet = fleet; }
    // /hosts/<name>/<rest> → name and /<rest>; false for any other path.
    static bool splitPath(const QByteArray &path, QString *name, QByteArray *rest);
    // Whether `path` is under /hosts/.
    static bool isRelayed(const QByteArray &path) { return path.startsWith("/hosts/"); }

    // An HTTP request under /hosts/<name>/: the host's API, /healthz and /metrics from the host;
    // the dashboard's files from the hub's own (api); 404 for a host not in the fleet list.
    HttpReply respond(const HttpRequest &request, const HttpApi &api);
    // 404 for a host not in the list; else nullopt and the stream is the host's from now on.
    std::optional<HttpResponse> checkUpgrade(const HttpRequest &request) const;
    // Adopts the upgraded socket and opens its stream to the host.
    void adopt(const HttpRequest &request, QTcpSocket *socket, bool admin,
               const QByteArray &alreadyReceived);
    int count() const;
    void closeAll();

private:
    struct Link;

    QFuture<HttpResponse> fetch(const QString &name, const QByteArray &rest,
                                const QByteArray &query);
    void fromClient(ClientConnection *client, const QByteArray &message);
    void fromHost(Link *link, const QString &text);
    void sendAuth(Link *link);
    void drop(ClientConnection *client);

    ServerStats *m_stats;
    MessageRouter *m_router;
    const FleetService *m_fleet = nullptr;
    std::unique_ptr<ClientManager> m_clients; // made at the first relayed stream
    QHash<ClientConnection *, Link *> m_links;
    std::unique_ptr<QNetworkAccessManager> m_network; // made at the first relayed request
};
