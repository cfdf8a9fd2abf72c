#include "settingscontroller.h"

#include "server/serverservice.h"
#include "settings/settings.h"
#include "settings/settingspec.h"
#include "settings/settingsschema.h"

#include <QClipboard>
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
    });
    if (!server)
        return;
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
