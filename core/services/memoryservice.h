#pragma once

#include "collectors/collector.h"
#include "services/service.h"
#include "systempaths.h"

#include <memory>

class MemoryCollector;
class ProcessCollector;
class Settings;

// Memory, swap and the processes that use it (the top consumers by CPU and by memory come from
// one scan), plus the periodic clean-up of the per-PID cache: entries for processes gone for a
// whole general/cleanupInterval are dropped, so a machine that forks thousands of short-lived
// processes does not grow the cache without bound.
class MemoryService : public Service, public Collector
{
    Q_OBJECT

public:
    MemoryService(Settings *settings, const SystemPaths &paths, QObject *parent = nullptr);
    ~MemoryService() override;

    void collect(Snapshot &snapshot, qint64 nowNs) override;
    // Drops per-PID entries unseen for one clean-up interval; the first tick of each interval
    // calls it.
    void cleanUp();
    // Per-PID entries cached right now (for tests and self-diagnosis).
    qsizetype cachedProcesses() const;

protected:
    bool doInitialize() override;
    void doShutdown() override;

private:
    qint64 cleanUpIntervalNs() const;

    Settings *m_settings;
    SystemPaths m_paths;
    std::unique_ptr<MemoryCollector> m_memory;
    std::unique_ptr<ProcessCollector> m_processes;
    qint64 m_lastNowNs = 0;
    qint64 m_lastCleanUpNs = 0;
};
