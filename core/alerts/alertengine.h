#pragma once

#include "alerts/alert.h"
#include "alerts/alerttracker.h"
#include "alerts/ratewindow.h"
#include "snapshot.h"

#include <QHash>
#include <QList>
#include <QObject>

class Settings;

// Evaluates the alert rules on every Snapshot. Rules and levels come from the settings
// (thresholds/<rule>/...), re-read when they change, so a change from the desktop, a web admin
// or the file applies at the next tick. Disk rules have one instance per mount, temperature
// rules one per sensor, cgroup rules one per unit or container and GPU rules one per GPU,
// created and retired as they come and go. A unit may have levels of its own for the cgroup
// rules, or be switched off for one (SettingsSchema::unitRules()).
class AlertEngine : public QObject
{
    Q_OBJECT

public:
    // Instance state for /metrics: every instance evaluated, firing or not.
    struct InstanceState
    {
        QString rule;
        QString instance;
        AlertSeverity severity;
    };

    explicit AlertEngine(Settings *settings, QObject *parent = nullptr);

    // Evaluates one Snapshot at nowMs (ms since the epoch; tests drive it).
    void evaluate(const Snapshot &snapshot, qint64 nowMs);
    // Firing alerts, most severe first.
    QList<Alert> active() const;
    QList<InstanceState> states() const;
    AlertSeverity worst() const;
    // Firings per rule since start.
    QHash<QString, quint64> firings() const { return m_firings; }
    // Marks a firing alert as seen; false if there is no such firing alert.
    bool acknowledge(const QString &id);
    // Takes back the alerts that were firing when Vantage stopped, as they were (severity,
    // since, acknowledged, value), without announcing them: they did not fire again. The next
    // evaluate() holds, moves or resolves each by the usual rules with the levels of that
    // moment; one whose mount, sensor or metric is no longer there resolves as gone.
    void restore(const QList<Alert> &alerts);

signals:
    // Fired, escalated, de-escalated, resolved or acknowledged.
    void alertChanged(const Alert &alert);

private:
    struct Entry
    {
        QString rule;
        QString instance;
        AlertRule levels;
        AlertTracker tracker;
        bool acknowledged = false;
        bool seen = false;
        qint64 changedAt = 0;  // ms since the epoch of the last event
        bool restored = false; // taken back at start and not evaluated since
        ProcessTop top;        // what was running when it fired or escalated
    };

    void readRules();
    void evaluateOne(const QString &rule, const QString &instance, double value,
                     const AlertRule &levels, qint64 nowMs);
    void evaluateServer(const Snapshot &snapshot, qint64 nowMs);
    void evaluateInstances(const Snapshot &snapshot, qint64 nowMs);
    void evaluateCgroups(const Snapshot &snapshot, qint64 nowMs);
    void evaluateUnit(const QString &rule, const QString &unit, double value, qint64 nowMs);
    void evaluateGpus(const Snapshot &snapshot, qint64 nowMs);
    AlertRule temperatureRule(const Temperature &sensor) const;
    double tickLoad(const Snapshot &snapshot);
    void retireUnseen(qint64 nowMs);
    QHash<QString, Entry>::iterator retire(QHash<QString, Entry>::iterator it, qint64 nowMs,
                                           const QString &why);
    Alert alertFor(const Entry &entry, Alert::State state, AlertSeverity severity,
                   qint64 nowMs) const;

    Settings *m_settings;
    // A unit's own levels for a unit rule (thresholds/<rule>/<unit>/...); enabled false: the
    // rule leaves the unit alone.
    struct UnitLevels
    {
        AlertRule levels;
        bool enabled = true;
    };

    QHash<QString, AlertRule> m_rules;
    QHash<QString, UnitLevels> m_unitLevels; // by rule:unit, as Alert::id()
    QHash<QString, Entry> m_entries;         // by Alert::id()
    QHash<QString, quint64> m_firings;
    RateWindow m_errors;
    RateWindow m_connections;
    RateWindow m_historyErrors;
    quint64 m_lastLateTicks = 0;
    QList<ProcessUsage> m_processes; // of the Snapshot being evaluated
};
