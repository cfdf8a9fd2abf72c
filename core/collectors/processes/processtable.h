#pragma once

#include "io/procfile.h"

#include <QByteArray>
#include <QString>
#include <QtGlobal>

#include <optional>
#include <span>
#include <unordered_map>
#include <vector>

struct ProcStat;

// Every process under <proc>, sampled each tick from its /proc/[pid]/stat alone: that one line
// carries the CPU times, the thread count (field 20) and the resident page count (field 24, the
// same number as the second field of statm), so one file per PID is enough.
// Cost model: the PID list comes from getdents64 on one kept-open directory descriptor rewound
// with lseek; each PID's stat stays open (within a descriptor budget) and is reread with pread;
// the name is decoded only when a PID is new, reused or exec'd. After warm-up, and within the
// descriptor budget, a tick allocates nothing per PID (getdents64 measured a little cheaper
// than opendir/readdir: see bench/).
class ProcessTable
{
public:
    // One PID's cached identity and its latest sample.
    struct Entry
    {
        ProcFile stat;            // <proc>/<pid>/stat, kept open while within the budget
        QString name;             // the command name, decoded from comm as UTF-8
        QByteArray comm;          // the raw comm bytes the name was decoded from
        int pid = 0;              // process id
        quint64 startTime = 0;    // clock ticks after boot; a change means the PID was reused
        quint64 lastCpuTicks = 0; // utime + stime at the last sample, clock ticks
        qint64 lastSeenNs = 0;    // monotonic time of the last successful sample, ns
        quint64 cpuTicks = 0;     // utime + stime used since the previous sample, clock ticks
        qint64 intervalNs = 0;    // time since the previous sample, ns; 0 when there was none
        quint64 rssPages = 0;     // resident set size, pages
        int threads = 0;          // number of threads
        char state = 0;           // state letter from stat: R running, S sleeping, Z zombie...
        quint64 seenTick = 0;     // the update() that last sampled this entry
        bool keptOpen = false;    // whether stat's descriptor counts against the budget
    };

    // procRoot is the procfs mount (SystemPaths::procRoot). At most descriptorBudget stat files
    // stay open between ticks; the rest are reopened on every tick.
    explicit ProcessTable(QString procRoot, int descriptorBudget = defaultDescriptorBudget());
    ~ProcessTable();
    ProcessTable(const ProcessTable &) = delete;
    ProcessTable &operator=(const ProcessTable &) = delete;

    // Lists the PIDs and samples each one; nowNs is the tick's monotonic time in ns.
    void update(qint64 nowNs);
    // Listings of <proc> done so far; a tick in which the kernel created no task skips it.
    quint64 listings() const { return m_listings; }
    // The processes sampled by the last update(), in listing order; valid until the next
    // update() or evictStale().
    std::span<const Entry *const> current() const { return m_current; }
    // Drops the entries of processes not seen within ttlNs of nowNs (both in ns).
    void evictStale(qint64 nowNs, qint64 ttlNs);

    // Entries held, including those of vanished processes not yet evicted.
    qsizetype size() const { return qsizetype(m_entries.size()); }
    // stat descriptors kept open between ticks; never more than descriptorBudget().
    int openDescriptors() const { return m_open; }
    // The most stat descriptors kept open between ticks.
    int descriptorBudget() const { return m_budget; }

    // Half of the soft RLIMIT_NOFILE: the server and the other collectors need the rest.
    static int defaultDescriptorBudget();
    // Raises the soft RLIMIT_NOFILE to the hard limit; called once at start-up.
    static void raiseFileLimit();

private:
    bool openRoot();
    bool listPids();
    bool tasksCreatedSinceLastTick();
    void keepSampledPids();
    void parseDirents(const char *data, qsizetype size);
    void sample(int pid, qint64 nowNs);
    bool readStat(Entry &entry, QByteArrayView *text);
    void apply(Entry &entry, const ProcStat &stat, qint64 nowNs);
    void release(Entry &entry);
    void releaseVanished();

    QString m_procRoot;
    std::unordered_map<int, Entry> m_entries;
    std::vector<const Entry *> m_current;
    std::vector<const Entry *> m_previous;
    std::vector<int> m_pids;
    QByteArray m_direntBuffer;
    ProcFile m_loadavg;           // its last field is the PID most recently handed out
    std::optional<int> m_lastPid; // as read at the previous listing
    quint64 m_listings = 0;
    quint64 m_tick = 0;
    int m_budget = 0;
    int m_open = 0;
    int m_dirFd = -1;
    bool m_rootWarned = false;
};
