#pragma once

#include "settings/settingspec.h"

#include <QList>
#include <QStringList>
#include <QVariantMap>

// Every setting Vantage knows, with its default and allowed values, in one table. The settings
// file, apply() and the command line all check values against it.
class SettingsSchema
{
public:
    // Every setting in the order of the docs: general, server, then thresholds rule by rule.
    static const QList<SettingSpec> &specs();
    // The setting with this key, or nullptr for a key Vantage does not know. A notification
    // channel's key, notify/<name>/<field>, finds the field's entry in channelSpecs().
    static const SettingSpec *find(const QString &key);
    // The fields of a notification channel, keyed notify/<name>/<field>: type, url, secret, ...
    static const QList<SettingSpec> &channelSpecs();
    // Whether key is notify/<name>/<field> with a valid name (1 to 32 of A-Z a-z 0-9 _ -).
    static bool splitChannelKey(const QString &key, QString *name, QString *field);
    // Every key of the channel name, in channelSpecs() order.
    static QStringList channelKeys(const QString &name);
    // Keys never shown to web clients or logged: server/token, a channel's url, secret, token
    // and headers.
    static bool isSecret(const QString &key);
    // "" if the channel's fields (values: key -> typed value; absent keys take their default)
    // can work together, else one message naming the channel, never repeating a secret.
    static QString checkChannel(const QString &name, const QVariantMap &values);

    // Every key, in specs() order.
    static QStringList keys();
    // The alert rules that have thresholds/<rule>/... keys: cpu, memory, swap, disk, ...
    static QStringList rules();
    // What the panels call a key in messages: "Memory warning" for thresholds/memory/warning,
    // "CPU hysteresis" for thresholds/cpu/hysteresis; any other key as it is.
    static QString label(const QString &key);
    // "" if the rule's levels can work together in values (key -> typed value, every threshold
    // key present): critical at least warning, and a warning level the hysteresis lets clear.
    // Else one message in the panels' words: "Memory warning 2 % with hysteresis 5 % could never
    // clear: lower the hysteresis or raise the level".
    static QString checkRule(const QString &rule, const QVariantMap &values);
};
