// The levels of one unit per unit rule (thresholds/<rule>/<unit>/<field>, SettingsSchema's
// unitrules.cpp): listing, checking and falling back, apart from the rest of Settings.
#include "logging.h"
#include "settings/settings.h"
#include "settings/settingsschema.h"

#include <QDir>

QStringList Settings::units(const QString &rule) const
{
    QStringList names;
    for (const QVariantMap *map : {&m_values, &m_overrides}) {
        for (auto it = map->cbegin(); it != map->cend(); ++it) {
            QString keyRule, unit;
            if (SettingsSchema::splitUnitKey(it.key(), &keyRule, &unit, nullptr) &&
                keyRule == rule && !names.contains(unit))
                names.append(unit);
        }
    }
    names.sort();
    return names;
}

QStringList Settings::dynamicKeys() const
{
    QStringList all;
    for (const QString &name : channels())
        all += SettingsSchema::channelKeys(name);
    for (const QString &rule : SettingsSchema::unitRules()) {
        for (const QString &unit : units(rule))
            all += SettingsSchema::unitKeys(rule, unit);
    }
    for (const QString &name : fleetHosts())
        all += SettingsSchema::fleetHostKeys(name);
    return all;
}

// Every unit's levels as they would be: the unit's own where set (before or by this change),
// else the shared ones of after, so a change of a shared level is checked against every unit
// that still follows it.
QStringList Settings::checkUnits(QVariantMap after, const QVariantMap &typed,
                                 const QStringList &removed) const
{
    QStringList errors;
    for (const QString &rule : SettingsSchema::unitRules()) {
        QStringList names = units(rule);
        for (auto it = typed.cbegin(); it != typed.cend(); ++it) {
            QString keyRule, unit;
            if (SettingsSchema::splitUnitKey(it.key(), &keyRule, &unit, nullptr) &&
                keyRule == rule && !names.contains(unit))
                names.append(unit);
        }
        for (const QString &unit : names) {
            const QString prefix = SettingsSchema::unitPrefix(rule, unit);
            if (removed.contains(prefix))
                continue;
            for (const QString &key : SettingsSchema::unitKeys(rule, unit)) {
                const QString shared = SettingsSchema::sharedKey(key);
                if (!shared.isEmpty() && !typed.contains(key) && !m_values.contains(key) &&
                    !m_overrides.contains(key))
                    after.insert(key, after.value(shared));
            }
            const QString problem = SettingsSchema::checkRule(rule, after, unit);
            if (!problem.isEmpty())
                errors.append(problem);
        }
    }
    return errors;
}

// A unit's levels that cannot work together fall back to the shared ones, as a rule's fall back
// to its defaults.
void Settings::dropInconsistentUnits()
{
    const QVariantMap all = toMap(true);
    for (const QString &rule : SettingsSchema::unitRules()) {
        for (const QString &unit : units(rule)) {
            const QString problem = SettingsSchema::checkRule(rule, all, unit);
            if (problem.isEmpty())
                continue;
            const QString prefix = SettingsSchema::unitPrefix(rule, unit);
            for (const char *field : {"warning", "critical", "hysteresis"})
                m_values.remove(prefix + QLatin1StringView(field));
            qCWarning(lcSettings).noquote()
                << QStringLiteral("settings file %1: %2; using the shared levels of thresholds/%3")
                       .arg(u'"' + QDir::toNativeSeparators(m_filePath) + u'"', problem, rule);
        }
    }
}
