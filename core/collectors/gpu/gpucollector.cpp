#include "collectors/gpu/gpucollector.h"

#include "collectors/gpu/gpudiscovery.h"
#include "logging.h"

#include <QFileInfo>

namespace {

QString systemPciIds()
{
    const QString debian = QStringLiteral("/usr/share/misc/pci.ids");
    return QFileInfo::exists(debian) ? debian : QStringLiteral("/usr/share/hwdata/pci.ids");
}

} // namespace

GpuCollector::GpuCollector(const SystemPaths &paths)
    : GpuCollector(std::make_unique<GpuSysfs>(paths.sysRoot), systemPciIds())
{}

GpuCollector::GpuCollector(std::unique_ptr<GpuSysfs> sysfs, QString pciIds)
    : m_sysfs(std::move(sysfs))
    , m_pciIds(std::move(pciIds))
{}

GpuCollector::~GpuCollector() = default;

void GpuCollector::rediscover()
{
    QSet<QString> present;
    for (const GpuCard &card : GpuDiscovery::cards(*m_sysfs)) {
        const QString ignoredKey = card.card + u'|' + card.address;
        if (m_ignored.contains(ignoredKey) || present.contains(card.address))
            continue;
        auto it = m_devices.find(card.address);
        if (it != m_devices.end() && it->second.card == card.card && !it->second.gone) {
            present.insert(card.address);
            continue;
        }
        const GpuIdentity identity = GpuDiscovery::identify(*m_sysfs, card.card);
        std::unique_ptr<GpuBackend> backend =
            GpuBackend::create(*m_sysfs, identity.driver, card.card);
        if (!backend) {
            qCDebug(lcCollect) << "DRM card with no GPU backend:" << card.card << card.address
                               << identity.driver;
            m_ignored.insert(ignoredKey);
            continue;
        }
        Device device;
        device.card = card.card;
        device.identity.id = card.address;
        device.identity.name = GpuDiscovery::name(m_pciIds, identity.vendorId, identity.deviceId);
        device.identity.vendor = GpuDiscovery::vendor(identity.vendorId);
        device.identity.driver = identity.driver;
        device.backend = std::move(backend);
        qCInfo(lcCollect) << "GPU found:" << card.address << device.identity.name
                          << identity.driver;
        m_devices.insert_or_assign(card.address, std::move(device));
        present.insert(card.address);
    }
    for (auto &[address, device] : m_devices) {
        if (!present.contains(address) && !device.gone) {
            qCInfo(lcCollect) << "GPU removed:" << address;
            device.gone = true;
        }
    }
}

bool GpuCollector::mayReadAwake(const Device &device, qint64 nowNs)
{
    if (!device.readAwakeBefore)
        return true;
    const QString power = QStringLiteral("class/drm/") + device.card + u"/device/power/";
    if (m_sysfs->read(power + u"control") != QByteArray("auto"))
        return true; // runtime PM off: the device never sleeps, the reads cost it nothing
    // A negative delay turns autosuspend off; a missing file means it suspends when idle.
    const qint64 delayMs =
        qMax<qint64>(0, GpuValue::integer(*m_sysfs, power + u"autosuspend_delay_ms").value_or(0));
    return nowNs - device.lastAwakeReadNs >= 2 * delayMs * 1'000'000;
}

void GpuCollector::collect(Snapshot &snapshot, qint64 nowNs)
{
    if (!m_discovered || nowNs - m_discoveredNs >= rediscoverNs) {
        rediscover();
        m_discovered = true;
        m_discoveredNs = nowNs;
    }
    snapshot.gpus.clear();
    for (auto it = m_devices.begin(); it != m_devices.end();) {
        Device &device = it->second;
        GpuUsage gpu = device.identity;
        if (device.gone) {
            gpu.state = QStringLiteral("gone");
            snapshot.gpus.append(gpu);
            it = m_devices.erase(it);
            continue;
        }
        const std::optional<QByteArray> status =
            m_sysfs->read(QStringLiteral("class/drm/") + device.card +
                          QStringLiteral("/device/power/runtime_status"));
        const bool awake = status == QByteArray("active") || status == QByteArray("unsupported");
        gpu.state = awake ? QStringLiteral("active") : QStringLiteral("suspended");
        device.backend->readAsleep(*m_sysfs, gpu);
        if (awake && mayReadAwake(device, nowNs)) {
            device.backend->readAwake(*m_sysfs, gpu, nowNs);
            device.lastAwakeReadNs = nowNs;
            device.readAwakeBefore = true;
        }
        snapshot.gpus.append(gpu);
        ++it;
    }
}
