#pragma once

#include <QByteArrayView>
#include <QtGlobal>

#include <optional>

// The fields Vantage uses from one /proc/[pid]/stat line (see proc(5) for the numbering).
// comm is a view into the parsed text: it lives only as long as that buffer.
struct ProcStat
{
    int pid = 0;           // field 1, process id
    QByteArrayView comm;   // field 2, command name without its parentheses (raw bytes)
    char state = 0;        // field 3, one letter: R running, S sleeping, Z zombie, ...
    quint64 utime = 0;     // field 14, user-mode CPU time in clock ticks
    quint64 stime = 0;     // field 15, kernel-mode CPU time in clock ticks
    int threads = 0;       // field 20, number of threads
    quint64 startTime = 0; // field 22, start time in clock ticks after boot
    quint64 rssPages = 0;  // field 24, resident set size in pages
};

// Parses one /proc/[pid]/stat line. Pure and allocation-free: text in, numbers and views out.
class ProcStatParser
{
public:
    // The fields above, or nullopt when the line is malformed or ends before field 24.
    static std::optional<ProcStat> parse(QByteArrayView line);
};
