#include "notify/notifypayload.h"

#include "settings/settingspec.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMessageAuthenticationCode>

namespace {

QString isoTime(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
}

QString stateWord(const Alert &alert)
{
    return alert.state == Alert::State::Resolved ? QStringLiteral("resolved")
                                                 : Alert::severityName(alert.severity);
}

QJsonObject amLabels(const NotifyEvent &event, const QString &severity)
{
    QJsonObject labels{{QStringLiteral("alertname"), NotifyPayload::alertName(event.alert.rule)},
                       {QStringLiteral("instance"), event.host},
                       {QStringLiteral("severity"), severity},
                       {QStringLiteral("rule"), event.alert.rule}};
    if (!event.alert.instance.isEmpty())
        labels.insert(NotifyPayload::instanceLabel(event.alert.rule), event.alert.instance);
    return labels;
}

QJsonObject amAlert(const NotifyEvent &event, const QString &severity, qint64 endsAt,
                    const QString &generatorUrl)
{
    const Alert &alert = event.alert;
    QJsonObject json{
        {QStringLiteral("labels"), amLabels(event, severity)},
        {QStringLiteral("annotations"),
         QJsonObject{{QStringLiteral("summary"), alert.message},
                     {QStringLiteral("value"), SettingSpec::formatNumber(alert.value)},
                     {QStringLiteral("threshold"), SettingSpec::formatNumber(alert.threshold)}}},
        {QStringLiteral("startsAt"), isoTime(alert.since)},
        {QStringLiteral("generatorURL"), generatorUrl}};
    if (endsAt > 0)
        json.insert(QStringLiteral("endsAt"), isoTime(endsAt));
    return json;
}

} // namespace

namespace NotifyPayload {

QByteArray webhookBody(const QList<NotifyEvent> &events, const QString &host)
{
    QJsonArray list;
    for (const NotifyEvent &event : events)
        list.append(event.toJson());
    const QJsonObject body{{QStringLiteral("version"), 1},
                           {QStringLiteral("host"), host},
                           {QStringLiteral("events"), list}};
    return QJsonDocument(body).toJson(QJsonDocument::Compact);
}

QByteArray signature(const QByteArray &secret, const QByteArray &body)
{
    return "sha256=" +
           QMessageAuthenticationCode::hash(body, secret, QCryptographicHash::Sha256).toHex();
}

// Priorities as ntfy documents them: 5 (urgent) for critical, because it must reach someone now;
// 4 (high) for a warning, which should be seen soon but need not break through do-not-disturb;
// 2 (low) when everything in the group ended, which is good news nobody must act on.
Ntfy ntfy(const QList<NotifyEvent> &events, const QString &host)
{
    Ntfy message;
    int priority = 2;
    QStringList tags, lines;
    for (const NotifyEvent &event : events) {
        const Alert &alert = event.alert;
        const bool firing = alert.state == Alert::State::Firing;
        if (firing)
            priority = std::max(priority, alert.severity == AlertSeverity::Critical ? 5 : 4);
        const QString tag = !firing ? QStringLiteral("white_check_mark")
                            : alert.severity == AlertSeverity::Critical
                                ? QStringLiteral("rotating_light")
                                : QStringLiteral("warning");
        for (const QString &word : {tag, alert.rule}) {
            if (!tags.contains(word))
                tags.append(word);
        }
        lines.append(alert.message.isEmpty() ? alert.id() + u' ' + stateWord(alert)
                                             : alert.message);
    }
    const NotifyEvent &only = events.constFirst();
    const QString title =
        events.size() == 1
            ? QStringLiteral("%1: %2 %3").arg(host, only.alert.id(), stateWord(only.alert))
            : QStringLiteral("%1: %2 alert events").arg(host).arg(events.size());
    message.title = title.toUtf8();
    message.priority = QByteArray::number(priority);
    message.tags = tags.join(u',').toUtf8();
    message.body = lines.join(u'\n').toUtf8();
    return message;
}

QByteArray alertmanagerBody(const QList<NotifyEvent> &events, const QList<NotifyEvent> &open,
                            const QString &generatorUrl)
{
    QJsonArray alerts;
    for (const NotifyEvent &event : events) {
        const QString severity = Alert::severityName(event.alert.severity);
        if (!event.previousSeverity.isEmpty() && event.previousSeverity != severity)
            alerts.append(amAlert(event, event.previousSeverity, event.alert.ts, generatorUrl));
        if (event.alert.state == Alert::State::Resolved)
            alerts.append(amAlert(event, severity, event.alert.ts, generatorUrl));
    }
    for (const NotifyEvent &event : open)
        alerts.append(amAlert(event, Alert::severityName(event.alert.severity), 0, generatorUrl));
    return QJsonDocument(alerts).toJson(QJsonDocument::Compact);
}

QString alertName(const QString &rule)
{
    return QStringLiteral("Vantage") + rule.left(1).toUpper() + rule.mid(1);
}

QString instanceLabel(const QString &rule)
{
    if (rule == u"disk")
        return QStringLiteral("mount");
    if (rule == u"temperature")
        return QStringLiteral("sensor");
    if (rule == u"notify")
        return QStringLiteral("channel");
    // The hub's alert about one of its fleet hosts: `instance` is the hub itself.
    if (rule == u"host")
        return QStringLiteral("fleet_host");
    return QStringLiteral("object");
}

QProcessEnvironment commandEnvironment(const QList<NotifyEvent> &events)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    const NotifyEvent &last = events.constLast();
    const Alert &alert = last.alert;
    env.insert(QStringLiteral("VANTAGE_COUNT"), QString::number(events.size()));
    env.insert(QStringLiteral("VANTAGE_EVENT"), last.event);
    env.insert(QStringLiteral("VANTAGE_HOST"), last.host);
    env.insert(QStringLiteral("VANTAGE_ID"), alert.id());
    env.insert(QStringLiteral("VANTAGE_RULE"), alert.rule);
    env.insert(QStringLiteral("VANTAGE_INSTANCE"), alert.instance);
    env.insert(QStringLiteral("VANTAGE_SEVERITY"), Alert::severityName(alert.severity));
    env.insert(QStringLiteral("VANTAGE_STATE"), alert.state == Alert::State::Firing
                                                    ? QStringLiteral("firing")
                                                    : QStringLiteral("resolved"));
    env.insert(QStringLiteral("VANTAGE_VALUE"), SettingSpec::formatNumber(alert.value));
    env.insert(QStringLiteral("VANTAGE_THRESHOLD"), SettingSpec::formatNumber(alert.threshold));
    env.insert(QStringLiteral("VANTAGE_MESSAGE"), alert.message);
    env.insert(QStringLiteral("VANTAGE_TS"), QString::number(alert.ts));
    env.insert(QStringLiteral("VANTAGE_SINCE"), QString::number(alert.since));
    return env;
}

} // namespace NotifyPayload
