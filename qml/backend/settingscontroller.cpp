#include "settingscontroller.h"

#include "notify/notifyservice.h"
#include "server/serverservice.h"
#include "settings/settings.h"
#include "settings/settingspec.h"
#include "settings/settingsschema.h"

#include <QClipboard>
#include <QDateTime>
#include <QGuiApplication>
#include <QHostAddress>
#include <QRandomGenerator>
#include <QUrlQuery>

#include <array>

SettingsController::SettingsController(Settings *settings, ServerService *server, QObject *parent)
    : QObject(parent)
    , m_settings(settings)
    , m_server(server)
{
    connect(settings, &Settings::changed, this, [this](const QStringList &keys) {
        emit valuesChanged();
        emit settingsChanged(keys);
        if (std::any_of(keys.begin(), keys.end(),
                        [](const QString &k) { return k.startsWith(u"notify/"); }))
            emit channelsChanged();
    });
    if (!server)
        return;
    m_notify = server->notify();
    if (m_notify)
        connect(m_notify, &NotifyService::deliveryEnded, this,
                &SettingsController::channelsChanged);
    connect(server, &ServerService::listening, this, &SettingsController::serverChanged);
    connect(server, &Service::stateChanged, this, &SettingsController::serverChanged);
}

QVariantMap SettingsController::values() const
{
    return m_settings->toMap(true);
}

QStringList SettingsController::rules() const
{
    return SettingsSchema::rules();
}

QString SettingsController::filePath() const
{
    return m_settings->filePath();
}

QString SettingsController::listenUrl() const
{
    if (!m_server || !m_server->isRunning())
        return {};
    return m_server->url().toString();
}

QString SettingsController::serverError() const
{
    return m_server ? m_server->errorString() : QString();
}

QString SettingsController::browserUrl() const
{
    if (!m_server || !m_server->isRunning())
        return {};
    QUrl url = m_server->url();
    const QHostAddress host(url.host());
    if (host == QHostAddress::AnyIPv4)
        url.setHost(QStringLiteral("127.0.0.1"));
    else if (host == QHostAddress::AnyIPv6)
        url.setHost(QStringLiteral("::1"));
    if (!m_settings->token().isEmpty()) {
        QUrlQuery query;
        query.addQueryItem(QStringLiteral("token"), m_settings->token());
        url.setQuery(query);
    }
    return url.toString();
}

QString SettingsController::validate(const QString &key, const QVariant &value) const
{
    return m_settings->validate(key, value);
}

QString SettingsController::apply(const QString &key, const QVariant &value)
{
    return m_settings->apply({{key, value}}).join(u'\n');
}

QString SettingsController::text(const QString &key) const
{
    return SettingSpec::toText(m_settings->value(key));
}

QString SettingsController::describe(const QString &key) const
{
    const SettingSpec *spec = SettingsSchema::find(key);
    if (!spec)
        return {};
    return spec->description + QStringLiteral(": ") + spec->allowed() + u'.';
}

QString SettingsController::generateToken() const
{
    std::array<quint32, 6> words;
    QRandomGenerator::system()->fillRange(words.data(), words.size());
    const QByteArray bytes(reinterpret_cast<const char *>(words.data()), sizeof(words));
    return QString::fromLatin1(
        bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

void SettingsController::copyToClipboard(const QString &text) const
{
    if (QClipboard *clipboard = QGuiApplication::clipboard())
        clipboard->setText(text);
}

namespace {

QString clock(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms).toString(QStringLiteral("HH:mm:ss"));
}

// "14:05:30 delivered (test)" or "14:05:30 failed: connection refused", as the web panel says it.
QString deliveryText(const NotifyDelivery &delivery)
{
    const QString what =
        delivery.ok() ? QStringLiteral("delivered") : QStringLiteral("failed: ") + delivery.error;
    return clock(delivery.ts) + u' ' + what +
           (delivery.test ? QStringLiteral(" (test)") : QString());
}

} // namespace

QVariantList SettingsController::channels() const
{
    const QVariantMap values = m_settings->toMap(true);
    QVariantList list;
    for (const QString &name : m_settings->channels()) {
        const QString prefix = QStringLiteral("notify/") + name + u'/';
        QVariantMap channel{{QStringLiteral("name"), name}};
        for (const QString &key : SettingsSchema::channelKeys(name))
            channel.insert(key.sliced(prefix.size()), values.value(key));
        channel.insert(QStringLiteral("problem"), m_notify ? m_notify->problem(name) : QString());
        const auto last = m_notify ? m_notify->lastDelivery(name) : std::nullopt;
        channel.insert(QStringLiteral("last"), last ? deliveryText(*last) : QString());
        channel.insert(QStringLiteral("lastOk"), last && last->ok());
        list.append(channel);
    }
    return list;
}

QVariantList SettingsController::deliveries() const
{
    QVariantList list;
    if (!m_notify)
        return list;
    const QList<NotifyDelivery> &log = m_notify->deliveryLog();
    for (auto it = log.crbegin(); it != log.crend(); ++it) {
        const QString what = it->test               ? QStringLiteral("test event")
                             : it->alerts.isEmpty() ? QStringLiteral("Alertmanager refresh")
                                                    : it->alerts.join(QStringLiteral(", "));
        list.append(QVariantMap{{QStringLiteral("time"), clock(it->ts)},
                                {QStringLiteral("channel"), it->channel},
                                {QStringLiteral("ok"), it->ok()},
                                {QStringLiteral("test"), it->test},
                                {QStringLiteral("what"), what},
                                {QStringLiteral("error"), it->error}});
    }
    return list;
}

QString SettingsController::applyChannel(const QString &name, const QVariantMap &fields)
{
    QVariantMap changes;
    for (auto it = fields.cbegin(); it != fields.cend(); ++it)
        changes.insert(QStringLiteral("notify/") + name + u'/' + it.key(), it.value());
    return m_settings->apply(changes).join(u'\n');
}

QString SettingsController::removeChannel(const QString &name)
{
    return m_settings->remove(QStringLiteral("notify/") + name + u'/');
}

bool SettingsController::sendTest(const QString &name)
{
    QPointer<SettingsController> self(this);
    return m_notify && m_notify->sendTest(name, [self, name](const NotifyDelivery &delivery) {
        if (self)
            emit self->testEnded(name, delivery.ok(),
                                 delivery.ok() ? QStringLiteral("delivered")
                                               : QStringLiteral("failed: ") + delivery.error);
    });
}
