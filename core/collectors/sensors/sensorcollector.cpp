#include "sensorcollector.h"

#include "collectors/sensors/sensorreadingparser.h"
#include "logging.h"

SensorCollector::SensorCollector(const SystemPaths &paths)
{
    const QList<SensorInput> inputs = SensorDiscovery::discover(paths);
    m_inputs.reserve(size_t(inputs.size()));
    for (const SensorInput &sensor : inputs)
        m_inputs.push_back(
            {sensor, ProcFile(sensor.path, ProcFile::ReadMode::SingleRead, 32), false});
    qCDebug(lcCollect) << "temperature sensors found:" << inputs.size();
}

void SensorCollector::collect(Snapshot &snapshot, qint64 nowNs)
{
    Q_UNUSED(nowNs)
    snapshot.temps.clear();
    snapshot.temps.reserve(qsizetype(m_inputs.size()));
    for (Input &input : m_inputs) {
        double celsius = 0;
        if (read(input, &celsius)) {
            snapshot.temps.append(
                {input.sensor.label, celsius, input.sensor.high, input.sensor.critical});
        }
    }
}

bool SensorCollector::read(Input &input, double *celsius)
{
    bool ok = false;
    const QByteArrayView text = input.file.read(&ok);
    const std::optional<double> value = ok ? SensorReadingParser::celsius(text) : std::nullopt;
    if (!value) {
        if (!input.failing)
            qCWarning(lcCollect) << "cannot read temperature" << input.sensor.path;
        input.failing = true;
        return false;
    }
    input.failing = false;
    *celsius = *value;
    return true;
}
