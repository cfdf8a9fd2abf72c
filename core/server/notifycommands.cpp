#include "server/notifycommands.h"

#include "notify/notifyservice.h"
#include "server/clientconnection.h"
#include "server/clientmanager.h"
#include "server/messagerouter.h"
#include "settings/settings.h"
#include "settings/settingsschema.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QPointer>

namespace {

QByteArray compact(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QJsonValue deliveryJson(const std::optional<NotifyDelivery> &delivery)
{
    return delivery ? QJsonValue(delivery->toJson()) : QJsonValue(QJsonValue::Null);
}

} // namespace

NotifyCommands::NotifyCommands(Settings *settings, ClientManager *clients, QObject *parent)
    : QObject(parent)
    , m_settings(settings)
    , m_clients(clients)
{}

void NotifyCommands::registerIn(MessageRouter *router)
{
    using Role = ClientConnection::Role;
    m_router = router;
    router->addRoute(QStringLiteral("notifyChannels"), Role::Admin,
                     [this](ClientConnection *c, const QJsonObject &m) { listChannels(c, m); });
    router->addRoute(QStringLiteral("notifyTest"), Role::Admin,
                     [this](ClientConnection *c, const QJsonObject &m) { testChannel(c, m); });
    router->addRoute(QStringLiteral("notifyRemove"), Role::Admin,
                     [this](ClientConnection *c, const QJsonObject &m) { removeChannel(c, m); });
    router->addRoute(QStringLiteral("notifyLog"), Role::Admin,
                     [this](ClientConnection *c, const QJsonObject &m) { sendLog(c, m); });
}

void NotifyCommands::setNotify(NotifyService *notify)
{
    m_notify = notify;
    connect(notify, &NotifyService::deliveryEnded, this, &NotifyCommands::pushDelivery);
}

QJsonObject NotifyCommands::channelJson(const QString &name) const
{
    const QVariantMap shown = m_settings->toMap(false);
    const QString prefix = QStringLiteral("notify/") + name + u'/';
    QJsonObject channel{{QStringLiteral("name"), name}};
    for (const QString &key : SettingsSchema::channelKeys(name))
        channel.insert(key.sliced(prefix.size()), QJsonValue::fromVariant(shown.value(key)));
    channel.insert(QStringLiteral("problem"), m_notify->problem(name));
    channel.insert(QStringLiteral("pending"), std::max(0, m_notify->pending(name)));
    channel.insert(QStringLiteral("last"), deliveryJson(m_notify->lastDelivery(name)));
    return channel;
}

bool NotifyCommands::available(ClientConnection *client, const QJsonObject &message)
{
    if (m_notify)
        return true;
    m_router->sendError(client, QStringLiteral("unavailable"),
                        QStringLiteral("this server sends no notifications"),
                        message.value(QStringLiteral("id")));
    return false;
}

void NotifyCommands::listChannels(ClientConnection *client, const QJsonObject &message)
{
    if (!available(client, message))
        return;
    QJsonArray channels;
    for (const QString &name : m_settings->channels())
        channels.append(channelJson(name));
    client->sendText(compact({{QStringLiteral("type"), QStringLiteral("notifyChannels")},
                              {QStringLiteral("id"), message.value(QStringLiteral("id"))},
                              {QStringLiteral("channels"), channels}}));
}

QString NotifyCommands::webChannel(ClientConnection *client, const QJsonObject &message)
{
    const QJsonValue id = message.value(QStringLiteral("id"));
    const QString name = message.value(QStringLiteral("channel")).toString();
    if (!m_settings->channels().contains(name)) {
        m_router->sendError(client, QStringLiteral("not_found"),
                            QStringLiteral("no notification channel \"%1\"").arg(name), id);
        return {};
    }
    if (m_settings->value(QStringLiteral("notify/") + name + QStringLiteral("/type")).toString() ==
        u"command") {
        m_router->sendError(client, QStringLiteral("forbidden"),
                            QStringLiteral("Notification channel \"%1\" runs a program: command "
                                           "channels are tested and removed only on the machine "
                                           "itself (desktop window or settings file)")
                                .arg(name),
                            id);
        return {};
    }
    return name;
}

// Answered when the delivery ends (within the channel's timeout, 10 s), so the panel shows the
// result in place; an answer for a client that left is dropped.
void NotifyCommands::testChannel(ClientConnection *client, const QJsonObject &message)
{
    const QString name = available(client, message) ? webChannel(client, message) : QString();
    if (name.isEmpty())
        return;
    const QJsonValue id = message.value(QStringLiteral("id"));
    QPointer<ClientConnection> target(client);
    const bool started = m_notify->sendTest(name, [target, id](const NotifyDelivery &delivery) {
        if (target)
            target->sendText(compact({{QStringLiteral("type"), QStringLiteral("notifyTest")},
                                      {QStringLiteral("id"), id},
                                      {QStringLiteral("delivery"), delivery.toJson()}}));
    });
    // Not started: the channel's settings do not work together, and the problem names it.
    if (!started)
        m_router->sendError(client, QStringLiteral("bad_request"), m_notify->problem(name), id);
}

void NotifyCommands::removeChannel(ClientConnection *client, const QJsonObject &message)
{
    const QString name = available(client, message) ? webChannel(client, message) : QString();
    if (name.isEmpty())
        return;
    const QJsonValue id = message.value(QStringLiteral("id"));
    const QString error = m_settings->remove(QStringLiteral("notify/") + name + u'/');
    if (!error.isEmpty())
        return m_router->sendError(client, QStringLiteral("unavailable"), error, id);
    client->sendText(compact({{QStringLiteral("type"), QStringLiteral("result")},
                              {QStringLiteral("ok"), true},
                              {QStringLiteral("id"), id}}));
}

void NotifyCommands::sendLog(ClientConnection *client, const QJsonObject &message)
{
    if (!available(client, message))
        return;
    QJsonArray entries;
    for (const NotifyDelivery &delivery : m_notify->deliveryLog())
        entries.append(delivery.toJson());
    client->sendText(compact({{QStringLiteral("type"), QStringLiteral("notifyLog")},
                              {QStringLiteral("id"), message.value(QStringLiteral("id"))},
                              {QStringLiteral("entries"), entries}}));
}

void NotifyCommands::pushDelivery(const NotifyDelivery &delivery)
{
    const QByteArray text = compact({{QStringLiteral("type"), QStringLiteral("notifyDelivery")},
                                     {QStringLiteral("delivery"), delivery.toJson()}});
    for (ClientConnection *client : m_clients->clients()) {
        if (client->role() == ClientConnection::Role::Admin)
            client->sendText(text);
    }
}
