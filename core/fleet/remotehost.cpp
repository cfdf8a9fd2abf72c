#include "fleet/remotehost.h"

#include "fleet/backoff.h"
#include "fleet/prometheusfleet.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>

#include <limits>

namespace {

const QString AuthId = QStringLiteral("fleet-auth");
const QString AckPrefix = QStringLiteral("fleet-ack-");

double numberOr(const QJsonValue &value, double fallback)
{
    return value.isDouble() ? value.toDouble() : fallback;
}

// {"name","bps"} of the device of `rows` whose two rates add up to the most, or null.
QJsonValue busiest(const QJsonArray &rows, const QString &nameKey, const QString &first,
                   const QString &second)
{
    QJsonValue best;
    double most = -1;
    for (const QJsonValue &value : rows) {
        const QJsonObject row = value.toObject();
        const QJsonValue a = row.value(first), b = row.value(second);
        if (!a.isDouble() && !b.isDouble())
            continue;
        const double bps = numberOr(a, 0) + numberOr(b, 0);
        if (bps > most) {
            most = bps;
            best = QJsonObject{{QStringLiteral("name"), row.value(nameKey).toString()},
                               {QStringLiteral("bps"), bps}};
        }
    }
    return best;
}

double bpsOf(const QJsonValue &busiest)
{
    return numberOr(busiest.toObject().value(QStringLiteral("bps")),
                    std::numeric_limits<double>::quiet_NaN());
}

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
    m_socket.setMaxAllowedIncomingMessageSize(MaxMessageBytes);
    m_socket.setMaxAllowedIncomingFrameSize(MaxMessageBytes);
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
    const QString id = message.value(QStringLiteral("id")).toString();
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
        m_admin = message.value(QStringLiteral("role")).toString() == u"admin";
        setState(State::Up);
    } else if (type == u"error" && id == AuthId) {
        m_refused = true;
        lose(QStringLiteral("the host refused the token: ") +
             message.value(QStringLiteral("message")).toString());
    } else if ((type == u"result" || type == u"error") && id.startsWith(AckPrefix)) {
        answerAck(id, message);
    } else if (type == u"history") {
        m_series.addHistory(message);
    } else if (type == u"sample") {
        takeSample(message);
    } else if (type == u"alert") {
        // What was running when it fired is the host's page's to show: sent in every fleet
        // update it would be most of each message while the fleet is busy.
        QJsonObject alert = message;
        alert.remove(QStringLiteral("type"));
        alert.remove(QStringLiteral("top"));
        const QString alertId = alert.value(QStringLiteral("id")).toString();
        if (alert.value(QStringLiteral("state")).toString() == u"resolved")
            m_alerts.remove(alertId);
        else
            m_alerts.insert(alertId, alert);
    }
}

void RemoteHost::takeSample(const QJsonObject &sample)
{
    const QJsonValue cpu =
        sample.value(QStringLiteral("cpu")).toObject().value(QStringLiteral("total"));
    const QJsonValue mem =
        sample.value(QStringLiteral("mem")).toObject().value(QStringLiteral("percent"));
    const QJsonArray load = sample.value(QStringLiteral("load")).toArray();
    m_cpu = cpu.isDouble() ? std::optional(cpu.toDouble()) : std::nullopt;
    m_mem = mem.isDouble() ? std::optional(mem.toDouble()) : std::nullopt;
    m_load = load.size() == 3 ? QJsonValue(load) : QJsonValue();
    m_disk = busiest(sample.value(QStringLiteral("disks")).toArray(), QStringLiteral("device"),
                     QStringLiteral("readBps"), QStringLiteral("writeBps"));
    m_net = busiest(sample.value(QStringLiteral("net")).toArray(), QStringLiteral("iface"),
                    QStringLiteral("rxBps"), QStringLiteral("txBps"));
    constexpr double Gap = std::numeric_limits<double>::quiet_NaN();
    m_series.add({qint64(numberOr(sample.value(QStringLiteral("ts")), double(m_lastSeen))),
                  m_cpu.value_or(Gap), m_mem.value_or(Gap), bpsOf(m_disk), bpsOf(m_net),
                  numberOr(load.at(0), Gap)});
}

void RemoteHost::acknowledge(const QString &alertId, AckDone done)
{
    if (m_state != State::Up)
        return done(
            QStringLiteral("bad_request"),
            QStringLiteral("%1 is %2: try again when it is up").arg(m_name, stateName(m_state)));
    if (!m_admin)
        return done(QStringLiteral("forbidden"),
                    QStringLiteral("the hub holds no admin token for %1 "
                                   "(fleet/host/%1/token)")
                        .arg(m_name));
    const QString id = AckPrefix + QString::number(++m_ackSerial);
    const QJsonObject ack{{QStringLiteral("type"), QStringLiteral("acknowledge")},
                          {QStringLiteral("alert"), alertId},
                          {QStringLiteral("id"), id}};
    m_pendingAcks.insert(id, std::move(done));
    m_socket.sendTextMessage(QString::fromUtf8(QJsonDocument(ack).toJson(QJsonDocument::Compact)));
}

// The host's own refusal keeps its code; the message names the host, since the viewer asked the
// hub.
void RemoteHost::answerAck(const QString &id, const QJsonObject &message)
{
    const AckDone done = m_pendingAcks.take(id);
    if (!done)
        return;
    if (message.value(QStringLiteral("type")).toString() == u"result")
        return done({}, {});
    done(message.value(QStringLiteral("code")).toString(),
         m_name + u": " + message.value(QStringLiteral("message")).toString());
}

// Closed, failed, silent or refused: down, and tried again unless the token was refused. A
// socket reports one loss more than once (an error, then its close, also from the abort below):
// the first one counts, and its reason stays.
void RemoteHost::lose(const QString &reason)
{
    if (m_state == State::Down && (m_retry.isActive() || m_refused))
        return;
    m_silence.stop();
    m_admin = false;
    setState(State::Down, reason);
    const QMap<QString, AckDone> pending = std::exchange(m_pendingAcks, {});
    for (const AckDone &done : pending)
        done(QStringLiteral("bad_request"),
             QStringLiteral("%1 went down before it answered: %2").arg(m_name, reason));
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
        {QStringLiteral("source"), QStringLiteral("live")},
        {QStringLiteral("instance"), PrometheusFleet::instanceOf(m_url)},
        {QStringLiteral("admin"), m_admin},
        {QStringLiteral("cpu"), QJsonObject{{QStringLiteral("total"), orNull(m_cpu)}}},
        {QStringLiteral("mem"), QJsonObject{{QStringLiteral("percent"), orNull(m_mem)}}},
        {QStringLiteral("load"), m_load.isArray() ? m_load : QJsonValue(QJsonValue::Null)},
        {QStringLiteral("disk"), m_disk.isObject() ? m_disk : QJsonValue(QJsonValue::Null)},
        {QStringLiteral("net"), m_net.isObject() ? m_net : QJsonValue(QJsonValue::Null)},
        {QStringLiteral("alerts"), alerts},
    };
    if (m_state == State::Down)
        host.insert(QStringLiteral("reason"), m_reason);
    return host;
}
