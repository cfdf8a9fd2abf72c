// A `sample` message from another Vantage (docs/protocol.md), which a remote source reads into a
// Snapshot, and the `host` that hello and --snapshot carry. The input is parsed as the
// WebSocket client parses a text message; the reader then sees whatever object came out.
#include "fuzzcheck.h"
#include "protocol/snapshotjson.h"
#include "protocol/snapshotreader.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <cmath>
#include <cstdint>

namespace {

// Every leaf of a JSON tree as "path=value" with each number or null as "#": what a Snapshot
// read and written again must keep, its lists, optional parts and texts. Numbers are left out
// because SnapshotJson's rounding is not idempotent for every double (a percent of 3.6e13 such as
// 35830618120721.336 moves by one unit in the last place each time it is written), and a value
// past 1.8e306 rounds to infinity, sent as null: magnitudes no sender's real values reach.
void shape(const QString &path, const QJsonValue &value, QStringList &lines)
{
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it)
            shape(path + u'.' + it.key(), it.value(), lines);
    } else if (value.isArray()) {
        const QJsonArray array = value.toArray();
        for (qsizetype i = 0; i < array.size(); ++i)
            shape(path + u'[' + QString::number(i) + u']', array.at(i), lines);
    } else if (value.isDouble() || value.isNull()) {
        lines.append(path + QStringLiteral("=#"));
    } else {
        lines.append(path + u'=' + value.toVariant().toString());
    }
}

QStringList shape(const QJsonObject &object)
{
    QStringList lines;
    shape(QString(), object, lines);
    return lines;
}

// What the reader keeps out of every Snapshot, whatever the input.
void checkSnapshot(const Snapshot &s)
{
    for (const PowerSupply &p : s.power)
        FUZZ_CHECK(p.online >= -1 && p.online <= 1);
    if (s.pressure) {
        for (const auto *resource : {&s.pressure->cpu, &s.pressure->memory, &s.pressure->io}) {
            if (*resource) {
                FUZZ_CHECK(std::isnan((*resource)->some.rate));
                FUZZ_CHECK(!(*resource)->full || std::isnan((*resource)->full->rate));
            }
        }
    }
    FUZZ_CHECK(s.cpu.coreSeconds.isEmpty());
    FUZZ_CHECK(s.self.notifyChannels.isEmpty() && s.self.fleetHosts.isEmpty());
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QJsonDocument document =
        QJsonDocument::fromJson(QByteArray(reinterpret_cast<const char *>(data), qsizetype(size)));
    const QJsonObject json = document.object();
    const Snapshot s = SnapshotReader::snapshot(json);
    checkSnapshot(s);
    SnapshotReader::host(json[u"host"].toObject());

    // Written, sent as text and read again, the Snapshot keeps its shape: no list entry, optional
    // part or text is lost or invented on the way.
    const QByteArray sent = SnapshotJson::snapshotText(s);
    const QJsonObject received = QJsonDocument::fromJson(sent).object();
    const Snapshot again = SnapshotReader::snapshot(received);
    checkSnapshot(again);
    FUZZ_CHECK(shape(QJsonDocument::fromJson(SnapshotJson::snapshotText(again)).object()) ==
               shape(received));
    return 0;
}
