#include "hostrelay.h"

#include "fleet/fleetservice.h"
#include "server/clientmanager.h"
#include "server/httpapi.h"
#include "server/messagerouter.h"
#include "server/websocketframe.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPromise>
#include <QRegularExpression>
#include <QWebSocket>

namespace {

const QString RelayAuthId = QStringLiteral("relay-auth");
constexpr int MaxWaiting = 64; // messages a client may send before the host's stream is open

// The host's own endpoints; every other path under /hosts/<name>/ is a file of the dashboard.
bool isHostEndpoint(const QByteArray &rest)
{
    return rest.startsWith("/api/") || rest == "/healthz" || rest == "/metrics";
}

HttpResponse notInFleet(const QString &name)
{
    return HttpResponse::error(404,
                               QStringLiteral("no fleet host \"%1\" in this hub's list").arg(name));
}

} // namespace

struct HostRelay::Link
{
    QString name;
    QString token; // the hub's token for the host; empty: the relay stays a viewer there
    ClientConnection *client = nullptr;
    // Deleted later: the host's own signal may be what closes the client and drops the link.
    QWebSocket *upstream = new QWebSocket;
    QList<QByteArray> waiting; // the client's messages before the host's stream opened
    bool open = false;
    bool authSent = false;
};

HostRelay::HostRelay(ServerStats *stats, MessageRouter *router, QObject *parent)
    : QObject(parent)
    , m_stats(stats)
    , m_router(router)
{}

HostRelay::~HostRelay()
{
    for (Link *link : std::as_const(m_links)) {
        link->upstream->disconnect(this);
        delete link->upstream;
        delete link;
    }
}

bool HostRelay::splitPath(const QByteArray &path, QString *name, QByteArray *rest)
{
    static const QRegularExpression pattern(QStringLiteral("^/hosts/([A-Za-z0-9_-]{1,32})(/.*)$"));
    const QRegularExpressionMatch match = pattern.match(QString::fromLatin1(path));
    if (!match.hasMatch())
        return false;
    *name = match.captured(1);
    *rest = match.captured(2).toLatin1();
    return true;
}

int HostRelay::count() const
{
    return m_clients ? m_clients->count() : 0;
}

HttpReply HostRelay::respond(const HttpRequest &request, const HttpApi &api)
{
    QString name;
    QByteArray rest;
    if (!splitPath(request.path, &name, &rest))
        return HttpResponse::error(404, QStringLiteral("a fleet host's pages are under "
                                                       "/hosts/<name>/"));
    if (!m_fleet || !m_fleet->host(name))
        return notInFleet(name);
    if (!isHostEndpoint(rest)) {
        HttpRequest file = request;
        file.path = rest;
        return api.respond(file);
    }
    if (request.method != "GET" && request.method != "HEAD") {
        HttpResponse response = HttpResponse::error(405, QStringLiteral("only GET and HEAD"));
        response.headers.emplaceBack("Allow", "GET, HEAD");
        return response;
    }
    const qsizetype query = request.target.indexOf('?');
    return fetch(name, rest, query < 0 ? QByteArray() : request.target.mid(query));
}

// The host's answer as it gave it (status, type, body), bounded in size and time; a host that does
// not answer is the hub's 502 or 504, naming it.
QFuture<HttpResponse> HostRelay::fetch(const QString &name, const QByteArray &rest,
                                       const QByteArray &query)
{
    QUrl url = RemoteHost::socketUrl(m_fleet->host(name)->url());
    url.setScheme(url.scheme() == u"wss" ? QStringLiteral("https") : QStringLiteral("http"));
    url.setPath(QString::fromLatin1(rest));
    url.setQuery(QString::fromLatin1(query.mid(1)), QUrl::StrictMode);
    QNetworkRequest request(url);
    request.setTransferTimeout(TimeoutMs);
    if (!m_network)
        m_network = std::make_unique<QNetworkAccessManager>();
    QNetworkReply *reply = m_network->get(request);
    auto promise = std::make_shared<QPromise<HttpResponse>>();
    promise->start();
    connect(reply, &QNetworkReply::downloadProgress, reply, [reply](qint64 received, qint64) {
        if (received > MaxAnswerBytes)
            reply->abort();
    });
    connect(reply, &QNetworkReply::finished, this, [reply, promise, name] {
        reply->deleteLater();
        const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
        HttpResponse response;
        if (status.isValid() && reply->error() != QNetworkReply::OperationCanceledError) {
            response.status = status.toInt();
            response.contentType = reply->header(QNetworkRequest::ContentTypeHeader).toByteArray();
            response.body = reply->readAll();
        } else {
            const bool late = reply->error() == QNetworkReply::OperationCanceledError ||
                              reply->error() == QNetworkReply::TimeoutError;
            response = HttpResponse::error(
                late ? 504 : 502,
                QStringLiteral("%1 did not answer: %2").arg(name, reply->errorString()));
        }
        promise->addResult(response);
        promise->finish();
    });
    return promise->future();
}

std::optional<HttpResponse> HostRelay::checkUpgrade(const HttpRequest &request) const
{
    QString name;
    QByteArray rest;
    if (!splitPath(request.path, &name, &rest) || rest != "/ws")
        return HttpResponse::error(404, QStringLiteral("a fleet host's stream is at "
                                                       "/hosts/<name>/ws"));
    if (!m_fleet || !m_fleet->host(name))
        return notInFleet(name);
    return std::nullopt;
}

void HostRelay::adopt(const HttpRequest &request, QTcpSocket *socket, bool admin,
                      const QByteArray &alreadyReceived)
{
    if (!m_clients) {
        m_clients = std::make_unique<ClientManager>(m_stats);
        connect(m_clients.get(), &ClientManager::textReceived, this, &HostRelay::fromClient);
    }
    QString name;
    QByteArray rest;
    splitPath(request.path, &name, &rest);
    const RemoteHost *host = m_fleet->host(name);
    auto *link = new Link;
    link->name = name;
    link->token = host->token();
    link->client = m_clients->adopt(
        socket, admin ? ClientConnection::Role::Admin : ClientConnection::Role::Viewer,
        alreadyReceived);
    m_links.insert(link->client, link);
    link->upstream->setMaxAllowedIncomingMessageSize(RemoteHost::MaxMessageBytes);
    link->upstream->setMaxAllowedIncomingFrameSize(RemoteHost::MaxMessageBytes);
    connect(link->client, &ClientConnection::disconnected, this, &HostRelay::drop);
    connect(link->upstream, &QWebSocket::connected, this, [this, link] {
        link->open = true;
        if (link->client->role() == ClientConnection::Role::Admin)
            sendAuth(link);
        for (const QByteArray &message : std::exchange(link->waiting, {}))
            link->upstream->sendTextMessage(QString::fromUtf8(message));
    });
    connect(link->upstream, &QWebSocket::textMessageReceived, this,
            [this, link](const QString &text) { fromHost(link, text); });
    // The page's own reconnect (its back-off) is the retry: a new stream, a new relay.
    const auto lost = [link] {
        const QString reason = link->upstream->closeReason().isEmpty()
                                   ? link->upstream->errorString()
                                   : link->upstream->closeReason();
        link->client->close(WebSocketFrame::GoingAway,
                            QStringLiteral("%1: %2").arg(link->name, reason).left(120));
    };
    connect(link->upstream, &QWebSocket::disconnected, this, lost);
    connect(link->upstream, QOverload<QAbstractSocket::SocketError>::of(&QWebSocket::error), this,
            lost);
    link->upstream->open(RemoteHost::socketUrl(host->url()));
}

// `auth` is the hub's to answer; everything else is the host's.
void HostRelay::fromClient(ClientConnection *client, const QByteArray &message)
{
    Link *link = m_links.value(client);
    if (!link)
        return;
    const QJsonObject object = QJsonDocument::fromJson(message).object();
    if (object.value(QStringLiteral("type")).toString() == u"auth") {
        if (link->token.isEmpty())
            return m_router->sendError(client, QStringLiteral("forbidden"),
                                       QStringLiteral("the hub holds no admin token for %1: its "
                                                      "pages are read-only through the hub")
                                           .arg(link->name),
                                       object.value(QStringLiteral("id")));
        m_router->dispatch(client, message);
        if (client->role() == ClientConnection::Role::Admin && link->open)
            sendAuth(link);
        return;
    }
    if (!m_router->admit(client))
        return;
    if (link->open) {
        link->upstream->sendTextMessage(QString::fromUtf8(message));
        return;
    }
    if (link->waiting.size() >= MaxWaiting)
        return client->close(WebSocketFrame::PolicyViolation,
                             QStringLiteral("%1 is not connected yet").arg(link->name));
    link->waiting.append(message);
}

// Samples go latest-wins, as the hub's own do; the answer to the hub's own auth stays here.
void HostRelay::fromHost(Link *link, const QString &text)
{
    const QJsonObject object = QJsonDocument::fromJson(text.toUtf8()).object();
    const QString type = object.value(QStringLiteral("type")).toString();
    if (object.value(QStringLiteral("id")).toString() == RelayAuthId) {
        if (type == u"error")
            m_router->sendError(
                link->client, QStringLiteral("unauthorized"),
                QStringLiteral("%1 refused the hub's token for it").arg(link->name));
        return;
    }
    if (type == u"sample")
        return link->client->sendSample(
            WebSocketFrame::encode(WebSocketFrame::Text, text.toUtf8()));
    link->client->sendText(text.toUtf8());
}

void HostRelay::sendAuth(Link *link)
{
    if (link->authSent || link->token.isEmpty())
        return;
    link->authSent = true;
    const QJsonObject auth{{QStringLiteral("type"), QStringLiteral("auth")},
                           {QStringLiteral("token"), link->token},
                           {QStringLiteral("id"), RelayAuthId}};
    link->upstream->sendTextMessage(
        QString::fromUtf8(QJsonDocument(auth).toJson(QJsonDocument::Compact)));
}

void HostRelay::drop(ClientConnection *client)
{
    Link *link = m_links.take(client);
    if (!link)
        return;
    link->upstream->disconnect(this);
    link->upstream->abort();
    link->upstream->deleteLater();
    delete link;
}

void HostRelay::closeAll()
{
    if (m_clients)
        m_clients->closeAll(WebSocketFrame::GoingAway, QStringLiteral("server stopping"));
}
