#include "powersupplysource.h"

#include "collectors/sensors/sensorreadingparser.h"

#include <QDir>

#include <cerrno>
#include <cmath>

namespace {

// In Attribute's order.
const char *const attributeNames[] = {
    "capacity",   "status",      "online",     "power_now",   "current_now",        "voltage_now",
    "energy_now", "energy_full", "charge_now", "charge_full", "voltage_min_design",
};

// A failed read whose device has left: the attribute's file no longer opens, or the driver
// answers ENODEV on the file kept open.
bool deviceGone()
{
    return errno == ENODEV || errno == ENOENT;
}

double microToUnit(std::optional<qint64> micro)
{
    return micro ? double(*micro) / 1e6 : qQNaN();
}

// µA × µV or µAh × µV in W or Wh.
double product(std::optional<qint64> a, std::optional<qint64> b)
{
    return a && b ? std::abs(double(*a)) * double(*b) / 1e12 : qQNaN();
}

} // namespace

QStringList PowerSupplySource::discover(const SystemPaths &paths)
{
    const QString root = paths.sys(QStringLiteral("class/power_supply"));
    QStringList dirs;
    // The class folder holds links to the devices; a fixture holds folders.
    for (const QString &name : QDir(root).entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name))
        dirs.append(root + u'/' + name);
    return dirs;
}

PowerSupplySource::PowerSupplySource(const QString &dir)
    : m_dir(dir)
    , m_name(QDir(dir).dirName())
    , m_type(QString::fromUtf8(ProcFile::readAll(dir + QStringLiteral("/type"))).trimmed())
{
    for (int i = 0; i < AttributeCount; ++i) {
        const QString path = dir + u'/' + QLatin1StringView(attributeNames[i]);
        if (QFile::exists(path))
            m_files[i].emplace(path, ProcFile::ReadMode::SingleRead, 32);
    }
}

std::optional<qint64> PowerSupplySource::integer(Attribute attribute, bool *gone)
{
    if (!m_files[attribute])
        return std::nullopt;
    bool ok = false;
    errno = 0;
    const QByteArrayView text = m_files[attribute]->read(&ok);
    if (!ok) {
        *gone = *gone || deviceGone();
        return std::nullopt;
    }
    return SensorReadingParser::integer(text);
}

std::optional<PowerSupply> PowerSupplySource::read()
{
    bool gone = false;
    PowerSupply supply;
    supply.name = m_name;
    supply.type = m_type;
    if (const std::optional<qint64> capacity = integer(Capacity, &gone))
        supply.capacity = double(*capacity);
    if (m_files[Status]) {
        bool ok = false;
        errno = 0;
        const QByteArrayView text = m_files[Status]->read(&ok);
        if (ok)
            supply.status = QString::fromUtf8(text.trimmed());
        else
            gone = gone || deviceGone();
    }
    if (const std::optional<qint64> online = integer(Online, &gone))
        supply.online = *online != 0 ? 1 : 0;
    supply.watts = m_files[PowerNow]
                       ? std::abs(microToUnit(integer(PowerNow, &gone)))
                       : product(integer(CurrentNow, &gone), integer(VoltageNow, &gone));
    if (m_files[EnergyNow] || m_files[EnergyFull]) {
        supply.energyWh = microToUnit(integer(EnergyNow, &gone));
        supply.energyFullWh = microToUnit(integer(EnergyFull, &gone));
    } else {
        const std::optional<qint64> volts = integer(VoltageMinDesign, &gone);
        supply.energyWh = product(integer(ChargeNow, &gone), volts);
        supply.energyFullWh = product(integer(ChargeFull, &gone), volts);
    }
    if (gone)
        return std::nullopt;
    return supply;
}
