#include "alert.h"

#include "protocol/snapshotjson.h"

QString Alert::severityName(AlertSeverity severity)
{
    switch (severity) {
    case AlertSeverity::Critical:
        return QStringLiteral("critical");
    case AlertSeverity::Warning:
        return QStringLiteral("warning");
    case AlertSeverity::None:
        break;
    }
    return QStringLiteral("ok");
}

QJsonObject Alert::toJson() const
{
    return {{QStringLiteral("id"), id()},
            {QStringLiteral("rule"), rule},
            {QStringLiteral("instance"), instance},
            {QStringLiteral("severity"), severityName(severity)},
            {QStringLiteral("state"),
             state == State::Firing ? QStringLiteral("firing") : QStringLiteral("resolved")},
            {QStringLiteral("value"), SnapshotJson::number(value)},
            {QStringLiteral("threshold"), SnapshotJson::number(threshold)},
            {QStringLiteral("ts"), double(ts)},
            {QStringLiteral("since"), double(since)},
            {QStringLiteral("acknowledged"), acknowledged},
            {QStringLiteral("message"), message}};
}

std::optional<Alert> Alert::fromJson(const QJsonObject &json)
{
    const QString severity = json.value(QStringLiteral("severity")).toString();
    const QString state = json.value(QStringLiteral("state")).toString();
    if (json.value(QStringLiteral("rule")).toString().isEmpty() ||
        (severity != u"warning" && severity != u"critical") ||
        (state != u"firing" && state != u"resolved"))
        return std::nullopt;
    Alert alert;
    alert.rule = json.value(QStringLiteral("rule")).toString();
    alert.instance = json.value(QStringLiteral("instance")).toString();
    alert.severity = severity == u"critical" ? AlertSeverity::Critical : AlertSeverity::Warning;
    alert.state = state == u"firing" ? State::Firing : State::Resolved;
    alert.value = json.value(QStringLiteral("value")).toDouble(qQNaN());
    alert.threshold = json.value(QStringLiteral("threshold")).toDouble(qQNaN());
    alert.ts = json.value(QStringLiteral("ts")).toInteger();
    alert.since = json.value(QStringLiteral("since")).toInteger();
    alert.acknowledged = json.value(QStringLiteral("acknowledged")).toBool();
    alert.message = json.value(QStringLiteral("message")).toString();
    return alert;
}
