#pragma once

#include "alerts/processtop.h"

#include <QJsonObject>
#include <QString>
#include <QtGlobal>

#include <cmath>

enum class AlertSeverity { None = 0, Warning = 1, Critical = 2 };

// One alert rule's levels, from thresholds/<name>/... in the settings.
struct AlertRule
{
    QString name;
    double warning = 0;
    double critical = 0;
    double forSeconds = 0; // how long a level must hold before it fires
    double hysteresis = 0; // a level clears only below level - hysteresis
};

// The state of one alert instance as every view shows it, and one line of the alert log.
struct Alert
{
    enum class State { Firing, Resolved };

    QString rule;
    QString instance; // the mount or sensor for per-instance rules; empty otherwise
    AlertSeverity severity = AlertSeverity::Warning;
    State state = State::Firing;
    double value = qQNaN();     // the metric's value at this event
    double threshold = qQNaN(); // the level of `severity`
    qint64 ts = 0;              // ms since the epoch, when this event happened
    qint64 since = 0;           // ms since the epoch, when the alert fired
    bool acknowledged = false;
    QString message;
    // What was running when the alert fired; empty for other events and for log lines written
    // before it was recorded.
    ProcessTop top;

    // "rule" or "rule:instance": stable for the life of the alert, so clients update in place.
    QString id() const { return instance.isEmpty() ? rule : rule + u':' + instance; }
    QJsonObject toJson() const;
    static std::optional<Alert> fromJson(const QJsonObject &json);
    static QString severityName(AlertSeverity severity);
    // The message every view shows: "Memory at 91% (warning at 80%)", or "…: back to normal"
    // for severity None. The desktop rewrites it with the live value as samples come.
    static QString describe(const QString &rule, const QString &instance, double value,
                            AlertSeverity severity, double threshold);
};
