#include "notify/notifychannel.h"

#include "settings/settings.h"
#include "settings/settingsschema.h"

namespace {

NotifyChannel::Type typeOf(const QString &type)
{
    if (type == u"ntfy")
        return NotifyChannel::Type::Ntfy;
    if (type == u"alertmanager")
        return NotifyChannel::Type::Alertmanager;
    if (type == u"command")
        return NotifyChannel::Type::Command;
    if (type == u"desktop")
        return NotifyChannel::Type::Desktop;
    return NotifyChannel::Type::Webhook;
}

QList<QPair<QByteArray, QByteArray>> headersOf(const QString &text)
{
    QList<QPair<QByteArray, QByteArray>> headers;
    for (const QString &part : text.split(u';', Qt::SkipEmptyParts)) {
        const qsizetype colon = part.indexOf(u':');
        if (colon > 0)
            headers.append(
                {part.left(colon).trimmed().toUtf8(), part.mid(colon + 1).trimmed().toUtf8()});
    }
    return headers;
}

QStringList rulesOf(const QString &text)
{
    QStringList rules;
    for (const QString &rule : text.split(u',', Qt::SkipEmptyParts)) {
        if (rule.trimmed() != u"all")
            rules.append(rule.trimmed());
    }
    return rules;
}

NotifyChannel read(const Settings &settings, const QString &name)
{
    const auto field = [&](const char *key) {
        return settings.value(QStringLiteral("notify/") + name + u'/' + QLatin1StringView(key));
    };
    NotifyChannel channel;
    channel.name = name;
    channel.type = typeOf(field("type").toString());
    channel.url = field("url").toString().trimmed();
    channel.secret = field("secret").toString().toUtf8();
    channel.token = field("token").toString().toUtf8();
    channel.headers = headersOf(field("headers").toString());
    channel.minSeverity = field("minSeverity").toString() == u"critical" ? AlertSeverity::Critical
                                                                         : AlertSeverity::Warning;
    channel.resolved = field("resolved").toBool();
    channel.repeatMinutes = field("repeat").toInt();
    channel.rules = rulesOf(field("rules").toString());
    channel.enabled = field("enabled").toBool();
    channel.insecure = field("insecure").toBool();
    return channel;
}

} // namespace

bool NotifyChannel::wants(const Alert &alert) const
{
    if (alert.rule == u"notify" && alert.instance == name)
        return false;
    return alert.severity >= minSeverity && (rules.isEmpty() || rules.contains(alert.rule));
}

QList<NotifyChannel> NotifyChannel::fromSettings(const Settings &settings, QStringList *problems)
{
    const QVariantMap values = settings.toMap(true);
    QList<NotifyChannel> channels;
    for (const QString &name : settings.channels()) {
        const QString problem = SettingsSchema::checkChannel(name, values);
        if (problem.isEmpty())
            channels.append(read(settings, name));
        else if (problems)
            problems->append(problem);
    }
    return channels;
}

QString NotifyChannel::checkWebChanges(const Settings &settings, const QVariantMap &changes)
{
    for (auto it = changes.cbegin(); it != changes.cend(); ++it) {
        QString name, field;
        if (!SettingsSchema::splitChannelKey(it.key(), &name, &field))
            continue;
        const QString typeKey = QStringLiteral("notify/") + name + QStringLiteral("/type");
        const QString before = settings.value(typeKey).toString();
        const QString after =
            changes.contains(typeKey) ? changes.value(typeKey).toString() : before;
        if (before == u"command" || after == u"command")
            return QStringLiteral("Notification channel \"%1\" runs a program: command channels "
                                  "are set only on the machine itself (desktop window or "
                                  "settings file)")
                .arg(name);
    }
    return {};
}

bool NotifyChannel::addDesktopDefault(Settings &settings)
{
    const QString type = QStringLiteral("notify/desktop/type");
    if (!settings.value(type).toString().isEmpty())
        return false;
    for (const QString &name : settings.channels()) {
        if (settings.value(QStringLiteral("notify/") + name + QStringLiteral("/type")).toString() ==
            u"desktop")
            return false;
    }
    settings.setOverride(type, QStringLiteral("desktop"));
    return true;
}
