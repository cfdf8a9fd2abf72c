#include "processtable.h"

#include "collectors/load/loadavgparser.h"
#include "collectors/processes/procstatparser.h"
#include "logging.h"

#include <QFile>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <climits>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <sys/resource.h>
#include <unistd.h>
#include <utility>

namespace {

// Big enough for /proc with a few hundred PIDs in one getdents64 call; larger trees loop.
constexpr qsizetype DirentBufferSize = 32 * 1024;

// A directory entry named by a positive decimal number is a PID; anything else is not.
int pidFromName(const char *name)
{
    const char *end = name + std::strlen(name);
    int pid = 0;
    const auto [ptr, error] = std::from_chars(name, end, pid);
    return (error == std::errc() && ptr == end && pid > 0) ? pid : 0;
}

} // namespace

ProcessTable::ProcessTable(QString procRoot, int descriptorBudget)
    : m_procRoot(std::move(procRoot))
    , m_loadavg(m_procRoot + QStringLiteral("/loadavg"), ProcFile::ReadMode::SingleRead, 128)
    , m_budget(std::max(descriptorBudget, 0))
{
    m_direntBuffer.resize(DirentBufferSize);
}

ProcessTable::~ProcessTable()
{
    if (m_dirFd >= 0)
        ::close(m_dirFd);
}

void ProcessTable::update(qint64 nowNs)
{
    ++m_tick;
    std::swap(m_previous, m_current);
    m_current.clear();
    const bool listed = tasksCreatedSinceLastTick() ? listPids() : true;
    if (listed) {
        for (const int pid : m_pids)
            sample(pid, nowNs);
    }
    releaseVanished();
    m_previous.clear();
    keepSampledPids();
}

// Listing <proc> is a tenth of a scan. When the kernel has handed out no PID since the last
// listing, no process can have appeared, and the ones that ended show up as failed reads, so
// the last tick's processes are all there is to read. A busy machine creates threads often
// and lists almost every tick; an idle server rarely does.
bool ProcessTable::tasksCreatedSinceLastTick()
{
    bool ok = false;
    const QByteArrayView text = m_loadavg.read(&ok);
    const std::optional<int> lastPid = ok ? LoadAvgParser::lastPid(text) : std::nullopt;
    const bool unchanged = lastPid && m_lastPid == lastPid;
    m_lastPid = lastPid;
    return !unchanged;
}

void ProcessTable::keepSampledPids()
{
    m_pids.clear();
    for (const Entry *entry : m_current)
        m_pids.push_back(entry->pid);
}

bool ProcessTable::openRoot()
{
    if (m_dirFd >= 0)
        return true;
    m_dirFd = ::open(QFile::encodeName(m_procRoot).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (m_dirFd < 0 && !m_rootWarned)
        qCWarning(lcCollect) << "cannot list processes in" << m_procRoot << ::strerror(errno);
    m_rootWarned = m_dirFd < 0;
    return m_dirFd >= 0;
}

bool ProcessTable::listPids()
{
    ++m_listings;
    m_pids.clear();
    if (!openRoot())
        return false;
    // Rewinding the kept-open descriptor makes procfs list the PIDs alive right now.
    if (::lseek(m_dirFd, 0, SEEK_SET) < 0)
        return false;
    for (;;) {
        const ssize_t n = ::getdents64(m_dirFd, m_direntBuffer.data(), size_t(DirentBufferSize));
        if (n <= 0)
            return n == 0;
        parseDirents(m_direntBuffer.constData(), n);
    }
}

void ProcessTable::parseDirents(const char *data, qsizetype size)
{
    for (qsizetype offset = 0; offset < size;) {
        const auto *entry = reinterpret_cast<const struct dirent64 *>(data + offset);
        if (const int pid = pidFromName(entry->d_name))
            m_pids.push_back(pid);
        offset += entry->d_reclen;
    }
}

void ProcessTable::sample(int pid, qint64 nowNs)
{
    auto [it, inserted] = m_entries.try_emplace(pid);
    Entry &entry = it->second;
    if (inserted) {
        entry.pid = pid;
        // A stat line is about 300 bytes and the kernel writes it in one go.
        entry.stat = ProcFile(m_procRoot + u'/' + QString::number(pid) + QStringLiteral("/stat"),
                              ProcFile::ReadMode::SingleRead, 512);
    }
    QByteArrayView text;
    const std::optional<ProcStat> stat =
        readStat(entry, &text) ? ProcStatParser::parse(text) : std::nullopt;
    if (stat && stat->pid == pid) {
        apply(entry, *stat, nowNs);
        m_current.push_back(&entry);
        return;
    }
    // Gone between the listing and the read (ESRCH, ENOENT or an empty read): skip it now;
    // a known entry keeps its identity until evictStale(), a new one is not worth keeping.
    release(entry);
    if (inserted)
        m_entries.erase(it);
}

bool ProcessTable::readStat(Entry &entry, QByteArrayView *text)
{
    bool ok = false;
    *text = entry.stat.read(&ok);
    if (!ok || text->isEmpty())
        return false;
    if (!entry.keptOpen) {
        // Over budget the descriptor is closed again; the text stays valid in the buffer.
        entry.keptOpen = m_open < m_budget;
        if (entry.keptOpen)
            ++m_open;
        else
            entry.stat.close();
    }
    return true;
}

void ProcessTable::apply(Entry &entry, const ProcStat &stat, qint64 nowNs)
{
    const quint64 cpu = stat.utime + stat.stime;
    const bool fresh = entry.seenTick == 0 || entry.startTime != stat.startTime;
    entry.cpuTicks = (fresh || cpu < entry.lastCpuTicks) ? 0 : cpu - entry.lastCpuTicks;
    entry.intervalNs = fresh ? 0 : nowNs - entry.lastSeenNs;
    // Decoding the name is the only allocation: only for a new PID, a reused one or an exec.
    if (fresh || QByteArrayView(entry.comm) != stat.comm) {
        entry.comm = stat.comm.toByteArray();
        entry.name = QString::fromUtf8(stat.comm);
    }
    entry.startTime = stat.startTime;
    entry.lastCpuTicks = cpu;
    entry.lastSeenNs = nowNs;
    entry.rssPages = stat.rssPages;
    entry.threads = stat.threads;
    entry.state = stat.state;
    entry.seenTick = m_tick;
}

void ProcessTable::release(Entry &entry)
{
    if (entry.keptOpen)
        --m_open;
    entry.keptOpen = false;
    // A fresh ProcFile closes the descriptor and frees the read buffer at once.
    entry.stat = ProcFile(entry.stat.path(), ProcFile::ReadMode::SingleRead, 512);
}

void ProcessTable::releaseVanished()
{
    for (const Entry *entry : m_previous) {
        if (entry->seenTick != m_tick)
            release(m_entries.at(entry->pid));
    }
}

void ProcessTable::evictStale(qint64 nowNs, qint64 ttlNs)
{
    const auto stale = [=](const Entry &entry) { return nowNs - entry.lastSeenNs > ttlNs; };
    std::erase_if(m_current, [&](const Entry *entry) { return stale(*entry); });
    for (auto it = m_entries.begin(); it != m_entries.end();) {
        if (!stale(it->second)) {
            ++it;
            continue;
        }
        release(it->second);
        it = m_entries.erase(it);
    }
}

int ProcessTable::defaultDescriptorBudget()
{
    rlimit limit{};
    if (::getrlimit(RLIMIT_NOFILE, &limit) != 0)
        return 0;
    return int(std::min<rlim_t>(limit.rlim_cur / 2, INT_MAX));
}

void ProcessTable::raiseFileLimit()
{
    rlimit limit{};
    if (::getrlimit(RLIMIT_NOFILE, &limit) != 0 || limit.rlim_cur == limit.rlim_max)
        return;
    limit.rlim_cur = limit.rlim_max;
    if (::setrlimit(RLIMIT_NOFILE, &limit) != 0)
        qCWarning(lcCollect) << "cannot raise the open file limit:" << ::strerror(errno);
    else
        qCDebug(lcCollect) << "open file limit raised to" << quint64(limit.rlim_cur);
}
