#pragma once

#include "alerts/alert.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QString>

class Settings;

// Decides which alert events deserve a tray notification: an alert that fires or escalates
// and that nobody has acknowledged. A de-escalation, an acknowledgement or a resolve only
// changes colours; an acknowledged alert stays silent until it resolves or escalates (the
// engine clears the acknowledgement on escalation). Once given the settings, it leaves to the
// notification server what a desktop channel shows there: the tray is the fallback where no
// server is on the session bus.
class AlertNotifier : public QObject
{
    Q_OBJECT

public:
    explicit AlertNotifier(QObject *parent = nullptr);

    // The alerts already firing when the desktop starts: known, so only news about them counts.
    void seed(const QList<Alert> &active);
    // The settings whose enabled desktop channels (docs/notifications.md) show alerts instead
    // of the tray, while a notification server is on the session bus.
    void setSettings(const Settings *settings) { m_settings = settings; }
    // Takes one alert event; true (and notificationDue) if it should be announced.
    bool handle(const Alert &alert);

signals:
    // An alert fired or escalated unacknowledged: show it to the user.
    void notificationDue(const Alert &alert);

private:
    bool shownOnDesktop(const Alert &alert) const;

    const Settings *m_settings = nullptr;
    QHash<QString, AlertSeverity> m_severity; // by Alert::id(): the firing alerts' severity
};
