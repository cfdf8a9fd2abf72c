#include "notify/notifyevent.h"

QJsonObject NotifyEvent::toJson() const
{
    QJsonObject json = alert.toJson();
    json.insert(QStringLiteral("event"), event);
    json.insert(QStringLiteral("host"), host);
    json.insert(QStringLiteral("reminder"), reminder);
    return json;
}

QJsonObject NotifyEvent::toStored() const
{
    QJsonObject json = toJson();
    json.insert(QStringLiteral("previousSeverity"), previousSeverity);
    json.insert(QStringLiteral("queuedAt"), double(queuedAt));
    return json;
}

std::optional<NotifyEvent> NotifyEvent::fromStored(const QJsonObject &json)
{
    const std::optional<Alert> alert = Alert::fromJson(json);
    if (!alert)
        return std::nullopt;
    NotifyEvent event;
    event.alert = *alert;
    event.event = json.value(QStringLiteral("event")).toString();
    event.host = json.value(QStringLiteral("host")).toString();
    event.reminder = json.value(QStringLiteral("reminder")).toBool();
    event.previousSeverity = json.value(QStringLiteral("previousSeverity")).toString();
    event.queuedAt = qint64(json.value(QStringLiteral("queuedAt")).toDouble());
    return event;
}
