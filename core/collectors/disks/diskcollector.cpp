#include "diskcollector.h"

#include "collectors/counterrate.h"
#include "logging.h"

#include <QFile>

#include <algorithm>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/sysmacros.h>

namespace {

constexpr double NsPerSecond = 1e9;

} // namespace

DiskCollector::DiskCollector(const SystemPaths &paths, FsStatFunction fsStat)
    : m_mountsPath(paths.proc(QStringLiteral("self/mounts")))
    , m_watcher(m_mountsPath)
    , m_diskStats(paths.proc(QStringLiteral("diskstats")))
    , m_fsStat(std::move(fsStat))
{
    reloadMounts();
}

void DiskCollector::collect(Snapshot &snapshot, qint64 nowNs)
{
    if (m_watcher.hasChanged())
        reloadMounts();
    const QHash<quint64, DiskStatsEntry> io = readDiskStats();
    const double seconds = double(nowNs - m_previousNs) / NsPerSecond;
    snapshot.disks.clear();
    for (const MountEntry &mount : std::as_const(m_mounts)) {
        const std::optional<FsStats> stats = statMount(mount);
        // A filesystem with no blocks has nothing to show; df leaves it out too.
        if (stats && stats->total > 0)
            snapshot.disks.append(usage(mount, *stats, io, seconds));
    }
    m_previousIo = io;
    m_previousNs = nowNs;
}

void DiskCollector::reloadMounts()
{
    bool ok = false;
    const QByteArray text = ProcFile::readAll(m_mountsPath, &ok);
    if (!ok)
        qCWarning(lcCollect) << "cannot read" << m_mountsPath << "- no disks are listed";
    m_mounts = MountsParser::parse(text);
    std::sort(m_mounts.begin(), m_mounts.end(),
              [](const MountEntry &a, const MountEntry &b) { return a.mount < b.mount; });
    std::erase_if(m_workers, [this](const auto &worker) {
        return std::none_of(m_mounts.cbegin(), m_mounts.cend(), [&](const MountEntry &mount) {
            return mount.mount == worker.first && MountsParser::mayStopAnswering(mount);
        });
    });
}

std::optional<FsStats> DiskCollector::statFilesystem(const QString &mountPath)
{
    const QByteArray path = QFile::encodeName(mountPath);
    struct statvfs vfs = {};
    struct stat st = {};
    if (::statvfs(path.constData(), &vfs) != 0 || ::stat(path.constData(), &st) != 0)
        return std::nullopt;
    const quint64 blockSize = vfs.f_frsize;
    const quint64 usedBlocks = vfs.f_blocks > vfs.f_bfree ? vfs.f_blocks - vfs.f_bfree : 0;
    return FsStats{quint64(vfs.f_blocks) * blockSize, usedBlocks * blockSize,
                   quint64(vfs.f_bavail) * blockSize, quint64(st.st_dev)};
}

QHash<quint64, DiskStatsEntry> DiskCollector::readDiskStats()
{
    bool ok = false;
    const QByteArrayView text = m_diskStats.read(&ok);
    if (!ok && !m_diskStatsUnreadable)
        qCWarning(lcCollect) << "cannot read" << m_diskStats.path() << "- disk rates stay 0";
    m_diskStatsUnreadable = !ok;
    return DiskStatsParser::parse(text);
}

std::optional<FsStats> DiskCollector::statMount(const MountEntry &mount)
{
    const bool viaWorker = MountsParser::mayStopAnswering(mount);
    std::optional<FsStats> stats = viaWorker ? statThroughWorker(mount) : m_fsStat(mount.mount);
    // A share slower than FsStatWorker::AnswerWait has not failed yet.
    const bool failed = !stats && (!viaWorker || m_workers.at(mount.mount)->hasAnswered());
    // A mount that cannot be read (another user's FUSE mount, a dead network share) fails on
    // every tick; say so once.
    if (failed && !m_statFailuresLogged.contains(mount.mount)) {
        m_statFailuresLogged.insert(mount.mount);
        qCWarning(lcCollect) << "cannot read the size of the filesystem at" << mount.mount;
    }
    return stats;
}

std::optional<FsStats> DiskCollector::statThroughWorker(const MountEntry &mount)
{
    std::unique_ptr<FsStatWorker> &worker = m_workers[mount.mount];
    if (!worker)
        worker = std::make_unique<FsStatWorker>(mount.mount, m_fsStat);
    const std::optional<FsStats> stats = worker->sizes();
    const auto stuck = worker->stuckFor();
    if (stuck.count() > 0 && !m_stuckLogged.contains(mount.mount)) {
        m_stuckLogged.insert(mount.mount);
        qCWarning(lcCollect).nospace()
            << "the filesystem at " << mount.mount << " (" << mount.fs << ") has not answered for "
            << stuck.count() / 1000 << " s; its last reading is shown until it does";
    } else if (stuck.count() == 0 && m_stuckLogged.remove(mount.mount)) {
        qCInfo(lcCollect) << "the filesystem at" << mount.mount << "answers again";
    }
    return stats;
}

DiskUsage DiskCollector::usage(const MountEntry &mount, const FsStats &stats,
                               const QHash<quint64, DiskStatsEntry> &io, double seconds) const
{
    DiskUsage disk{mount.mount, mount.device, mount.fs, stats.total, stats.used};
    // As df's Use%: the share of the space a user can have, so reserved blocks count as neither.
    const quint64 usable = stats.used + stats.available;
    disk.percent = usable > 0 ? 100.0 * double(stats.used) / double(usable) : 0;
    const quint64 key = DiskStatsParser::deviceKey(major(stats.deviceId), minor(stats.deviceId));
    const auto now = io.constFind(key);
    const auto before = m_previousIo.constFind(key);
    if (now != io.constEnd()) {
        disk.readTotal = now->sectorsRead * DiskStatsParser::SectorBytes;
        disk.writeTotal = now->sectorsWritten * DiskStatsParser::SectorBytes;
    }
    if (now != io.constEnd() && before != m_previousIo.constEnd()) {
        disk.readBps = counterRate(before->sectorsRead, now->sectorsRead, seconds,
                                   DiskStatsParser::SectorBytes);
        disk.writeBps = counterRate(before->sectorsWritten, now->sectorsWritten, seconds,
                                    DiskStatsParser::SectorBytes);
    }
    return disk;
}
