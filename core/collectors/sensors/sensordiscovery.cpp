#include "sensordiscovery.h"

#include "collectors/sensors/sensorreadingparser.h"
#include "io/procfile.h"

#include <QDir>
#include <QFileInfo>
#include <QSet>

#include <algorithm>

namespace {

QString readText(const QString &path)
{
    bool ok = false;
    const QByteArray text = ProcFile::readAll(path, &ok);
    return ok ? QString::fromUtf8(text).trimmed() : QString();
}

double readCelsius(const QString &path)
{
    bool ok = false;
    const QByteArray text = ProcFile::readAll(path, &ok);
    return ok ? SensorReadingParser::celsius(text).value_or(qQNaN()) : qQNaN();
}

// The number inside a name such as "hwmon12", "temp3_input" or "trip_point_2_type".
int numberIn(const QString &name, qsizetype prefixLength)
{
    qsizetype end = prefixLength;
    while (end < name.size() && name.at(end).isDigit())
        ++end;
    return name.mid(prefixLength, end - prefixLength).toInt();
}

// Entries of dir matching prefix*suffix, in numeric order (hwmon2 before hwmon10).
QStringList numbered(const QString &dir, const QString &prefix, const QString &suffix,
                     QDir::Filters filters)
{
    QStringList names = QDir(dir).entryList({prefix + u'*' + suffix}, filters);
    std::sort(names.begin(), names.end(), [&](const QString &a, const QString &b) {
        return numberIn(a, prefix.size()) < numberIn(b, prefix.size());
    });
    return names;
}

// "temp3_input" -> "<dir>/temp3_", to which "label", "max" or "crit" is appended.
QString attributeBase(const QString &dir, const QString &file)
{
    return dir + u'/' + file.left(file.lastIndexOf(u'_') + 1);
}

// thermal_hwmon names its hwmon chip after the zone type with '-' turned into '_'.
QString chipKey(QString name)
{
    return name.replace(u'-', u'_');
}

// The chip's name file, else its folder's name.
QString chipName(const QString &dir)
{
    const QString chip = readText(dir + QStringLiteral("/name"));
    return chip.isEmpty() ? QDir(dir).dirName() : chip;
}

// The runtime_status that gates the chip's reads when it belongs to a GPU; empty otherwise.
QString gpuWakeGate(const QString &dir, const QString &chip)
{
    static const QStringList gpuDrivers{QStringLiteral("amdgpu"), QStringLiteral("nouveau"),
                                        QStringLiteral("i915"), QStringLiteral("xe")};
    if (!gpuDrivers.contains(chip) && !QFileInfo::exists(dir + QStringLiteral("/device/drm")))
        return {};
    return dir + QStringLiteral("/device/power/runtime_status");
}

template<typename Input>
void makeLabelsUnique(QList<Input> *inputs)
{
    QSet<QString> taken;
    for (Input &input : *inputs) {
        const QString base = input.label;
        for (int n = 2; taken.contains(input.label); ++n)
            input.label = base + QStringLiteral(" #") + QString::number(n);
        taken.insert(input.label);
    }
}

} // namespace

QList<FanInput> SensorDiscovery::discoverFans(const SystemPaths &paths)
{
    QList<FanInput> fans;
    const QString hwmon = paths.sys(QStringLiteral("class/hwmon"));
    const QString prefix = QStringLiteral("fan");
    for (const QString &name : numbered(hwmon, QStringLiteral("hwmon"), {}, QDir::Dirs)) {
        const QString dir = hwmon + u'/' + name;
        const QString chip = chipName(dir);
        const QString gate = gpuWakeGate(dir, chip);
        for (const QString &file : numbered(dir, prefix, QStringLiteral("_input"), QDir::Files)) {
            const QString label = readText(attributeBase(dir, file) + QStringLiteral("label"));
            const QString fallback = prefix + QString::number(numberIn(file, prefix.size()));
            fans.append(
                {chip + u' ' + (label.isEmpty() ? fallback : label), dir + u'/' + file, gate});
        }
    }
    makeLabelsUnique(&fans);
    return fans;
}

QList<SensorInput> SensorDiscovery::discover(const SystemPaths &paths)
{
    QList<SensorInput> inputs;
    QStringList chips;
    const QString hwmon = paths.sys(QStringLiteral("class/hwmon"));
    for (const QString &name : numbered(hwmon, QStringLiteral("hwmon"), {}, QDir::Dirs))
        addHwmonChip(hwmon + u'/' + name, &inputs, &chips);
    const QString thermal = paths.sys(QStringLiteral("class/thermal"));
    for (const QString &name : numbered(thermal, QStringLiteral("thermal_zone"), {}, QDir::Dirs))
        addThermalZone(thermal + u'/' + name, chips, &inputs);
    makeLabelsUnique(&inputs);
    return inputs;
}

bool SensorDiscovery::awake(const QString &wakeGate)
{
    if (wakeGate.isEmpty())
        return true;
    const QString status = readText(wakeGate);
    return status == QLatin1StringView("active") || status == QLatin1StringView("unsupported");
}

void SensorDiscovery::addHwmonChip(const QString &dir, QList<SensorInput> *inputs,
                                   QStringList *chips)
{
    const QString chip = chipName(dir);
    chips->append(chipKey(chip));
    const QString gate = gpuWakeGate(dir, chip);
    const bool readLevels = awake(gate);
    const QString prefix = QStringLiteral("temp");
    for (const QString &file : numbered(dir, prefix, QStringLiteral("_input"), QDir::Files)) {
        const QString base = attributeBase(dir, file);
        const QString label = readText(base + QStringLiteral("label"));
        const int index = numberIn(file, prefix.size());
        SensorInput input;
        input.label = chip + u' ' + (label.isEmpty() ? QString::number(index) : label);
        input.path = dir + u'/' + file;
        input.wakeGate = gate;
        if (readLevels) {
            input.high = readCelsius(base + QStringLiteral("max"));
            input.critical = readCelsius(base + QStringLiteral("crit"));
        }
        inputs->append(input);
    }
}

void SensorDiscovery::addThermalZone(const QString &dir, const QStringList &chips,
                                     QList<SensorInput> *inputs)
{
    if (!QFile::exists(dir + QStringLiteral("/temp")))
        return;
    SensorInput input;
    input.label = readText(dir + QStringLiteral("/type"));
    if (chips.contains(chipKey(input.label)))
        return;
    if (input.label.isEmpty())
        input.label = QDir(dir).dirName();
    input.path = dir + QStringLiteral("/temp");
    thermalTrips(dir, &input);
    inputs->append(input);
}

void SensorDiscovery::thermalTrips(const QString &dir, SensorInput *input)
{
    double hot = qQNaN();
    double passive = qQNaN();
    const QString prefix = QStringLiteral("trip_point_");
    for (const QString &file : numbered(dir, prefix, QStringLiteral("_type"), QDir::Files)) {
        const QString base = attributeBase(dir, file);
        const QString type = readText(dir + u'/' + file);
        const double celsius = readCelsius(base + QStringLiteral("temp"));
        if (type == QLatin1StringView("critical"))
            input->critical = celsius;
        else if (type == QLatin1StringView("hot"))
            hot = celsius;
        else if (type == QLatin1StringView("passive") && !(passive <= celsius))
            passive = celsius; // the lowest passive trip: where throttling starts
    }
    input->high = qIsNaN(hot) ? passive : hot;
}
