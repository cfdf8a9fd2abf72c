#include "streamcommands.h"

#include "alerts/alertservice.h"
#include "fleet/fleetservice.h"
#include "notify/notifychannel.h"
#include "protocol/protocolmessages.h"
#include "server/clientconnection.h"
#include "server/historyqueries.h"
#include "server/messagerouter.h"
#include "server/serverstats.h"
#include "server/tokengate.h"
#include "services/processwatcher.h"
#include "settings/settings.h"

#include <QDateTime>
#include <QFutureWatcher>
#include <QJsonArray>
#include <QJsonDocument>
#include <QPointer>

#include <cmath>
#include <limits>

namespace {

using Answer = HistoryQueries::Answer;

// Pending answers are watchers owned by their client: counted without a table to keep, and
// gone with the client, so an answer for a client that left is dropped.
int pendingAnswers(const ClientConnection *client)
{
    return int(client->findChildren<QFutureWatcherBase *>(Qt::FindDirectChildrenOnly).size());
}

} // namespace

const QStringList StreamCommands::LocalOnlyKeys = {
    QStringLiteral("server/bind"),
    QStringLiteral("server/port"),
    QStringLiteral("server/token"),
    QStringLiteral("server/tlsCert"),
    QStringLiteral("server/tlsKey"),
    QStringLiteral("server/publicNames"),
    // Who may signal the machine's processes from the web is not the web's to decide.
    QStringLiteral("server/allowProcessControl"),
    // Where the monitor writes, and whether it keeps a file at all, belong to the machine's owner.
    QStringLiteral("history/dataDir"),
    QStringLiteral("history/enabled"),
};

StreamCommands::StreamCommands(Settings *settings, TokenGate *tokens, ServerStats *stats)
    : m_settings(settings)
    , m_tokens(tokens)
    , m_stats(stats)
    , m_processes(std::make_unique<ProcessTopic>(stats))
    , m_fleetTopic(std::make_unique<FleetTopic>(stats))
{}

void StreamCommands::setFleet(FleetService *fleet)
{
    m_fleet = fleet;
    m_fleetTopic->setFleet(fleet);
}

void StreamCommands::registerIn(MessageRouter *router)
{
    using Role = ClientConnection::Role;
    m_router = router;
    router->addRoute(QStringLiteral("ping"), Role::Viewer,
                     [](ClientConnection *client, const QJsonObject &message) {
                         client->sendText(
                             ProtocolMessages::pong(message.value(QStringLiteral("id"))));
                     });
    router->addRoute(QStringLiteral("auth"), Role::Viewer,
                     [this](ClientConnection *c, const QJsonObject &m) { authenticate(c, m); });
    router->addRoute(QStringLiteral("setSettings"), Role::Admin,
                     [this](ClientConnection *c, const QJsonObject &m) { changeSettings(c, m); });
    router->addRoute(QStringLiteral("acknowledge"), Role::Admin,
                     [this](ClientConnection *c, const QJsonObject &m) { acknowledgeAlert(c, m); });
    router->addRoute(QStringLiteral("historyRequest"), Role::Viewer,
                     [this](ClientConnection *c, const QJsonObject &m) { requestHistory(c, m); });
    router->addRoute(QStringLiteral("processesRequest"), Role::Viewer,
                     [this](ClientConnection *c, const QJsonObject &m) { requestProcesses(c, m); });
    router->addRoute(QStringLiteral("processRequest"), Role::Viewer,
                     [this](ClientConnection *c, const QJsonObject &m) { requestProcess(c, m); });
    router->addRoute(
        QStringLiteral("subscribe"), Role::Viewer,
        [this](ClientConnection *c, const QJsonObject &m) { changeSubscription(c, m, true); });
    router->addRoute(
        QStringLiteral("unsubscribe"), Role::Viewer,
        [this](ClientConnection *c, const QJsonObject &m) { changeSubscription(c, m, false); });
}

void StreamCommands::authenticate(ClientConnection *client, const QJsonObject &message)
{
    const QJsonValue id = message.value(QStringLiteral("id"));
    const QString token = message.value(QStringLiteral("token")).toString();
    const TokenGate::Result result = m_tokens->check(client->address(), token.toUtf8());
    if (result.verdict == TokenGate::Verdict::Accepted) {
        client->setRole(ClientConnection::Role::Admin);
        client->sendText(ProtocolMessages::authResult(true, id));
        return;
    }
    ++m_stats->rejected;
    QString reason = QStringLiteral("wrong token");
    if (result.verdict == TokenGate::Verdict::NoToken)
        reason = QStringLiteral("this server has no token: settings change only on the machine "
                                "itself");
    else if (result.verdict == TokenGate::Verdict::Banned)
        reason = QStringLiteral("too many wrong tokens from this address; try again in %1 s")
                     .arg((result.retryAfterMs + 999) / 1000);
    m_router->sendError(client, QStringLiteral("unauthorized"), reason, id);
}

void StreamCommands::changeSettings(ClientConnection *client, const QJsonObject &message)
{
    const QJsonValue id = message.value(QStringLiteral("id"));
    const QJsonValue settings = message.value(QStringLiteral("settings"));
    if (!settings.isObject() || settings.toObject().isEmpty())
        return m_router->sendError(client, QStringLiteral("bad_request"),
                                   QStringLiteral("setSettings needs a non-empty \"settings\" "
                                                  "object of key: value"),
                                   id);
    const QVariantMap changes = settings.toObject().toVariantMap();
    for (const QString &key : LocalOnlyKeys) {
        if (changes.contains(key))
            return m_router->sendError(client, QStringLiteral("bad_request"),
                                       QStringLiteral("%1 changes only on the machine itself "
                                                      "(desktop window or settings file)")
                                           .arg(key),
                                       id);
    }
    QString forbidden = NotifyChannel::checkWebChanges(*m_settings, changes);
    if (forbidden.isEmpty())
        forbidden = FleetService::checkWebChanges(*m_settings, changes);
    if (!forbidden.isEmpty())
        return m_router->sendError(client, QStringLiteral("forbidden"), forbidden, id);
    const QStringList errors = m_settings->apply(changes);
    if (!errors.isEmpty())
        return m_router->sendError(client, QStringLiteral("bad_request"), errors.join(u"; "), id);
    client->sendText(ProtocolMessages::result(id));
}

void StreamCommands::acknowledgeAlert(ClientConnection *client, const QJsonObject &message)
{
    if (message.contains(QStringLiteral("host")))
        return acknowledgeFleetAlert(client, message);
    const QJsonValue id = message.value(QStringLiteral("id"));
    const QString alert = message.value(QStringLiteral("alert")).toString();
    if (!m_alerts || !m_alerts->acknowledge(alert))
        return m_router->sendError(
            client, QStringLiteral("bad_request"),
            QStringLiteral("no firing alert \"%1\" to acknowledge").arg(alert), id);
    client->sendText(ProtocolMessages::result(id));
}

// The host's answer comes later; the client may have left by then.
void StreamCommands::acknowledgeFleetAlert(ClientConnection *client, const QJsonObject &message)
{
    const QJsonValue id = message.value(QStringLiteral("id"));
    const QJsonValue host = message.value(QStringLiteral("host"));
    const QJsonValue alert = message.value(QStringLiteral("alert"));
    if (!host.isString() || !alert.isString())
        return m_router->sendError(client, QStringLiteral("bad_request"),
                                   QStringLiteral("acknowledge needs \"alert\" and, for a fleet "
                                                  "host's alert, \"host\": strings"),
                                   id);
    if (!m_fleet)
        return m_router->sendError(client, QStringLiteral("not_found"),
                                   QStringLiteral("this Vantage has no fleet"), id);
    QPointer<ClientConnection> asker(client);
    m_fleet->acknowledge(host.toString(), alert.toString(),
                         [this, asker, id](const QString &code, const QString &reason) {
                             if (!asker)
                                 return;
                             if (code.isEmpty())
                                 return asker->sendText(ProtocolMessages::result(id));
                             m_router->sendError(asker, code, reason, id);
                         });
}

bool StreamCommands::refuseIfBusy(ClientConnection *client, const QJsonValue &id)
{
    if (pendingAnswers(client) < MaxPendingPerClient)
        return false;
    m_router->sendError(client, QStringLiteral("rate_limited"),
                        QStringLiteral("%1 history requests are still being answered; wait for "
                                       "them first")
                            .arg(MaxPendingPerClient),
                        id);
    return true;
}

void StreamCommands::answerLater(ClientConnection *client, const QFuture<Answer> &answer,
                                 const std::function<void(const Answer &)> &deliver)
{
    if (answer.isFinished())
        return deliver(answer.result());
    auto *watcher = new QFutureWatcher<Answer>(client);
    QObject::connect(watcher, &QFutureWatcherBase::finished, watcher, [watcher, deliver] {
        watcher->deleteLater();
        watcher->setParent(nullptr); // no longer pending for this client
        deliver(watcher->result());
    });
    watcher->setFuture(answer);
}

void StreamCommands::requestHistory(ClientConnection *client, const QJsonObject &message)
{
    const QJsonValue id = message.value(QStringLiteral("id"));
    const auto deliver = [this, client, id](const Answer &answer) {
        if (answer.status == 200)
            client->sendText(ProtocolMessages::historyRange(answer.body, id));
        else
            m_router->sendError(client, answer.code, answer.message, id);
    };
    if (refuseIfBusy(client, id))
        return;
    const auto parsed = HistoryQueries::fromMessage(message, QDateTime::currentMSecsSinceEpoch());
    if (const auto *refusal = std::get_if<Answer>(&parsed))
        return deliver(*refusal);
    answerLater(client, m_queries->ask(std::get<HistoryRangeRequest>(parsed)), deliver);
}

void StreamCommands::requestProcesses(ClientConnection *client, const QJsonObject &message)
{
    const QJsonValue id = message.value(QStringLiteral("id"));
    const auto deliver = [this, client, id](const Answer &answer) {
        if (answer.status != 200)
            return m_router->sendError(client, answer.code, answer.message, id);
        QJsonObject reply = answer.body;
        reply.insert(QStringLiteral("type"), QStringLiteral("processes"));
        reply.insert(QStringLiteral("id"), id.isUndefined() ? QJsonValue() : id);
        client->sendText(QJsonDocument(reply).toJson(QJsonDocument::Compact));
    };
    if (refuseIfBusy(client, id))
        return;
    const auto at = HistoryQueries::atFromMessage(message.value(QStringLiteral("at")));
    if (const auto *refusal = std::get_if<Answer>(&at))
        return deliver(*refusal);
    answerLater(client, m_queries->askProcesses(std::get<qint64>(at)), deliver);
}

void StreamCommands::requestProcess(ClientConnection *client, const QJsonObject &message)
{
    const QJsonValue id = message.value(QStringLiteral("id"));
    const QJsonValue pid = message.value(QStringLiteral("pid"));
    const double number = pid.toDouble(-1);
    if (!pid.isDouble() || number < 1 || number > std::numeric_limits<int>::max() ||
        number != std::floor(number))
        return m_router->sendError(client, QStringLiteral("bad_request"),
                                   QStringLiteral("processRequest needs \"pid\": a positive "
                                                  "whole number"),
                                   id);
    QJsonObject reply = m_processes->watcher()->detail(int(number));
    if (reply.isEmpty())
        return m_router->sendError(client, QStringLiteral("not_found"),
                                   QStringLiteral("no process %1").arg(int(number)), id);
    reply.insert(QStringLiteral("type"), QStringLiteral("process"));
    reply.insert(QStringLiteral("id"), id.isUndefined() ? QJsonValue() : id);
    client->sendText(QJsonDocument(reply).toJson(QJsonDocument::Compact));
}

void StreamCommands::changeSubscription(ClientConnection *client, const QJsonObject &message,
                                        bool subscribe)
{
    const QJsonValue id = message.value(QStringLiteral("id"));
    const QJsonArray topics = message.value(QStringLiteral("topics")).toArray();
    const QString known = QStringLiteral("the topics are \"%1\" and \"%2\"")
                              .arg(ProcessTopic::Name, FleetTopic::Name);
    if (topics.isEmpty())
        return m_router->sendError(
            client, QStringLiteral("bad_request"),
            QStringLiteral("%1 needs \"topics\": a non-empty array of topic "
                           "names; %2")
                .arg(message.value(QStringLiteral("type")).toString(), known),
            id);
    for (const QJsonValue &topic : topics) {
        if (topic.toString() != ProcessTopic::Name && topic.toString() != FleetTopic::Name)
            return m_router->sendError(
                client, QStringLiteral("bad_request"),
                QStringLiteral("unknown topic %1; %2")
                    .arg(QString::fromUtf8(
                             QJsonDocument(QJsonArray{topic}).toJson(QJsonDocument::Compact))
                             .mid(1)
                             .chopped(1),
                         known),
                id);
    }
    client->sendText(ProtocolMessages::result(id));
    QStringList names;
    for (const QJsonValue &topic : topics)
        names.append(topic.toString());
    names.removeDuplicates();
    for (const QString &name : std::as_const(names)) {
        const bool processes = name == ProcessTopic::Name;
        if (subscribe && processes)
            m_processes->subscribe(client);
        else if (processes)
            m_processes->unsubscribe(client);
        else if (subscribe)
            m_fleetTopic->subscribe(client);
        else
            m_fleetTopic->unsubscribe(client);
    }
}
