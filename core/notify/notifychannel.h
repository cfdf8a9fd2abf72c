#pragma once

#include "alerts/alert.h"

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

class Settings;

// One notification channel as the settings describe it (notify/<name>/..., docs/notifications.md).
struct NotifyChannel
{
    enum class Type { Webhook, Ntfy, Alertmanager, Command, Desktop };

    QString name;
    Type type = Type::Webhook;
    QString url; // for Command: the program and its arguments; none for Desktop
    QByteArray secret;
    QByteArray token;
    QList<QPair<QByteArray, QByteArray>> headers;
    AlertSeverity minSeverity = AlertSeverity::Warning;
    bool resolved = true;
    int repeatMinutes = 0;
    QStringList rules; // empty: every rule
    bool enabled = true;
    bool insecure = false;

    // Whether an event of this alert goes to the channel at all (severity, rule). A `notify`
    // alert about this very channel never does: a failing channel would report itself forever.
    bool wants(const Alert &alert) const;
    // Every channel set in the settings whose fields work together; one that does not is left
    // out, and *problems (if given) receives why, in SettingsSchema::checkChannel's words.
    static QList<NotifyChannel> fromSettings(const Settings &settings,
                                             QStringList *problems = nullptr);
    // "" if a web admin may make these changes; else why not. A command channel runs a program,
    // so it is created and changed only on the machine (desktop panel or settings file).
    static QString checkWebChanges(const Settings &settings, const QVariantMap &changes);
    // The desktop build's default: a channel "desktop" of type desktop, as an override (never
    // saved), where no channel of that type is set and the settings give "desktop" no type.
    // notify/desktop/enabled = false turns it off. True if it was added.
    static bool addDesktopDefault(Settings &settings);
};
