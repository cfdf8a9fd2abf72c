#include "fleet/remotehost.h"

#include "fleet/backoff.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>

namespace {

const QString AuthId = QStringLiteral("fleet-auth");

QJsonValue orNull(const std::optional<double> &value)
{
    return value ? QJsonValue(*value) : QJsonValue(QJsonValue::Null);
}

} // namespace

RemoteHost::RemoteHost(const QString &name, const QString &url, const QString &token,
                       int downSeconds, QObject *parent)
    : QObject(parent)
    , m_name(name)
    , m_url(url)
    , m_token(token)
    , m_downSeconds(downSeconds)
{
    m_silence.setSingleShot(true);
    m_retry.setSingleShot(true);
    connect(&m_silence, &QTimer::timeout, this,
            [this] { lose(QStringLiteral("no message for %1 s").arg(m_downSeconds)); });
    connect(&m_retry, &QTimer::timeout, this, &RemoteHost::open);
    connect(&m_socket, &QWebSocket::connected, this, &RemoteHost::onConnected);
    connect(&m_socket, &QWebSocket::textMessageReceived, this, &RemoteHost::onMessage);
    connect(&m_socket, &QWebSocket::disconnected, this, [this] {
        const QString reason = m_socket.closeReason();
        lose(reason.isEmpty() ? QStringLiteral("connection closed") : reason);
    });
    connect(&m_socket, QOverload<QAbstractSocket::SocketError>::of(&QWebSocket::error), this,
            [this](QAbstractSocket::SocketError) { lose(m_socket.errorString()); });
}

RemoteHost::~RemoteHost()
{
    m_socket.disconnect(this);
    m_socket.abort();
}

QUrl RemoteHost::socketUrl(const QString &url)
{
    QUrl parsed(url.trimmed());
    if (parsed.scheme() == u"http" || parsed.scheme() == u"https") {
        parsed.setScheme(parsed.scheme() == u"http" ? QStringLiteral("ws") : QStringLiteral("wss"));
        parsed.setPath(QStringLiteral("/ws"));
    }
    return parsed;
}

QString RemoteHost::stateName(State state)
{
    switch (state) {
    case State::Connecting:
        return QStringLiteral("connecting");
    case State::Up:
        return QStringLiteral("up");
    case State::Down:
        return QStringLiteral("down");
    }
    return {};
}

// wss keeps Qt's default TLS configuration: the host's certificate is checked against the
// system's authorities and its name.
void RemoteHost::open()
{
    if (!m_trying)
        m_trying = QDateTime::currentMSecsSinceEpoch();
    if (m_state != State::Down)
        setState(State::Connecting);
    m_socket.abort();
    m_socket.open(socketUrl(m_url));
    m_silence.start(m_downSeconds * 1000);
}

void RemoteHost::setDownSeconds(int seconds)
{
    m_downSeconds = seconds;
    if (m_silence.isActive())
        m_silence.start(m_downSeconds * 1000);
}

double RemoteHost::silentSeconds(qint64 nowMs) const
{
    if (m_state != State::Down)
        return 0;
    const qint64 since = m_lastSeen ? m_lastSeen : m_trying;
    return since ? std::max<qint64>(0, nowMs - since) / 1000.0 : 0;
}

void RemoteHost::onConnected()
{
    if (!m_token.isEmpty()) {
        const QJsonObject auth{{QStringLiteral("type"), QStringLiteral("auth")},
                               {QStringLiteral("token"), m_token},
                               {QStringLiteral("id"), AuthId}};
        m_socket.sendTextMessage(
            QString::fromUtf8(QJsonDocument(auth).toJson(QJsonDocument::Compact)));
    }
}

// With a token the host is up once it accepted it; without, at its hello.
void RemoteHost::onMessage(const QString &text)
{
    const QJsonObject message = QJsonDocument::fromJson(text.toUtf8()).object();
    const QString type = message.value(QStringLiteral("type")).toString();
    m_lastSeen = QDateTime::currentMSecsSinceEpoch();
    m_silence.start(m_downSeconds * 1000);
    if (type == u"hello") {
        // The host sends its active alerts after hello: the old list is replaced by them.
        m_alerts.clear();
        if (m_token.isEmpty()) {
            m_attempt = 0;
            setState(State::Up);
        }
    } else if (type == u"auth") {
        m_attempt = 0;
        setState(State::Up);
    } else if (type == u"error" && message.value(QStringLiteral("id")).toString() == AuthId) {
        m_refused = true;
        lose(QStringLiteral("the host refused the token: ") +
             message.value(QStringLiteral("message")).toString());
    } else if (type == u"sample") {
        const QJsonValue cpu =
            message.value(QStringLiteral("cpu")).toObject().value(QStringLiteral("total"));
        const QJsonValue mem =
            message.value(QStringLiteral("mem")).toObject().value(QStringLiteral("percent"));
        m_cpu = cpu.isDouble() ? std::optional(cpu.toDouble()) : std::nullopt;
        m_mem = mem.isDouble() ? std::optional(mem.toDouble()) : std::nullopt;
    } else if (type == u"alert") {
        QJsonObject alert = message;
        alert.remove(QStringLiteral("type"));
        const QString id = alert.value(QStringLiteral("id")).toString();
        if (alert.value(QStringLiteral("state")).toString() == u"resolved")
            m_alerts.remove(id);
        else
            m_alerts.insert(id, alert);
    }
}

// Closed, failed, silent or refused: down, and tried again unless the token was refused. A
// socket reports one loss more than once (an error, then its close, also from the abort below):
// the first one counts, and its reason stays.
void RemoteHost::lose(const QString &reason)
{
    if (m_state == State::Down && (m_retry.isActive() || m_refused))
        return;
    m_silence.stop();
    setState(State::Down, reason);
    if (!m_refused)
        m_retry.start(
            Backoff::reconnectDelay(m_attempt++, QRandomGenerator::global()->generateDouble()));
    m_socket.abort();
}

void RemoteHost::setState(State state, const QString &reason)
{
    const bool changed = state != m_state || reason != m_reason;
    m_state = state;
    m_reason = reason;
    if (changed)
        emit stateChanged(state);
}

QJsonObject RemoteHost::toJson() const
{
    QJsonArray alerts;
    for (const QJsonObject &alert : m_alerts)
        alerts.append(alert);
    QJsonObject host{
        {QStringLiteral("name"), m_name},
        {QStringLiteral("url"), m_url},
        {QStringLiteral("state"), stateName(m_state)},
        {QStringLiteral("lastSeen"), m_lastSeen ? QJsonValue(double(m_lastSeen)) : QJsonValue()},
        {QStringLiteral("cpu"), QJsonObject{{QStringLiteral("total"), orNull(m_cpu)}}},
        {QStringLiteral("mem"), QJsonObject{{QStringLiteral("percent"), orNull(m_mem)}}},
        {QStringLiteral("alerts"), alerts},
    };
    if (m_state == State::Down)
        host.insert(QStringLiteral("reason"), m_reason);
    return host;
}
