#include "serverservice.h"

#include "alerts/alertservice.h"
#include "history/memoryrangesource.h"
#include "logging.h"
#include "protocol/protocolmessages.h"
#include "server/clientmanager.h"
#include "server/historyqueries.h"
#include "server/httpapi.h"
#include "server/messagerouter.h"
#include "server/socketwriter.h"
#include "server/tcplistener.h"
#include "server/tlsconfiguration.h"
#include "server/websockethandshake.h"
#include "services/metricsservice.h"
#include "services/systemservice.h"
#include "settings/settings.h"

#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

namespace {

constexpr int RefusalGraceMs = 2000;

// Keys whose change needs a new listening socket.
const QStringList listenerKeys = {
    QStringLiteral("server/bind"),   QStringLiteral("server/port"),
    QStringLiteral("server/token"),  QStringLiteral("server/tlsCert"),
    QStringLiteral("server/tlsKey"),
};

// Keys that change only whom the running listener answers to.
const QStringList guardKeys = {
    QStringLiteral("server/allowedOrigins"),
    QStringLiteral("server/publicNames"),
};

} // namespace

ServerService::ServerService(Settings *settings, MetricsService *metrics, SystemService *system,
                             QObject *parent)
    : Service(QStringLiteral("server"), parent)
    , m_settings(settings)
    , m_metrics(metrics)
    , m_system(system)
    , m_clients(std::make_unique<ClientManager>(&m_stats))
    , m_router(std::make_unique<MessageRouter>(&m_stats))
    , m_relay(std::make_unique<HostRelay>(&m_stats, m_router.get()))
    , m_memoryRange(std::make_unique<MemoryRangeSource>(
          &metrics->history(), [metrics] { return metrics->intervalMs(); }))
    , m_queries(std::make_unique<HistoryQueries>(m_memoryRange.get(), &m_catalog))
    , m_commands(settings, &m_tokens, &m_stats)
    , m_notifyCommands(settings, m_clients.get())
    , m_processCommands(settings, m_clients.get(), &m_processControl)
    , m_sample(metrics)
{
    m_commands.setHistory(m_queries.get());
    m_commands.registerIn(m_router.get());
    m_notifyCommands.registerIn(m_router.get());
    m_processCommands.registerIn(m_router.get());
    connect(m_clients.get(), &ClientManager::textReceived, m_router.get(),
            &MessageRouter::dispatch);
    connect(m_metrics, &MetricsService::snapshotReady, this, &ServerService::publish);
    m_commands.processes()->setWatcher(m_metrics->processes());
    connect(m_settings, &Settings::changed, this, &ServerService::onSettingsChanged);
    m_api = std::make_unique<HttpApi>(apiSources());
}

ServerService::~ServerService()
{
    shutdown();
    // Sockets report their end to m_perAddress: let them go while it still exists.
    m_clients.reset();
    qDeleteAll(findChildren<HttpConnection *>(Qt::FindDirectChildrenOnly));
}

void ServerService::setLimits(const Limits &limits)
{
    m_limits = limits;
    m_clients->setLimits(limits.clients);
}

void ServerService::setAlerts(AlertService *alerts)
{
    m_alerts = alerts;
    m_commands.setAlerts(alerts);
    m_api = std::make_unique<HttpApi>(apiSources());
    connect(m_alerts, &AlertService::alertChanged, this, [this](const Alert &alert) {
        m_clients->broadcastText(ProtocolMessages::alert(alert));
    });
}

void ServerService::setFleet(FleetService *fleet)
{
    m_commands.setFleet(fleet);
    m_relay->setFleet(fleet);
    m_fleet = fleet;
    m_api = std::make_unique<HttpApi>(apiSources());
}

HttpApi::Sources ServerService::apiSources()
{
    return {m_metrics,  m_system, m_settings, m_alerts, m_queries.get(),
            &m_catalog, m_fleet,  &m_sample,  &m_assets};
}

void ServerService::setHistoryRangeSource(const HistoryRangeSource *source)
{
    m_queries->setSource(source ? source : m_memoryRange.get());
}

const HistoryRangeSource *ServerService::historyRangeSource() const
{
    return m_queries->source();
}

QUrl ServerService::url() const
{
    QUrl url;
    url.setScheme(m_listener && m_listener->isTls() ? QStringLiteral("https")
                                                    : QStringLiteral("http"));
    url.setHost(m_settings->bind());
    url.setPort(m_listener ? m_listener->serverPort() : m_settings->port());
    url.setPath(QStringLiteral("/"));
    return url;
}

QString ServerService::exposureError(const Settings &settings)
{
    if (QHostAddress(settings.bind()).isLoopback() || !settings.token().isEmpty())
        return {};
    return QStringLiteral("refusing to serve on %1 without a token: anyone who can reach it could "
                          "watch this machine. Set one with --token TOKEN or server/token in %2 "
                          "(16 or more characters, for example from: head -c 18 /dev/urandom | "
                          "base64), or bind to 127.0.0.1")
        .arg(settings.bind(), settings.filePath());
}

bool ServerService::doInitialize()
{
    m_error = exposureError(*m_settings);
    if (!m_error.isEmpty() || !listen())
        return false;
    qCInfo(lcServer) << "listening on" << url().toString();
    emit listening(url());
    return true;
}

bool ServerService::listen()
{
    const QString cert = m_settings->value(QStringLiteral("server/tlsCert")).toString();
    const QString key = m_settings->value(QStringLiteral("server/tlsKey")).toString();
    if (!cert.isEmpty() || !key.isEmpty()) {
        const auto tls = TlsConfiguration::load(cert, key, &m_error);
        if (!tls)
            return false;
        m_listener = std::make_unique<TcpListener>(*tls);
    } else {
        m_listener = std::make_unique<TcpListener>();
    }
    const QHostAddress bind(m_settings->bind());
    if (!m_listener->listen(bind, quint16(m_settings->port()))) {
        m_error = QStringLiteral("cannot listen on %1 port %2: %3")
                      .arg(m_settings->bind())
                      .arg(m_settings->port())
                      .arg(m_listener->errorString());
        m_listener.reset();
        return false;
    }
    connect(m_listener.get(), &QTcpServer::pendingConnectionAvailable, this,
            &ServerService::acceptConnections);
    rebuildGuard();
    return true;
}

void ServerService::rebuildGuard()
{
    m_guard = std::make_unique<RequestGuard>(RequestGuard::Policy{
        QHostAddress(m_settings->bind()), m_listener->serverPort(), m_listener->isTls(),
        m_settings->allowedOrigins(), m_settings->publicNames(), m_settings->token()});
    m_tokens.setGuard(m_guard.get());
}

void ServerService::doShutdown()
{
    m_clients->closeAll(WebSocketFrame::GoingAway, QStringLiteral("server stopping"));
    m_relay->closeAll();
    if (m_listener)
        m_listener->close();
    m_listener.reset();
}

void ServerService::acceptConnections()
{
    while (m_listener && m_listener->hasPendingConnections()) {
        QTcpSocket *socket = m_listener->nextPendingConnection();
        if (!admit(socket))
            continue;
        const QHostAddress address = socket->peerAddress();
        ++m_openConnections;
        ++m_perAddress[address];
        connect(socket, &QObject::destroyed, this, [this, address] {
            --m_openConnections;
            if (--m_perAddress[address] <= 0)
                m_perAddress.remove(address);
        });
        auto *connection = new HttpConnection(socket, this, &m_stats, m_limits.headTimeoutMs, this);
        connect(connection, &HttpConnection::finished, this, [this](HttpConnection *finished) {
            m_httpConnections.removeOne(finished);
            finished->deleteLater();
        });
        m_httpConnections.append(connection);
    }
}

// The caps hold before a single byte is read: a flood of connections costs one write each.
// When every slot is taken, the oldest connection that has not sent a whole request yet makes
// room: idle or trickling sockets cannot lock out a real client (or a /healthz probe), and
// loopback, exempt from the per-address cap, is not exempt from this.
bool ServerService::admit(QTcpSocket *socket)
{
    const QHostAddress address = socket->peerAddress();
    if (!address.isLoopback() && m_perAddress.value(address) >= m_settings->maxPerAddress()) {
        refuse(socket,
               HttpResponse::error(
                   429, QStringLiteral("too many connections from %1").arg(address.toString())));
        return false;
    }
    if (m_openConnections >= m_settings->maxConnections() + HttpSlack && !evictOldestIdle()) {
        refuse(socket, HttpResponse::error(503, QStringLiteral("too many connections")));
        return false;
    }
    return true;
}

bool ServerService::evictOldestIdle()
{
    const auto oldest = std::find_if(
        m_httpConnections.cbegin(), m_httpConnections.cend(),
        [](const QPointer<HttpConnection> &c) { return c && c->awaitingFirstRequest(); });
    if (oldest == m_httpConnections.cend())
        return false;
    ++m_stats.rejected;
    // Evicting finishes it, which takes it off the list: no iterator may be held by then. Its
    // slot is counted free when its socket is gone.
    const QPointer<HttpConnection> victim = *oldest;
    victim->evict();
    return true;
}

void ServerService::refuse(QTcpSocket *socket, const HttpResponse &response)
{
    ++m_stats.rejected;
    socket->write(response.serialize(false));
    socket->disconnectFromHost();
    connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    QTimer::singleShot(RefusalGraceMs, socket, [socket] { socket->abort(); });
}

HttpReply ServerService::respond(const HttpRequest &request)
{
    if (auto refusal = m_guard ? m_guard->checkHost(request) : std::nullopt) {
        ++m_stats.rejected;
        return *refusal;
    }
    if (HostRelay::isRelayed(request.path))
        return m_relay->respond(request, *m_api);
    return m_api->respond(request);
}

std::optional<HttpResponse> ServerService::upgrade(const HttpRequest &request, QTcpSocket *socket,
                                                   const QByteArray &alreadyReceived)
{
    const bool relayed = HostRelay::isRelayed(request.path);
    if (request.path != "/ws" && !relayed)
        return HttpResponse::error(404, QStringLiteral("WebSocket is served at /ws"));
    if (auto invalid = WebSocketHandshake::validate(request))
        return invalid;
    std::optional<HttpResponse> refusal = m_guard->checkHost(request);
    if (!refusal)
        refusal = m_guard->checkOrigin(request);
    bool admin = false;
    if (!refusal)
        refusal = checkUrlToken(request, socket, &admin);
    if (!refusal && relayed)
        refusal = m_relay->checkUpgrade(request);
    if (!refusal && m_clients->count() + m_relay->count() >= m_settings->maxConnections()) {
        refusal = HttpResponse::error(503, QStringLiteral("the server has its maximum of %1 "
                                                          "clients; try again later")
                                               .arg(m_settings->maxConnections()));
        refusal->headers.emplaceBack("Retry-After", "5");
    }
    if (refusal) {
        ++m_stats.rejected;
        return refusal;
    }
    SocketWriter::write(socket, WebSocketHandshake::switchingProtocols(request));
    if (relayed) {
        m_relay->adopt(request, socket, admin, alreadyReceived);
        return std::nullopt;
    }
    const auto role = admin ? ClientConnection::Role::Admin : ClientConnection::Role::Viewer;
    greet(m_clients->adopt(socket, role, alreadyReceived));
    return std::nullopt;
}

// hello, then history so charts fill at once, then the active alerts, then the stream — which
// starts with the latest sample rather than making the page wait up to one interval.
void ServerService::greet(ClientConnection *client)
{
    ProtocolMessages::Hello hello;
    hello.host = m_system->host();
    hello.intervalMs = m_metrics->intervalMs();
    hello.historySeconds = m_settings->historySeconds();
    hello.settings = m_settings->toMap();
    hello.admin = client->role() == ClientConnection::Role::Admin;
    hello.tokenSet = m_guard->hasToken();
    hello.series = m_catalog.series();
    client->sendText(ProtocolMessages::hello(hello));
    client->sendText(historyMessage());
    if (m_alerts) {
        for (const Alert &alert : m_alerts->active())
            client->sendText(ProtocolMessages::alert(alert));
    }
    const QByteArray &sample = m_sample.frame();
    if (!sample.isEmpty())
        client->sendSample(sample);
}

// Hundreds of clients reconnecting at once (a server restart) all want the same few hundred
// kilobytes: serialize them once per tick.
const QByteArray &ServerService::historyMessage()
{
    const quint64 seq = m_metrics->latest().seq;
    if (m_historyMessage.isEmpty() || m_historySeq != seq) {
        const History &history = m_metrics->history();
        const qint64 since = history.latestTs() - qint64(HistoryOnConnectSeconds) * 1000;
        m_historyMessage = ProtocolMessages::history(history.window(history.seriesNames(), since),
                                                     HistoryOnConnectSeconds, seq);
        m_historySeq = seq;
    }
    return m_historyMessage;
}

void ServerService::publish(const Snapshot &snapshot)
{
    updateCatalog(snapshot);
    if (!isRunning())
        return;
    // Serialized only for someone: with no client the tick ends here.
    if (m_clients->count() > 0)
        m_clients->broadcastSample(m_sample.frame());
}

void ServerService::updateCatalog(const Snapshot &snapshot)
{
    if (!m_catalog.update(m_metrics->history().seriesNames(), snapshot))
        return;
    if (isRunning())
        m_clients->broadcastText(ProtocolMessages::catalog(m_catalog.series()));
    emit catalogChanged();
}

// A `?token=` on the upgrade makes the client an admin; a wrong one, or any from an address
// banned for guessing, refuses the upgrade.
std::optional<HttpResponse> ServerService::checkUrlToken(const HttpRequest &request,
                                                         QTcpSocket *socket, bool *admin)
{
    const QString token = request.query.queryItemValue(QStringLiteral("token"), QUrl::FullyDecoded);
    if (token.isEmpty())
        return std::nullopt;
    const TokenGate::Result result = m_tokens.check(socket->peerAddress(), token.toUtf8());
    if (result.verdict == TokenGate::Verdict::Accepted) {
        *admin = true;
        return std::nullopt;
    }
    if (result.verdict != TokenGate::Verdict::Banned)
        return HttpResponse::error(401, QStringLiteral("wrong token"));
    HttpResponse refusal = HttpResponse::error(
        429, QStringLiteral("too many wrong tokens from this address; try again later"));
    refusal.headers.emplaceBack("Retry-After",
                                QByteArray::number((result.retryAfterMs + 999) / 1000));
    return refusal;
}

void ServerService::onSettingsChanged(const QStringList &keys)
{
    m_clients->broadcastText(ProtocolMessages::settings(m_settings->toMap()));
    const bool relisten = std::any_of(keys.begin(), keys.end(),
                                      [](const QString &k) { return listenerKeys.contains(k); });
    const bool reguard = std::any_of(keys.begin(), keys.end(),
                                     [](const QString &k) { return guardKeys.contains(k); });
    if (relisten && isRunning())
        QTimer::singleShot(0, this, &ServerService::restart);
    else if (reguard && m_listener)
        rebuildGuard();
}

void ServerService::restart()
{
    qCInfo(lcServer) << "restarting on new server settings";
    shutdown();
    if (!initialize())
        qCWarning(lcServer).noquote() << m_error;
}
