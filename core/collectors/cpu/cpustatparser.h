#pragma once

#include <QByteArrayView>
#include <QList>
#include <QtGlobal>

#include <optional>

// Time one CPU, or all of them together, has spent in each state since boot, in jiffies
// (USER_HZ ticks). guest and guest_nice are not here: the kernel already counts them inside user
// and nice, so adding them would count that time twice.
struct CpuTimes
{
    quint64 user = 0;    // jiffies running user code at normal priority
    quint64 nice = 0;    // jiffies running user code at lowered priority
    quint64 system = 0;  // jiffies running kernel code
    quint64 idle = 0;    // jiffies idle
    quint64 iowait = 0;  // jiffies idle with I/O outstanding
    quint64 irq = 0;     // jiffies servicing hardware interrupts
    quint64 softirq = 0; // jiffies servicing softirqs
    quint64 steal = 0;   // jiffies the hypervisor gave to other guests

    friend bool operator==(const CpuTimes &, const CpuTimes &) = default;
};

// One reading of /proc/stat.
struct CpuStat
{
    CpuTimes total;                       // the aggregate "cpu" line, in jiffies
    QList<std::optional<CpuTimes>> cores; // cores[N] is line "cpuN"; empty while CPU N is offline
    qint64 bootTime = 0;                  // btime, seconds since the epoch; 0 when absent

    friend bool operator==(const CpuStat &, const CpuStat &) = default;
};

// Turns /proc/stat text into CPU times. Pure: no file access.
class CpuStatParser
{
public:
    // The CPU times and boot time in the text; nullopt when the aggregate "cpu" line is missing or
    // malformed. Malformed "cpuN" lines are skipped (their slot stays empty), columns that old
    // kernels do not have read as 0.
    static std::optional<CpuStat> parse(QByteArrayView text);
};
