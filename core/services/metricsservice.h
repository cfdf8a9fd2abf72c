#pragma once

#include "collectors/collector.h"
#include "history/history.h"
#include "services/metricssource.h"
#include "services/processwatcher.h"
#include "snapshot.h"
#include "systempaths.h"

#include <QElapsedTimer>
#include <QList>
#include <QTimer>

#include <memory>
#include <vector>

class Settings;

// Owns the tick. Every general/interval it runs each collector once, in order, into one
// Snapshot, appends it to the history and emits it. Ticks never overlap (one thread, one
// timer) and a tick that starts late is counted, not queued: QTimer does not replay missed
// timeouts. The first collection at start only primes the deltas and is not published, so no
// consumer ever sees the meaningless rates of a first tick.
class MetricsService : public MetricsSource
{
    Q_OBJECT

public:
    MetricsService(Settings *settings, const SystemPaths &paths, QObject *parent = nullptr);
    ~MetricsService() override;

    // Adds a collector owned elsewhere (the memory service, the server's health counters); it
    // runs after the built-in ones, in the order added.
    void addCollector(Collector *collector);

    const Snapshot &latest() const override { return m_latest; }
    const History &history() const override { return m_history; }
    // Where procfs and sysfs are read (--proc-root, --sys-root).
    const SystemPaths &paths() const { return m_paths; }
    // Appends a Snapshot from before the first tick to the history only (oldest first), so that
    // a benchmark or a demo starts with a full history.
    void seedHistory(const Snapshot &past) { m_history.append(past); }
    // Appends one stored tick by series name before the first tick (the history store's fill).
    void fillHistory(qint64 ts, const QStringList &names, const QList<double> &values)
    {
        m_history.appendValues(ts, names, values);
    }
    // The whole process list, scanned on this tick only while somebody watches it.
    ProcessWatcher *processes() const { return m_processes.get(); }
    quint64 lateTicks() const { return m_lateTicks; }
    // The tick interval in milliseconds.
    int intervalMs() const override;

protected:
    bool doInitialize() override;
    void doShutdown() override;

private:
    void tick();
    void collectInto(Snapshot &snapshot, qint64 nowNs);
    void countLateness(qint64 nowNs);
    void applySettings(const QStringList &keys);
    qsizetype historyCapacity() const;

    Settings *m_settings;
    SystemPaths m_paths;
    std::vector<std::unique_ptr<Collector>> m_collectors;
    QList<Collector *> m_external;
    // NVML's per-process use, from the GPU collector to the process list (declared first: both
    // hold it).
    std::shared_ptr<GpuProcessUse> m_gpuProcessUse = std::make_shared<GpuProcessUse>();
    std::unique_ptr<ProcessWatcher> m_processes;
    QTimer m_timer;
    QElapsedTimer m_clock;
    History m_history;
    Snapshot m_latest;
    quint64 m_seq = 0;
    quint64 m_lateTicks = 0;
    qint64 m_lastTickNs = 0;
};
