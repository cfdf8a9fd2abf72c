#include "alertnotifier.h"

#include "notify/desktopnotifications.h"
#include "notify/notifychannel.h"

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
    if (alert.severity <= before || alert.acknowledged || shownOnDesktop(alert))
        return false;
    emit notificationDue(alert);
    return true;
}

// Asked at each announcement, not once: a notification server may come or go with the session.
bool AlertNotifier::shownOnDesktop(const Alert &alert) const
{
    if (!m_settings)
        return false;
    const QList<NotifyChannel> channels = NotifyChannel::fromSettings(*m_settings);
    const bool wanted = std::any_of(channels.begin(), channels.end(), [&alert](const auto &c) {
        return c.type == NotifyChannel::Type::Desktop && c.enabled && c.wants(alert);
    });
    return wanted && DesktopNotifications::serverPresent();
}
