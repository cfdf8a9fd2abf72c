#pragma once

#include <QJsonObject>
#include <QObject>

class ClientConnection;
class ClientManager;
class MessageRouter;
class ProcessControl;
class Settings;

// processAction over the stream (docs/protocol.md): web admins signal and renice processes
// through ProcessControl, and only where the machine's owner set server/allowProcessControl=true
// in the settings file (it never changes over the network). The caller is answered with a
// processAction carrying its id, or an error; every client is told of every action, the
// desktop's included, with a processAction without id.
class ProcessCommands : public QObject
{
    Q_OBJECT

public:
    ProcessCommands(Settings *settings, ClientManager *clients, ProcessControl *control,
                    QObject *parent = nullptr);

    void registerIn(MessageRouter *router);

private:
    void act(ClientConnection *client, const QJsonObject &message);
    void broadcast(const QJsonObject &event);

    Settings *m_settings;
    ClientManager *m_clients;
    ProcessControl *m_control;
    MessageRouter *m_router = nullptr;
};
