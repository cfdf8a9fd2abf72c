#include "server/processcommands.h"

#include "logging.h"
#include "server/clientconnection.h"
#include "server/clientmanager.h"
#include "server/messagerouter.h"
#include "services/processcontrol.h"
#include "settings/settings.h"

#include <QJsonDocument>

namespace {

QByteArray compact(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

// A whole number in a JSON value, or nullopt: 5.5, "5" and 1e300 are not PIDs.
std::optional<qint64> wholeNumber(const QJsonValue &value)
{
    if (!value.isDouble())
        return std::nullopt;
    const double number = value.toDouble();
    // 2^53: past it doubles skip whole numbers, and no PID, nice value or start time is that big.
    if (number != double(qint64(number)) || number < -9007199254740992.0 ||
        number > 9007199254740992.0)
        return std::nullopt;
    return qint64(number);
}

} // namespace

ProcessCommands::ProcessCommands(Settings *settings, ClientManager *clients,
                                 ProcessControl *control, QObject *parent)
    : QObject(parent)
    , m_settings(settings)
    , m_clients(clients)
    , m_control(control)
{
    connect(control, &ProcessControl::actionDone, this, &ProcessCommands::broadcast);
}

void ProcessCommands::registerIn(MessageRouter *router)
{
    m_router = router;
    // Open to viewers at the router so that a viewer hears `forbidden`, the answer the protocol
    // gives every refused process action, rather than the generic `unauthorized`.
    router->addRoute(QStringLiteral("processAction"), ClientConnection::Role::Viewer,
                     [this](ClientConnection *c, const QJsonObject &m) { act(c, m); });
}

void ProcessCommands::act(ClientConnection *client, const QJsonObject &message)
{
    const QJsonValue id = message.value(QStringLiteral("id"));
    const QString by = client->address().toString();
    if (client->role() != ClientConnection::Role::Admin)
        return m_router->sendError(client, QStringLiteral("forbidden"),
                                   QStringLiteral("process actions are for admins: send an auth "
                                                  "message with the server's token first"),
                                   id);
    if (!m_settings->value(QStringLiteral("server/allowProcessControl")).toBool()) {
        qCWarning(lcServer).noquote()
            << "process action by" << by << "refused: process control is off";
        return m_router->sendError(client, QStringLiteral("forbidden"),
                                   QStringLiteral("process control is off: set "
                                                  "server/allowProcessControl=true in the "
                                                  "settings file"),
                                   id);
    }
    const std::optional<qint64> pid = wholeNumber(message.value(QStringLiteral("pid")));
    const std::optional<qint64> startTime = wholeNumber(message.value(QStringLiteral("startTime")));
    const std::optional<qint64> nice = wholeNumber(message.value(QStringLiteral("nice")));
    ProcessControl::Request request;
    request.action = message.value(QStringLiteral("action")).toString();
    request.signal = message.value(QStringLiteral("signal")).toString();
    request.by = by;
    // The web must name the start time: a PID alone may have been reused since the list was sent.
    QString problem;
    if (!pid || *pid > std::numeric_limits<int>::max() || *pid < 0)
        problem = QStringLiteral("pid must be a whole number above 0");
    else if (!startTime)
        problem = QStringLiteral("startTime must be the process's start time from the process "
                                 "list (ms since the epoch)");
    else if (request.action == u"renice" && (!nice || *nice < -20 || *nice > 19))
        problem = QStringLiteral("nice must be a whole number from -20 to 19");
    if (!problem.isEmpty())
        return m_router->sendError(client, QStringLiteral("bad_request"), problem, id);
    request.pid = int(*pid);
    request.startTime = startTime;
    request.nice = nice ? int(*nice) : 0;

    const ProcessControl::Outcome outcome = m_control->perform(request);
    if (!outcome.ok)
        return m_router->sendError(client, outcome.code, outcome.message, id);
    QJsonObject answer{{QStringLiteral("type"), QStringLiteral("processAction")},
                       {QStringLiteral("id"), id},
                       {QStringLiteral("result"), QStringLiteral("ok")},
                       {QStringLiteral("pid"), request.pid},
                       {QStringLiteral("action"), request.action}};
    if (request.action == u"renice")
        answer.insert(QStringLiteral("nice"), request.nice);
    else
        answer.insert(QStringLiteral("signal"), request.signal);
    client->sendText(compact(answer));
}

void ProcessCommands::broadcast(const QJsonObject &event)
{
    QJsonObject message = event;
    message.insert(QStringLiteral("type"), QStringLiteral("processAction"));
    const QByteArray text = compact(message);
    for (ClientConnection *client : m_clients->clients())
        client->sendText(text);
}
