#pragma once

#include "alerts/alert.h"

// The state machine of one alert instance: ok → pending → firing → resolved (back to ok).
// A level fires once the value has stayed at or above it for the rule's `for` seconds; a firing
// level holds until the value drops below level − hysteresis, so noise around a threshold
// fires once and does not flap. Severity moves warning ↔ critical while firing, with no
// resolve in between. Time is passed in, so tests drive it without sleeping.
class AlertTracker
{
public:
    enum class Change { None, Fired, Escalated, DeEscalated, Resolved };

    // Feeds one value at nowMs (ms, any monotonic or wall clock). NaN is ignored.
    Change update(double value, qint64 nowMs, const AlertRule &rule);
    // Resumes an alert that was firing when Vantage stopped: firing at severity since firedAt,
    // with no run at or above a level yet, so the next update holds it, moves it or resolves it
    // by the usual rules and never fires it again.
    void restore(AlertSeverity severity, qint64 firedAt, double value);

    AlertSeverity severity() const { return m_severity; } // None unless firing
    bool isPending() const { return m_severity == AlertSeverity::None && m_warningSince >= 0; }
    double value() const { return m_value; }
    qint64 firedAt() const { return m_firedAt; }

private:
    AlertSeverity heldLevel(double value, const AlertRule &rule) const;
    AlertSeverity qualifiedLevel(qint64 nowMs, const AlertRule &rule) const;

    AlertSeverity m_severity = AlertSeverity::None;
    qint64 m_warningSince = -1; // start of the current run at or above the warning level
    qint64 m_criticalSince = -1;
    qint64 m_firedAt = 0;
    double m_value = qQNaN();
};
