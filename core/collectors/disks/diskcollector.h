#pragma once

#include "collectors/collector.h"
#include "diskstatsparser.h"
#include "fsstats.h"
#include "fsstatworker.h"
#include "io/procfile.h"
#include "mountsparser.h"
#include "mountwatcher.h"
#include "systempaths.h"

#include <QHash>
#include <QList>
#include <QSet>
#include <QString>

#include <map>
#include <memory>
#include <optional>

// Fills Snapshot::disks: each real filesystem (as df lists it) with its size, use and I/O rates.
// The mount table is reread only when the kernel says it changed; sizes and /proc/diskstats are
// read every tick. A mount that may stop answering (MountsParser::mayStopAnswering) is sized by
// its own FsStatWorker, so a dead network share shows its last reading and never stalls the tick.
class DiskCollector : public Collector
{
public:
    // Reads <procRoot>/self/mounts now; fsStat answers for each mount path on each tick.
    explicit DiskCollector(const SystemPaths &paths,
                           FsStatFunction fsStat = &DiskCollector::statFilesystem);

    void collect(Snapshot &snapshot, qint64 nowNs) override;
    // Rereads the mount table; collect() calls it when the kernel flags a change.
    void reloadMounts();

    // The default fsStat: statvfs() and stat() on the path under the real root. Like df, it
    // waits while a hard-mounted network share does not answer; see FsStatWorker.
    static std::optional<FsStats> statFilesystem(const QString &mountPath);

private:
    QHash<quint64, DiskStatsEntry> readDiskStats();
    std::optional<FsStats> statMount(const MountEntry &mount);
    std::optional<FsStats> statThroughWorker(const MountEntry &mount);
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
    std::map<QString, std::unique_ptr<FsStatWorker>> m_workers; // by mount path
    QSet<QString> m_stuckLogged;
    bool m_diskStatsUnreadable = false;
};
