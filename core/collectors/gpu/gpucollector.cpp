#include "collectors/gpu/gpucollector.h"

#include "collectors/gpu/gpudiscovery.h"
#include "collectors/gpu/nvidiabackend.h"
#include "logging.h"

#include <QFileInfo>

#include <algorithm>

namespace {

QString systemPciIds()
{
    const QString debian = QStringLiteral("/usr/share/misc/pci.ids");
    return QFileInfo::exists(debian) ? debian : QStringLiteral("/usr/share/hwdata/pci.ids");
}

} // namespace

GpuCollector::GpuCollector(const SystemPaths &paths)
    : GpuCollector(std::make_unique<GpuSysfs>(paths.sysRoot), systemPciIds(), {}, paths.procRoot)
{}

GpuCollector::GpuCollector(std::unique_ptr<GpuSysfs> sysfs, QString pciIds, QString nvmlLibrary,
                           QString procRoot)
    : m_sysfs(std::move(sysfs))
    , m_pciIds(std::move(pciIds))
    , m_nvmlLibrary(std::move(nvmlLibrary))
    , m_procRoot(std::move(procRoot))
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
        std::unique_ptr<GpuBackend> backend = backendFor(card, identity.driver);
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

std::unique_ptr<GpuBackend> GpuCollector::backendFor(const GpuCard &card, const QString &driver)
{
    if (driver != QLatin1StringView("nvidia"))
        return GpuBackend::create(*m_sysfs, driver, card.card);
    if (!m_nvml)
        m_nvml = std::make_unique<NvmlWorker>(m_nvmlLibrary);
    return std::make_unique<NvidiaBackend>(*m_nvml, card.address);
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
    // The first tick takes no worker reading: none can answer a request of this tick yet.
    const qint64 oldestNs = m_collectedNs ? nowNs - 2 * (nowNs - *m_collectedNs) : nowNs;
    m_collectedNs = nowNs;
    snapshot.gpus.clear();
    for (auto it = m_devices.begin(); it != m_devices.end();) {
        Device &device = it->second;
        GpuUsage gpu = device.identity;
        if (!device.gone)
            read(device, gpu, nowNs, oldestNs);
        if (!device.gone && device.backend->lost()) {
            qCInfo(lcCollect) << "GPU lost:" << it->first;
            m_ignored.insert(device.card + u'|' + it->first); // until its card node changes
            device.gone = true;
        }
        if (device.gone) {
            GpuUsage gone = device.identity;
            gone.state = QStringLiteral("gone");
            snapshot.gpus.append(gone);
            it = m_devices.erase(it);
            continue;
        }
        snapshot.gpus.append(gpu);
        ++it;
    }
    fillLoadFromClients(snapshot.gpus, nowNs);
    if (m_nvml && m_processUse) {
        const bool wanted = m_processUse->wanted();
        m_nvml->setProcessesWanted(wanted);
        m_processUse->publish(wanted ? m_nvml->processes() : QHash<qint64, NvmlProcessUse>());
    }
    // Every tick, so that NVML is shut down at the first tick no NVIDIA GPU may be read.
    if (m_nvml)
        m_nvml->send(nowNs);
}

void GpuCollector::setProcessUse(std::shared_ptr<GpuProcessUse> processUse)
{
    m_processUse = std::move(processUse);
}

void GpuCollector::fillLoadFromClients(QList<GpuUsage> &gpus, qint64 nowNs)
{
    const auto needsClients = [](const GpuUsage &gpu) {
        return gpu.state == u"active" && !gpu.load &&
               (gpu.driver == u"i915" || gpu.driver == u"xe");
    };
    if (m_procRoot.isEmpty() || std::none_of(gpus.cbegin(), gpus.cend(), needsClients)) {
        m_drmClients.reset(); // a rate across a sleep would mean nothing
        return;
    }
    if (!m_drmClients)
        m_drmClients = std::make_unique<DrmClientTracker>(m_procRoot);
    m_drmClients->update(nowNs);
    const QHash<QString, double> loads = m_drmClients->loadByDevice();
    for (GpuUsage &gpu : gpus) {
        const auto load = loads.constFind(gpu.id);
        if (needsClients(gpu) && load != loads.cend())
            gpu.load = *load;
    }
}

void GpuCollector::read(Device &device, GpuUsage &gpu, qint64 nowNs, qint64 oldestNs)
{
    const std::optional<QByteArray> status =
        m_sysfs->read(QStringLiteral("class/drm/") + device.card +
                      QStringLiteral("/device/power/runtime_status"));
    const bool awake = status == QByteArray("active") || status == QByteArray("unsupported");
    gpu.state = awake ? QStringLiteral("active") : QStringLiteral("suspended");
    device.backend->readAsleep(*m_sysfs, gpu);
    if (!awake)
        return;
    device.backend->readRecent(gpu, oldestNs);
    if (device.backend->lost())
        return; // not asked for again
    if (mayReadAwake(device, nowNs)) {
        device.backend->readAwake(*m_sysfs, gpu, nowNs);
        device.lastAwakeReadNs = nowNs;
        device.readAwakeBefore = true;
    }
}
