#include "alert.h"

#include "protocol/snapshotjson.h"

#include <QHash>

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

QString Alert::describe(const QString &rule, const QString &instance, double value,
                        AlertSeverity severity, double threshold)
{
    struct Wording
    {
        QString text; // %1 the value with its unit, %2 the instance
        QString unit;
    };
    static const QHash<QString, Wording> wordings = {
        {QStringLiteral("cpu"), {QStringLiteral("CPU at %1"), QStringLiteral("%")}},
        {QStringLiteral("memory"), {QStringLiteral("Memory at %1"), QStringLiteral("%")}},
        {QStringLiteral("swap"), {QStringLiteral("Swap at %1"), QStringLiteral("%")}},
        {QStringLiteral("disk"), {QStringLiteral("Disk %2 at %1"), QStringLiteral("%")}},
        {QStringLiteral("temperature"), {QStringLiteral("%2 at %1"), QStringLiteral(" °C")}},
        {QStringLiteral("errors"), {QStringLiteral("%1 server errors in the last minute"), {}}},
        {QStringLiteral("connections"),
         {QStringLiteral("%1 clients refused or dropped in the last minute"), {}}},
        {QStringLiteral("notify"),
         {QStringLiteral("Notification channel %2 failing for %1"), QStringLiteral(" min")}},
        {QStringLiteral("history"),
         {QStringLiteral("%1 history store failures in the last minute"), {}}},
        {QStringLiteral("tick"),
         {QStringLiteral("Collection at %1 of the interval"), QStringLiteral("%")}},
    };
    const Wording wording = wordings.value(rule, {rule + QStringLiteral(" at %1"), {}});
    const auto withUnit = [&](double value) -> QString {
        QString number = QString::number(value, 'f', 1);
        number.remove(QStringLiteral(".0")); // 80.0 reads 80
        return number + wording.unit;
    };
    QString text = wording.text.arg(withUnit(value));
    if (text.contains(u"%2"))
        text = text.arg(instance);
    if (severity == AlertSeverity::None)
        return text + QStringLiteral(": back to normal");
    return text + QStringLiteral(" (%1 at %2)").arg(severityName(severity), withUnit(threshold));
}
