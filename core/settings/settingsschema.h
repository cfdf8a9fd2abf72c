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
    // The setting with this key, or nullptr for a key Vantage does not know.
    static const SettingSpec *find(const QString &key);
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
