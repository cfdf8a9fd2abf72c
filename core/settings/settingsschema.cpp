#include "settings/settingsschema.h"

#include "settings/ruletable.h"

#include <QRegularExpression>
#include <QUrl>

#include <algorithm>
#include <iterator>

namespace {

using Kind = SettingSpec::Kind;

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
        {s("server/allowProcessControl"), Kind::Switch, false, 0, 0, s("true or false"),
         s("Whether web admins may signal and renice processes; set on the machine only")},
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
        {s("history/enabled"), Kind::Switch, true, 0, 0, s("true or false"),
         s("Keep history on disk; false keeps it in memory only")},
    };
}

// Notifications (docs/notifications.md): how long a delivery is retried and how often a channel
// may be sent to.
QList<SettingSpec> notify()
{
    const auto s = [](const char *text) { return QString::fromUtf8(text); };
    return {
        {s("notify/retryHours"), Kind::Integer, 24, 1, 168, s("a whole number of hours"),
         s("Hours a failed notification is retried before it is given up")},
        {s("notify/groupSeconds"), Kind::Integer, 10, 1, 3600, s("a whole number of seconds"),
         s("Seconds between two deliveries to one channel; events in between go together")},
    };
}

// The fields of one notification channel, notify/<name>/<field>. Whether the fields of a channel
// work together (a known type, a URL its type can use) is checkChannel's part.
QList<SettingSpec> channelFields()
{
    const auto s = [](const char *text) { return QString::fromUtf8(text); };
    const QString prefix = QStringLiteral("notify/<name>/");
    const QString text = s("one line of text");
    return {
        {prefix + u"type", Kind::Text, QString(), 0, 0, text,
         s("desktop, webhook, ntfy, alertmanager or command")},
        {prefix + u"url", Kind::Text, QString(), 0, 0, text,
         s("Where to deliver: the http(s) URL, or for command the program and its arguments; "
           "none for desktop")},
        {prefix + u"secret", Kind::Text, QString(), 0, 0, text,
         s("Key of the X-Vantage-Signature HMAC of a webhook body")},
        {prefix + u"token", Kind::Text, QString(), 0, 0, text,
         s("Bearer token sent with each request")},
        {prefix + u"headers", Kind::Text, QString(), 0, 0, text,
         s("Extra request headers, \"Name: value\" separated by semicolons")},
        {prefix + u"minSeverity", Kind::Text, s("warning"), 0, 0, text,
         s("Least severity delivered: warning or critical")},
        {prefix + u"resolved", Kind::Switch, true, 0, 0, s("true or false"),
         s("Deliver the end of an alert too")},
        {prefix + u"repeat", Kind::Integer, 0, 0, 10080, s("a whole number of minutes"),
         s("Minutes between reminders of an alert still firing; 0 for none")},
        {prefix + u"rules", Kind::Text, s("all"), 0, 0, text,
         s("all, or the alert rules to deliver separated by commas")},
        {prefix + u"enabled", Kind::Switch, true, 0, 0, s("true or false"),
         s("Deliver to this channel")},
        {prefix + u"insecure", Kind::Switch, false, 0, 0, s("true or false"),
         s("Accept any https certificate (self-signed test servers only)")},
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

// The fleet (docs/fleet.md): when a silent host counts as down, whether web admins may edit
// the list, which only the machine itself may decide (as server/allowProcessControl), and the
// Prometheus the overview reads a large fleet from.
QList<SettingSpec> fleet()
{
    const auto s = [](const char *text) { return QString::fromUtf8(text); };
    return {
        {s("fleet/downSeconds"), Kind::Integer, 15, 1, 3600, s("a whole number of seconds"),
         s("Seconds without a message from a fleet host before it counts as down")},
        {s("fleet/webEditable"), Kind::Switch, false, 0, 0, s("true or false"),
         s("Whether web admins may edit the fleet list; set on the machine only")},
        {s("fleet/prometheusUrl"), Kind::Service, QString(), 0, 0,
         s("an address such as http://prometheus:9090/ (http or https, optionally with the path "
           "Prometheus is served under; no user, query or fragment), or empty for none"),
         s("Prometheus that scrapes the fleet's /metrics; the overview lists every instance it "
           "knows")},
        {s("fleet/prometheusRefresh"), Kind::Integer, 15, 1, 3600, s("a whole number of seconds"),
         s("Seconds between two readings of the fleet from Prometheus")},
    };
}

QList<SettingSpec> buildSpecs()
{
    QList<SettingSpec> specs = generalAndServer() + history() + notify() + fleet();
    for (const RuleDefaults &rule : ruleTable())
        specs += thresholds(rule);
    return specs;
}

bool isChannelName(const QString &name)
{
    static const QRegularExpression pattern(QStringLiteral("^[A-Za-z0-9_-]{1,32}$"));
    return pattern.match(name).hasMatch();
}

bool isHttpUrl(const QString &text)
{
    const QUrl url(text, QUrl::StrictMode);
    return url.isValid() && (url.scheme() == u"http" || url.scheme() == u"https") &&
           !url.host().isEmpty();
}

// Headers as "Name: value; Name: value"; a name is an HTTP token.
bool isHeaderList(const QString &text)
{
    static const QRegularExpression header(
        QStringLiteral("^\\s*[A-Za-z0-9!#$%&'*+.^_`|~-]+\\s*:[^;]*$"));
    const QStringList parts = text.split(u';', Qt::SkipEmptyParts);
    return std::all_of(parts.begin(), parts.end(), [](const QString &part) {
        return part.trimmed().isEmpty() || header.match(part).hasMatch();
    });
}

} // namespace

const QList<SettingSpec> &SettingsSchema::channelSpecs()
{
    static const QList<SettingSpec> all = channelFields();
    return all;
}

bool SettingsSchema::splitChannelKey(const QString &key, QString *name, QString *field)
{
    const QStringList parts = key.split(u'/');
    if (parts.size() != 3 || parts.at(0) != u"notify" || !isChannelName(parts.at(1)))
        return false;
    if (name)
        *name = parts.at(1);
    if (field)
        *field = parts.at(2);
    return true;
}

bool SettingsSchema::isSecret(const QString &key)
{
    QString field;
    if (key == u"server/token")
        return true;
    if (splitFleetKey(key, nullptr, &field))
        return field == u"token";
    return splitChannelKey(key, nullptr, &field) &&
           (field == u"url" || field == u"secret" || field == u"token" || field == u"headers");
}

QStringList SettingsSchema::channelKeys(const QString &name)
{
    QStringList keys;
    for (const SettingSpec &spec : channelSpecs())
        keys.append(QStringLiteral("notify/") + name + u'/' + spec.key.section(u'/', 2));
    return keys;
}

// Checked on the values the channel would have after a change. Secrets (the URL, tokens,
// headers) are never repeated in a message: it goes to logs and web clients.
QString SettingsSchema::checkChannel(const QString &name, const QVariantMap &values)
{
    const QString prefix = QStringLiteral("notify/") + name + u'/';
    const auto field = [&](const char *key) {
        const QString full = prefix + QLatin1StringView(key);
        return values.contains(full) ? values.value(full) : find(full)->defaultValue;
    };
    const QString channel = QStringLiteral("Notification channel \"%1\": ").arg(name);
    const QString type = field("type").toString();
    static const QStringList types{QStringLiteral("desktop"), QStringLiteral("webhook"),
                                   QStringLiteral("ntfy"), QStringLiteral("alertmanager"),
                                   QStringLiteral("command")};
    if (!types.contains(type))
        return channel + QStringLiteral("type must be desktop, webhook, ntfy, alertmanager or "
                                        "command, got \"%1\"")
                             .arg(type.left(32));
    const QString url = field("url").toString().trimmed();
    if (type == u"command" && url.isEmpty())
        return channel + QStringLiteral("url must name the program to run");
    // A desktop channel goes to the session bus: it has no address.
    if (type != u"command" && type != u"desktop" && !isHttpUrl(url))
        return channel + QStringLiteral("url must be an http or https address such as "
                                        "https://ntfy.sh/my-alerts");
    const QString severity = field("minSeverity").toString();
    if (severity != u"warning" && severity != u"critical")
        return channel + QStringLiteral("minSeverity must be warning or critical, got \"%1\"")
                             .arg(severity.left(32));
    if (!isHeaderList(field("headers").toString()))
        return channel + QStringLiteral("headers must be \"Name: value\" pairs separated by "
                                        "semicolons");
    const QString wanted = field("rules").toString().trimmed();
    if (wanted.isEmpty() || wanted == u"all")
        return {};
    const QStringList known = rules();
    for (const QString &rule : wanted.split(u',')) {
        if (!known.contains(rule.trimmed()))
            return channel + QStringLiteral("rules must be all or a list of %1, got \"%2\"")
                                 .arg(known.join(QStringLiteral(", ")), rule.trimmed().left(32));
    }
    return {};
}

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
    if (it != all.end())
        return &*it;
    if (const SettingSpec *unit = unitSpec(key))
        return unit;
    if (const SettingSpec *host = fleetSpec(key))
        return host;
    QString field;
    if (!splitChannelKey(key, nullptr, &field))
        return nullptr;
    const QList<SettingSpec> &fields = channelSpecs();
    const auto templ = std::find_if(fields.begin(), fields.end(), [&field](const SettingSpec &s) {
        return s.key.section(u'/', 2) == field;
    });
    return templ == fields.end() ? nullptr : &*templ;
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
    for (const RuleDefaults &rule : ruleTable())
        names.append(QLatin1StringView(rule.name));
    return names;
}

QString SettingsSchema::label(const QString &key)
{
    QString rule, unit, field;
    if (splitUnitKey(key, &rule, &unit, &field))
        return QString::fromUtf8(ruleDefaults(rule)->label) + u' ' + field +
               QStringLiteral(" of ") + unit;
    const QStringList parts = key.split(u'/');
    if (parts.size() != 3 || parts.at(0) != u"thresholds" || !find(key))
        return key;
    return QString::fromUtf8(ruleDefaults(parts.at(1))->label) + u' ' + parts.at(2);
}

// Cross-field rules of one threshold rule, checked on the values it would have after a change:
// a critical level below the warning level, and a warning level that the hysteresis would keep
// from ever clearing (an alert clears below level - hysteresis, which a value that cannot be
// negative never reaches when hysteresis >= level). A level of 0 is left alone: it means "always
// on", which fires at once and is meant not to clear (tests and notification checks use it).
// Equal levels are allowed: the alert then goes straight to critical. The message names the rule
// and its levels as the panels show them.
QString SettingsSchema::checkRule(const QString &rule, const QVariantMap &values,
                                  const QString &unit)
{
    const RuleDefaults *it = ruleDefaults(rule);
    if (!it)
        return {};
    const QString prefix =
        unit.isEmpty() ? QStringLiteral("thresholds/") + rule + u'/' : unitPrefix(rule, unit);
    const auto level = [&prefix, &values](const char *field) {
        return values.value(prefix + QLatin1StringView(field)).toDouble();
    };
    const QString measure = QString::fromUtf8(it->unit);
    const auto amount = [&measure](double value) -> QString {
        return SettingSpec::formatNumber(value) +
               (measure.startsWith(u'/') ? QString() : QStringLiteral(" ")) + measure;
    };
    const QString label =
        QString::fromUtf8(it->label) + (unit.isEmpty() ? QString() : QStringLiteral(" of ") + unit);
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
