#pragma once

#include "alerts/alert.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QString>

// Decides which alert events deserve a desktop notification: an alert that fires or escalates
// and that nobody has acknowledged. A de-escalation, an acknowledgement or a resolve only
// changes colours; an acknowledged alert stays silent until it resolves or escalates (the
// engine clears the acknowledgement on escalation).
class AlertNotifier : public QObject
{
    Q_OBJECT

public:
    explicit AlertNotifier(QObject *parent = nullptr);

    // The alerts already firing when the desktop starts: known, so only news about them counts.
    void seed(const QList<Alert> &active);
    // Takes one alert event; true (and notificationDue) if it should be announced.
    bool handle(const Alert &alert);

signals:
    // An alert fired or escalated unacknowledged: show it to the user.
    void notificationDue(const Alert &alert);

private:
    QHash<QString, AlertSeverity> m_severity; // by Alert::id(): the firing alerts' severity
};
