#include "alerttracker.h"

#include <cmath>

namespace {

qint64 runStart(bool holds, qint64 since, qint64 nowMs)
{
    if (!holds)
        return -1;
    return since >= 0 ? since : nowMs;
}

} // namespace

AlertSeverity AlertTracker::heldLevel(double value, const AlertRule &rule) const
{
    if (m_severity == AlertSeverity::Critical && value >= rule.critical - rule.hysteresis)
        return AlertSeverity::Critical;
    if (m_severity != AlertSeverity::None && value >= rule.warning - rule.hysteresis)
        return AlertSeverity::Warning;
    return AlertSeverity::None;
}

AlertSeverity AlertTracker::qualifiedLevel(qint64 nowMs, const AlertRule &rule) const
{
    const auto held = [&](qint64 since) {
        return since >= 0 && double(nowMs - since) >= rule.forSeconds * 1000.0;
    };
    if (held(m_criticalSince))
        return AlertSeverity::Critical;
    if (held(m_warningSince))
        return AlertSeverity::Warning;
    return AlertSeverity::None;
}

AlertTracker::Change AlertTracker::update(double value, qint64 nowMs, const AlertRule &rule)
{
    if (std::isnan(value))
        return Change::None;
    m_value = value;
    m_warningSince = runStart(value >= rule.warning, m_warningSince, nowMs);
    m_criticalSince = runStart(value >= rule.critical, m_criticalSince, nowMs);
    const AlertSeverity target = std::max(heldLevel(value, rule), qualifiedLevel(nowMs, rule));
    const AlertSeverity before = std::exchange(m_severity, target);
    if (before == target)
        return Change::None;
    if (before == AlertSeverity::None) {
        m_firedAt = nowMs;
        return Change::Fired;
    }
    if (target == AlertSeverity::None)
        return Change::Resolved;
    return target > before ? Change::Escalated : Change::DeEscalated;
}

void AlertTracker::restore(AlertSeverity severity, qint64 firedAt, double value)
{
    m_severity = severity;
    m_firedAt = firedAt;
    m_value = value;
    m_warningSince = -1;
    m_criticalSince = -1;
}
