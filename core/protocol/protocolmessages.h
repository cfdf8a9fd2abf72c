#pragma once

#include "alerts/alert.h"
#include "history/history.h"
#include "snapshot.h"

#include <QByteArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QVariantMap>

// The messages of WebSocket protocol v1 (docs/protocol.md), as compact JSON bytes.
class ProtocolMessages
{
public:
    static constexpr int Version = 1;

    struct Hello
    {
        HostInfo host;
        int intervalMs = 1000;
        int historySeconds = 3600;
        QVariantMap settings; // public settings only, never the token
        bool admin = false;
        bool tokenSet = false; // whether an auth message could make this client an admin
    };

    static QByteArray hello(const Hello &hello);
    static QByteArray history(const History::Window &window, int seconds, quint64 lastSeq);
    static QByteArray sample(const Snapshot &snapshot);
    static QByteArray settings(const QVariantMap &settings);
    static QByteArray alert(const Alert &alert);
    static QByteArray error(const QString &code, const QString &message, const QJsonValue &id = {});
    static QByteArray pong(const QJsonValue &id);
    static QByteArray authResult(bool admin, const QJsonValue &id = {});
    // The success answer to a request that carried an id (setSettings).
    static QByteArray result(const QJsonValue &id);
    static QJsonObject settingsObject(const QVariantMap &settings);

private:
    static QByteArray compact(const QJsonObject &object);
};
