#include "fleet/remotesource.h"

#include "fleet/backoff.h"
#include "protocol/snapshotreader.h"

#include <QJsonDocument>
#include <QRandomGenerator>

#include <algorithm>

namespace {

const QString AuthId = QStringLiteral("auth");

// The most ticks kept of a host, whatever its hello says: an hour at 1 Hz. The longer past is
// asked of the host when a span needs it.
constexpr qint64 MaxHistoryTicks = 3'600;
// A host names its series; these bound what a hostile or broken one can make this side keep
// (each series is a ring of MaxHistoryTicks values): far above any real machine's.
constexpr qsizetype MaxSeries = 4'096;
constexpr qsizetype MaxCores = 512;
constexpr qsizetype MaxDevices = 256; // disks, interfaces, sensors, fans, supplies, GPUs
constexpr qsizetype MaxCgroups = 512;

template<typename T>
void bound(QList<T> &list, qsizetype most)
{
    if (list.size() > most)
        list.resize(most);
}

void bound(Snapshot &snapshot)
{
    bound(snapshot.cpu.cores, MaxCores);
    bound(snapshot.cpu.coreMhz, MaxCores);
    bound(snapshot.disks, MaxDevices);
    bound(snapshot.net, MaxDevices);
    bound(snapshot.temps, MaxDevices);
    bound(snapshot.fans, MaxDevices);
    bound(snapshot.power, MaxDevices);
    bound(snapshot.gpus, MaxDevices);
    bound(snapshot.procs.top, MaxDevices);
    if (snapshot.cgroups)
        bound(*snapshot.cgroups, MaxCgroups);
}

double valueOrGap(const QJsonValue &value)
{
    return value.isDouble() ? value.toDouble() : qQNaN();
}

// The share of the last tick stalled, as the host's own collector computes it from the kernel's
// counter: the JSON carries the counter, not the rate.
void stallRate(PressureStall &now, const PressureStall &before, qint64 elapsedMs)
{
    if (elapsedMs > 0 && now.totalUs >= before.totalUs)
        now.rate = double(now.totalUs - before.totalUs) / (double(elapsedMs) * 1000.0) * 100.0;
}

void resourceRate(std::optional<PressureResource> &now,
                  const std::optional<PressureResource> &before, qint64 elapsedMs)
{
    if (!now || !before)
        return;
    stallRate(now->some, before->some, elapsedMs);
    if (now->full && before->full)
        stallRate(*now->full, *before->full, elapsedMs);
}

} // namespace

RemoteSource::RemoteSource(const QString &name, const QString &url, const QString &token,
                           int downSeconds, QObject *parent)
    : MetricsSource(QStringLiteral("remote ") + name, parent)
    , m_name(name)
    , m_url(url)
    , m_token(token)
    , m_downSeconds(std::max(1, downSeconds))
{
    m_socket.setMaxAllowedIncomingMessageSize(RemoteHost::MaxMessageBytes);
    m_socket.setMaxAllowedIncomingFrameSize(RemoteHost::MaxMessageBytes);
    m_silence.setSingleShot(true);
    m_retry.setSingleShot(true);
    connect(&m_silence, &QTimer::timeout, this,
            [this] { lose(QStringLiteral("no message for %1 s").arg(m_downSeconds)); });
    connect(&m_retry, &QTimer::timeout, this, &RemoteSource::open);
    connect(&m_socket, &QWebSocket::connected, this, &RemoteSource::onConnected);
    connect(&m_socket, &QWebSocket::textMessageReceived, this, &RemoteSource::onMessage);
    connect(&m_socket, &QWebSocket::disconnected, this, [this] {
        const QString reason = m_socket.closeReason();
        lose(reason.isEmpty() ? QStringLiteral("connection closed") : reason);
    });
    connect(&m_socket, QOverload<QAbstractSocket::SocketError>::of(&QWebSocket::error), this,
            [this](QAbstractSocket::SocketError) { lose(m_socket.errorString()); });
}

RemoteSource::~RemoteSource()
{
    shutdown();
}

bool RemoteSource::doInitialize()
{
    m_stopped = false;
    open();
    return true;
}

void RemoteSource::doShutdown()
{
    m_stopped = true;
    m_retry.stop();
    m_silence.stop();
    m_socket.disconnect(this);
    m_socket.abort();
    failPending(m_name + QStringLiteral(" is no longer followed"));
}

// wss keeps Qt's default TLS configuration: the certificate is checked against the system's
// authorities and the host's name.
void RemoteSource::open()
{
    if (m_state != State::Down)
        setState(State::Connecting, {});
    m_socket.abort();
    m_socket.open(RemoteHost::socketUrl(m_url));
    m_silence.start(m_downSeconds * 1000);
}

void RemoteSource::onConnected()
{
    if (!m_token.isEmpty() && !m_refused)
        send({{QStringLiteral("type"), QStringLiteral("auth")},
              {QStringLiteral("token"), m_token},
              {QStringLiteral("id"), AuthId}});
}

void RemoteSource::onMessage(const QString &text)
{
    const QJsonObject message = QJsonDocument::fromJson(text.toUtf8()).object();
    const QString type = message.value(QStringLiteral("type")).toString();
    const QString id = message.value(QStringLiteral("id")).toString();
    m_silence.start(m_downSeconds * 1000);
    if (type == u"sample") {
        takeSample(message);
    } else if (type == u"hello") {
        takeHello(message);
    } else if (type == u"history") {
        takeHistory(message);
    } else if (type == u"alert") {
        takeAlert(message);
    } else if (id.startsWith(RequestPrefix)) {
        answer(id, message);
    } else if (type == u"processes" && !message.contains(QStringLiteral("id"))) {
        takeProcesses(message);
    } else if (type == u"settings") {
        takeSettings(message.value(QStringLiteral("settings")).toObject());
    } else if (type == u"auth") {
        m_admin = message.value(QStringLiteral("role")).toString() == u"admin";
        emit connectionChanged();
    } else if (type == u"error" && id == AuthId) {
        m_refused = true;
        m_refusal = QStringLiteral("the host refused the token: ") +
                    message.value(QStringLiteral("message")).toString();
        emit connectionChanged();
    }
}

// Each connection starts over: the host may have restarted with another interval, other series
// and other alerts.
void RemoteSource::takeHello(const QJsonObject &hello)
{
    m_attempt = 0;
    m_host = SnapshotReader::host(hello.value(QStringLiteral("host")).toObject());
    m_intervalMs = std::clamp(hello.value(QStringLiteral("intervalMs")).toInt(1000), 50, 3'600'000);
    const qint64 seconds = std::max(60, hello.value(QStringLiteral("historySeconds")).toInt(3600));
    m_history = History(qsizetype(std::min(MaxHistoryTicks, seconds * 1000 / m_intervalMs)));
    m_latest = Snapshot{};
    m_lastSeq = 0;
    m_alerts.clear();
    takeSettings(hello.value(QStringLiteral("settings")).toObject());
    setState(State::Up, {});
    if (m_processesWatched)
        sendSubscription();
    fetchLog();
    emit restarted();
}

void RemoteSource::takeHistory(const QJsonObject &history)
{
    const QJsonArray ts = history.value(QStringLiteral("ts")).toArray();
    const QJsonObject series = history.value(QStringLiteral("series")).toObject();
    const QStringList names = series.keys().mid(0, MaxSeries);
    QList<QJsonArray> columns;
    for (const QString &name : names)
        columns.append(series.value(name).toArray());
    for (qsizetype i = 0; i < ts.size(); ++i) {
        QList<double> values;
        values.reserve(columns.size());
        for (const QJsonArray &column : std::as_const(columns))
            values.append(valueOrGap(column.at(i)));
        m_history.appendValues(qint64(ts.at(i).toDouble()), names, values);
    }
    m_lastSeq = quint64(std::max(0.0, history.value(QStringLiteral("seq")).toDouble()));
}

// A sample the history already holds (its seq is the history's last) is not appended twice.
void RemoteSource::takeSample(const QJsonObject &sample)
{
    Snapshot snapshot = SnapshotReader::snapshot(sample);
    bound(snapshot);
    if (snapshot.seq != 0 && snapshot.seq <= m_lastSeq && m_latest.seq != 0)
        return;
    if (m_latest.seq != 0 && snapshot.pressure && m_latest.pressure) {
        const qint64 elapsed = snapshot.ts - m_latest.ts;
        resourceRate(snapshot.pressure->cpu, m_latest.pressure->cpu, elapsed);
        resourceRate(snapshot.pressure->memory, m_latest.pressure->memory, elapsed);
        resourceRate(snapshot.pressure->io, m_latest.pressure->io, elapsed);
    }
    const bool inHistory = snapshot.seq != 0 && snapshot.seq <= m_lastSeq;
    m_lastSeq = std::max(m_lastSeq, snapshot.seq);
    m_latest = snapshot;
    if (!inHistory)
        m_history.append(m_latest);
    emit snapshotReady(m_latest);
}

void RemoteSource::takeAlert(const QJsonObject &message)
{
    const std::optional<Alert> alert = Alert::fromJson(message);
    if (!alert)
        return;
    if (alert->state == Alert::State::Resolved)
        m_alerts.remove(alert->id());
    else
        m_alerts.insert(alert->id(), *alert);
    emit alertChanged(*alert);
}

void RemoteSource::takeProcesses(const QJsonObject &message)
{
    const qint64 ts = qint64(message.value(QStringLiteral("ts")).toDouble());
    if (message.value(QStringLiteral("full")).toBool()) {
        emit processesReplaced(message.value(QStringLiteral("processes")).toArray(), ts);
        return;
    }
    emit processesChanged({message.value(QStringLiteral("added")).toArray(),
                           message.value(QStringLiteral("removed")).toArray(),
                           message.value(QStringLiteral("changed")).toArray()},
                          ts);
}

void RemoteSource::takeSettings(const QJsonObject &settings)
{
    m_settings = settings.toVariantMap();
    emit settingsChanged();
}

void RemoteSource::setProcessesWatched(bool watched)
{
    if (watched == m_processesWatched)
        return;
    m_processesWatched = watched;
    if (m_state == State::Up)
        sendSubscription();
}

void RemoteSource::sendSubscription()
{
    const QString type =
        m_processesWatched ? QStringLiteral("subscribe") : QStringLiteral("unsubscribe");
    request({{QStringLiteral("type"), type},
             {QStringLiteral("topics"), QJsonArray{QStringLiteral("processes")}}},
            [](const QJsonObject &) {});
}

void RemoteSource::send(const QJsonObject &message)
{
    m_socket.sendTextMessage(
        QString::fromUtf8(QJsonDocument(message).toJson(QJsonDocument::Compact)));
}

// A socket reports one loss more than once (an error, then its close): the first one counts.
void RemoteSource::lose(const QString &reason)
{
    if (m_stopped || (m_state == State::Down && m_retry.isActive()))
        return;
    m_silence.stop();
    m_admin = false;
    setState(State::Down, reason);
    failPending(QStringLiteral("%1 went down before it answered: %2").arg(m_name, reason));
    m_retry.start(
        Backoff::reconnectDelay(m_attempt++, QRandomGenerator::global()->generateDouble()));
    m_socket.abort();
}

void RemoteSource::setState(State state, const QString &reason)
{
    if (state == m_state && reason == m_reason)
        return;
    m_state = state;
    m_reason = reason;
    emit connectionChanged();
}
