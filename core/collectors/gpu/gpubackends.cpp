#include "collectors/gpu/gpubackends.h"

#include "logging.h"

#include <QRegularExpression>

#include <charconv>

namespace {

using GpuValue::integer;

std::optional<double> scaled(GpuSysfs &sysfs, const QString &relative, double divisor)
{
    const std::optional<qint64> value = integer(sysfs, relative);
    return value ? std::optional<double>(double(*value) / divisor) : std::nullopt;
}

std::optional<quint64> bytes(GpuSysfs &sysfs, const QString &relative)
{
    const std::optional<qint64> value = integer(sysfs, relative);
    return value && *value >= 0 ? std::optional<quint64>(quint64(*value)) : std::nullopt;
}

// The device's hwmon chip, "class/drm/card0/device/hwmon/hwmon3/"; empty when it has none.
QString hwmonOf(GpuSysfs &sysfs, const QString &device)
{
    static const QRegularExpression hwmon(QStringLiteral("^hwmon[0-9]+$"));
    for (const QString &name : sysfs.list(device + u"hwmon")) {
        if (hwmon.match(name).hasMatch())
            return device + QStringLiteral("hwmon/") + name + u'/';
    }
    return {};
}

// The first of names the folder holds, relative to the sysfs root; empty when none.
QString firstPresent(const QStringList &files, const QString &dir, const QStringList &names)
{
    for (const QString &name : names) {
        if (files.contains(name))
            return dir + name;
    }
    return {};
}

// Average power from a µJ energy counter over the time between two awake reads.
class EnergyMeter
{
public:
    std::optional<double> watts(std::optional<qint64> microjoules, qint64 nowNs)
    {
        std::optional<double> result;
        if (microjoules && m_last && *microjoules >= m_last->first && nowNs > m_last->second)
            result = double(*microjoules - m_last->first) / (double(nowNs - m_last->second) / 1e3);
        m_last.reset();
        if (microjoules)
            m_last = {*microjoules, nowNs};
        return result;
    }

private:
    std::optional<std::pair<qint64, qint64>> m_last; // µJ, ns
};

// amdgpu: the driver's files on the PCI device, its hwmon chip for the rest.
class AmdgpuBackend : public GpuBackend
{
public:
    AmdgpuBackend(GpuSysfs &sysfs, const QString &card)
        : m_device(QStringLiteral("class/drm/") + card + u"/device/")
        , m_hwmon(hwmonOf(sysfs, m_device))
    {
        if (m_hwmon.isEmpty())
            return;
        const QStringList files = sysfs.list(m_hwmon);
        // Kernels before 6.6 have power1_average; 6.6 renamed it power1_input on most chips.
        m_power = firstPresent(files, m_hwmon,
                               {QStringLiteral("power1_average"), QStringLiteral("power1_input")});
        m_hasFan =
            files.contains(QStringLiteral("pwm1")) && files.contains(QStringLiteral("pwm1_max"));
    }

    // The memory manager's counters: amdgpu answers them without touching the hardware.
    void readAsleep(GpuSysfs &sysfs, GpuUsage &gpu) override
    {
        gpu.vramUsed = bytes(sysfs, m_device + QStringLiteral("mem_info_vram_used"));
        gpu.vramTotal = bytes(sysfs, m_device + QStringLiteral("mem_info_vram_total"));
        gpu.gttUsed = bytes(sysfs, m_device + QStringLiteral("mem_info_gtt_used"));
        gpu.gttTotal = bytes(sysfs, m_device + QStringLiteral("mem_info_gtt_total"));
    }

    void readAwake(GpuSysfs &sysfs, GpuUsage &gpu, qint64) override
    {
        gpu.load = scaled(sysfs, m_device + QStringLiteral("gpu_busy_percent"), 1);
        if (m_hwmon.isEmpty())
            return;
        gpu.temp = scaled(sysfs, m_hwmon + QStringLiteral("temp1_input"), 1e3); // m°C
        gpu.tempCritical = scaled(sysfs, m_hwmon + QStringLiteral("temp1_crit"), 1e3);
        if (!m_power.isEmpty())
            gpu.power = scaled(sysfs, m_power, 1e6); // µW
        gpu.powerLimit = scaled(sysfs, m_hwmon + QStringLiteral("power1_cap"), 1e6);
        gpu.clock = scaled(sysfs, m_hwmon + QStringLiteral("freq1_input"), 1e6); // Hz
        if (m_hasFan) {
            const std::optional<qint64> pwm = integer(sysfs, m_hwmon + QStringLiteral("pwm1"));
            const std::optional<qint64> max = integer(sysfs, m_hwmon + QStringLiteral("pwm1_max"));
            if (pwm && max && *max > 0)
                gpu.fan = 100.0 * double(*pwm) / double(*max);
        }
    }

private:
    QString m_device;
    QString m_hwmon;
    QString m_power; // power1_average or power1_input; empty when neither
    bool m_hasFan = false;
};

// i915 and xe: the actual clock from the driver, power from hwmon where the chip has one (the
// discrete cards and recent kernels). Load needs DRM fdinfo: not read yet, so null.
class IntelBackend : public GpuBackend
{
public:
    IntelBackend(GpuSysfs &sysfs, const QString &driver, const QString &card)
    {
        const QString cardDir = QStringLiteral("class/drm/") + card + u'/';
        const QString device = cardDir + QStringLiteral("device/");
        m_clock = driver == QLatin1StringView("xe")
                      ? device + QStringLiteral("tile0/gt0/freq0/act_freq")
                      : cardDir + QStringLiteral("gt_act_freq_mhz");
        const QString hwmon = hwmonOf(sysfs, device);
        if (hwmon.isEmpty())
            return;
        const QStringList files = sysfs.list(hwmon);
        m_power = firstPresent(files, hwmon, {QStringLiteral("power1_input")});
        m_energy = firstPresent(files, hwmon, {QStringLiteral("energy1_input")});
        m_limit = firstPresent(files, hwmon, {QStringLiteral("power1_max")});
        m_temp = firstPresent(files, hwmon,
                              {QStringLiteral("temp1_input"), QStringLiteral("temp2_input")});
    }

    void readAsleep(GpuSysfs &, GpuUsage &) override {}

    void readAwake(GpuSysfs &sysfs, GpuUsage &gpu, qint64 nowNs) override
    {
        gpu.clock = scaled(sysfs, m_clock, 1);
        if (!m_power.isEmpty())
            gpu.power = scaled(sysfs, m_power, 1e6);
        else if (!m_energy.isEmpty())
            gpu.power = m_meter.watts(integer(sysfs, m_energy), nowNs);
        if (!m_limit.isEmpty())
            gpu.powerLimit = scaled(sysfs, m_limit, 1e6);
        if (!m_temp.isEmpty())
            gpu.temp = scaled(sysfs, m_temp, 1e3);
    }

private:
    QString m_clock;
    QString m_power, m_energy, m_limit, m_temp; // empty where the chip lacks the file
    EnergyMeter m_meter;
};

} // namespace

std::optional<qint64> GpuValue::integer(GpuSysfs &sysfs, const QString &relative)
{
    const std::optional<QByteArray> text = sysfs.read(relative);
    if (!text || text->isEmpty())
        return std::nullopt;
    qint64 value = 0;
    const char *end = text->constData() + text->size();
    const auto result = std::from_chars(text->constData(), end, value);
    if (result.ec != std::errc() || result.ptr != end)
        return std::nullopt;
    return value;
}

std::unique_ptr<GpuBackend> GpuBackend::create(GpuSysfs &sysfs, const QString &driver,
                                               const QString &card)
{
    if (driver == QLatin1StringView("amdgpu"))
        return std::make_unique<AmdgpuBackend>(sysfs, card);
    if (driver == QLatin1StringView("i915") || driver == QLatin1StringView("xe"))
        return std::make_unique<IntelBackend>(sysfs, driver, card);
    return nullptr;
}
