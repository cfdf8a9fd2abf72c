#pragma once

#include "notify/notifyevent.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QString>

#include <functional>
#include <memory>

class QDBusPendingCallWatcher;

// The freedesktop notification server on the session bus (org.freedesktop.Notifications), for
// desktop channels (docs/notifications.md): one notification per alert, replaced in place as the
// alert changes, with the actions Acknowledge and Open. Its answers come back as signals; only
// those about notifications this object showed count, since the server signals every
// application's.
class DesktopNotifications : public QObject
{
    Q_OBJECT

public:
    using Done = std::function<void(const QString &error)>;

    explicit DesktopNotifications(int timeoutMs, QObject *parent = nullptr);

    // Whether a notification server owns its name on the session bus, or the bus would start
    // one: where none does, the tray balloon shows alerts instead.
    static bool serverPresent();
    // "Critical: disk /home", "Warning: memory", "Resolved: memory": the title of a notification
    // of the alert, on the desktop and in the tray alike.
    static QString summary(const Alert &alert);

    // Shows the newest event of each alert in the group, in order. The end of an alert replaces
    // its notification when showResolved, else closes it. done gets "" once the server accepted
    // every call, else why not in a few words.
    void show(const QList<NotifyEvent> &events, bool showResolved, const Done &done);
    // Forgets every call still waiting for its answer; their Done is not called.
    void abortAll();

signals:
    // The user picked Acknowledge on the notification of this alert (Alert::id()).
    void acknowledgeRequested(const QString &alertId);
    // The user picked Open, or clicked the notification.
    void openRequested();

private slots:
    void actionInvoked(uint id, const QString &action);
    void notificationClosed(uint id, uint reason);

private:
    struct Batch;

    void call(const std::shared_ptr<Batch> &batch, const QString &method,
              const QList<QVariant> &arguments, const QString &alertId, bool firing);
    void answered(QDBusPendingCallWatcher *watcher, const std::shared_ptr<Batch> &batch,
                  const QString &alertId, bool firing);

    int m_timeoutMs;
    quint64 m_generation = 0; // abortAll() moves it on: answers of an older one are dropped
    bool m_listening = false;
    QHash<QString, uint> m_shown;   // Alert::id() -> the notification showing it now
    QHash<uint, QString> m_alertOf; // every notification of ours still open -> its Alert::id()
};
