#pragma once

#include "collectors/gpu/drmclienttracker.h"
#include "collectors/gpu/gpuprocessuse.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <QtGlobal>

#include <optional>
#include <unordered_map>

// What changed between two scans of ProcessList: whole rows for new processes, the PIDs of
// those gone, and for the rest only the fields whose value changed ({"pid":…, field: value}).
// A PID reused between two scans is both removed and added: apply removed first.
struct ProcessDelta
{
    QJsonArray added;
    QJsonArray removed;
    QJsonArray changed;
    bool isEmpty() const { return added.isEmpty() && removed.isEmpty() && changed.isEmpty(); }
};

// Every process under <proc> with the columns of the `processes` topic, as rows in the contract
// shape (docs/api.md, GET /api/v1/processes): pid, ppid, user, name, cmdline, state, cpu, rss,
// memPercent, threads, nice, startTime, readBps, writeBps, unit, gpu, gpuMem. A field that cannot
// be read is null, never 0. Each scan reads stat and io of every PID; status (the user), cmdline
// and cgroup (the unit) only when a PID is new, reused or exec'd; gpu (percent) and gpuMem
// (bytes) come from the DRM clients a DrmClientTracker finds plus what a vendor library reports
// (NVML), null for a process that holds none this user can see. This costs far more than the top-N
// scan, so it runs only while somebody watches the list (ProcessTopic).
class ProcessList
{
public:
    // ticksPerSecond and pageSize default to the machine's; tests pass fixed ones.
    explicit ProcessList(QString procRoot, double ticksPerSecond = 0, quint64 pageSize = 0);

    // Scans <proc> at nowNs (monotonic, ns) and returns what changed since the previous scan;
    // the first scan after construction or clear() adds every process.
    ProcessDelta update(qint64 nowNs);
    // Every process of the last scan, by ascending PID.
    QJsonArray rows() const;
    qsizetype size() const { return qsizetype(m_procs.size()); }
    bool hasScanned() const { return m_lastNs != 0; }
    // Forgets every process, so the next scan starts over (rates null again).
    void clear();
    // One process read now, with what only a detail view shows: "cgroup" (the text of
    // <proc>/<pid>/cgroup) and "fds" (its open file descriptors; null where not readable).
    // The rates come from the last scan when it saw this very process, else they are null.
    // Empty when the process is gone.
    QJsonObject detail(int pid);
    // Per-process use that a vendor library reports (NVML), added to what the DRM clients
    // show; null for none.
    void setVendorGpuUse(const GpuProcessUse *use) { m_vendorGpuUse = use; }

private:
    struct Tracked
    {
        quint64 startTicks = 0;
        quint64 cpuTicks = 0;
        std::optional<quint64> readBytes;
        std::optional<quint64> writeBytes;
        QByteArray comm;
        QJsonObject row;
    };

    bool scanOne(int pid, qint64 intervalNs, Tracked &next);
    void readIdentity(int pid, Tracked &next);
    void readIo(int pid, qint64 intervalNs, const Tracked *previous, Tracked &next);
    QJsonValue userName(uint uid);
    void readMachine();
    void readGpu(std::unordered_map<int, Tracked> &procs, qint64 nowNs);

    QString m_procRoot;
    double m_ticksPerSecond = 100;
    quint64 m_pageSize = 4096;
    std::unordered_map<int, Tracked> m_procs;
    QHash<uint, QJsonValue> m_users;
    DrmClientTracker m_drm;
    const GpuProcessUse *m_vendorGpuUse = nullptr;
    std::optional<qint64> m_bootTimeS;
    std::optional<quint64> m_memTotal; // bytes
    qint64 m_lastNs = 0;
};

// The service or container a process belongs to, from the text of /proc/<pid>/cgroup: the
// innermost systemd unit ("nginx.service", "session-2.scope"), or the container as
// "docker-<12 hex>", "podman-<12 hex>", "containerd-<12 hex>", "lxc-<name>"; null for none.
QJsonValue unitFromCgroup(QByteArrayView text);
