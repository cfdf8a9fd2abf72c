// The fleet list (docs/fleet.md): fleet/host/<name>/<field>, the dynamic-key counterpart of
// notify/<name>/<field> for the other Vantage hosts a hub connects to.
#include "settings/settings.h"
#include "settings/settingsschema.h"

#include <QRegularExpression>

#include <algorithm>

namespace {

QList<SettingSpec> hostFields()
{
    const auto s = [](const char *text) { return QString::fromUtf8(text); };
    const QString prefix = QStringLiteral("fleet/host/<name>/");
    return {
        {prefix + u"url", SettingSpec::Kind::Remote, QString(), 0, 0,
         s("an address such as http://host:8765/ or wss://host:8765/ws (http, https, ws or wss, "
           "no user, query or fragment)"),
         s("The host's dashboard address as it prints it, or its WebSocket address")},
        {prefix + u"token", SettingSpec::Kind::Token, QString(), 0, 0,
         s("an empty token or 16 to 256 printable ASCII characters without spaces"),
         s("The host's server/token; makes the hub an admin there")},
    };
}

// As a notification channel's name: it is part of a key and of the host rule's instance.
bool isHostName(const QString &name)
{
    static const QRegularExpression pattern(QStringLiteral("^[A-Za-z0-9_-]{1,32}$"));
    return pattern.match(name).hasMatch();
}

} // namespace

const QList<SettingSpec> &SettingsSchema::fleetHostSpecs()
{
    static const QList<SettingSpec> all = hostFields();
    return all;
}

bool SettingsSchema::splitFleetKey(const QString &key, QString *name, QString *field)
{
    const QStringList parts = key.split(u'/');
    if (parts.size() != 4 || parts.at(0) != u"fleet" || parts.at(1) != u"host" ||
        !isHostName(parts.at(2)))
        return false;
    if (name)
        *name = parts.at(2);
    if (field)
        *field = parts.at(3);
    return true;
}

QStringList SettingsSchema::fleetHostKeys(const QString &name)
{
    QStringList keys;
    for (const SettingSpec &spec : fleetHostSpecs())
        keys.append(QStringLiteral("fleet/host/") + name + u'/' + spec.key.section(u'/', 3));
    return keys;
}

const SettingSpec *SettingsSchema::fleetSpec(const QString &key)
{
    QString field;
    if (!splitFleetKey(key, nullptr, &field))
        return nullptr;
    const QList<SettingSpec> &fields = fleetHostSpecs();
    const auto it = std::find_if(fields.begin(), fields.end(), [&field](const SettingSpec &s) {
        return s.key.section(u'/', 3) == field;
    });
    return it == fields.end() ? nullptr : &*it;
}

QStringList Settings::fleetHosts() const
{
    QStringList names;
    for (const QVariantMap *map : {&m_values, &m_overrides}) {
        for (auto it = map->cbegin(); it != map->cend(); ++it) {
            QString name;
            if (SettingsSchema::splitFleetKey(it.key(), &name, nullptr) && !names.contains(name))
                names.append(name);
        }
    }
    names.sort();
    return names;
}
