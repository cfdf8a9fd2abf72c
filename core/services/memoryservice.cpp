#include "memoryservice.h"

#include "collectors/memory/memorycollector.h"
#include "collectors/processes/processcollector.h"
#include "settings/settings.h"

MemoryService::MemoryService(Settings *settings, const SystemPaths &paths, QObject *parent)
    : Service(QStringLiteral("memory"), parent)
    , m_settings(settings)
    , m_paths(paths)
{}

MemoryService::~MemoryService() = default;

bool MemoryService::doInitialize()
{
    m_memory = std::make_unique<MemoryCollector>(m_paths);
    m_processes = std::make_unique<ProcessCollector>(m_paths);
    m_lastCleanUpNs = 0;
    return true;
}

void MemoryService::doShutdown()
{
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
    // The clean-up rides on the tick that finds it due rather than on a timer of its own, so an
    // idle process wakes once per interval.
    if (nowNs - m_lastCleanUpNs >= cleanUpIntervalNs()) {
        cleanUp();
        m_lastCleanUpNs = nowNs;
    }
}

qint64 MemoryService::cleanUpIntervalNs() const
{
    return qint64(m_settings->cleanupInterval()) * 1'000'000'000;
}

void MemoryService::cleanUp()
{
    if (!isRunning())
        return;
    m_processes->evictStale(m_lastNowNs, cleanUpIntervalNs());
}

qsizetype MemoryService::cachedProcesses() const
{
    return m_processes ? m_processes->table().size() : 0;
}
