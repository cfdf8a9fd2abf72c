// Levels of one systemd unit or container for the cgroup rules (docs/settings.md "Levels per
// unit"): thresholds/<rule>/<unit>/<field>, the dynamic-key counterpart of notify/<name>/<field>.
#include "settings/settingsschema.h"

#include <QHash>

#include <algorithm>
#include <iterator>

namespace {

const char *const UnitFields[] = {"warning", "critical", "for", "hysteresis", "enabled"};

// Kept as they are in a key: what unit and container names are made of, none of it special in
// an INI file or a settings path. Everything else, '%' included, is written %XX per UTF-8 byte.
bool keptAsIs(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '.' || c == '@' || c == '-';
}

// Systemd allows 255 characters in a unit name; a container name is shorter.
constexpr qsizetype MaxUnitLength = 256;

// The unit's key fields, each the shared level's spec under the unit's key: same kind, range
// and words, so a unit's level is refused exactly where the shared one would be.
QHash<QString, SettingSpec> buildTemplates()
{
    QHash<QString, SettingSpec> templates;
    for (const QString &rule : SettingsSchema::unitRules()) {
        for (const char *name : UnitFields) {
            const QString field = QLatin1StringView(name);
            SettingSpec spec;
            if (field == u"enabled") {
                spec = {QString(),
                        SettingSpec::Kind::Switch,
                        true,
                        0,
                        0,
                        QStringLiteral("true or false"),
                        QStringLiteral("Whether this unit is watched by the rule at all")};
            } else {
                spec = *SettingsSchema::find(QStringLiteral("thresholds/%1/%2").arg(rule, field));
                spec.description += QStringLiteral(" for this unit; unset: the shared level");
            }
            spec.key = QStringLiteral("thresholds/%1/<unit>/%2").arg(rule, field);
            templates.insert(rule + u'/' + field, spec);
        }
    }
    return templates;
}

} // namespace

QStringList SettingsSchema::unitRules()
{
    return {QStringLiteral("cgroup"), QStringLiteral("cgroupMemory")};
}

QString SettingsSchema::encodeUnit(const QString &unit)
{
    QString encoded;
    for (const char c : unit.toUtf8()) {
        if (keptAsIs(c))
            encoded += QLatin1Char(c);
        else
            encoded += QStringLiteral("%%1").arg(uint(uchar(c)), 2, 16, QLatin1Char('0')).toUpper();
    }
    return encoded;
}

// Only the one spelling encodeUnit() writes is a unit's key, so a unit has exactly one set of
// keys and a listing never shows it twice.
bool SettingsSchema::splitUnitKey(const QString &key, QString *rule, QString *unit, QString *field)
{
    const QStringList parts = key.split(u'/');
    if (parts.size() != 4 || parts.at(0) != u"thresholds" || !unitRules().contains(parts.at(1)) ||
        !std::any_of(std::begin(UnitFields), std::end(UnitFields),
                     [&parts](const char *f) { return parts.at(3) == QLatin1StringView(f); }))
        return false;
    const QString decoded =
        QString::fromUtf8(QByteArray::fromPercentEncoding(parts.at(2).toUtf8()));
    if (decoded.isEmpty() || decoded.size() > MaxUnitLength || encodeUnit(decoded) != parts.at(2))
        return false;
    if (rule)
        *rule = parts.at(1);
    if (unit)
        *unit = decoded;
    if (field)
        *field = parts.at(3);
    return true;
}

bool SettingsSchema::splitUnitPrefix(const QString &prefix, QString *rule, QString *unit)
{
    return prefix.endsWith(u'/') &&
           splitUnitKey(prefix + QStringLiteral("enabled"), rule, unit, nullptr);
}

QString SettingsSchema::unitPrefix(const QString &rule, const QString &unit)
{
    return QStringLiteral("thresholds/%1/%2/").arg(rule, encodeUnit(unit));
}

QStringList SettingsSchema::unitKeys(const QString &rule, const QString &unit)
{
    QStringList keys;
    for (const char *field : UnitFields)
        keys.append(unitPrefix(rule, unit) + QLatin1StringView(field));
    return keys;
}

QString SettingsSchema::sharedKey(const QString &key)
{
    QString rule, field;
    if (!splitUnitKey(key, &rule, nullptr, &field) || field == u"enabled")
        return {};
    return QStringLiteral("thresholds/%1/%2").arg(rule, field);
}

const SettingSpec *SettingsSchema::unitSpec(const QString &key)
{
    static const QHash<QString, SettingSpec> templates = buildTemplates();
    QString rule, field;
    if (!splitUnitKey(key, &rule, nullptr, &field))
        return nullptr;
    const auto it = templates.constFind(rule + u'/' + field);
    return it == templates.cend() ? nullptr : &*it;
}
