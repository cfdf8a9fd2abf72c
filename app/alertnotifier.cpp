#include "alertnotifier.h"

AlertNotifier::AlertNotifier(QObject *parent)
    : QObject(parent)
{}

void AlertNotifier::seed(const QList<Alert> &active)
{
    for (const Alert &alert : active)
        m_severity.insert(alert.id(), alert.severity);
}

bool AlertNotifier::handle(const Alert &alert)
{
    if (alert.state == Alert::State::Resolved) {
        m_severity.remove(alert.id());
        return false;
    }
    // Severity rising from what was known (None for a new alert) is a firing or an escalation.
    const AlertSeverity before = m_severity.value(alert.id(), AlertSeverity::None);
    m_severity.insert(alert.id(), alert.severity);
    if (alert.severity <= before || alert.acknowledged)
        return false;
    emit notificationDue(alert);
    return true;
}
