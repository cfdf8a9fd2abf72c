#include "sensorcollector.h"

#include "collectors/sensors/sensorreadingparser.h"
#include "logging.h"

#include <QHash>

#include <algorithm>
#include <cerrno>

namespace {

// Moves the entries of `held` whose key is still found into the new order of `found`, opening
// new ones with `make`; the rest (vanished) are dropped with their files.
template<typename Held, typename Found, typename Key, typename Make>
std::vector<Held> reconcile(std::vector<Held> &held, const QList<Found> &found, Key key, Make make)
{
    QHash<QString, size_t> index;
    for (size_t i = 0; i < held.size(); ++i)
        index.insert(key(held[i]), i);
    std::vector<Held> result;
    result.reserve(size_t(found.size()));
    for (const Found &item : found) {
        const auto it = index.constFind(make.key(item));
        if (it != index.constEnd())
            result.push_back(make.keep(std::move(held[*it]), item));
        else
            result.push_back(make.create(item));
    }
    return result;
}

} // namespace

SensorCollector::SensorCollector(const SystemPaths &paths, qint64 rescanNs)
    : m_paths(paths)
    , m_rescanNs(rescanNs)
{
    rescan();
    qCDebug(lcCollect) << "sensors found:" << m_inputs.size() << "temperatures," << m_fans.size()
                       << "fans," << m_supplies.size() << "power supplies";
}

void SensorCollector::rescan()
{
    // Matched by path: a device that left and came back under the same name reopens its files
    // on the next read, as ProcFile does after a failure.
    struct TempMake
    {
        static QString key(const SensorInput &s) { return s.path; }
        static Input keep(Input &&held, const SensorInput &s)
        {
            held.sensor = s; // the label may have changed with its neighbours
            return std::move(held);
        }
        static Input create(const SensorInput &s)
        {
            return {s, ProcFile(s.path, ProcFile::ReadMode::SingleRead, 32), false};
        }
    };
    m_inputs = reconcile(
        m_inputs, SensorDiscovery::discover(m_paths), [](const Input &i) { return i.sensor.path; },
        TempMake());

    struct FanMake
    {
        static QString key(const FanInput &f) { return f.path; }
        static FanFile keep(FanFile &&held, const FanInput &f)
        {
            held.fan = f;
            return std::move(held);
        }
        static FanFile create(const FanInput &f)
        {
            return {f, ProcFile(f.path, ProcFile::ReadMode::SingleRead, 16)};
        }
    };
    m_fans = reconcile(
        m_fans, SensorDiscovery::discoverFans(m_paths), [](const FanFile &f) { return f.fan.path; },
        FanMake());

    struct SupplyMake
    {
        static QString key(const QString &dir) { return dir; }
        static PowerSupplySource keep(PowerSupplySource &&held, const QString &)
        {
            return std::move(held);
        }
        static PowerSupplySource create(const QString &dir) { return PowerSupplySource(dir); }
    };
    m_supplies = reconcile(
        m_supplies, PowerSupplySource::discover(m_paths),
        [](const PowerSupplySource &s) { return s.dir(); }, SupplyMake());
}

void SensorCollector::collect(Snapshot &snapshot, qint64 nowNs)
{
    if (m_scannedNs < 0) {
        m_scannedNs = nowNs; // the constructor scanned
    } else if (nowNs - m_scannedNs >= m_rescanNs) {
        rescan();
        m_scannedNs = nowNs;
    }

    // A GPU's chip is read only while the GPU is awake; its gate is read once per tick.
    QHash<QString, bool> awakeByGate;
    const auto awake = [&awakeByGate](const QString &gate) {
        if (gate.isEmpty())
            return true;
        auto it = awakeByGate.constFind(gate);
        if (it == awakeByGate.constEnd())
            it = awakeByGate.insert(gate, SensorDiscovery::awake(gate));
        return *it;
    };

    snapshot.temps.clear();
    snapshot.temps.reserve(qsizetype(m_inputs.size()));
    std::erase_if(m_inputs, [&](Input &input) {
        if (!awake(input.sensor.wakeGate))
            return false;
        double celsius = 0;
        bool gone = false;
        if (read(input, &celsius, &gone)) {
            snapshot.temps.append(
                {input.sensor.label, celsius, input.sensor.high, input.sensor.critical});
        }
        return gone;
    });

    snapshot.fans.clear();
    std::erase_if(m_fans, [&](FanFile &fan) {
        if (!awake(fan.fan.wakeGate))
            return false;
        bool gone = false;
        if (const std::optional<qint64> rpm = readInteger(fan.file, &gone))
            snapshot.fans.append({fan.fan.label, double(*rpm)});
        if (gone)
            qCInfo(lcCollect) << "fan removed:" << fan.fan.label;
        return gone;
    });

    snapshot.power.clear();
    std::erase_if(m_supplies, [&](PowerSupplySource &source) {
        const std::optional<PowerSupply> supply = source.read();
        if (supply)
            snapshot.power.append(*supply);
        else
            qCInfo(lcCollect) << "power supply removed:" << source.dir();
        return !supply;
    });
}

std::optional<qint64> SensorCollector::readInteger(ProcFile &file, bool *gone)
{
    bool ok = false;
    errno = 0;
    const QByteArrayView text = file.read(&ok);
    if (!ok) {
        // ENODEV: the device left while its file was open; ENOENT: it left before the open.
        *gone = errno == ENODEV || errno == ENOENT;
        return std::nullopt;
    }
    return SensorReadingParser::integer(text);
}

bool SensorCollector::read(Input &input, double *celsius, bool *gone)
{
    const std::optional<qint64> value = readInteger(input.file, gone);
    if (*gone) {
        qCInfo(lcCollect) << "temperature sensor removed:" << input.sensor.label;
        return false;
    }
    if (!value) {
        if (!input.failing)
            qCWarning(lcCollect) << "cannot read temperature" << input.sensor.path;
        input.failing = true;
        return false;
    }
    input.failing = false;
    *celsius = double(*value) / 1000.0;
    return true;
}
