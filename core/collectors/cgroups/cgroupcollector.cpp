#include "collectors/cgroups/cgroupcollector.h"

#include "collectors/cgroups/cgroupparser.h"
#include "collectors/counterrate.h"

#include <QFile>
#include <QFileInfo>

#include <algorithm>
#include <cerrno>
#include <dirent.h>
#include <fcntl.h>
#include <sys/resource.h>
#include <unistd.h>
#include <utility>
#include <vector>

namespace {

// A hierarchy is mounted where its root lists its processes.
QByteArray hierarchy(const QString &root, const char *name)
{
    const QString dir = root + u'/' + QLatin1StringView(name);
    return QFileInfo::exists(dir + QStringLiteral("/cgroup.procs")) ? QFile::encodeName(dir)
                                                                    : QByteArray();
}

// Directories whose children may be rows. A service or scope holds its own processes' groups,
// not units, except a user's manager (user@1000.service) which holds the user's units.
bool mayHoldRows(QByteArrayView segment, int depth)
{
    return depth == 0 || segment.endsWith(".slice") ||
           (segment.startsWith("user@") && segment.endsWith(".service")) || segment == "docker" ||
           segment == "containerd" || segment == "lxc" || segment == "lxc.payload";
}

// Bytes in use without the page cache the kernel drops first, as `docker stats` counts them:
// usage less inactive file pages; the usage as it is when the stat cannot be read.
std::optional<quint64> withoutInactiveFile(std::optional<quint64> usage,
                                           std::optional<quint64> inactiveFile)
{
    if (!usage || !inactiveFile)
        return usage;
    return *usage > *inactiveFile ? *usage - *inactiveFile : 0;
}

// usage_usec of a cpu.stat, in nanoseconds.
std::optional<quint64> cpuStatNs(std::optional<QByteArrayView> text)
{
    const std::optional<quint64> usec =
        text ? CgroupParser::keyed(*text, "usage_usec") : std::nullopt;
    return usec ? std::optional(*usec * 1000) : std::nullopt;
}

std::optional<quint64> number(std::optional<QByteArrayView> text)
{
    return text ? CgroupParser::number(*text) : std::nullopt;
}

// A memory limit in bytes, or none: v2 writes "max", v1 a number near 2^63 (its page counter's
// largest, rounded down to the page size) for a group without a limit.
std::optional<quint64> memoryLimit(std::optional<QByteArrayView> text)
{
    const std::optional<quint64> bytes = number(text);
    return bytes && *bytes < (quint64(1) << 62) ? bytes : std::nullopt;
}

// A thirty-second of the soft open file limit, in rows of up to seven descriptors.
int keptRowsFor()
{
    rlimit limit{};
    if (::getrlimit(RLIMIT_NOFILE, &limit) != 0)
        return 0;
    const rlim_t rows = limit.rlim_cur / 32 / 7;
    return int(std::min<rlim_t>(rows, CgroupCollector::MaxKeptRows));
}

} // namespace

CgroupCollector::File::File(File &&other) noexcept
    : m_path(std::move(other.m_path))
    , m_fd(std::exchange(other.m_fd, -1))
{}

CgroupCollector::File &CgroupCollector::File::operator=(File &&other) noexcept
{
    if (this != &other) {
        close();
        m_path = std::move(other.m_path);
        m_fd = std::exchange(other.m_fd, -1);
    }
    return *this;
}

void CgroupCollector::File::close()
{
    if (m_fd >= 0)
        ::close(m_fd);
    m_fd = -1;
}

std::optional<QByteArrayView> CgroupCollector::File::read(QByteArray &buffer, bool keepOpen)
{
    if (m_path.isEmpty())
        return std::nullopt; // a controller this layout does not have
    if (m_fd < 0)
        m_fd = ::open(m_path.constData(), O_RDONLY | O_CLOEXEC);
    if (m_fd < 0)
        return std::nullopt;
    // cgroup files are generated whole on a read at offset 0: read until the end, growing the
    // shared buffer only for a file larger than any before.
    qsizetype used = 0;
    bool ok = true;
    for (;;) {
        if (used == buffer.size())
            buffer.resize(buffer.size() * 2);
        const ssize_t n =
            ::pread(m_fd, buffer.data() + used, size_t(buffer.size() - used), off_t(used));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            ok = n == 0;
            break;
        }
        used += n;
    }
    if (!ok || !keepOpen)
        close(); // a read error: the group went away, or will be opened afresh next tick
    if (!ok)
        return std::nullopt;
    return QByteArrayView(buffer.constData(), used);
}

CgroupCollector::CgroupCollector(const SystemPaths &paths)
    : m_keptRows(keptRowsFor())
    , m_buffer(16 * 1024, Qt::Uninitialized)
{
    const QString root = paths.cgroup();
    if (QFileInfo::exists(root + QStringLiteral("/cgroup.controllers"))) {
        m_layout = Layout::Unified;
        m_unified = QFile::encodeName(root);
        return;
    }
    m_systemd = hierarchy(root, "systemd");
    m_cpuacct = hierarchy(root, "cpuacct");
    m_memory = hierarchy(root, "memory");
    m_blkio = hierarchy(root, "blkio");
    m_pids = hierarchy(root, "pids");
    if (QFileInfo::exists(root + QStringLiteral("/unified/cgroup.controllers")))
        m_unified = QFile::encodeName(root + QStringLiteral("/unified"));
    const bool any = !m_systemd.isEmpty() || !m_cpuacct.isEmpty() || !m_memory.isEmpty() ||
                     !m_blkio.isEmpty() || !m_pids.isEmpty() || !m_unified.isEmpty();
    m_layout = any ? Layout::Legacy : Layout::None;
}

void CgroupCollector::collect(Snapshot &snapshot, qint64 nowNs)
{
    if (m_layout == Layout::None) {
        snapshot.cgroups.reset();
        return;
    }
    // The unit tree: on v1 the name=systemd tree (or the hybrid's unified one) has every unit
    // and container; cpuacct adds groups made by hand or by tools that skip name=systemd. Rows
    // seen last tick keep their open files; those not found again are dropped with theirs.
    std::map<QByteArray, Row> rows;
    if (m_layout == Layout::Unified) {
        walk(m_unified, {}, {}, 0, rows);
    } else {
        const QByteArray &units = m_systemd.isEmpty() ? m_unified : m_systemd;
        if (!units.isEmpty())
            walk(units, {}, {}, 0, rows);
        if (!m_cpuacct.isEmpty())
            walk(m_cpuacct, {}, {}, 0, rows);
    }
    m_rows = std::move(rows);

    const double seconds = m_lastNs ? double(nowNs - *m_lastNs) / 1e9 : 0;
    m_lastNs = nowNs;
    QList<CgroupUsage> result;
    result.reserve(qsizetype(m_rows.size()));
    int index = 0;
    for (auto &[path, row] : m_rows) {
        const Counters now = read(row, index++ < m_keptRows);
        CgroupUsage &usage = row.usage;
        usage.cpu.reset();
        usage.readBps.reset();
        usage.writeBps.reset();
        const std::optional<Counters> &before = row.previous;
        if (before && seconds > 0) {
            if (now.cpuNs && before->cpuNs)
                usage.cpu = counterRate(*before->cpuNs, *now.cpuNs, seconds) / 1e7; // ns/s → %
            if (now.readBytes && before->readBytes)
                usage.readBps = counterRate(*before->readBytes, *now.readBytes, seconds);
            if (now.writeBytes && before->writeBytes)
                usage.writeBps = counterRate(*before->writeBytes, *now.writeBytes, seconds);
        }
        row.previous = now;
        result.append(usage);
    }
    snapshot.cgroups = result;
}

// Depth first, each directory listed once. Only directories ofSegment names are rows; a row
// known from the last tick is taken over whole, open files and counters with it.
void CgroupCollector::walk(const QByteArray &tree, const QByteArray &path, QByteArrayView parent,
                           int depth, std::map<QByteArray, Row> &rows)
{
    const QByteArray here = tree + path;
    DIR *dir = ::opendir(here.constData());
    if (!dir)
        return; // gone between its parent's listing and now
    std::vector<QByteArray> children;
    while (const dirent *entry = ::readdir(dir)) {
        if (entry->d_type != DT_DIR || entry->d_name[0] == '.')
            continue;
        children.emplace_back(entry->d_name);
    }
    ::closedir(dir);
    std::sort(children.begin(), children.end()); // the same rows kept at the cap on every tick
    for (const QByteArray &child : children) {
        if (qsizetype(rows.size()) >= MaxRows)
            return;
        const QByteArray childPath = path + '/' + child;
        if (!rows.contains(childPath)) {
            if (const auto known = m_rows.find(childPath); known != m_rows.end()) {
                rows.emplace(childPath, std::move(known->second));
                m_rows.erase(known);
            } else if (const auto named = CgroupNames::ofSegment(child, parent)) {
                rows.emplace(childPath, makeRow(childPath, *named));
            }
        }
        if (depth + 1 < MaxDepth && mayHoldRows(child, depth + 1))
            walk(tree, childPath, child, depth + 1, rows);
    }
}

CgroupCollector::Row CgroupCollector::makeRow(const QByteArray &path,
                                              const CgroupNames::Named &named) const
{
    Row row;
    row.usage.name = named.name;
    row.usage.kind = named.kind;
    row.usage.runtime = named.runtime;
    row.usage.path = QString::fromUtf8(path);
    const auto in = [&path](const QByteArray &root, const char *file) {
        return root.isEmpty() ? File() : File(root + path + '/' + file);
    };
    if (m_layout == Layout::Unified) {
        row.cpu = in(m_unified, "cpu.stat");
        row.memory = in(m_unified, "memory.current");
        row.memoryStat = in(m_unified, "memory.stat");
        row.memoryMax = in(m_unified, "memory.max");
        row.io = in(m_unified, "io.stat");
        row.pids = in(m_unified, "pids.current");
    } else {
        row.cpu = in(m_cpuacct, "cpuacct.usage");
        row.cpuUnified = in(m_unified, "cpu.stat");
        row.memory = in(m_memory, "memory.usage_in_bytes");
        row.memoryStat = in(m_memory, "memory.stat");
        row.memoryMax = in(m_memory, "memory.limit_in_bytes");
        row.io = in(m_blkio, "blkio.throttle.io_service_bytes");
        row.pids = in(m_pids, "pids.current");
    }
    return row;
}

// Each value from its own file, parsed before the next read reuses the buffer.
CgroupCollector::Counters CgroupCollector::read(Row &row, bool keepOpen)
{
    const bool unified = m_layout == Layout::Unified;
    Counters counters;
    counters.cpuNs = unified ? cpuStatNs(row.cpu.read(m_buffer, keepOpen))
                             : number(row.cpu.read(m_buffer, keepOpen));
    // A hybrid's unified tree counts CPU for every unit even where v1 cpuacct does not have it
    // (systemd makes cpuacct groups only for units with CPU accounting on).
    if (!counters.cpuNs && !unified)
        counters.cpuNs = cpuStatNs(row.cpuUnified.read(m_buffer, keepOpen));
    const std::optional<quint64> usage = number(row.memory.read(m_buffer, keepOpen));
    std::optional<quint64> inactive;
    if (usage) {
        const auto stat = row.memoryStat.read(m_buffer, keepOpen);
        inactive =
            stat ? CgroupParser::keyed(*stat, unified ? "inactive_file" : "total_inactive_file")
                 : std::nullopt;
    }
    row.usage.memory = withoutInactiveFile(usage, inactive);
    row.usage.memoryLimit =
        usage ? memoryLimit(row.memoryMax.read(m_buffer, keepOpen)) : std::nullopt;
    if (const auto text = row.io.read(m_buffer, keepOpen)) {
        const auto io =
            unified ? CgroupParser::ioStat(*text) : CgroupParser::blkioServiceBytes(*text);
        if (io) {
            counters.readBytes = io->read;
            counters.writeBytes = io->write;
        }
    }
    row.usage.pids = number(row.pids.read(m_buffer, keepOpen));
    return counters;
}
