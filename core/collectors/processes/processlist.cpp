#include "processlist.h"

#include "collectors/cgroups/cgroupnames.h"
#include "io/procfile.h"

#include <QDir>
#include <QFile>

#include <algorithm>
#include <cmath>
#include <dirent.h>
#include <pwd.h>
#include <unistd.h>
#include <vector>

namespace {

constexpr double NsPerSecond = 1e9;

// The fields of /proc/<pid>/stat this list shows (proc(5) numbering).
struct StatFields
{
    QByteArray comm;
    char state = 0;         // field 3
    int ppid = 0;           // field 4
    quint64 cpuTicks = 0;   // fields 14 + 15, utime + stime
    int nice = 0;           // field 19
    int threads = 0;        // field 20
    quint64 startTicks = 0; // field 22
    quint64 rssPages = 0;   // field 24
};

// comm may hold spaces and parentheses: it ends at the last ')'.
std::optional<StatFields> parseStat(QByteArrayView line)
{
    const qsizetype open = line.indexOf('(');
    const qsizetype close = line.lastIndexOf(')');
    if (open < 0 || close < open)
        return std::nullopt;
    StatFields stat;
    stat.comm = line.sliced(open + 1, close - open - 1).toByteArray();
    const QList<QByteArray> rest = line.sliced(close + 1).trimmed().toByteArray().split(' ');
    // rest[0] is field 3; field 24 is rest[21].
    if (rest.size() < 22 || rest[0].size() != 1)
        return std::nullopt;
    const auto field = [&rest](int number) { return rest[number - 3]; };
    bool ok[7] = {};
    stat.state = rest[0][0];
    stat.ppid = field(4).toInt(&ok[0]);
    stat.cpuTicks = field(14).toULongLong(&ok[1]) + field(15).toULongLong(&ok[2]);
    stat.nice = field(19).toInt(&ok[3]);
    stat.threads = field(20).toInt(&ok[4]);
    stat.startTicks = field(22).toULongLong(&ok[5]);
    stat.rssPages = field(24).toULongLong(&ok[6]);
    if (!std::all_of(std::begin(ok), std::end(ok), [](bool b) { return b; }))
        return std::nullopt;
    return stat;
}

// The first number after `key` on its own line ("Uid:\t1000\t…", "read_bytes: 42"), or
// nullopt.
std::optional<quint64> numberAfter(QByteArrayView text, QByteArrayView key)
{
    for (const QByteArray &line : text.toByteArray().split('\n')) {
        if (!line.startsWith(key))
            continue;
        bool ok = false;
        const quint64 number =
            line.mid(key.size()).simplified().split(' ').first().toULongLong(&ok);
        return ok ? std::optional(number) : std::nullopt;
    }
    return std::nullopt;
}

double rounded(double value, double step)
{
    return std::round(value / step) * step;
}

} // namespace

QJsonValue unitFromCgroup(QByteArrayView text)
{
    // The unified (v2) line "0::/path" names the process's place on every layout that has one;
    // on v1 alone, the name=systemd hierarchy does.
    QByteArray path;
    for (const QByteArray &line : text.toByteArray().split('\n')) {
        const qsizetype slash = line.indexOf(":/");
        if (slash < 0)
            continue;
        if (line.startsWith("0::"))
            path = line.mid(slash + 1);
        else if (path.isEmpty() && line.contains(":name=systemd:"))
            path = line.mid(slash + 1);
    }
    const QList<QByteArray> segments = path.split('/');
    // The innermost: a service's own sub-cgroups and a user manager's units sit inside.
    for (qsizetype i = segments.size() - 1; i >= 0; --i) {
        const QString unit =
            CgroupNames::unitOfSegment(segments[i], i > 0 ? segments[i - 1] : QByteArray());
        if (!unit.isEmpty())
            return unit;
    }
    return QJsonValue::Null;
}

ProcessList::ProcessList(QString procRoot, double ticksPerSecond, quint64 pageSize)
    : m_procRoot(std::move(procRoot))
    , m_ticksPerSecond(ticksPerSecond > 0 ? ticksPerSecond : double(::sysconf(_SC_CLK_TCK)))
    , m_pageSize(pageSize > 0 ? pageSize : quint64(::sysconf(_SC_PAGESIZE)))
    , m_drm(m_procRoot)
{}

void ProcessList::clear()
{
    m_procs.clear();
    m_drm.clear();
    m_lastNs = 0;
}

void ProcessList::readMachine()
{
    if (!m_bootTimeS) {
        const QByteArray stat = ProcFile::readAll(m_procRoot + QStringLiteral("/stat"));
        if (const auto btime = numberAfter(stat, "btime"))
            m_bootTimeS = qint64(*btime);
    }
    // In kB, a memory hot-plug aside constant; read each scan since it is one small file.
    const QByteArray meminfo = ProcFile::readAll(m_procRoot + QStringLiteral("/meminfo"));
    const auto kb = numberAfter(meminfo, "MemTotal:");
    m_memTotal = kb && *kb > 0 ? std::optional(*kb * 1024) : std::nullopt;
}

QJsonValue ProcessList::userName(uint uid)
{
    if (const auto cached = m_users.constFind(uid); cached != m_users.cend())
        return *cached;
    passwd entry{};
    passwd *found = nullptr;
    char buffer[4096];
    // A uid with no passwd entry shows as its number, as ps shows it.
    QJsonValue name = QString::number(uid);
    if (::getpwuid_r(uid, &entry, buffer, sizeof buffer, &found) == 0 && found)
        name = QString::fromUtf8(found->pw_name);
    m_users.insert(uid, name);
    return name;
}

void ProcessList::readIdentity(int pid, Tracked &next)
{
    const QString dir = m_procRoot + u'/' + QString::number(pid) + u'/';
    bool ok = false;
    const QByteArray status = ProcFile::readAll(dir + QStringLiteral("status"), &ok);
    const auto uid = ok ? numberAfter(status, "Uid:") : std::nullopt;
    next.row.insert(QStringLiteral("user"), uid ? userName(uint(*uid)) : QJsonValue());
    QByteArray cmdline = ProcFile::readAll(dir + QStringLiteral("cmdline"), &ok);
    while (cmdline.endsWith('\0'))
        cmdline.chop(1);
    cmdline.replace('\0', ' ');
    next.row.insert(QStringLiteral("cmdline"),
                    ok ? QJsonValue(QString::fromUtf8(cmdline)) : QJsonValue());
    const QByteArray cgroup = ProcFile::readAll(dir + QStringLiteral("cgroup"), &ok);
    next.row.insert(QStringLiteral("unit"), ok ? unitFromCgroup(cgroup) : QJsonValue());
}

void ProcessList::readIo(int pid, qint64 intervalNs, const Tracked *previous, Tracked &next)
{
    bool ok = false;
    // Another user's io is EACCES for an unprivileged reader: null, not 0.
    const QByteArray io =
        ProcFile::readAll(m_procRoot + u'/' + QString::number(pid) + QStringLiteral("/io"), &ok);
    next.readBytes = ok ? numberAfter(io, "read_bytes:") : std::nullopt;
    next.writeBytes = ok ? numberAfter(io, "write_bytes:") : std::nullopt;
    const auto rate = [&](const std::optional<quint64> &now,
                          const std::optional<quint64> Tracked::*field) -> QJsonValue {
        if (!now || !previous || !(previous->*field) || intervalNs <= 0 ||
            *now < *(previous->*field))
            return QJsonValue::Null;
        return std::round(double(*now - *(previous->*field)) * NsPerSecond / double(intervalNs));
    };
    next.row.insert(QStringLiteral("readBps"), rate(next.readBytes, &Tracked::readBytes));
    next.row.insert(QStringLiteral("writeBps"), rate(next.writeBytes, &Tracked::writeBytes));
}

bool ProcessList::scanOne(int pid, qint64 intervalNs, Tracked &next)
{
    bool ok = false;
    const QByteArray text =
        ProcFile::readAll(m_procRoot + u'/' + QString::number(pid) + QStringLiteral("/stat"), &ok);
    const auto stat = ok ? parseStat(text) : std::nullopt;
    if (!stat)
        return false; // gone between the listing and the read
    const auto found = m_procs.find(pid);
    const Tracked *previous = found != m_procs.end() && found->second.startTicks == stat->startTicks
                                  ? &found->second
                                  : nullptr;
    next.startTicks = stat->startTicks;
    next.cpuTicks = stat->cpuTicks;
    next.comm = stat->comm;
    if (previous && previous->comm == stat->comm) {
        next.row = previous->row;
    } else {
        readIdentity(pid, next);
    }
    QJsonObject &row = next.row;
    row.insert(QStringLiteral("pid"), pid);
    row.insert(QStringLiteral("ppid"), stat->ppid);
    row.insert(QStringLiteral("name"), QString::fromUtf8(stat->comm));
    row.insert(QStringLiteral("state"), QString(QLatin1Char(stat->state)));
    QJsonValue cpu;
    if (previous && intervalNs > 0 && stat->cpuTicks >= previous->cpuTicks)
        cpu = rounded(double(stat->cpuTicks - previous->cpuTicks) * NsPerSecond * 100.0 /
                          (double(intervalNs) * m_ticksPerSecond),
                      0.1);
    row.insert(QStringLiteral("cpu"), cpu);
    const quint64 rss = stat->rssPages * m_pageSize;
    row.insert(QStringLiteral("rss"), double(rss));
    row.insert(QStringLiteral("memPercent"),
               m_memTotal ? QJsonValue(rounded(double(rss) * 100.0 / double(*m_memTotal), 0.01))
                          : QJsonValue());
    row.insert(QStringLiteral("threads"), stat->threads);
    row.insert(QStringLiteral("nice"), stat->nice);
    row.insert(QStringLiteral("startTime"),
               m_bootTimeS ? QJsonValue(double(*m_bootTimeS * 1000 +
                                               qint64(std::llround(double(stat->startTicks) *
                                                                   1000.0 / m_ticksPerSecond))))
                           : QJsonValue());
    readIo(pid, intervalNs, previous, next);
    return true;
}

void ProcessList::readGpu(std::unordered_map<int, Tracked> &procs, qint64 nowNs)
{
    std::vector<std::pair<int, quint64>> processes;
    processes.reserve(procs.size());
    for (const auto &entry : procs)
        processes.emplace_back(entry.first, entry.second.startTicks);
    m_drm.update(nowNs, processes);
    const QHash<qint64, NvmlProcessUse> vendor =
        m_vendorGpuUse ? m_vendorGpuUse->uses() : QHash<qint64, NvmlProcessUse>();
    for (auto &entry : procs) {
        DrmClientTracker::Use use = m_drm.use(entry.first);
        // NVIDIA's driver writes no fdinfo, so a process is counted by one source per GPU.
        if (const auto it = vendor.constFind(entry.first); it != vendor.cend()) {
            if (it->gpu)
                use.gpu = use.gpu.value_or(0) + *it->gpu;
            use.memory = use.memory.value_or(0) + it->gpuMem;
        }
        entry.second.row.insert(QStringLiteral("gpu"),
                                use.gpu ? QJsonValue(*use.gpu) : QJsonValue());
        entry.second.row.insert(QStringLiteral("gpuMem"),
                                use.memory ? QJsonValue(double(*use.memory)) : QJsonValue());
    }
}

ProcessDelta ProcessList::update(qint64 nowNs)
{
    readMachine();
    const qint64 intervalNs = m_lastNs != 0 ? nowNs - m_lastNs : 0;
    std::unordered_map<int, Tracked> next;
    next.reserve(m_procs.size() + 16);
    const QStringList names = QDir(m_procRoot).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString &name : names) {
        bool isPid = false;
        const int pid = name.toInt(&isPid);
        if (!isPid || pid <= 0)
            continue;
        Tracked tracked;
        if (scanOne(pid, intervalNs, tracked))
            next.emplace(pid, std::move(tracked));
    }
    readGpu(next, nowNs);

    ProcessDelta delta;
    std::vector<int> removed;
    for (const auto &[pid, old] : m_procs) {
        const auto found = next.find(pid);
        if (found == next.end() || found->second.startTicks != old.startTicks)
            removed.push_back(pid);
    }
    std::sort(removed.begin(), removed.end());
    for (int pid : removed)
        delta.removed.append(pid);
    std::vector<int> pids;
    pids.reserve(next.size());
    for (const auto &entry : next)
        pids.push_back(entry.first);
    std::sort(pids.begin(), pids.end());
    for (int pid : pids) {
        const QJsonObject &row = next.at(pid).row;
        const auto old = m_procs.find(pid);
        if (old == m_procs.end() || old->second.startTicks != next.at(pid).startTicks) {
            delta.added.append(row);
            continue;
        }
        QJsonObject changes;
        for (auto it = row.begin(); it != row.end(); ++it) {
            if (old->second.row.value(it.key()) != it.value())
                changes.insert(it.key(), it.value());
        }
        if (!changes.isEmpty()) {
            changes.insert(QStringLiteral("pid"), pid);
            delta.changed.append(changes);
        }
    }
    m_procs = std::move(next);
    m_lastNs = nowNs;
    return delta;
}

namespace {

QJsonValue countEntries(const QByteArray &dir)
{
    DIR *listing = ::opendir(dir.constData());
    if (!listing)
        return QJsonValue::Null; // another user's fd folder is EACCES: unknown, not none
    int count = 0;
    while (const dirent *entry = ::readdir(listing)) {
        if (entry->d_name[0] != '.')
            ++count;
    }
    ::closedir(listing);
    return count;
}

} // namespace

QJsonObject ProcessList::detail(int pid)
{
    if (!m_bootTimeS)
        readMachine();
    Tracked fresh;
    if (!scanOne(pid, 0, fresh))
        return {};
    QJsonObject row = fresh.row;
    const auto scanned = m_procs.find(pid);
    if (scanned != m_procs.end() && scanned->second.startTicks == fresh.startTicks) {
        for (const QString &key :
             {QStringLiteral("cpu"), QStringLiteral("readBps"), QStringLiteral("writeBps"),
              QStringLiteral("gpu"), QStringLiteral("gpuMem")})
            row.insert(key, scanned->second.row.value(key));
    } else {
        // GPU use is known only from a scan that saw the process's DRM clients.
        row.insert(QStringLiteral("gpu"), QJsonValue());
        row.insert(QStringLiteral("gpuMem"), QJsonValue());
    }
    const QString dir = m_procRoot + u'/' + QString::number(pid) + u'/';
    bool ok = false;
    const QByteArray cgroup = ProcFile::readAll(dir + QStringLiteral("cgroup"), &ok);
    row.insert(QStringLiteral("cgroup"),
               ok ? QJsonValue(QString::fromUtf8(cgroup.trimmed())) : QJsonValue());
    row.insert(QStringLiteral("fds"), countEntries(QFile::encodeName(dir + QStringLiteral("fd"))));
    return row;
}

QJsonArray ProcessList::rows() const
{
    std::vector<int> pids;
    pids.reserve(m_procs.size());
    for (const auto &entry : m_procs)
        pids.push_back(entry.first);
    std::sort(pids.begin(), pids.end());
    QJsonArray rows;
    for (int pid : pids)
        rows.append(m_procs.at(pid).row);
    return rows;
}
