#pragma once

#include "history/history.h"
#include "snapshot.h"

#include <QJsonObject>

// The JSON shapes of DESIGN.md "Metrics", shared by --snapshot, the API and the WebSocket
// stream so every consumer sees the same field names. Values that are not known (NaN) become
// null; percentages carry two decimals and rates whole bytes, which is all a chart can show and
// keeps every frame small.
class SnapshotJson
{
public:
    // The Snapshot as compact JSON text: what the stream, the API and --snapshot send. Written
    // once per tick, streamed with RapidJSON's Writer (docs/architecture.md "The sample's JSON").
    static QByteArray snapshotText(const Snapshot &snapshot);
    static QJsonObject host(const HostInfo &host);
    static QJsonObject window(const History::Window &window);
    static QJsonValue number(double value, int decimals = 2);
};
