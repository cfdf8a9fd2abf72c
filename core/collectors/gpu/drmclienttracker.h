#pragma once

#include "collectors/gpu/drmfdinfoparser.h"

#include <QHash>
#include <QString>
#include <QtGlobal>

#include <optional>
#include <unordered_map>
#include <utility>
#include <vector>

// Per-process GPU use from the DRM clients each process holds open (docs/metrics.md
// "Per-process GPU"): <proc>/<pid>/fd links into /dev/dri and the usage keys of their
// <proc>/<pid>/fdinfo/<fd>.
// - A client is one open of a DRM device, known by (drm-pdev, drm-client-id). However many fds
//   and PIDs share it (dup, fork), it is counted once, for the lowest of those PIDs (the parent
//   that opened it, as a rule). An fdinfo without drm-client-id cannot be told apart and is left
//   out.
// - gpu % of a client: for each engine, its busy-time delta over the wall-clock delta (xe: the
//   drm-cycles delta over the drm-total-cycles delta) divided by the engine's capacity, so each
//   engine is 0-100; the client's value is its busiest engine's, as a GPU's load reads its
//   busiest engine. A process's gpu is the sum over its clients. A counter that stepped back
//   (a client id reused) makes that client null for the sample, then it starts over from there.
// - gpu memory: drm-resident-<region> (or drm-memory-<region>) bytes summed over regions.
// - Which PIDs are searched for DRM fds: those new since the last scan (or whose start time
//   changed: a reused PID starts fresh), and every PID each fullRescanNs; a PID already known to
//   hold clients has only those fds' fdinfo read again in between.
// Only what this user may read is seen (another user's fds are EACCES): a lower bound.
class DrmClientTracker
{
public:
    // A full search of every PID's fds for a DRM file this often: a process that opens the GPU
    // late (a browser starting its GPU process) appears within this time.
    static constexpr qint64 fullRescanNs = 10'000'000'000;

    struct Use
    {
        std::optional<double> gpu;     // percent, 0-100 per client
        std::optional<quint64> memory; // bytes
    };

    explicit DrmClientTracker(QString procRoot);

    // One scan at nowNs (monotonic, ns) over the live processes: (pid, start time in clock
    // ticks after boot, as /proc/<pid>/stat field 22 gives it).
    void update(qint64 nowNs, const std::vector<std::pair<int, quint64>> &processes);
    // The same over the PIDs listed in <proc> (one readdir, no file per process): for a reader
    // that has no process scan of its own, such as a GPU's load while nobody watches the process
    // list. Without start times a reused PID is searched again only at the next full search.
    void update(qint64 nowNs);
    // What the last scan found for pid; both null when no client is counted for it.
    Use use(int pid) const;
    // Load per GPU (by drm-pdev) in percent: for each engine the sum over clients, then the
    // busiest engine, at most 100. Only GPUs with at least one client measured this scan.
    QHash<QString, double> loadByDevice() const { return m_loadByDevice; }
    void clear();

private:
    struct Process
    {
        quint64 startTicks = 0;
        std::vector<int> drmFds;
    };
    struct Client
    {
        DrmFdinfo sample;
        qint64 sampleNs = 0;
    };
    struct Seen
    {
        DrmFdinfo sample;
        int owner = 0;
    };
    using Utilisation = QHash<QByteArray, double>; // by engine, percent

    std::vector<int> drmFds(int pid) const;
    void readClients(int pid, Process &process, QHash<QByteArray, Seen> &seen) const;
    std::optional<Utilisation> utilisation(const DrmFdinfo &now, const Client *before,
                                           qint64 nowNs) const;
    void account(const Seen &seen, const std::optional<Utilisation> &engines,
                 QHash<QString, Utilisation> &byDevice);

    QString m_procRoot;
    std::unordered_map<int, Process> m_processes;
    QHash<QByteArray, Client> m_clients; // by "pdev/client-id"
    std::unordered_map<int, Use> m_use;
    QHash<QString, double> m_loadByDevice;
    qint64 m_fullScanNs = 0;
    bool m_scanned = false;
};
