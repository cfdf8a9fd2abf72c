#include "memoryservice.h"

#include "collectors/memory/memorycollector.h"
#include "collectors/processes/processcollector.h"
#include "settings/settings.h"

#include <chrono>

using namespace std::chrono_literals;

MemoryService::MemoryService(Settings *settings, const SystemPaths &paths, QObject *parent)
    : Service(QStringLiteral("memory"), parent)
    , m_settings(settings)
    , m_paths(paths)
{
    m_cleanupTimer.callOnTimeout(this, &MemoryService::cleanUp);
    connect(m_settings, &Settings::changed, this, &MemoryService::applySettings);
}

MemoryService::~MemoryService() = default;

bool MemoryService::doInitialize()
{
    m_memory = std::make_unique<MemoryCollector>(m_paths);
    m_processes = std::make_unique<ProcessCollector>(m_paths);
    m_cleanupTimer.start(std::chrono::seconds(m_settings->cleanupInterval()));
    return true;
}

void MemoryService::doShutdown()
{
    m_cleanupTimer.stop();
    m_processes.reset();
    m_memory.reset();
}

void MemoryService::collect(Snapshot &snapshot, qint64 nowNs)
{
    if (!isRunning())
        return;
    m_lastNowNs = nowNs;
    m_memory->collect(snapshot, nowNs);
    m_processes->collect(snapshot, nowNs);
}

void MemoryService::cleanUp()
{
    if (!isRunning())
        return;
    const qint64 ttlNs = qint64(m_settings->cleanupInterval()) * 1'000'000'000;
    m_processes->evictStale(m_lastNowNs, ttlNs);
}

qsizetype MemoryService::cachedProcesses() const
{
    return m_processes ? m_processes->table().size() : 0;
}

void MemoryService::applySettings(const QStringList &keys)
{
    if (keys.contains(QStringLiteral("general/cleanupInterval")) && m_cleanupTimer.isActive())
        m_cleanupTimer.start(std::chrono::seconds(m_settings->cleanupInterval()));
}
