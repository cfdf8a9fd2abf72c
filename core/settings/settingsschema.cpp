#include "settings/settingsschema.h"

#include <algorithm>
#include <iterator>

namespace {

using Kind = SettingSpec::Kind;

// A threshold rule's defaults and the unit its levels are measured in. label and unit are the
// words the desktop panel and the web dialog show, so a refusal names the rule as they do.
struct RuleDefaults
{
    const char *name;
    const char *noun;
    const char *what;
    double minimum, maximum;
    double warning, critical;
    int forSeconds;
    double hysteresis;
    const char *label;
    const char *unit;
    bool neverNegative; // the measured value cannot fall below 0 (all but temperatures)
};

const RuleDefaults Rules[] = {
    {"cpu", "a percentage", "total CPU use", 0, 100, 75, 90, 10, 5, "CPU", "%", true},
    {"memory", "a percentage", "memory in use (total minus available)", 0, 100, 80, 95, 10, 5,
     "Memory", "%", true},
    {"swap", "a percentage", "swap in use", 0, 100, 50, 80, 30, 5, "Swap", "%", true},
    {"disk", "a percentage", "space used on each filesystem", 0, 100, 90, 95, 60, 2, "Disk space",
     "%", true},
    {"temperature", "a temperature in degrees Celsius",
     "sensor temperature, for sensors that report no high/critical level", 0, 200, 80, 95, 10, 3,
     "Temperature", "°C", false},
    {"errors", "a number of errors per minute", "server errors per minute", 0, 1000000, 10, 60, 0,
     2, "Server errors", "/min", true},
    {"connections", "a number of clients per minute", "refused or dropped clients per minute", 0,
     1000000, 10, 50, 0, 2, "Refused clients", "/min", true},
    // Any failure fires (a full disk fails every flush); critical once a minute of flushes at
    // the default 10 s is lost.
    {"history", "a number of failures per minute", "history store failures per minute", 0, 1000000,
     1, 6, 0, 0.5, "History store", "/min", true},
    {"tick", "a percentage of the interval", "collection time of one tick", 1, 1000, 50, 100, 10,
     10, "Tick time", "% of interval", true},
};

QList<SettingSpec> generalAndServer()
{
    const auto s = [](const char *text) { return QString::fromUtf8(text); };
    return {
        {s("general/interval"), Kind::Number, 1.0, 0.1, 3600, s("a number of seconds"),
         s("Seconds between two samples")},
        {s("general/historySeconds"), Kind::Integer, 3600, 60, 86400,
         s("a whole number of seconds"), s("Seconds of history kept for the charts")},
        {s("general/cleanupInterval"), Kind::Integer, 60, 1, 3600, s("a whole number of seconds"),
         s("Seconds between two clean-up passes")},
        {s("server/bind"), Kind::Address, s("127.0.0.1"), 0, 0,
         s("a literal IPv4 or IPv6 address such as 127.0.0.1, 0.0.0.0 or ::1"),
         s("Address the web server listens on")},
        {s("server/port"), Kind::Integer, 8765, 0, 65535, s("a port number"),
         s("TCP port of the web server")},
        {s("server/token"), Kind::Token, QString(), 0, 0,
         s("an empty token or 16 to 256 printable ASCII characters without spaces"),
         s("Secret that makes a web client an admin; needed to bind beyond loopback")},
        {s("server/maxConnections"), Kind::Integer, 100, 1, 100000, s("a number of connections"),
         s("Most web clients connected at once")},
        {s("server/maxPerAddress"), Kind::Integer, 32, 1, 100000, s("a number of connections"),
         s("Most web clients from one remote address (loopback is exempt)")},
        {s("server/allowedOrigins"), Kind::Origins, QStringList(), 0, 0,
         s("a comma-separated list of origins such as https://example.com:8443 (http or https, "
           "no path)"),
         s("Other web origins whose pages may open the WebSocket")},
        {s("server/publicNames"), Kind::Hosts, QStringList(), 0, 0,
         s("a comma-separated list of host names such as monitor.example.org or "
           "monitor.example.org:8443, or * for any"),
         s("Names, besides the bound address, that requests may be addressed to (Host)")},
        {s("server/tlsCert"), Kind::Path, QString(), 0, 0, s("a file path"),
         s("PEM certificate file; with server/tlsKey the server speaks https and wss")},
        {s("server/tlsKey"), Kind::Path, QString(), 0, 0, s("a file path"),
         s("PEM private key file of server/tlsCert")},
    };
}

// The history store (docs/history.md). The folder is set from the desktop or the file only: a
// web admin may change how long history is kept, not where the monitor writes.
QList<SettingSpec> history()
{
    const auto s = [](const char *text) { return QString::fromUtf8(text); };
    return {
        {s("history/dataDir"), Kind::Path, QString(), 0, 0, s("a folder path"),
         s("Folder of the history file; empty for the platform's data folder")},
        {s("history/rawHours"), Kind::Integer, 24, 1, 168, s("a whole number of hours"),
         s("Hours every tick is kept on disk")},
        {s("history/minuteDays"), Kind::Integer, 30, 1, 365, s("a whole number of days"),
         s("Days per-minute minimum, average and maximum are kept")},
        {s("history/hourDays"), Kind::Integer, 730, 1, 3650, s("a whole number of days"),
         s("Days per-hour minimum, average and maximum are kept")},
        {s("history/flushSeconds"), Kind::Integer, 10, 1, 60, s("a whole number of seconds"),
         s("Seconds between two writes of the history to disk")},
        {s("history/enabled"), Kind::Integer, 1, 0, 1, s("1 (on) or 0 (off)"),
         s("Keep history on disk; 0 keeps it in memory only")},
    };
}

QList<SettingSpec> thresholds(const RuleDefaults &rule)
{
    const QString prefix = QStringLiteral("thresholds/") + QLatin1StringView(rule.name) + u'/';
    const QString noun = QString::fromUtf8(rule.noun);
    const QString what = QString::fromUtf8(rule.what);
    return {
        {prefix + u"warning", Kind::Number, rule.warning, rule.minimum, rule.maximum, noun,
         QStringLiteral("Warning level of ") + what},
        {prefix + u"critical", Kind::Number, rule.critical, rule.minimum, rule.maximum, noun,
         QStringLiteral("Critical level of ") + what},
        {prefix + u"for", Kind::Integer, rule.forSeconds, 0, 86400,
         QStringLiteral("a whole number of seconds"),
         QStringLiteral("Seconds a level must be exceeded before the alert fires")},
        {prefix + u"hysteresis", Kind::Number, rule.hysteresis, 0, rule.maximum, noun,
         QStringLiteral("How far below a level the value must fall before the alert clears")},
    };
}

QList<SettingSpec> buildSpecs()
{
    QList<SettingSpec> specs = generalAndServer() + history();
    for (const RuleDefaults &rule : Rules)
        specs += thresholds(rule);
    return specs;
}

} // namespace

const QList<SettingSpec> &SettingsSchema::specs()
{
    static const QList<SettingSpec> all = buildSpecs();
    return all;
}

const SettingSpec *SettingsSchema::find(const QString &key)
{
    const QList<SettingSpec> &all = specs();
    const auto it = std::find_if(all.begin(), all.end(),
                                 [&key](const SettingSpec &spec) { return spec.key == key; });
    return it == all.end() ? nullptr : &*it;
}

QStringList SettingsSchema::keys()
{
    QStringList keys;
    for (const SettingSpec &spec : specs())
        keys.append(spec.key);
    return keys;
}

QStringList SettingsSchema::rules()
{
    QStringList names;
    for (const RuleDefaults &rule : Rules)
        names.append(QLatin1StringView(rule.name));
    return names;
}

QString SettingsSchema::label(const QString &key)
{
    const QStringList parts = key.split(u'/');
    if (parts.size() != 3 || parts.at(0) != u"thresholds" || !find(key))
        return key;
    const auto it =
        std::find_if(std::begin(Rules), std::end(Rules), [&parts](const RuleDefaults &r) {
            return parts.at(1) == QLatin1StringView(r.name);
        });
    return QString::fromUtf8(it->label) + u' ' + parts.at(2);
}

// Cross-field rules of one threshold rule, checked on the values it would have after a change:
// a critical level below the warning level, and a warning level that the hysteresis would keep
// from ever clearing (an alert clears below level - hysteresis, which a value that cannot be
// negative never reaches when hysteresis >= level). A level of 0 is left alone: it means "always
// on", which fires at once and is meant not to clear (tests and notification checks use it).
// Equal levels are allowed: the alert then goes straight to critical. The message names the rule
// and its levels as the panels show them.
QString SettingsSchema::checkRule(const QString &rule, const QVariantMap &values)
{
    const auto it =
        std::find_if(std::begin(Rules), std::end(Rules),
                     [&rule](const RuleDefaults &r) { return rule == QLatin1StringView(r.name); });
    if (it == std::end(Rules))
        return {};
    const auto level = [&rule, &values](const char *field) {
        return values.value(QStringLiteral("thresholds/") + rule + u'/' + QLatin1StringView(field))
            .toDouble();
    };
    const QString unit = QString::fromUtf8(it->unit);
    const auto amount = [&unit](double value) -> QString {
        return SettingSpec::formatNumber(value) +
               (unit.startsWith(u'/') ? QString() : QStringLiteral(" ")) + unit;
    };
    const QString label = QString::fromUtf8(it->label);
    const double warning = level("warning");
    const double critical = level("critical");
    const double hysteresis = level("hysteresis");
    if (critical < warning)
        return QStringLiteral("%1 critical %2 is below its warning %3: raise the critical level or "
                              "lower the warning")
            .arg(label, amount(critical), amount(warning));
    if (it->neverNegative && warning > 0 && warning <= hysteresis)
        return QStringLiteral("%1 warning %2 with hysteresis %3 could never clear: lower the "
                              "hysteresis or raise the level")
            .arg(label, amount(warning), amount(hysteresis));
    return {};
}
