#include "metricsservice.h"

#include "collectors/cgroups/cgroupcollector.h"
#include "collectors/cpu/cpucollector.h"
#include "collectors/disks/diskcollector.h"
#include "collectors/gpu/gpucollector.h"
#include "collectors/load/loadcollector.h"
#include "collectors/network/networkcollector.h"
#include "collectors/pressure/pressurecollector.h"
#include "collectors/self/selfcollector.h"
#include "collectors/sensors/sensorcollector.h"
#include "collectors/system/uptimecollector.h"
#include "logging.h"
#include "settings/settings.h"

#include <QDateTime>

#include <cmath>

MetricsService::MetricsService(Settings *settings, const SystemPaths &paths, QObject *parent)
    : MetricsSource(QStringLiteral("metrics"), parent)
    , m_settings(settings)
    , m_paths(paths)
    , m_processes(std::make_unique<ProcessWatcher>(paths.procRoot, m_gpuProcessUse))
    , m_history(historyCapacity())
{
    // Queued: the full scan runs after every sample of this tick is out, never before.
    connect(this, &MetricsService::snapshotReady, m_processes.get(), &ProcessWatcher::tick,
            Qt::QueuedConnection);
    m_timer.setTimerType(Qt::PreciseTimer);
    m_timer.callOnTimeout(this, &MetricsService::tick);
    connect(m_settings, &Settings::changed, this, &MetricsService::applySettings);
}

MetricsService::~MetricsService() = default;

void MetricsService::addCollector(Collector *collector)
{
    m_external.append(collector);
}

int MetricsService::intervalMs() const
{
    return int(std::lround(m_settings->interval() * 1000));
}

qsizetype MetricsService::historyCapacity() const
{
    return qsizetype(std::ceil(m_settings->historySeconds() / m_settings->interval()));
}

bool MetricsService::doInitialize()
{
    m_collectors.clear();
    m_collectors.push_back(std::make_unique<CpuCollector>(m_paths));
    m_collectors.push_back(std::make_unique<LoadCollector>(m_paths));
    m_collectors.push_back(std::make_unique<PressureCollector>(m_paths));
    auto gpus = std::make_unique<GpuCollector>(m_paths);
    gpus->setProcessUse(m_gpuProcessUse);
    m_collectors.push_back(std::move(gpus));
    m_collectors.push_back(std::make_unique<CgroupCollector>(m_paths));
    m_collectors.push_back(std::make_unique<DiskCollector>(m_paths));
    m_collectors.push_back(std::make_unique<NetworkCollector>(m_paths));
    // Sensors that come and go (a USB device, a module loaded) are looked for at each clean-up.
    m_collectors.push_back(std::make_unique<SensorCollector>(
        m_paths, qint64(m_settings->cleanupInterval()) * 1'000'000'000));
    m_collectors.push_back(std::make_unique<UptimeCollector>(m_paths));
    m_collectors.push_back(std::make_unique<SelfCollector>());
    m_clock.start();
    Snapshot priming;
    collectInto(priming, m_clock.nsecsElapsed());
    m_lastTickNs = m_clock.nsecsElapsed();
    m_timer.start(intervalMs());
    return true;
}

void MetricsService::doShutdown()
{
    m_timer.stop();
    m_collectors.clear();
}

void MetricsService::collectInto(Snapshot &snapshot, qint64 nowNs)
{
    for (const auto &collector : m_collectors)
        collector->collect(snapshot, nowNs);
    for (Collector *collector : std::as_const(m_external))
        collector->collect(snapshot, nowNs);
}

void MetricsService::tick()
{
    const qint64 startNs = m_clock.nsecsElapsed();
    countLateness(startNs);
    Snapshot snapshot;
    snapshot.seq = ++m_seq;
    snapshot.ts = QDateTime::currentMSecsSinceEpoch();
    collectInto(snapshot, startNs);
    snapshot.self.tickUs = (m_clock.nsecsElapsed() - startNs) / 1000;
    snapshot.self.lateTicks = m_lateTicks;
    m_history.append(snapshot);
    m_latest = snapshot;
    // Last statement: a receiver may shut this service down.
    emit snapshotReady(m_latest);
}

void MetricsService::countLateness(qint64 nowNs)
{
    const qint64 intervalNs = qint64(intervalMs()) * 1'000'000;
    if (nowNs - m_lastTickNs > intervalNs + intervalNs / 2) {
        ++m_lateTicks;
        qCDebug(lcServices) << "tick late by" << (nowNs - m_lastTickNs - intervalNs) / 1000000
                            << "ms";
    }
    m_lastTickNs = nowNs;
}

void MetricsService::applySettings(const QStringList &keys)
{
    if (keys.contains(QStringLiteral("general/interval")) ||
        keys.contains(QStringLiteral("general/historySeconds")))
        m_history.setCapacity(historyCapacity());
    if (keys.contains(QStringLiteral("general/interval")) && m_timer.isActive())
        m_timer.start(intervalMs());
}
