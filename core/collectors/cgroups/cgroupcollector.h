#pragma once

#include "collectors/collector.h"
#include "systempaths.h"

#include <QByteArray>
#include <QHash>
#include <QString>
#include <QtGlobal>

#include <optional>

// Fills Snapshot::cgroups with one row per systemd unit, slice, session and container found in
// the cgroup tree (docs/metrics.md "Cgroups"), on cgroup v2, v1, and the hybrid of v1
// controllers with a v2 `unified` tree. The layout is found once at start; where no cgroup
// filesystem is mounted the field stays absent. Each tick walks only the directories that can
// hold rows (the root, slices, user managers and container parents) and reads a handful of
// small files per row; a value whose file is missing stays null.
class CgroupCollector : public Collector
{
public:
    // Rows below the hierarchy root: /user.slice/user-1000.slice/user@1000.service/app.slice.
    static constexpr int MaxDepth = 4;
    // Rows per tick at most: the walk (in name order, the unit tree first) stops there, bounding
    // a host with thousands of containers.
    static constexpr qsizetype MaxRows = 512;

    explicit CgroupCollector(const SystemPaths &paths);

    void collect(Snapshot &snapshot, qint64 nowNs) override;

private:
    enum class Layout { None, Unified, Legacy };

    struct Counters
    {
        std::optional<quint64> cpuNs;
        std::optional<quint64> readBytes;
        std::optional<quint64> writeBytes;
    };

    void walk(const QByteArray &tree, const QByteArray &path, QByteArrayView parent, int depth,
              QHash<QByteArray, CgroupUsage> &rows);
    Counters readUnified(const QByteArray &path, CgroupUsage &row);
    Counters readLegacy(const QByteArray &path, CgroupUsage &row);
    std::optional<QByteArrayView> read(const QByteArray &file);

    Layout m_layout = Layout::None;
    // Hierarchy roots, encoded for the file system; empty where not mounted. On v2 only
    // m_unified is set.
    QByteArray m_unified;
    QByteArray m_systemd;
    QByteArray m_cpuacct;
    QByteArray m_memory;
    QByteArray m_blkio;
    QByteArray m_pids;
    QHash<QByteArray, Counters> m_previous; // by path, of the last tick
    std::optional<qint64> m_lastNs;
    QByteArray m_buffer;
};
