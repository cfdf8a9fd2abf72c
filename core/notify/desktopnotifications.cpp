#include "notify/desktopnotifications.h"

#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QDBusMessage>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>
#include <QStringList>
#include <QVariantMap>

#include <memory>

namespace {

const QString Service = QStringLiteral("org.freedesktop.Notifications");
const QString Path = QStringLiteral("/org/freedesktop/Notifications");
const QString Interface = QStringLiteral("org.freedesktop.Notifications");

QString errorText(const QDBusError &error)
{
    switch (error.type()) {
    case QDBusError::ServiceUnknown:
        return QStringLiteral("no notification server on the session bus");
    case QDBusError::NoReply:
    case QDBusError::Timeout:
    case QDBusError::TimedOut:
        return QStringLiteral("the notification server did not answer in time");
    case QDBusError::Disconnected:
        return QStringLiteral("no D-Bus session bus");
    default:
        return QStringLiteral("the notification server answered %1").arg(error.name());
    }
}

// Notify(app_name, replaces_id, app_icon, summary, body, actions, hints, expire_timeout), as the
// Desktop Notifications Specification has it. Urgency 2 (critical) is what servers keep on
// screen until it is dismissed; the end of an alert is good news, so low (0). expire_timeout -1
// leaves the time on screen to the server and the user's preferences.
QList<QVariant> notifyArguments(const Alert &alert, uint replaces)
{
    const bool firing = alert.state == Alert::State::Firing;
    QStringList actions;
    if (firing && !alert.acknowledged)
        actions << QStringLiteral("acknowledge") << QStringLiteral("Acknowledge");
    actions << QStringLiteral("default") << QStringLiteral("Open");
    const uchar urgency = !firing ? 0 : alert.severity == AlertSeverity::Critical ? 2 : 1;
    const QVariantMap hints{{QStringLiteral("urgency"), QVariant::fromValue(urgency)},
                            {QStringLiteral("desktop-entry"), QStringLiteral("vantage")}};
    return {QStringLiteral("Vantage"),
            replaces,
            QStringLiteral("vantage"),
            DesktopNotifications::summary(alert),
            alert.message,
            actions,
            hints,
            -1};
}

} // namespace

// The calls of one delivery: done once the last one is answered.
struct DesktopNotifications::Batch
{
    Done done;
    int waiting = 0;
    QString error; // the first failure
};

DesktopNotifications::DesktopNotifications(int timeoutMs, QObject *parent)
    : QObject(parent)
    , m_timeoutMs(timeoutMs)
{}

bool DesktopNotifications::serverPresent()
{
    QDBusConnection bus = QDBusConnection::sessionBus();
    if (!bus.isConnected())
        return false;
    QDBusConnectionInterface *daemon = bus.interface();
    return daemon->isServiceRegistered(Service).value() ||
           daemon->activatableServiceNames().value().contains(Service);
}

QString DesktopNotifications::summary(const Alert &alert)
{
    const QString subject =
        alert.instance.isEmpty() ? alert.rule : alert.rule + u' ' + alert.instance;
    if (alert.state == Alert::State::Resolved)
        return QStringLiteral("Resolved: ") + subject;
    return (alert.severity == AlertSeverity::Critical ? QStringLiteral("Critical: ")
                                                      : QStringLiteral("Warning: ")) +
           subject;
}

void DesktopNotifications::show(const QList<NotifyEvent> &events, bool showResolved,
                                const Done &done)
{
    const auto batch = std::make_shared<Batch>();
    batch->done = done;
    QDBusConnection bus = QDBusConnection::sessionBus();
    if (!bus.isConnected()) {
        batch->error = QStringLiteral("no D-Bus session bus");
    } else if (!m_listening) {
        // Bound to the service's name: Qt D-Bus then takes these signals from its owner only.
        m_listening = bus.connect(Service, Path, Interface, QStringLiteral("ActionInvoked"), this,
                                  SLOT(actionInvoked(uint, QString))) &&
                      bus.connect(Service, Path, Interface, QStringLiteral("NotificationClosed"),
                                  this, SLOT(notificationClosed(uint, uint)));
    }
    // A group may hold several events of one alert: its notification shows the newest.
    QList<NotifyEvent> newest;
    for (const NotifyEvent &event : events) {
        const auto same = [&event](const NotifyEvent &e) {
            return e.alert.id() == event.alert.id();
        };
        const auto it = std::find_if(newest.begin(), newest.end(), same);
        if (it == newest.end())
            newest.append(event);
        else
            *it = event;
    }
    ++batch->waiting; // held until every call is made
    for (const NotifyEvent &event : std::as_const(newest)) {
        if (!batch->error.isEmpty())
            break;
        const QString id = event.alert.id();
        const uint shown = m_shown.value(id);
        if (event.alert.state == Alert::State::Resolved)
            m_shown.remove(id); // should it fire again, it is news: a notification of its own
        if (event.alert.state == Alert::State::Firing || showResolved)
            call(batch, QStringLiteral("Notify"), notifyArguments(event.alert, shown), id,
                 event.alert.state == Alert::State::Firing);
        else if (shown != 0)
            call(batch, QStringLiteral("CloseNotification"), {shown}, {}, false);
    }
    const quint64 generation = m_generation;
    QMetaObject::invokeMethod(
        this,
        [this, batch, generation] {
            if (generation == m_generation && --batch->waiting == 0)
                batch->done(batch->error);
        },
        Qt::QueuedConnection);
}

void DesktopNotifications::call(const std::shared_ptr<Batch> &batch, const QString &method,
                                const QList<QVariant> &arguments, const QString &alertId,
                                bool firing)
{
    QDBusMessage message = QDBusMessage::createMethodCall(Service, Path, Interface, method);
    message.setArguments(arguments);
    auto *watcher = new QDBusPendingCallWatcher(
        QDBusConnection::sessionBus().asyncCall(message, m_timeoutMs), this);
    ++batch->waiting;
    connect(watcher, &QDBusPendingCallWatcher::finished, this,
            [this, batch, alertId, firing](QDBusPendingCallWatcher *w) {
                answered(w, batch, alertId, firing);
            });
}

// A Notify answer carries the notification's id: the server's signals about it are ours to act
// on, and while the alert fires its next event replaces it.
void DesktopNotifications::answered(QDBusPendingCallWatcher *watcher,
                                    const std::shared_ptr<Batch> &batch, const QString &alertId,
                                    bool firing)
{
    watcher->deleteLater();
    const QDBusMessage reply = watcher->reply();
    if (watcher->isError()) {
        if (batch->error.isEmpty())
            batch->error = errorText(watcher->error());
    } else if (!alertId.isEmpty() && !reply.arguments().isEmpty()) {
        const uint id = reply.arguments().constFirst().toUInt();
        m_alertOf.insert(id, alertId);
        if (firing)
            m_shown.insert(alertId, id);
    }
    if (--batch->waiting == 0)
        batch->done(batch->error);
}

void DesktopNotifications::abortAll()
{
    ++m_generation;
    qDeleteAll(findChildren<QDBusPendingCallWatcher *>());
}

void DesktopNotifications::actionInvoked(uint id, const QString &action)
{
    const auto it = m_alertOf.constFind(id);
    if (it == m_alertOf.cend())
        return;
    if (action == u"acknowledge")
        emit acknowledgeRequested(*it);
    else if (action == u"default")
        emit openRequested();
}

void DesktopNotifications::notificationClosed(uint id, uint)
{
    const QString alertId = m_alertOf.take(id);
    if (!alertId.isEmpty() && m_shown.value(alertId) == id)
        m_shown.remove(alertId);
}
