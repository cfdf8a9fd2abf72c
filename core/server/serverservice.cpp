#include "serverservice.h"

#include "alerts/alertservice.h"
#include "logging.h"
#include "protocol/protocolmessages.h"
#include "server/clientmanager.h"
#include "server/httpapi.h"
#include "server/messagerouter.h"
#include "server/socketwriter.h"
#include "server/websockethandshake.h"
#include "services/metricsservice.h"
#include "services/systemservice.h"
#include "settings/settings.h"

#include <QFile>
#include <QSslKey>
#include <QSslServer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

namespace {

constexpr int RefusalGraceMs = 2000;

// Keys a web admin may not change: they decide who can reach this machine at all, so they
// change only from the desktop window or the settings file.
const QStringList localOnlyKeys = {
    QStringLiteral("server/bind"),   QStringLiteral("server/port"),
    QStringLiteral("server/token"),  QStringLiteral("server/tlsCert"),
    QStringLiteral("server/tlsKey"),
};

// Keys whose change needs a new listening socket.
const QStringList listenerKeys = localOnlyKeys;

std::optional<QSslConfiguration> loadTls(const QString &certPath, const QString &keyPath,
                                         QString *error)
{
    QFile certFile(certPath), keyFile(keyPath);
    if (!certFile.open(QIODevice::ReadOnly) || !keyFile.open(QIODevice::ReadOnly)) {
        *error =
            QStringLiteral("cannot read the TLS certificate %1 or key %2").arg(certPath, keyPath);
        return std::nullopt;
    }
    const QSslCertificate certificate(&certFile, QSsl::Pem);
    const QByteArray keyBytes = keyFile.readAll();
    QSslKey key(keyBytes, QSsl::Rsa, QSsl::Pem);
    if (key.isNull())
        key = QSslKey(keyBytes, QSsl::Ec, QSsl::Pem);
    if (certificate.isNull() || key.isNull()) {
        *error = QStringLiteral("%1 or %2 is not a PEM certificate and key").arg(certPath, keyPath);
        return std::nullopt;
    }
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setLocalCertificate(certificate);
    configuration.setPrivateKey(key);
    configuration.setPeerVerifyMode(QSslSocket::VerifyNone);
    return configuration;
}

} // namespace

ServerService::ServerService(Settings *settings, MetricsService *metrics, SystemService *system,
                             QObject *parent)
    : Service(QStringLiteral("server"), parent)
    , m_settings(settings)
    , m_metrics(metrics)
    , m_system(system)
    , m_clients(std::make_unique<ClientManager>(&m_stats))
    , m_router(std::make_unique<MessageRouter>(&m_stats))
{
    registerRoutes();
    connect(m_clients.get(), &ClientManager::textReceived, m_router.get(),
            &MessageRouter::dispatch);
    connect(m_metrics, &MetricsService::snapshotReady, this, &ServerService::publish);
    connect(m_settings, &Settings::changed, this, &ServerService::onSettingsChanged);
    m_api = std::make_unique<HttpApi>(HttpApi::Sources{m_metrics, m_system, m_settings, {}});
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
    m_api = std::make_unique<HttpApi>(HttpApi::Sources{m_metrics, m_system, m_settings, m_alerts});
    connect(m_alerts, &AlertService::alertChanged, this, [this](const Alert &alert) {
        m_clients->broadcastText(ProtocolMessages::alert(alert));
    });
}

QUrl ServerService::url() const
{
    QUrl url;
    url.setScheme(qobject_cast<QSslServer *>(m_listener.get()) ? QStringLiteral("https")
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
        const auto tls = loadTls(cert, key, &m_error);
        if (!tls)
            return false;
        auto server = std::make_unique<QSslServer>();
        server->setSslConfiguration(*tls);
        server->setHandshakeTimeout(m_limits.headTimeoutMs);
        m_listener = std::move(server);
    } else {
        m_listener = std::make_unique<QTcpServer>();
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
    // A TLS connection becomes pending only after its handshake, which QSslServer reports with
    // pendingConnectionAvailable rather than newConnection.
    connect(m_listener.get(), &QTcpServer::pendingConnectionAvailable, this,
            &ServerService::acceptConnections);
    m_guard = std::make_unique<RequestGuard>(RequestGuard::Policy{
        bind, m_listener->serverPort(), bool(qobject_cast<QSslServer *>(m_listener.get())),
        m_settings->allowedOrigins(), m_settings->token()});
    return true;
}

void ServerService::doShutdown()
{
    m_clients->closeAll(WebSocketFrame::GoingAway, QStringLiteral("server stopping"));
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
        connect(connection, &HttpConnection::finished, connection, &QObject::deleteLater);
    }
}

// The caps hold before a single byte is read: a flood of connections costs one write each.
bool ServerService::admit(QTcpSocket *socket)
{
    if (m_openConnections >= m_settings->maxConnections() + HttpSlack) {
        refuse(socket, HttpResponse::error(503, QStringLiteral("too many connections")));
        return false;
    }
    const QHostAddress address = socket->peerAddress();
    if (!address.isLoopback() && m_perAddress.value(address) >= m_settings->maxPerAddress()) {
        refuse(socket,
               HttpResponse::error(
                   429, QStringLiteral("too many connections from %1").arg(address.toString())));
        return false;
    }
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

HttpResponse ServerService::respond(const HttpRequest &request)
{
    if (auto refusal = m_guard ? m_guard->checkHost(request) : std::nullopt) {
        ++m_stats.rejected;
        return *refusal;
    }
    return m_api->respond(request);
}

std::optional<HttpResponse> ServerService::upgrade(const HttpRequest &request, QTcpSocket *socket,
                                                   const QByteArray &alreadyReceived)
{
    if (request.path != "/ws")
        return HttpResponse::error(404, QStringLiteral("WebSocket is served at /ws"));
    if (auto invalid = WebSocketHandshake::validate(request))
        return invalid;
    std::optional<HttpResponse> refusal = m_guard->checkHost(request);
    if (!refusal)
        refusal = m_guard->checkOrigin(request);
    const QString token = request.query.queryItemValue(QStringLiteral("token"), QUrl::FullyDecoded);
    if (!refusal && !token.isEmpty() && !m_guard->tokenMatches(token.toUtf8()))
        refusal = HttpResponse::error(401, QStringLiteral("wrong token"));
    if (!refusal && m_clients->count() >= m_settings->maxConnections()) {
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
    const auto role =
        token.isEmpty() ? ClientConnection::Role::Viewer : ClientConnection::Role::Admin;
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
    client->sendText(ProtocolMessages::hello(hello));
    client->sendText(historyMessage());
    if (m_alerts) {
        for (const Alert &alert : m_alerts->active())
            client->sendText(ProtocolMessages::alert(alert));
    }
    if (!m_latestSampleFrame.isEmpty())
        client->sendSample(m_latestSampleFrame);
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
    if (!isRunning())
        return;
    m_latestSampleFrame =
        WebSocketFrame::encode(WebSocketFrame::Text, ProtocolMessages::sample(snapshot));
    ++m_serializations;
    m_clients->broadcastSample(m_latestSampleFrame);
}

void ServerService::collect(Snapshot &snapshot, qint64)
{
    SelfHealth &self = snapshot.self;
    self.clients = m_clients->count();
    self.messagesSent = m_stats.messagesSent;
    self.bytesSent = m_stats.bytesSent;
    self.dropped = m_stats.dropped;
    self.rejected = m_stats.rejected;
    self.slowClosed = m_stats.slowClosed;
    self.errors = m_stats.errors;
}

void ServerService::registerRoutes()
{
    using Role = ClientConnection::Role;
    m_router->addRoute(QStringLiteral("ping"), Role::Viewer,
                       [](ClientConnection *client, const QJsonObject &message) {
                           client->sendText(
                               ProtocolMessages::pong(message.value(QStringLiteral("id"))));
                       });
    m_router->addRoute(QStringLiteral("auth"), Role::Viewer,
                       [this](ClientConnection *c, const QJsonObject &m) { authenticate(c, m); });
    m_router->addRoute(QStringLiteral("setSettings"), Role::Admin,
                       [this](ClientConnection *c, const QJsonObject &m) { changeSettings(c, m); });
    m_router->addRoute(
        QStringLiteral("acknowledge"), Role::Admin,
        [this](ClientConnection *c, const QJsonObject &m) { acknowledgeAlert(c, m); });
}

void ServerService::authenticate(ClientConnection *client, const QJsonObject &message)
{
    const QJsonValue id = message.value(QStringLiteral("id"));
    const QString token = message.value(QStringLiteral("token")).toString();
    if (!m_guard->tokenMatches(token.toUtf8())) {
        ++m_stats.rejected;
        return m_router->sendError(client, QStringLiteral("unauthorized"),
                                   m_guard->hasToken()
                                       ? QStringLiteral("wrong token")
                                       : QStringLiteral("this server has no token: settings "
                                                        "change only on the machine itself"),
                                   id);
    }
    client->setRole(ClientConnection::Role::Admin);
    client->sendText(ProtocolMessages::authResult(true, id));
}

void ServerService::changeSettings(ClientConnection *client, const QJsonObject &message)
{
    const QJsonValue id = message.value(QStringLiteral("id"));
    const QJsonValue settings = message.value(QStringLiteral("settings"));
    if (!settings.isObject() || settings.toObject().isEmpty())
        return m_router->sendError(client, QStringLiteral("bad_request"),
                                   QStringLiteral("setSettings needs a non-empty \"settings\" "
                                                  "object of key: value"),
                                   id);
    const QVariantMap changes = settings.toObject().toVariantMap();
    for (const QString &key : localOnlyKeys) {
        if (changes.contains(key))
            return m_router->sendError(client, QStringLiteral("bad_request"),
                                       QStringLiteral("%1 changes only on the machine itself "
                                                      "(desktop window or settings file)")
                                           .arg(key),
                                       id);
    }
    const QStringList errors = m_settings->apply(changes);
    if (!errors.isEmpty())
        return m_router->sendError(client, QStringLiteral("bad_request"), errors.join(u"; "), id);
    client->sendText(ProtocolMessages::result(id));
}

void ServerService::acknowledgeAlert(ClientConnection *client, const QJsonObject &message)
{
    const QJsonValue id = message.value(QStringLiteral("id"));
    const QString alert = message.value(QStringLiteral("alert")).toString();
    if (!m_alerts || !m_alerts->acknowledge(alert))
        return m_router->sendError(
            client, QStringLiteral("bad_request"),
            QStringLiteral("no firing alert \"%1\" to acknowledge").arg(alert), id);
    client->sendText(ProtocolMessages::result(id));
}

void ServerService::onSettingsChanged(const QStringList &keys)
{
    m_clients->broadcastText(ProtocolMessages::settings(m_settings->toMap()));
    const bool relisten = std::any_of(keys.begin(), keys.end(),
                                      [](const QString &k) { return listenerKeys.contains(k); });
    if (relisten && isRunning())
        QTimer::singleShot(0, this, &ServerService::restart);
    else if (keys.contains(QStringLiteral("server/allowedOrigins")) && m_guard && m_listener)
        m_guard = std::make_unique<RequestGuard>(
            RequestGuard::Policy{QHostAddress(m_settings->bind()), m_listener->serverPort(),
                                 bool(qobject_cast<QSslServer *>(m_listener.get())),
                                 m_settings->allowedOrigins(), m_settings->token()});
}

void ServerService::restart()
{
    qCInfo(lcServer) << "restarting on new server settings";
    shutdown();
    if (!initialize())
        qCWarning(lcServer).noquote() << m_error;
}
