#pragma once

#include "collectors/cgroups/cgroupnames.h"
#include "collectors/collector.h"
#include "systempaths.h"

#include <QByteArray>
#include <QString>
#include <QtGlobal>

#include <map>
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
    // Rows whose files stay open between ticks, at most: up to seven descriptors each, within a
    // thirty-second of the open file limit so the process table and the server keep theirs.
    static constexpr int MaxKeptRows = 128;

    explicit CgroupCollector(const SystemPaths &paths);

    void collect(Snapshot &snapshot, qint64 nowNs) override;

private:
    enum class Layout { None, Unified, Legacy };

    // One accounting file of one row. Its descriptor stays open between ticks for the first
    // rows (a pread a tick instead of open, read and close); the rest open and close each tick.
    class File
    {
    public:
        File() = default;
        explicit File(QByteArray path)
            : m_path(std::move(path))
        {}
        File(File &&other) noexcept;
        File &operator=(File &&other) noexcept;
        ~File() { close(); }
        // The file's text in buffer, valid until the next read; nullopt where it is missing.
        std::optional<QByteArrayView> read(QByteArray &buffer, bool keepOpen);
        void close();

    private:
        QByteArray m_path;
        int m_fd = -1;
    };

    struct Counters
    {
        std::optional<quint64> cpuNs;
        std::optional<quint64> readBytes;
        std::optional<quint64> writeBytes;
    };

    struct Row
    {
        CgroupUsage usage; // name, kind, runtime and path; the values are filled each tick
        File cpu;
        File cpuUnified; // the hybrid's cpu.stat, where v1 cpuacct has no group
        File memory;
        File memoryStat;
        File memoryMax; // the limit: memory.max, or v1 memory.limit_in_bytes
        File io;
        File pids;
        std::optional<Counters> previous;
    };

    void walk(const QByteArray &tree, const QByteArray &path, QByteArrayView parent, int depth,
              std::map<QByteArray, Row> &rows);
    Row makeRow(const QByteArray &path, const CgroupNames::Named &named) const;
    Counters read(Row &row, bool keepOpen);

    Layout m_layout = Layout::None;
    // Hierarchy roots, encoded for the file system; empty where not mounted. On v2 only
    // m_unified is set.
    QByteArray m_unified;
    QByteArray m_systemd;
    QByteArray m_cpuacct;
    QByteArray m_memory;
    QByteArray m_blkio;
    QByteArray m_pids;
    std::map<QByteArray, Row> m_rows; // by path: the last tick's, in path order
    int m_keptRows = 0;               // rows whose descriptors stay open (keptRowsFor())
    std::optional<qint64> m_lastNs;
    QByteArray m_buffer;
};
