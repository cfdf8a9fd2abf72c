#include "snapshotreader.h"

#include <QJsonArray>

#include <cmath>
#include <limits>

namespace {

// A number; null, a missing key and any other type are NaN, the Snapshot's "unknown".
double real(const QJsonValue &value)
{
    return value.toDouble(qQNaN());
}

// A whole number clamped to Int's range (a cast of a double outside it is undefined behaviour);
// null, a missing key and any other type are 0. Fractions are cut off.
template<typename Int>
Int whole(const QJsonValue &value)
{
    using Limits = std::numeric_limits<Int>;
    // Both bounds are 0 or a power of two, so exact as doubles: 2^64 for quint64, where
    // double(max) would round up to it anyway, and 2^63 and 2^31 for qint64 and int.
    constexpr double low = double(Limits::min());
    constexpr double high = 2.0 * double(Limits::max() / 2 + 1);
    const double number = value.toDouble(qQNaN());
    if (std::isnan(number))
        return 0;
    if (number < low)
        return Limits::min();
    if (number >= high)
        return Limits::max();
    return Int(number);
}

quint64 count(const QJsonValue &value)
{
    return whole<quint64>(value);
}

std::optional<double> optionalReal(const QJsonValue &value)
{
    return value.isDouble() ? std::optional(value.toDouble()) : std::nullopt;
}

std::optional<quint64> optionalCount(const QJsonValue &value)
{
    return value.isDouble() ? std::optional(count(value)) : std::nullopt;
}

QList<double> reals(const QJsonValue &value)
{
    QList<double> result;
    const QJsonArray array = value.toArray();
    result.reserve(array.size());
    for (const QJsonValue &entry : array)
        result.append(real(entry));
    return result;
}

// A list of objects read one by one; an entry that is not an object is no such thing and skipped.
template<typename Read>
auto objects(const QJsonValue &value, Read read)
{
    QList<decltype(read(QJsonObject()))> result;
    const QJsonArray array = value.toArray();
    result.reserve(array.size());
    for (const QJsonValue &entry : array) {
        if (entry.isObject())
            result.append(read(entry.toObject()));
    }
    return result;
}

CpuUsage cpu(const QJsonValue &json)
{
    CpuUsage cpu;
    cpu.total = real(json[u"total"]);
    cpu.user = real(json[u"user"]);
    cpu.system = real(json[u"system"]);
    cpu.iowait = real(json[u"iowait"]);
    cpu.steal = real(json[u"steal"]);
    cpu.cores = reals(json[u"cores"]);
    cpu.coreMhz = reals(json[u"coreMhz"]);
    return cpu;
}

std::array<double, 3> load(const QJsonValue &json)
{
    const QJsonArray array = json.toArray();
    return {real(array.at(0)), real(array.at(1)), real(array.at(2))};
}

MemoryUsage memory(const QJsonValue &json)
{
    return {count(json[u"total"]),  count(json[u"used"]),    count(json[u"available"]),
            count(json[u"cached"]), count(json[u"buffers"]), real(json[u"percent"])};
}

SwapUsage swap(const QJsonValue &json)
{
    return {count(json[u"total"]), count(json[u"used"]), real(json[u"percent"])};
}

DiskUsage disk(const QJsonObject &json)
{
    return {json[u"mount"].toString(), json[u"device"].toString(), json[u"fs"].toString(),
            count(json[u"total"]),     count(json[u"used"]),       real(json[u"percent"]),
            real(json[u"readBps"]),    real(json[u"writeBps"]),    count(json[u"readTotal"]),
            count(json[u"writeTotal"])};
}

NetUsage network(const QJsonObject &json)
{
    return {json[u"iface"].toString(), real(json[u"rxBps"]), real(json[u"txBps"]),
            count(json[u"rxTotal"]), count(json[u"txTotal"])};
}

ProcessUsage process(const QJsonObject &json)
{
    return {whole<int>(json[u"pid"]), json[u"name"].toString(), real(json[u"cpu"]),
            count(json[u"rss"])};
}

ProcessSummary processes(const QJsonValue &json)
{
    return {whole<int>(json[u"count"]), whole<int>(json[u"running"]), whole<int>(json[u"threads"]),
            objects(json[u"top"], process)};
}

Temperature temperature(const QJsonObject &json)
{
    return {json[u"label"].toString(), real(json[u"celsius"]), real(json[u"high"]),
            real(json[u"critical"])};
}

Fan fan(const QJsonObject &json)
{
    return {json[u"label"].toString(), real(json[u"rpm"])};
}

PowerSupply powerSupply(const QJsonObject &json)
{
    // null (the supply does not say) and any other type are -1.
    const QJsonValue online = json[u"online"];
    return {json[u"name"].toString(),    json[u"type"].toString(),
            real(json[u"capacity"]),     json[u"status"].toString(),
            real(json[u"watts"]),        real(json[u"energyWh"]),
            real(json[u"energyFullWh"]), online.isBool() ? int(online.toBool()) : -1};
}

GpuUsage gpu(const QJsonObject &json)
{
    GpuUsage gpu;
    gpu.id = json[u"id"].toString();
    gpu.name = json[u"name"].toString();
    gpu.vendor = json[u"vendor"].toString();
    gpu.driver = json[u"driver"].toString();
    gpu.state = json[u"state"].toString();
    gpu.load = optionalReal(json[u"load"]);
    gpu.temp = optionalReal(json[u"temp"]);
    gpu.tempCritical = optionalReal(json[u"tempCritical"]);
    gpu.power = optionalReal(json[u"power"]);
    gpu.powerLimit = optionalReal(json[u"powerLimit"]);
    gpu.clock = optionalReal(json[u"clock"]);
    gpu.fan = optionalReal(json[u"fan"]);
    gpu.vramUsed = optionalCount(json[u"vramUsed"]);
    gpu.vramTotal = optionalCount(json[u"vramTotal"]);
    gpu.gttUsed = optionalCount(json[u"gttUsed"]);
    gpu.gttTotal = optionalCount(json[u"gttTotal"]);
    return gpu;
}

// The rate is not sent: it stays NaN until a second tick gives a difference of totalUs.
PressureStall stall(const QJsonValue &json)
{
    return {real(json[u"avg10"]), real(json[u"avg60"]), count(json[u"totalUs"])};
}

// A resource or a "full" line the sender's kernel lacks is absent, as is one that is no object.
std::optional<PressureResource> pressureResource(const QJsonValue &json)
{
    if (!json.isObject())
        return std::nullopt;
    const QJsonValue full = json[u"full"];
    return PressureResource{stall(json[u"some"]),
                            full.isObject() ? std::optional(stall(full)) : std::nullopt};
}

std::optional<Pressure> pressure(const QJsonValue &json)
{
    if (!json.isObject())
        return std::nullopt;
    return Pressure{pressureResource(json[u"cpu"]), pressureResource(json[u"memory"]),
                    pressureResource(json[u"io"])};
}

CgroupUsage cgroup(const QJsonObject &json)
{
    return {json[u"name"].toString(),       json[u"kind"].toString(),
            json[u"runtime"].toString(),    json[u"path"].toString(),
            optionalReal(json[u"cpu"]),     optionalCount(json[u"memory"]),
            optionalReal(json[u"readBps"]), optionalReal(json[u"writeBps"]),
            optionalCount(json[u"pids"]),   optionalCount(json[u"memoryLimit"])};
}

// Absent where the sender has no cgroup fs; an empty list where it has one with no unit in it.
std::optional<QList<CgroupUsage>> cgroups(const QJsonValue &json)
{
    if (!json.isArray())
        return std::nullopt;
    return objects(json, cgroup);
}

// notifyChannels and fleetHosts are the sender's own business and not in the JSON.
SelfHealth self(const QJsonValue &json)
{
    SelfHealth self;
    self.clients = whole<int>(json[u"clients"]);
    self.messagesSent = count(json[u"messagesSent"]);
    self.bytesSent = count(json[u"bytesSent"]);
    self.dropped = count(json[u"dropped"]);
    self.rejected = count(json[u"rejected"]);
    self.slowClosed = count(json[u"slowClosed"]);
    self.errors = count(json[u"errors"]);
    self.authFailures = count(json[u"authFailures"]);
    self.bannedAddresses = whole<int>(json[u"bannedAddresses"]);
    self.tickUs = whole<qint64>(json[u"tickUs"]);
    self.lateTicks = count(json[u"lateTicks"]);
    self.historyErrors = count(json[u"historyErrors"]);
    self.notifySent = count(json[u"notifySent"]);
    self.notifyFailed = count(json[u"notifyFailed"]);
    self.cpu = real(json[u"cpu"]);
    self.rss = count(json[u"rss"]);
    return self;
}

} // namespace

Snapshot SnapshotReader::snapshot(const QJsonObject &json)
{
    Snapshot s;
    s.seq = count(json[u"seq"]);
    s.ts = whole<qint64>(json[u"ts"]);
    s.cpu = cpu(json[u"cpu"]);
    s.load = load(json[u"load"]);
    s.mem = memory(json[u"mem"]);
    s.swap = swap(json[u"swap"]);
    s.disks = objects(json[u"disks"], disk);
    s.net = objects(json[u"net"], network);
    s.procs = processes(json[u"procs"]);
    s.temps = objects(json[u"temps"], temperature);
    s.fans = objects(json[u"fans"], fan);
    s.power = objects(json[u"power"], powerSupply);
    s.pressure = pressure(json[u"pressure"]);
    s.cgroups = cgroups(json[u"cgroups"]);
    s.gpus = objects(json[u"gpus"], gpu);
    s.uptime = real(json[u"uptime"]);
    s.self = self(json[u"self"]);
    return s;
}

HostInfo SnapshotReader::host(const QJsonObject &json)
{
    const QJsonValue cpu = json[u"cpu"];
    return {json[u"hostname"].toString(), json[u"kernel"].toString(),
            json[u"os"].toString(),       cpu[u"model"].toString(),
            whole<int>(cpu[u"count"]),    whole<qint64>(json[u"bootTime"])};
}
