#include "messagerouter.h"

#include "protocol/protocolmessages.h"
#include "server/serverstats.h"

#include <QDeadlineTimer>
#include <QJsonDocument>
#include <QJsonParseError>

MessageRouter::MessageRouter(ServerStats *stats, QObject *parent)
    : QObject(parent)
    , m_stats(stats)
{}

void MessageRouter::addRoute(const QString &type, ClientConnection::Role minimumRole,
                             Handler handler)
{
    m_routes.insert(type, {minimumRole, std::move(handler)});
}

void MessageRouter::sendError(ClientConnection *client, const QString &code, const QString &message,
                              const QJsonValue &id)
{
    ++m_stats->errors;
    client->sendText(ProtocolMessages::error(code, message, id));
}

bool MessageRouter::admit(ClientConnection *client)
{
    const qint64 nowMs = QDeadlineTimer::current().deadline();
    if (client->admitMessage(nowMs))
        return true;
    if (client->refusedInARow() > FloodCloseAfter) {
        ++m_stats->errors;
        client->close(WebSocketFrame::PolicyViolation, QStringLiteral("message flood"));
    } else if (client->refusedInARow() == 1) {
        sendError(client, QStringLiteral("rate_limited"),
                  QStringLiteral("more than 20 messages a second; slow down or be closed"));
    } else {
        ++m_stats->errors;
    }
    return false;
}

void MessageRouter::dispatch(ClientConnection *client, const QByteArray &message)
{
    if (!admit(client))
        return;
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(message, &parseError);
    if (!document.isObject())
        return sendError(client, QStringLiteral("bad_request"),
                         QStringLiteral("a message is a JSON object with a \"type\""));
    const QJsonObject object = document.object();
    const QJsonValue id = object.value(QStringLiteral("id"));
    const QJsonValue type = object.value(QStringLiteral("type"));
    if (!type.isString())
        return sendError(client, QStringLiteral("bad_request"),
                         QStringLiteral("a message needs a string \"type\""), id);
    const auto route = m_routes.constFind(type.toString());
    if (route == m_routes.constEnd())
        return sendError(client, QStringLiteral("unknown_type"),
                         QStringLiteral("unknown message type \"%1\"").arg(type.toString()), id);
    if (client->role() < route->minimumRole)
        return sendError(client, QStringLiteral("unauthorized"),
                         QStringLiteral("\"%1\" needs the admin role: send an auth message "
                                        "with the server's token first")
                             .arg(type.toString()),
                         id);
    route->handler(client, object);
}
