#pragma once

#include "alerts/alert.h"
#include "history/history.h"
#include "history/seriescatalog.h"
#include "snapshot.h"

#include <QByteArray>
#include <QJsonArray>
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
        bool tokenSet = false;    // whether an auth message could make this client an admin
        QList<SeriesInfo> series; // the catalogue
    };

    static QByteArray hello(const Hello &hello);
    static QByteArray history(const History::Window &window, int seconds, quint64 lastSeq);
    // The `sample` message around a Snapshot's JSON text (SnapshotJson::snapshotText), so that
    // the stream and /api/v1/snapshot share one serialization of a tick.
    static QByteArray sample(const QByteArray &snapshotText);
    // The whole catalogue again, whenever a series joined, left history, or went.
    static QByteArray catalog(const QList<SeriesInfo> &series);
    // The catalogue as hello, catalog and GET /api/v1/series carry it.
    static QJsonArray seriesJson(const QList<SeriesInfo> &series);
    static QByteArray settings(const QVariantMap &settings);
    static QByteArray alert(const Alert &alert);
    static QByteArray error(const QString &code, const QString &message, const QJsonValue &id = {});
    static QByteArray pong(const QJsonValue &id);
    static QByteArray authResult(bool admin, const QJsonValue &id = {});
    // The success answer to a request that carried an id (setSettings).
    static QByteArray result(const QJsonValue &id);
    // The answer to historyRequest: the range as `GET /api/v1/history?from=…` answers it.
    static QByteArray historyRange(const QJsonObject &range, const QJsonValue &id);
    static QJsonObject settingsObject(const QVariantMap &settings);

private:
    static QByteArray compact(const QJsonObject &object);
};
