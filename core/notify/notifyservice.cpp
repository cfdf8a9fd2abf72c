#include "notify/notifyservice.h"

#include "notify/notifylogging.h"
#include "notify/notifysender.h"
#include "settings/settings.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QHostAddress>
#include <QRandomGenerator>
#include <QStandardPaths>
#include <QSysInfo>
#include <QUrl>

Q_LOGGING_CATEGORY(lcNotify, "vantage.notify", QtWarningMsg)

struct NotifyService::Channel
{
    explicit Channel(const QString &file)
        : queue(file)
    {}

    NotifyChannel config;
    NotifyQueue queue;
    QTimer timer;
    bool busy = false;
    bool dirty = false;
    bool overflowing = false; // events were dropped since the last delivery; said once
    quint64 sent = 0;         // deliveries since start, for vantage_notifications_total
    quint64 failed = 0;
    qint64 lastStart = 0; // ms since the epoch, of the last delivery started
};

namespace {

qint64 now()
{
    return QDateTime::currentMSecsSinceEpoch();
}

} // namespace

NotifyService::NotifyService(Settings *settings, const Options &options, QObject *parent)
    : Service(QStringLiteral("notify"), parent)
    , m_settings(settings)
    , m_options(options)
    , m_host(QSysInfo::machineHostName())
    , m_sender(new NotifySender(options.timeoutMs, this))
    , m_log(options.folder + QStringLiteral("/delivery.log.json"))
{
    connect(&m_refresh, &QTimer::timeout, this, &NotifyService::refresh);
    connect(m_sender, &NotifySender::acknowledgeRequested, this,
            &NotifyService::acknowledgeRequested);
    connect(m_sender, &NotifySender::openRequested, this, &NotifyService::openRequested);
    connect(m_settings, &Settings::changed, this, [this](const QStringList &keys) {
        const auto isNotify = [](const QString &key) { return key.startsWith(u"notify/"); };
        if (isRunning() && std::any_of(keys.begin(), keys.end(), isNotify)) {
            readChannels();
            scheduleRefresh();
        }
    });
}

NotifyService::~NotifyService()
{
    shutdown();
}

QString NotifyService::defaultFolder()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) +
           QStringLiteral("/vantage/notify");
}

bool NotifyService::doInitialize()
{
    m_log.load();
    readChannels();
    scheduleRefresh();
    return true;
}

// The refresh has work only for a channel: with none (the default) it does not wake the process.
void NotifyService::scheduleRefresh()
{
    if (m_channels.empty())
        m_refresh.stop();
    else if (!m_refresh.isActive())
        m_refresh.start(m_options.refreshMs);
}

void NotifyService::doShutdown()
{
    m_refresh.stop();
    m_sender->abortAll();
    for (auto &[name, channel] : m_channels) {
        channel->timer.stop();
        channel->busy = false;
        channel->dirty = true;
    }
    saveDirty();
}

// A channel keeps its queue when its settings change or it is disabled; its events wait for it.
// One whose settings no longer work together stops until they do. One whose keys are all gone
// was removed: its queue goes with it.
void NotifyService::readChannels()
{
    QStringList problems;
    const QList<NotifyChannel> configs = NotifyChannel::fromSettings(*m_settings, &problems);
    const QStringList names = m_settings->channels();
    QStringList removed;
    for (const auto &entry : m_channels) {
        if (!names.contains(entry.first))
            removed.append(entry.first);
    }
    for (const QString &name : removed)
        removeChannel(name);
    for (auto &entry : m_channels) {
        // Not a structured binding: clang 14 (the fuzz build) cannot capture one.
        const QString &name = entry.first;
        const auto valid = [&name](const NotifyChannel &config) { return config.name == name; };
        if (std::none_of(configs.begin(), configs.end(), valid))
            entry.second->config.enabled = false;
    }
    for (const NotifyChannel &config : configs) {
        auto &channel = m_channels[config.name];
        if (!channel) {
            channel = std::make_unique<Channel>(m_options.folder + u'/' + config.name +
                                                QStringLiteral(".json"));
            channel->queue.load();
            channel->timer.setSingleShot(true);
            Channel *raw = channel.get();
            connect(&channel->timer, &QTimer::timeout, this, [this, raw] { attempt(*raw); });
        }
        channel->config = config;
        if (channel->queue.attempts == 0)
            schedule(*channel);
        else if (!channel->timer.isActive())
            channel->timer.start(backoffMs(channel->queue.attempts));
    }
    for (const QString &problem : problems)
        qCWarning(lcNotify).noquote() << problem << QStringLiteral("; this channel is not used");
}

// A delivery in flight finds no channel when it ends, and is dropped (finish looks it up by name).
void NotifyService::removeChannel(const QString &name)
{
    const auto it = m_channels.find(name);
    const QString file = it->second->queue.filePath();
    m_channels.erase(it);
    if (QFile::exists(file) && !QFile::remove(file))
        qCWarning(lcNotify).noquote()
            << QStringLiteral("notification channel \"%1\" was removed but its queue %2 could "
                              "not be deleted")
                   .arg(name, QDir::toNativeSeparators(file));
    m_log.forget(name);
    m_logDirty = true;
    saveLater();
}

void NotifyService::notify(const Alert &alert)
{
    if (!isRunning())
        return;
    const qint64 at = now();
    for (auto &[name, channel] : m_channels) {
        if (channel->config.enabled)
            offer(*channel, alert, at);
    }
}

// What the channel is told: a firing alert once per severity (an acknowledgement changes nothing
// here), and the end of an alert it was told about.
void NotifyService::offer(Channel &channel, const Alert &alert, qint64 nowMs)
{
    NotifyEvent event;
    event.alert = alert;
    const auto open = channel.queue.open.constFind(alert.id());
    if (alert.state == Alert::State::Resolved) {
        if (open == channel.queue.open.cend())
            return;
        channel.queue.open.erase(open);
        saveLater(channel);
        // A desktop channel that does not show the end closes the alert's notification.
        if (channel.config.resolved || channel.config.type == NotifyChannel::Type::Desktop)
            enqueue(channel, event, nowMs);
        return;
    }
    if (!channel.config.wants(alert) ||
        (open != channel.queue.open.cend() && open->alert.severity == alert.severity))
        return;
    if (open != channel.queue.open.cend())
        event.previousSeverity = Alert::severityName(open->alert.severity);
    enqueue(channel, event, nowMs);
}

void NotifyService::enqueue(Channel &channel, NotifyEvent event, qint64 nowMs)
{
    event.event =
        QStringLiteral("%1-%2-%3").arg(m_host, channel.config.name).arg(channel.queue.takeSerial());
    event.host = m_host;
    event.queuedAt = nowMs;
    if (event.alert.state == Alert::State::Firing) {
        NotifyEvent told = event;
        told.previousSeverity.clear();
        channel.queue.open.insert(event.alert.id(), told);
    }
    if (channel.queue.push(event) && !std::exchange(channel.overflowing, true))
        qCWarning(lcNotify).noquote()
            << QStringLiteral("notification channel \"%1\": more than %2 events waiting; the "
                              "oldest are dropped until it delivers again")
                   .arg(channel.config.name)
                   .arg(NotifyQueue::MaxPending);
    saveLater(channel);
    schedule(channel);
}

// Grouping: a channel idle for groupSeconds is sent to at once; otherwise what comes in waits
// for the end of the span and goes in one delivery.
void NotifyService::schedule(Channel &channel)
{
    if (channel.busy || channel.timer.isActive() || channel.queue.pending().isEmpty() ||
        channel.queue.attempts > 0)
        return;
    const qint64 groupMs = m_settings->value(QStringLiteral("notify/groupSeconds")).toInt() * 1000;
    channel.timer.start(int(std::clamp(channel.lastStart + groupMs - now(), qint64(0), groupMs)));
}

void NotifyService::attempt(Channel &channel)
{
    if (channel.busy || !channel.config.enabled || !isRunning())
        return;
    const bool refreshing =
        channel.config.type == NotifyChannel::Type::Alertmanager && !channel.queue.open.isEmpty();
    if (channel.queue.pending().isEmpty() && !refreshing)
        return;
    channel.busy = true;
    channel.lastStart = now();
    NotifySender::Request request{
        channel.config, channel.queue.pending(), {}, m_host, m_dashboardUrl};
    if (channel.config.type == NotifyChannel::Type::Alertmanager)
        request.open = channel.queue.open.values();
    QStringList alerts;
    for (const NotifyEvent &event : request.events)
        alerts.append(event.alert.id());
    const QString last = alerts.isEmpty() ? QString() : request.events.constLast().event;
    m_sender->send(request, [this, name = channel.config.name, alerts, last](const QString &error) {
        const auto it = m_channels.find(name);
        if (it != m_channels.end() && it->second->busy)
            finish(*it->second, alerts, last, error);
    });
}

// What was delivered leaves the queue up to its last event: the queue may have dropped some of
// its oldest events meanwhile, if it overflowed during the delivery.
void NotifyService::finish(Channel &channel, const QStringList &alerts, const QString &last,
                           const QString &error)
{
    channel.busy = false;
    const qint64 at = now();
    const qsizetype count = alerts.size();
    if (error.isEmpty()) {
        const QList<NotifyEvent> &pending = channel.queue.pending();
        const auto end = std::find_if(pending.begin(), pending.end(),
                                      [&last](const NotifyEvent &e) { return e.event == last; });
        channel.queue.dropFirst(end == pending.end() ? 0 : end - pending.begin() + 1);
        channel.queue.attempts = 0;
        channel.queue.failingSince = 0;
        channel.overflowing = false;
        if (count > 0) {
            ++m_sent;
            ++channel.sent;
        }
        saveLater(channel);
        saveDirty(); // at once: a delivered event must not be sent again after a crash
        schedule(channel);
    } else {
        ++m_failed;
        ++channel.failed;
        ++channel.queue.attempts;
        if (channel.queue.failingSince == 0)
            channel.queue.failingSince = at;
        giveUpOld(channel, at);
        const qint64 wait = backoffMs(channel.queue.attempts);
        qCWarning(lcNotify).noquote()
            << QStringLiteral("notification channel \"%1\": delivery failed (%2); %3 event(s) "
                              "waiting, next try in %4 s")
                   .arg(channel.config.name, error)
                   .arg(channel.queue.pending().size())
                   .arg((wait + 999) / 1000);
        saveLater(channel);
        channel.timer.start(int(wait));
    }
    record({channel.config.name, at, error, false, int(count), alerts});
    emit delivered(channel.config.name, int(count), error);
}

// Every outcome becomes the channel's last delivery; the log skips Alertmanager's refreshes that
// worked (one a minute would push everything else out of it).
void NotifyService::record(const NotifyDelivery &delivery)
{
    if (delivery.test || delivery.events > 0 || !delivery.ok())
        m_log.add(delivery);
    else
        m_log.setLast(delivery);
    m_logDirty = true;
    saveLater();
    emit deliveryEnded(delivery);
}

bool NotifyService::sendTest(const QString &name, const TestDone &done)
{
    if (!isRunning())
        return false;
    const QList<NotifyChannel> configs = NotifyChannel::fromSettings(*m_settings);
    const auto config = std::find_if(configs.begin(), configs.end(),
                                     [&name](const NotifyChannel &c) { return c.name == name; });
    if (config == configs.end())
        return false;
    NotifyEvent event;
    event.alert.rule = QStringLiteral("test");
    event.alert.severity = AlertSeverity::Warning;
    event.alert.state = Alert::State::Firing;
    event.alert.since = event.alert.ts = now();
    event.alert.message =
        QStringLiteral("Test notification from Vantage on %1 to channel \"%2\"").arg(m_host, name);
    event.event = QStringLiteral("%1-%2-test-%3").arg(m_host, name).arg(event.alert.ts);
    event.host = m_host;
    event.queuedAt = event.alert.ts;
    // Alertmanager is sent what fires from the open list: the test fires there until it ends
    // it by its resolve_timeout, since it is never told again.
    NotifySender::Request request{*config, {event}, {}, m_host, m_dashboardUrl};
    if (config->type == NotifyChannel::Type::Alertmanager)
        request.open = {event};
    m_sender->send(request, [this, name, done, id = event.alert.id()](const QString &error) {
        const NotifyDelivery delivery{name, now(), error, true, 1, {id}};
        record(delivery);
        if (done)
            done(delivery);
    });
    return true;
}

QString NotifyService::problem(const QString &channel) const
{
    QStringList problems;
    NotifyChannel::fromSettings(*m_settings, &problems);
    const QString prefix = QStringLiteral("Notification channel \"%1\":").arg(channel);
    const auto found = std::find_if(problems.cbegin(), problems.cend(),
                                    [&prefix](const QString &p) { return p.startsWith(prefix); });
    return found == problems.cend() ? QString() : *found;
}

std::optional<NotifyDelivery> NotifyService::lastDelivery(const QString &channel) const
{
    return m_log.last(channel);
}

void NotifyService::giveUpOld(Channel &channel, qint64 nowMs)
{
    const qint64 limit =
        qint64(m_settings->value(QStringLiteral("notify/retryHours")).toInt()) * 3600 * 1000;
    const QList<NotifyEvent> &pending = channel.queue.pending();
    qsizetype old = 0;
    while (old < pending.size() && nowMs - pending.at(old).queuedAt > limit)
        ++old;
    if (old == 0)
        return;
    channel.queue.dropFirst(old);
    qCWarning(lcNotify).noquote()
        << QStringLiteral("notification channel \"%1\": giving up %2 event(s) older than %3 h")
               .arg(channel.config.name)
               .arg(old)
               .arg(limit / 3600000);
}

// Exponential back-off with "equal jitter": half the step fixed, half random, so channels that
// failed together do not retry in step.
qint64 NotifyService::backoffMs(int attempts) const
{
    const qint64 step =
        std::min<qint64>(qint64(m_options.firstRetryMs) << std::min(attempts - 1, 20), MaxRetryMs);
    return step / 2 + QRandomGenerator::global()->bounded(step / 2 + 1);
}

// Every refreshMs: Alertmanager is told again about what still fires (it ends an alert it has not
// heard of for resolve_timeout, 5 minutes by default), and reminders fall due.
void NotifyService::refresh()
{
    const qint64 at = now();
    for (auto &[name, channel] : m_channels) {
        if (!channel->config.enabled)
            continue;
        if (channel->config.type == NotifyChannel::Type::Alertmanager) {
            if (channel->queue.attempts == 0 && !channel->timer.isActive())
                attempt(*channel);
            continue;
        }
        const qint64 repeatMs = qint64(channel->config.repeatMinutes) * 60000;
        if (repeatMs == 0)
            continue;
        for (const NotifyEvent &told : channel->queue.open.values()) {
            if (at - told.queuedAt < repeatMs)
                continue;
            NotifyEvent reminder;
            reminder.alert = told.alert;
            reminder.alert.ts = at;
            reminder.reminder = true;
            enqueue(*channel, reminder, at);
        }
    }
}

void NotifyService::saveLater(Channel &channel)
{
    channel.dirty = true;
    saveLater();
}

void NotifyService::saveLater()
{
    if (m_saveQueued)
        return;
    m_saveQueued = true;
    QTimer::singleShot(0, this, &NotifyService::saveDirty);
}

void NotifyService::saveDirty()
{
    m_saveQueued = false;
    QString logError;
    if (std::exchange(m_logDirty, false) && !m_log.save(&logError))
        qCWarning(lcNotify).noquote()
            << QStringLiteral("cannot save the delivery log to %1 (%2)")
                   .arg(QDir::toNativeSeparators(m_log.filePath()), logError);
    for (auto &[name, channel] : m_channels) {
        if (!channel->dirty)
            continue;
        channel->dirty = false;
        QString error;
        if (!channel->queue.save(&error))
            qCWarning(lcNotify).noquote()
                << QStringLiteral("notification channel \"%1\": cannot save its queue to %2 (%3)")
                       .arg(name, QDir::toNativeSeparators(channel->queue.filePath()), error);
    }
}

// Alertmanager links each alert to this address; a server bound to every address is reached by
// the machine's name.
void NotifyService::setDashboardUrl(QUrl url)
{
    const QHostAddress address(url.host());
    if (address == QHostAddress::AnyIPv4 || address == QHostAddress::AnyIPv6)
        url.setHost(m_host);
    m_dashboardUrl = url.toString();
}

QHash<QString, qint64> NotifyService::failing(qint64 nowMs) const
{
    QHash<QString, qint64> result;
    for (const auto &[name, channel] : m_channels) {
        if (channel->config.enabled && channel->queue.failingSince > 0)
            result.insert(name, nowMs - channel->queue.failingSince);
    }
    return result;
}

// Every enabled channel, failing or not, so that the notify rule resolves when one recovers and
// retires one that is removed or disabled.
void NotifyService::SelfCollector::collect(Snapshot &snapshot, qint64)
{
    snapshot.self.notifySent = m_service->sent();
    snapshot.self.notifyFailed = m_service->failed();
    snapshot.self.notifyChannels.clear();
    const QHash<QString, qint64> failing = m_service->failing(now());
    for (const auto &[name, channel] : m_service->m_channels) {
        if (channel->config.enabled)
            snapshot.self.notifyChannels.append(
                {name, failing.value(name) / 60000.0, channel->sent, channel->failed});
    }
}

int NotifyService::pending(const QString &channel) const
{
    const auto it = m_channels.find(channel);
    return it == m_channels.end() ? -1 : int(it->second->queue.pending().size());
}
