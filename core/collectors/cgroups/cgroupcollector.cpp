#include "collectors/cgroups/cgroupcollector.h"

#include "collectors/cgroups/cgroupnames.h"
#include "collectors/cgroups/cgroupparser.h"
#include "collectors/counterrate.h"

#include <QFile>
#include <QFileInfo>

#include <algorithm>
#include <dirent.h>
#include <fcntl.h>
#include <unistd.h>
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

} // namespace

CgroupCollector::CgroupCollector(const SystemPaths &paths)
    : m_buffer(16 * 1024, Qt::Uninitialized)
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
    // and container; cpuacct adds groups made by hand or by tools that skip name=systemd.
    QHash<QByteArray, CgroupUsage> found;
    if (m_layout == Layout::Unified) {
        walk(m_unified, {}, {}, 0, found);
    } else {
        const QByteArray &units = m_systemd.isEmpty() ? m_unified : m_systemd;
        if (!units.isEmpty())
            walk(units, {}, {}, 0, found);
        if (!m_cpuacct.isEmpty())
            walk(m_cpuacct, {}, {}, 0, found);
    }
    QList<QByteArray> paths = found.keys();
    std::sort(paths.begin(), paths.end());

    const double seconds = m_lastNs ? double(nowNs - *m_lastNs) / 1e9 : 0;
    m_lastNs = nowNs;
    QHash<QByteArray, Counters> counters;
    counters.reserve(paths.size());
    QList<CgroupUsage> rows;
    rows.reserve(paths.size());
    for (const QByteArray &path : std::as_const(paths)) {
        CgroupUsage row = found.value(path);
        const Counters now =
            m_layout == Layout::Unified ? readUnified(path, row) : readLegacy(path, row);
        const auto before = m_previous.constFind(path);
        if (before != m_previous.cend() && seconds > 0) {
            if (now.cpuNs && before->cpuNs)
                row.cpu = counterRate(*before->cpuNs, *now.cpuNs, seconds) / 1e7; // ns/s → %
            if (now.readBytes && before->readBytes)
                row.readBps = counterRate(*before->readBytes, *now.readBytes, seconds);
            if (now.writeBytes && before->writeBytes)
                row.writeBps = counterRate(*before->writeBytes, *now.writeBytes, seconds);
        }
        counters.insert(path, now);
        rows.append(row);
    }
    m_previous = std::move(counters); // rows gone since are forgotten
    snapshot.cgroups = rows;
}

// Depth first, each directory read once. Only directories ofSegment names are rows.
void CgroupCollector::walk(const QByteArray &tree, const QByteArray &path, QByteArrayView parent,
                           int depth, QHash<QByteArray, CgroupUsage> &rows)
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
        if (rows.size() >= MaxRows)
            return;
        const QByteArray childPath = path + '/' + child;
        if (!rows.contains(childPath)) {
            if (const auto named = CgroupNames::ofSegment(child, parent)) {
                CgroupUsage row;
                row.name = named->name;
                row.kind = named->kind;
                row.runtime = named->runtime;
                row.path = QString::fromUtf8(childPath);
                rows.insert(childPath, row);
            }
        }
        if (depth + 1 < MaxDepth && mayHoldRows(child, depth + 1))
            walk(tree, childPath, child, depth + 1, rows);
    }
}

CgroupCollector::Counters CgroupCollector::readUnified(const QByteArray &path, CgroupUsage &row)
{
    const QByteArray dir = m_unified + path + '/';
    Counters counters;
    if (const auto text = read(dir + "cpu.stat")) {
        if (const auto usec = CgroupParser::keyed(*text, "usage_usec"))
            counters.cpuNs = *usec * 1000;
    }
    std::optional<quint64> usage;
    if (const auto text = read(dir + "memory.current"))
        usage = CgroupParser::number(*text);
    if (usage) {
        const auto stat = read(dir + "memory.stat");
        row.memory = withoutInactiveFile(usage, stat ? CgroupParser::keyed(*stat, "inactive_file")
                                                     : std::nullopt);
    }
    if (const auto text = read(dir + "io.stat")) {
        if (const auto io = CgroupParser::ioStat(*text)) {
            counters.readBytes = io->read;
            counters.writeBytes = io->write;
        }
    }
    if (const auto text = read(dir + "pids.current"))
        row.pids = CgroupParser::number(*text);
    return counters;
}

CgroupCollector::Counters CgroupCollector::readLegacy(const QByteArray &path, CgroupUsage &row)
{
    Counters counters;
    if (!m_cpuacct.isEmpty()) {
        if (const auto text = read(m_cpuacct + path + "/cpuacct.usage"))
            counters.cpuNs = CgroupParser::number(*text);
    }
    // A hybrid's unified tree counts CPU for every unit even where v1 cpuacct does not have it
    // (systemd makes cpuacct groups only for units with CPU accounting on).
    if (!counters.cpuNs && !m_unified.isEmpty()) {
        if (const auto text = read(m_unified + path + "/cpu.stat")) {
            if (const auto usec = CgroupParser::keyed(*text, "usage_usec"))
                counters.cpuNs = *usec * 1000;
        }
    }
    if (!m_memory.isEmpty()) {
        std::optional<quint64> usage;
        if (const auto text = read(m_memory + path + "/memory.usage_in_bytes"))
            usage = CgroupParser::number(*text);
        if (usage) {
            const auto stat = read(m_memory + path + "/memory.stat");
            row.memory = withoutInactiveFile(
                usage, stat ? CgroupParser::keyed(*stat, "total_inactive_file") : std::nullopt);
        }
    }
    if (!m_blkio.isEmpty()) {
        if (const auto text = read(m_blkio + path + "/blkio.throttle.io_service_bytes")) {
            if (const auto io = CgroupParser::blkioServiceBytes(*text)) {
                counters.readBytes = io->read;
                counters.writeBytes = io->write;
            }
        }
    }
    if (!m_pids.isEmpty()) {
        if (const auto text = read(m_pids + path + "/pids.current"))
            row.pids = CgroupParser::number(*text);
    }
    return counters;
}

// One open, read and close into a buffer kept across reads: rows come and go too often to keep
// a descriptor per file, and a few hundred rows times five files would crowd the descriptor
// limit.
std::optional<QByteArrayView> CgroupCollector::read(const QByteArray &file)
{
    const int fd = ::open(file.constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return std::nullopt;
    qsizetype size = 0;
    for (;;) {
        if (size == m_buffer.size())
            m_buffer.resize(m_buffer.size() * 2);
        const ssize_t got = ::read(fd, m_buffer.data() + size, size_t(m_buffer.size() - size));
        if (got < 0) {
            ::close(fd);
            return std::nullopt;
        }
        if (got == 0)
            break;
        size += got;
    }
    ::close(fd);
    return QByteArrayView(m_buffer.constData(), size);
}
