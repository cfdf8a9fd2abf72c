#include "notify/notifylog.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>

QJsonObject NotifyDelivery::toJson() const
{
    return {
        {QStringLiteral("channel"), channel},
        {QStringLiteral("ts"), double(ts)},
        {QStringLiteral("result"), ok() ? QStringLiteral("delivered") : QStringLiteral("failed")},
        {QStringLiteral("error"), error},
        {QStringLiteral("test"), test},
        {QStringLiteral("events"), events},
        {QStringLiteral("alerts"), QJsonArray::fromStringList(alerts)}};
}

std::optional<NotifyDelivery> NotifyDelivery::fromJson(const QJsonObject &json)
{
    NotifyDelivery delivery;
    delivery.channel = json.value(QStringLiteral("channel")).toString();
    delivery.ts = qint64(json.value(QStringLiteral("ts")).toDouble());
    if (delivery.channel.isEmpty() || delivery.ts <= 0)
        return std::nullopt;
    delivery.error = json.value(QStringLiteral("error")).toString();
    if (delivery.error.isEmpty() && json.value(QStringLiteral("result")).toString() != u"delivered")
        delivery.error = QStringLiteral("failed");
    delivery.test = json.value(QStringLiteral("test")).toBool();
    delivery.events = json.value(QStringLiteral("events")).toInt();
    for (const QJsonValue &alert : json.value(QStringLiteral("alerts")).toArray())
        delivery.alerts.append(alert.toString());
    return delivery;
}

NotifyLog::NotifyLog(QString filePath)
    : m_path(std::move(filePath))
{}

void NotifyLog::load()
{
    QFile file(m_path);
    if (!file.open(QIODevice::ReadOnly))
        return;
    const QJsonObject json = QJsonDocument::fromJson(file.readAll()).object();
    for (const QJsonValue &value : json.value(QStringLiteral("entries")).toArray()) {
        if (const auto delivery = NotifyDelivery::fromJson(value.toObject()))
            m_entries.append(*delivery);
    }
    if (m_entries.size() > MaxEntries)
        m_entries.remove(0, m_entries.size() - MaxEntries);
    for (const QJsonValue &value : json.value(QStringLiteral("last")).toArray()) {
        if (const auto delivery = NotifyDelivery::fromJson(value.toObject()))
            m_last.insert(delivery->channel, *delivery);
    }
}

bool NotifyLog::save(QString *error) const
{
    QJsonArray entries;
    for (const NotifyDelivery &delivery : m_entries)
        entries.append(delivery.toJson());
    QJsonArray last;
    for (const NotifyDelivery &delivery : m_last)
        last.append(delivery.toJson());
    const QByteArray bytes = QJsonDocument(QJsonObject{{QStringLiteral("entries"), entries},
                                                       {QStringLiteral("last"), last}})
                                 .toJson(QJsonDocument::Compact);
    QDir().mkpath(QFileInfo(m_path).absolutePath());
    QSaveFile file(m_path);
    if (file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size() && file.commit())
        return true;
    if (error)
        *error = file.errorString();
    return false;
}

void NotifyLog::add(const NotifyDelivery &delivery)
{
    m_last.insert(delivery.channel, delivery);
    m_entries.append(delivery);
    if (m_entries.size() > MaxEntries)
        m_entries.removeFirst();
}

std::optional<NotifyDelivery> NotifyLog::last(const QString &channel) const
{
    const auto it = m_last.constFind(channel);
    return it == m_last.cend() ? std::nullopt : std::optional<NotifyDelivery>(*it);
}
