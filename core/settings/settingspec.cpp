#include "settings/settingspec.h"

#include <QHostAddress>
#include <QLocale>
#include <QUrl>

#include <algorithm>
#include <cmath>
#include <optional>

namespace {

constexpr int MinTokenLength = 16;
constexpr int MaxTokenLength = 256;
constexpr int MaxQuotedLength = 60;
constexpr int MaxTextLength = 4096;

bool isString(const QVariant &value)
{
    return value.typeId() == QMetaType::QString;
}

QString typeOf(const QVariant &value)
{
    if (!value.isValid())
        return QStringLiteral("nothing");
    return QStringLiteral("a value of type ") + QLatin1StringView(value.typeName());
}

// The offending value for a message, on one line and not too long.
QString quoted(const QVariant &value)
{
    if (!isString(value) && !value.canConvert<double>())
        return typeOf(value);
    QString text = value.toString();
    for (QChar &c : text) {
        if (c.category() == QChar::Other_Control)
            c = u'?';
    }
    if (text.size() > MaxQuotedLength)
        text = text.first(MaxQuotedLength) + QStringLiteral("...");
    return u'"' + text + u'"';
}

// Numbers come as text from the file and flags, and as doubles from JSON.
std::optional<double> toNumber(const QVariant &value)
{
    bool ok = false;
    double number = 0;
    if (isString(value))
        number = value.toString().trimmed().toDouble(&ok);
    else if (value.typeId() != QMetaType::Bool && value.canConvert<double>())
        number = value.toDouble(&ok);
    if (!ok || !std::isfinite(number))
        return std::nullopt;
    return number;
}

// A value read in the key's type; typed is invalid when the value is refused, and got then
// describes it where repeating the raw value would be wrong (a token) or too vague (a list).
struct Reading
{
    QVariant typed;
    QString got;
};

Reading readNumber(const SettingSpec &spec, const QVariant &value)
{
    const std::optional<double> number = toNumber(value);
    if (!number || *number < spec.minimum || *number > spec.maximum)
        return {};
    if (spec.kind == SettingSpec::Kind::Number)
        return {*number, {}};
    return {std::trunc(*number) == *number ? QVariant(int(*number)) : QVariant(), {}};
}

Reading readAddress(const QVariant &value)
{
    if (!isString(value) || !QHostAddress().setAddress(value.toString()))
        return {};
    return {value.toString(), {}};
}

bool isTokenCharacter(QChar c)
{
    return c.unicode() > 0x20 && c.unicode() < 0x7f;
}

Reading readToken(const QVariant &value)
{
    if (!isString(value))
        return {{}, typeOf(value)};
    const QString token = value.toString();
    if (!std::all_of(token.begin(), token.end(), isTokenCharacter))
        return {{}, QStringLiteral("a token with a space or a non-printable character")};
    if (!token.isEmpty() && (token.size() < MinTokenLength || token.size() > MaxTokenLength))
        return {{}, QStringLiteral("a token of %1 characters").arg(token.size())};
    return {token, {}};
}

bool isOrigin(const QString &text)
{
    const QUrl url(text, QUrl::StrictMode);
    const QString scheme = url.scheme();
    return url.isValid() && (scheme == u"http" || scheme == u"https") && !url.host().isEmpty() &&
           url.userInfo().isEmpty() && url.path().isEmpty() && !url.hasQuery() &&
           !url.hasFragment();
}

// Origins come as one comma-separated string (file, flags) or as a list (JSON).
Reading readOrigins(const QVariant &value)
{
    if (!isString(value) && value.typeId() != QMetaType::QStringList)
        return {};
    QStringList origins = isString(value) ? value.toString().split(u',') : value.toStringList();
    for (QString &origin : origins)
        origin = origin.trimmed();
    origins.removeAll(QString());
    const auto bad = std::find_if_not(origins.cbegin(), origins.cend(), isOrigin);
    if (bad != origins.cend())
        return {{}, quoted(*bad)};
    return {origins, {}};
}

bool isHostName(const QString &text)
{
    if (text == u"*")
        return true;
    const QUrl url(QStringLiteral("http://") + text + u'/', QUrl::StrictMode);
    return url.isValid() && !url.host().isEmpty() && url.userInfo().isEmpty() &&
           url.path() == u"/" && !url.hasQuery() && !url.hasFragment();
}

// Host names come like origins: one comma-separated string, or a list.
Reading readHosts(const QVariant &value)
{
    if (!isString(value) && value.typeId() != QMetaType::QStringList)
        return {};
    QStringList hosts = isString(value) ? value.toString().split(u',') : value.toStringList();
    for (QString &host : hosts)
        host = host.trimmed().toLower();
    hosts.removeAll(QString());
    const auto bad = std::find_if_not(hosts.cbegin(), hosts.cend(), isHostName);
    if (bad != hosts.cend())
        return {{}, quoted(*bad)};
    return {hosts, {}};
}

// A fleet host (docs/fleet.md): its dashboard address, or the WebSocket address under it. No
// user, query or fragment: the token has a key of its own, kept secret, and a URL is not.
Reading readRemote(const QVariant &value)
{
    if (!isString(value))
        return {{}, typeOf(value)};
    const QString text = value.toString().trimmed();
    const QUrl url(text, QUrl::StrictMode);
    const QString scheme = url.scheme();
    const bool web = scheme == u"http" || scheme == u"https";
    const bool socket = scheme == u"ws" || scheme == u"wss";
    const bool path = web ? (url.path().isEmpty() || url.path() == u"/") : url.path() == u"/ws";
    if (!url.isValid() || (!web && !socket) || url.host().isEmpty() || !url.userInfo().isEmpty() ||
        !path || url.hasQuery() || url.hasFragment())
        return {{}, quoted(text)};
    return {text, {}};
}

// A server whose HTTP API Vantage calls (a Prometheus, docs/fleet.md): its address and the path
// its API sits under behind a reverse proxy. No user, query or fragment: what ends up in logs and
// in web clients' settings must not carry a password, and the API paths are appended to the path.
Reading readService(const QVariant &value)
{
    if (!isString(value))
        return {{}, typeOf(value)};
    const QString text = value.toString().trimmed();
    if (text.isEmpty())
        return {text, {}};
    const QUrl url(text, QUrl::StrictMode);
    const QString scheme = url.scheme();
    if (!url.isValid() || (scheme != u"http" && scheme != u"https") || url.host().isEmpty() ||
        !url.userInfo().isEmpty() || url.hasQuery() || url.hasFragment())
        return {{}, quoted(text)};
    return {text, {}};
}

Reading readPath(const QVariant &value)
{
    const QString path = value.toString();
    const auto control = [](QChar c) { return c.category() == QChar::Other_Control; };
    if (!isString(value) || std::any_of(path.begin(), path.end(), control))
        return {};
    return {path, {}};
}

Reading readText(const QVariant &value)
{
    if (!isString(value))
        return {{}, typeOf(value)};
    const QString text = value.toString();
    const auto control = [](QChar c) { return c.category() == QChar::Other_Control; };
    if (std::any_of(text.begin(), text.end(), control))
        return {{}, QStringLiteral("text with a line break or a control character")};
    if (text.size() > MaxTextLength)
        return {{}, QStringLiteral("text of %1 characters").arg(text.size())};
    return {text, {}};
}

// The file and flags give text, JSON gives a boolean.
Reading readSwitch(const QVariant &value)
{
    if (value.typeId() == QMetaType::Bool)
        return {value.toBool(), {}};
    if (!isString(value))
        return {};
    const QString text = value.toString().trimmed().toLower();
    if (text == u"true" || text == u"1" || text == u"yes" || text == u"on")
        return {true, {}};
    if (text == u"false" || text == u"0" || text == u"no" || text == u"off")
        return {false, {}};
    return {};
}

Reading read(const SettingSpec &spec, const QVariant &value)
{
    switch (spec.kind) {
    case SettingSpec::Kind::Number:
    case SettingSpec::Kind::Integer:
        return readNumber(spec, value);
    case SettingSpec::Kind::Address:
        return readAddress(value);
    case SettingSpec::Kind::Token:
        return readToken(value);
    case SettingSpec::Kind::Origins:
        return readOrigins(value);
    case SettingSpec::Kind::Hosts:
        return readHosts(value);
    case SettingSpec::Kind::Path:
        return readPath(value);
    case SettingSpec::Kind::Text:
        return readText(value);
    case SettingSpec::Kind::Switch:
        return readSwitch(value);
    case SettingSpec::Kind::Remote:
        return readRemote(value);
    case SettingSpec::Kind::Service:
        return readService(value);
    }
    return {};
}

} // namespace

QString SettingSpec::check(const QVariant &value, QVariant *normalized) const
{
    const Reading reading = read(*this, value);
    if (!reading.typed.isValid()) {
        const QString got = reading.got.isEmpty() ? quoted(value) : reading.got;
        return QStringLiteral("expected ") + allowed() + QStringLiteral(", got ") + got;
    }
    if (normalized)
        *normalized = reading.typed;
    return {};
}

QString SettingSpec::allowed() const
{
    if (kind != Kind::Number && kind != Kind::Integer)
        return noun;
    return noun + QStringLiteral(" from ") + formatNumber(minimum) + QStringLiteral(" to ") +
           formatNumber(maximum);
}

QString SettingSpec::toText(const QVariant &value)
{
    if (value.typeId() == QMetaType::Double)
        return formatNumber(value.toDouble());
    if (value.typeId() == QMetaType::QStringList)
        return value.toStringList().join(u',');
    return value.toString();
}

QString SettingSpec::formatNumber(double value)
{
    // Beyond 2^53 a double no longer holds every whole number, so text is exact only below it.
    constexpr double ExactWholeLimit = 9007199254740992.0;
    if (std::trunc(value) == value && std::abs(value) < ExactWholeLimit)
        return QString::number(qint64(value));
    return QString::number(value, 'g', QLocale::FloatingPointShortest);
}
