// Writes a history store for a test that cannot wait for a real minute to pass: the ticks of a
// JSON file, through the store's own writer, into the database file a vantage process then
// opens with --data-dir (or history/dataDir).
//
//   vantage_storefixture <history.db> <ticks.json>
//
// ticks.json: [{"ts":MS,"cpu":PERCENT,"procs":[{"pid","name","cpu","rss"}…]}…], oldest first.
// A minute's top processes are those of its last tick, written once a tick of a later minute
// arrives, as the writer does for a running vantage.
#include "store/storewriter.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>

namespace {

Snapshot tickOf(const QJsonObject &json)
{
    Snapshot snapshot;
    snapshot.ts = json.value(QStringLiteral("ts")).toInteger();
    snapshot.cpu.total = json.value(QStringLiteral("cpu")).toDouble();
    for (const QJsonValue &value : json.value(QStringLiteral("procs")).toArray()) {
        const QJsonObject process = value.toObject();
        snapshot.procs.top.append({process.value(QStringLiteral("pid")).toInt(),
                                   process.value(QStringLiteral("name")).toString(),
                                   process.value(QStringLiteral("cpu")).toDouble(),
                                   quint64(process.value(QStringLiteral("rss")).toInteger())});
    }
    return snapshot;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList arguments = app.arguments();
    if (arguments.size() != 3) {
        std::fprintf(stderr, "usage: vantage_storefixture <history.db> <ticks.json>\n");
        return 2;
    }
    QFile file(arguments[2]);
    QJsonParseError error;
    const QJsonDocument ticks = file.open(QIODevice::ReadOnly)
                                    ? QJsonDocument::fromJson(file.readAll(), &error)
                                    : QJsonDocument();
    if (!ticks.isArray()) {
        std::fprintf(stderr, "%s: not a JSON array of ticks\n", qPrintable(arguments[2]));
        return 2;
    }
    StoreWriter writer;
    StoreConfig config;
    config.path = arguments[1];
    writer.start(config);
    for (const QJsonValue &tick : ticks.array())
        writer.enqueue(tickOf(tick.toObject()));
    writer.stop();
    return writer.errors() == 0 ? 0 : 1;
}
