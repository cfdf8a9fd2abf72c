#pragma once

#include "collectors/collector.h"
#include "diskstatsparser.h"
#include "io/procfile.h"
#include "mountsparser.h"
#include "mountwatcher.h"
#include "systempaths.h"

#include <QHash>
#include <QList>
#include <QSet>
#include <QString>

#include <functional>
#include <optional>

// Size and device of one mounted filesystem, as statvfs() and stat() report them.
struct FsStats
{
    quint64 total = 0;     // bytes: f_blocks * f_frsize
    quint64 used = 0;      // bytes: (f_blocks - f_bfree) * f_frsize
    quint64 available = 0; // bytes an unprivileged user may still write: f_bavail * f_frsize
    quint64 deviceId = 0;  // st_dev of the mount path, as encoded by makedev()
};

// Fills Snapshot::disks: each real filesystem (as df lists it) with its size, use and I/O rates.
// The mount table is reread only when the kernel says it changed; sizes and /proc/diskstats are
// read every tick.
class DiskCollector : public Collector
{
public:
    // Returns the sizes of the filesystem mounted at an absolute path, or nullopt on failure.
    using FsStatFunction = std::function<std::optional<FsStats>(const QString &mountPath)>;

    // Reads <procRoot>/self/mounts now; fsStat answers for each mount path on each tick.
    explicit DiskCollector(const SystemPaths &paths,
                           FsStatFunction fsStat = &DiskCollector::statFilesystem);

    void collect(Snapshot &snapshot, qint64 nowNs) override;
    // Rereads the mount table; collect() calls it when the kernel flags a change.
    void reloadMounts();

    // The default fsStat: statvfs() and stat() on the path under the real root. Like df, it
    // waits while a hard-mounted network share does not answer.
    static std::optional<FsStats> statFilesystem(const QString &mountPath);

private:
    QHash<quint64, DiskStatsEntry> readDiskStats();
    std::optional<FsStats> statMount(const QString &mountPath);
    DiskUsage usage(const MountEntry &mount, const FsStats &stats,
                    const QHash<quint64, DiskStatsEntry> &io, double seconds) const;

    QString m_mountsPath;
    MountWatcher m_watcher; // opened before the first read, so no change is missed
    ProcFile m_diskStats;
    FsStatFunction m_fsStat;
    QList<MountEntry> m_mounts; // sorted by mount path
    QHash<quint64, DiskStatsEntry> m_previousIo;
    qint64 m_previousNs = 0;
    QSet<QString> m_statFailuresLogged;
    bool m_diskStatsUnreadable = false;
};
