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
    // channel's key, notify/<name>/<field>, finds the field's entry in channelSpecs(); a unit's
    // level (thresholds/<rule>/<unit>/<field>) the shared level's, under the unit's key.
    static const SettingSpec *find(const QString &key);
    // The fields of a notification channel, keyed notify/<name>/<field>: type, url, secret, ...
    static const QList<SettingSpec> &channelSpecs();
    // Whether key is notify/<name>/<field> with a valid name (1 to 32 of A-Z a-z 0-9 _ -).
    static bool splitChannelKey(const QString &key, QString *name, QString *field);
    // Every key of the channel name, in channelSpecs() order.
    static QStringList channelKeys(const QString &name);
    // The fields of a fleet host, keyed fleet/host/<name>/<field>: url and token (fleetkeys.cpp,
    // docs/fleet.md).
    static const QList<SettingSpec> &fleetHostSpecs();
    // Whether key is fleet/host/<name>/<field> with a valid name (as a channel's).
    static bool splitFleetKey(const QString &key, QString *name, QString *field);
    // Every key of the fleet host name, in fleetHostSpecs() order.
    static QStringList fleetHostKeys(const QString &name);
    // Keys never shown to web clients or logged: server/token, a channel's url, secret, token
    // and headers, a fleet host's token.
    static bool isSecret(const QString &key);
    // "" if the channel's fields (values: key -> typed value; absent keys take their default)
    // can work together, else one message naming the channel, never repeating a secret.
    static QString checkChannel(const QString &name, const QVariantMap &values);

    // Every key, in specs() order.
    static QStringList keys();
    // The alert rules that have thresholds/<rule>/... keys: cpu, memory, swap, disk, ...
    static QStringList rules();
    // What the panels call a key in messages: "Memory warning" for thresholds/memory/warning,
    // "CPU hysteresis" for thresholds/cpu/hysteresis, "Service CPU warning of nginx.service" for
    // thresholds/cgroup/nginx.service/warning; any other key as it is.
    static QString label(const QString &key);
    // "" if the rule's levels can work together in values (key -> typed value, every threshold
    // key present): critical at least warning, and a warning level the hysteresis lets clear.
    // Else one message in the panels' words: "Memory warning 2 % with hysteresis 5 % could never
    // clear: lower the hysteresis or raise the level". With a unit, the levels of that unit
    // (thresholds/<rule>/<unit>/..., every field present), named "Service CPU of nginx.service".
    static QString checkRule(const QString &rule, const QVariantMap &values,
                             const QString &unit = {});

    // Levels per unit (unitrules.cpp, docs/settings.md "Levels per unit"): a systemd unit or
    // container may have its own thresholds/<rule>/<unit>/<field> for the rules unitRules()
    // names. Fields: warning, critical, for and hysteresis (unset: the shared
    // thresholds/<rule>/<field>) and enabled (false: the rule leaves the unit alone). The rules:
    // cgroup and cgroupMemory.
    static QStringList unitRules();
    // The unit as its keys spell it: A-Z a-z 0-9 _ . @ - as they are, every other UTF-8 byte
    // %XX (upper-case hex): "getty@tty1.service" stays, "a/b" becomes "a%2Fb".
    static QString encodeUnit(const QString &unit);
    // Whether key is thresholds/<rule>/<encoded unit>/<field> of a unit rule, the unit spelt as
    // encodeUnit() spells it (1 to 256 characters once decoded); *unit receives it decoded.
    static bool splitUnitKey(const QString &key, QString *rule, QString *unit, QString *field);
    // Whether prefix is thresholds/<rule>/<encoded unit>/: every key of one unit's levels.
    static bool splitUnitPrefix(const QString &prefix, QString *rule, QString *unit);
    static QString unitPrefix(const QString &rule, const QString &unit);
    // Every key of the unit's levels for the rule, fields in the order above.
    static QStringList unitKeys(const QString &rule, const QString &unit);
    // The shared level a unit's level stands in for (thresholds/cgroup/warning for
    // thresholds/cgroup/nginx.service/warning); "" for enabled and for any other key.
    static QString sharedKey(const QString &key);

private:
    static const SettingSpec *unitSpec(const QString &key);
    static const SettingSpec *fleetSpec(const QString &key);
};
