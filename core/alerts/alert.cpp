#include "alert.h"

#include "format/valueformat.h"

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
    QJsonObject json{{QStringLiteral("id"), id()},
                     {QStringLiteral("rule"), rule},
                     {QStringLiteral("instance"), instance},
                     {QStringLiteral("severity"), severityName(severity)},
                     {QStringLiteral("state"), state == State::Firing ? QStringLiteral("firing")
                                                                      : QStringLiteral("resolved")},
                     {QStringLiteral("value"), SnapshotJson::number(value)},
                     {QStringLiteral("threshold"), SnapshotJson::number(threshold)},
                     {QStringLiteral("ts"), double(ts)},
                     {QStringLiteral("since"), double(since)},
                     {QStringLiteral("acknowledged"), acknowledged},
                     {QStringLiteral("message"), message}};
    if (!top.isEmpty())
        json.insert(QStringLiteral("top"), top.toJson());
    return json;
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
    alert.top = ProcessTop::fromJson(json.value(QStringLiteral("top")).toObject());
    return alert;
}

QString Alert::describe(const QString &rule, const QString &instance, double value,
                        AlertSeverity severity, double threshold)
{
    // %1 the value with its unit, %2 the instance; the unit's format is the views' own.
    struct Wording
    {
        QString text;
        QString (*format)(double);
    };
    const auto plain = [](double value) { return ValueFormat::count(value); };
    const auto minutes = [](double value) { return ValueFormat::duration(value * 60); };
    static const QHash<QString, Wording> wordings = {
        {QStringLiteral("cpu"), {QStringLiteral("CPU at %1"), &ValueFormat::percent}},
        {QStringLiteral("memory"), {QStringLiteral("Memory at %1"), &ValueFormat::percent}},
        {QStringLiteral("swap"), {QStringLiteral("Swap at %1"), &ValueFormat::percent}},
        {QStringLiteral("disk"), {QStringLiteral("Disk %2 at %1"), &ValueFormat::percent}},
        {QStringLiteral("temperature"), {QStringLiteral("%2 at %1"), &ValueFormat::celsius}},
        {QStringLiteral("errors"), {QStringLiteral("%1 server errors in the last minute"), plain}},
        {QStringLiteral("connections"),
         {QStringLiteral("%1 clients refused or dropped in the last minute"), plain}},
        {QStringLiteral("notify"),
         {QStringLiteral("Notification channel %2 failing for %1"), minutes}},
        {QStringLiteral("history"),
         {QStringLiteral("%1 history store failures in the last minute"), plain}},
        {QStringLiteral("pressure"), {QStringLiteral("%2 pressure at %1"), &ValueFormat::percent}},
        {QStringLiteral("cgroup"),
         {QStringLiteral("%2 CPU at %1 of a core"), &ValueFormat::percent}},
        {QStringLiteral("cgroupMemory"),
         {QStringLiteral("%2 memory at %1"), &ValueFormat::percent}},
        {QStringLiteral("gpu"), {QStringLiteral("GPU %2 at %1"), &ValueFormat::celsius}},
        {QStringLiteral("gpuMemory"),
         {QStringLiteral("GPU %2 memory at %1"), &ValueFormat::percent}},
        {QStringLiteral("host"),
         {QStringLiteral("Fleet host %2 silent for %1"), &ValueFormat::duration}},
        {QStringLiteral("tick"),
         {QStringLiteral("Collection at %1 of the interval"), &ValueFormat::percent}},
    };
    const Wording wording = wordings.value(rule, {rule + QStringLiteral(" at %1"), plain});
    QString text = wording.text.arg(wording.format(value));
    if (text.contains(u"%2"))
        text = text.arg(instance);
    if (severity == AlertSeverity::None)
        return text + QStringLiteral(": back to normal");
    return text +
           QStringLiteral(" (%1 at %2)").arg(severityName(severity), wording.format(threshold));
}
